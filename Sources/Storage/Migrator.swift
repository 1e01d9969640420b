/// Applies versioned migrations to a database, recording them in `schema_migrations`
/// (version, name, checksum, applied_at) in the connection's current schema.
///
/// - Each migration runs in its own transaction together with its `schema_migrations` row.
/// - A session advisory lock on (`advisoryLockKey`, hash of the current schema) makes concurrent
///   runners on the same schema wait for each other (the second finds nothing left to do); runners
///   on other schemas or databases do not wait.
/// - An applied migration whose file changed, or an applied version the code does not know, stops
///   the run before anything is applied.
public struct Migrator: Sendable {
    /// The migrations, in version order.
    public let migrations: [Migration]

    /// The first key of the two-key `pg_advisory_lock` ("BLMP" in ASCII); the second is `hashtext(current_schema())`.
    public static let advisoryLockKey: Int = 0x424C_4D50

    /// Creates a runner for `migrations` (sorted by version here).
    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// What a run did.
    public struct Report: Sendable, Equatable {
        /// Versions applied by this run.
        public var applied: [Int]
        /// Versions that were already applied.
        public var alreadyApplied: [Int]
    }

    /// Brings the database up to date.
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws(MigrationError) -> Report {
        do {
            try connection.query("SELECT pg_advisory_lock($1::int4, hashtext(current_schema()))", [.int(Migrator.advisoryLockKey)])
        } catch {
            throw .database(error)
        }
        defer { _ = try? connection.query("SELECT pg_advisory_unlock($1::int4, hashtext(current_schema()))", [.int(Migrator.advisoryLockKey)]) }

        let applied: [Int: (name: String, checksum: String)]
        do {
            try connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let rows = try connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version").rows
            var map: [Int: (name: String, checksum: String)] = [:]
            for row in rows {
                map[try row["version"].int()] = (try row["name"].string(), try row["checksum"].string())
            }
            applied = map
        } catch {
            throw .database(error)
        }

        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = migrations.first(where: { $0.version == version }) else {
                throw .unknownApplied(version: version, name: record.name)
            }
            guard migration.checksum == record.checksum else {
                throw .checksumMismatch(version: version, name: migration.name, applied: record.checksum, file: migration.checksum)
            }
        }

        var report = Report(applied: [], alreadyApplied: applied.keys.sorted())
        for migration in migrations where applied[migration.version] == nil {
            do {
                try connection.query("BEGIN")
                try connection.execute(script: migration.sql)
                try connection.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                                     [.int(migration.version), .text(migration.name), .text(migration.checksum)])
                try connection.query("COMMIT")
            } catch {
                if connection.isOpen { _ = try? connection.query("ROLLBACK") }
                throw .failed(version: migration.version, name: migration.name, error)
            }
            report.applied.append(migration.version)
        }
        return report
    }
}
