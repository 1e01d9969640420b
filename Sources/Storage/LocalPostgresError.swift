/// Why the local PostgreSQL cluster could not be set up, started, stopped or queried.
public enum LocalPostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `initdb`/`pg_ctl` were not found.
    case binariesNotFound(searched: [String])
    /// A command exited with a failure status; `output` is what it printed (and the server log's tail for a failed start).
    case commandFailed(command: String, status: Int32, output: String)
    /// A file-system operation failed.
    case io(String)
    /// The process runs as root and there is no `postgres` system user to run the server as.
    case noPostgresUser
    /// Talking to the started cluster failed.
    case database(PostgresError)

    /// A readable explanation, for logs and error messages.
    public var description: String {
        switch self {
        case let .binariesNotFound(searched):
            return "PostgreSQL server binaries (initdb, pg_ctl) not found in \(searched.joined(separator: ", ")); "
                + "install postgresql-15 (scripts/setup.sh does) or set DATABASE_URL to an existing server"
        case let .commandFailed(command, status, output):
            return "`\(command)` failed with status \(status):\n\(output)"
        case let .io(message):
            return message
        case .noPostgresUser:
            return "running as root, PostgreSQL must run as the `postgres` system user, which does not exist; "
                + "install postgresql-15 (it creates the user) or run as an ordinary user"
        case let .database(error):
            return "local PostgreSQL: \(error)"
        }
    }
}
