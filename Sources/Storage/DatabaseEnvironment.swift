import Foundation

/// Which database commands and tests use: `DATABASE_URL` when it is set, otherwise the project's
/// local cluster (`LocalPostgres`), started on demand.
public enum DatabaseEnvironment {
    /// `$DATABASE_URL`, when set and not empty.
    public static var databaseURL: String? {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// A connection string for BlueLamp's main database: `DATABASE_URL` as is, or the local cluster's
    /// `bluelamp` database (started and migrated if needed) for the project containing `directory`.
    public static func conninfo(projectContaining directory: URL) throws -> String {
        if let databaseURL { return databaseURL }
        let local = try LocalPostgres(projectRoot: LocalPostgres.findProjectRoot(startingAt: directory))
        try local.start()
        return local.conninfo()
    }
}
