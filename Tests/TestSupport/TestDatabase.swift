import Foundation
import Storage

/// The database tests use: `DATABASE_URL` when set, otherwise the project's local cluster
/// (started once per process if needed — safe when several test processes start it at once) and
/// its `bluelamp_test` database, with PostGIS.
///
/// Tests stay parallel-safe by working in a schema of their own: `withSchema { schema in … }` creates
/// `t_<random>`, points `search_path` at it (then `public`, where PostGIS lives), applies BlueLamp's
/// migrations there unless told not to, and drops it afterwards.
public enum TestDatabase {
    /// The name of the tests' database in the local cluster.
    public static let localDatabaseName = "bluelamp_test"

    /// A connection string for the test database, preparing it on first use.
    public static func conninfo() throws -> String {
        try preparation.value()
    }

    /// A new connection to the test database (its `public` schema).
    public static func connect() throws -> PostgresConnection {
        try PostgresConnection(try conninfo())
    }

    /// Runs `body` with a fresh schema of its own, dropped afterwards.
    public static func withSchema<T>(migrated: Bool = true, _ body: (TestSchema) throws -> T) throws -> T {
        let schema = try TestSchema.create(migrated: migrated)
        defer { schema.drop() }
        return try body(schema)
    }

    /// Runs async `body` with a fresh schema of its own, dropped afterwards.
    public static func withSchema<T>(migrated: Bool = true, _ body: (TestSchema) async throws -> T) async throws -> T {
        let schema = try TestSchema.create(migrated: migrated)
        do {
            let value = try await body(schema)
            schema.drop()
            return value
        } catch {
            schema.drop()
            throw error
        }
    }

    /// Prepares the database once per process and remembers the outcome (success or the error).
    private static let preparation = Once {
        if let url = DatabaseEnvironment.databaseURL {
            let connection = try PostgresConnection(url)
            try connection.query("CREATE EXTENSION IF NOT EXISTS postgis")
            return url
        }
        let cluster = try LocalPostgres(projectRoot: SharedData.projectRoot)
        try cluster.start()
        try cluster.createDatabaseIfMissing(localDatabaseName, migrate: false)
        return cluster.conninfo(database: localDatabaseName)
    }
}

/// A schema private to one test, with `search_path` set in its connection string.
public struct TestSchema: Sendable {
    /// The schema's name, `t_` and 16 hex digits.
    public let name: String
    /// A connection string whose sessions start with `search_path = <name>, public`.
    public let conninfo: String

    /// A new connection working in this schema.
    public func connect() throws -> PostgresConnection {
        try PostgresConnection(conninfo)
    }

    /// A new shared client working in this schema.
    public func client() -> PostgresClient {
        PostgresClient(conninfo: conninfo)
    }

    static func create(migrated: Bool) throws -> TestSchema {
        let base = try TestDatabase.conninfo()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try PostgresConnection(base)
        try admin.query("CREATE SCHEMA \(name)")
        let info = try ConnectionInfo(base)
        let options = [info["options"], "-c search_path=\(name),public"].compactMap { $0 }.joined(separator: " ")
        let schema = TestSchema(name: name, conninfo: info.setting("options", to: options).conninfo)
        if migrated {
            try Migrator(migrations: try Migration.bundled()).migrate(try schema.connect())
        }
        return schema
    }

    /// Drops the schema and everything in it (errors ignored: the database is disposable).
    func drop() {
        guard let admin = try? PostgresConnection((try? TestDatabase.conninfo()) ?? "") else { return }
        _ = try? admin.query("DROP SCHEMA IF EXISTS \(name) CASCADE")
    }
}

/// Computes a value once, on first request, for the whole process; later callers get the same
/// value or the same error.
final class Once<Value: Sendable>: @unchecked Sendable {
    // `outcome` is only read and written while `lock` is held.
    private let lock = NSLock()
    private var outcome: Result<Value, Error>?
    private let make: @Sendable () throws -> Value

    init(_ make: @escaping @Sendable () throws -> Value) {
        self.make = make
    }

    func value() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let outcome { return try outcome.get() }
        let result = Result { try make() }
        outcome = result
        return try result.get()
    }
}
