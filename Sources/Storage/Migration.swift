import Foundation

/// One versioned schema change: the SQL of `Migrations/NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    /// The number before the underscore, e.g. 2 for `0002_journal.sql`.
    public var version: Int
    /// The name after the underscore, e.g. `journal`.
    public var name: String
    /// The SQL script.
    public var sql: String

    /// Creates a migration from its parts.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the script's UTF-8 bytes, in hex: recorded when applied, compared on every run.
    public var checksum: String { SHA256.hex(Array(sql.utf8)) }

    /// The migrations bundled with Storage (`Sources/Storage/Migrations`), in version order.
    public static func bundled() throws(MigrationError) -> [Migration] {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw .missingFolder("Migrations resource folder not found in the Storage bundle")
        }
        return try load(from: folder)
    }

    /// Reads every `NNNN_name.sql` in `folder`, rejecting other `.sql` names and repeated versions.
    public static func load(from folder: URL) throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .missingFolder("cannot list \(folder.path): \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            guard file.range(of: "^[0-9]{4}_[a-z0-9_]+\\.sql$", options: .regularExpression) != nil,
                  let version = Int(file.prefix(4)) else {
                throw .badFileName(file)
            }
            let name = String(file.dropFirst(5).dropLast(4))
            let url = folder.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .missingFolder("cannot read \(url.path)")
            }
            guard let sql = String(data: data, encoding: .utf8) else { throw .notUTF8(file) }
            if let clash = migrations.first(where: { $0.version == version }) {
                throw .duplicateVersion(version, clash.name, name)
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations
    }
}

/// Why migrations could not be loaded or applied.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The migrations folder or a file in it cannot be read.
    case missingFolder(String)
    /// A `.sql` file whose name is not `NNNN_lower_case_name.sql`.
    case badFileName(String)
    /// A migration file is not UTF-8 text.
    case notUTF8(String)
    /// Two files share a version number.
    case duplicateVersion(Int, String, String)
    /// An applied migration's SQL differs from the file now: never edit an applied migration; add a new one.
    case checksumMismatch(version: Int, name: String, applied: String, file: String)
    /// The database has a migration this code does not know (it is newer than the code).
    case unknownApplied(version: Int, name: String)
    /// A migration failed; nothing of it was applied.
    case failed(version: Int, name: String, PostgresError)
    /// Reading or writing `schema_migrations` failed.
    case database(PostgresError)

    /// A readable explanation, for logs and error messages.
    public var description: String {
        switch self {
        case let .missingFolder(message): return message
        case let .badFileName(file): return "migration file \(file) is not named NNNN_lower_case_name.sql"
        case let .notUTF8(file): return "migration file \(file) is not UTF-8"
        case let .duplicateVersion(version, a, b): return "migrations \(a) and \(b) both have version \(version)"
        case let .checksumMismatch(version, name, applied, file):
            return "migration \(String(format: "%04d", version))_\(name) was applied with checksum \(applied.prefix(12))… "
                + "but the file now has \(file.prefix(12))…: applied migrations must not change; restore the file and add a new migration"
        case let .unknownApplied(version, name):
            return "the database has migration \(String(format: "%04d", version))_\(name), which this build does not have; "
                + "it was migrated by a newer BlueLamp"
        case let .failed(version, name, error):
            return "migration \(String(format: "%04d", version))_\(name) failed and was rolled back: \(error)"
        case let .database(error): return "migrations: \(error)"
        }
    }
}
