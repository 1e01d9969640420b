import Foundation

extension LocalPostgres {
    /// What `start()` did.
    public enum StartOutcome: String, Sendable {
        /// The cluster was already running and is reused.
        case alreadyRunning = "already running"
        /// An existing cluster was started.
        case started
        /// A new cluster was created and started.
        case created = "created and started"
    }

    /// What `status()` found.
    public struct Status: Sendable, Equatable {
        /// Whether `initdb` has run (the data directory holds `PG_VERSION`).
        public var isInitialized: Bool
        /// Whether the server is running.
        public var isRunning: Bool
        /// The postmaster's process id, when running.
        public var pid: Int?
    }

    /// Creates the cluster if needed, starts it if it is not running, and makes sure the `bluelamp`
    /// database exists with PostGIS and the migrations. Safe to call from several processes at once.
    @discardableResult
    public func start() throws(LocalPostgresError) -> StartOutcome {
        let lock = try FileLock(lockFile)
        defer { lock.unlock() }
        var outcome = StartOutcome.alreadyRunning
        if !isInitialized {
            try initialize()
            outcome = .created
        }
        if try !isRunning() {
            try writeConfiguration()
            try launch()
            if outcome == .alreadyRunning { outcome = .started }
        }
        try createDatabaseIfMissing(LocalPostgres.database, migrate: true)
        return outcome
    }

    /// Stops the server (`pg_ctl stop -m fast`: open sessions are ended, transactions rolled back).
    /// Returns false when it was not running.
    @discardableResult
    public func stop() throws(LocalPostgresError) -> Bool {
        let lock = try FileLock(lockFile)
        defer { lock.unlock() }
        guard isInitialized, try isRunning() else { return false }
        try pgCtl(["stop", "-D", dataDirectory.path, "-m", "fast", "-w", "-t", "60", "-s"])
        return true
    }

    /// Whether the cluster exists and runs.
    public func status() throws(LocalPostgresError) -> Status {
        guard isInitialized else { return Status(isInitialized: false, isRunning: false, pid: nil) }
        let running = try isRunning()
        var pid: Int?
        if running, let text = try? String(contentsOf: dataDirectory.appendingPathComponent("postmaster.pid"), encoding: .utf8) {
            pid = text.split(separator: "\n").first.flatMap { Int($0) }
        }
        return Status(isInitialized: true, isRunning: running, pid: pid)
    }

    /// Creates `name` (a plain identifier) on the running cluster if it does not exist, with PostGIS
    /// enabled, and with BlueLamp's migrations applied when `migrate` is set.
    public func createDatabaseIfMissing(_ name: String, migrate: Bool) throws(LocalPostgresError) {
        guard name.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw .io("database name \"\(name)\" must be a lower-case identifier")
        }
        let lock = try FileLock(lockFile.deletingPathExtension().appendingPathExtension("db.lock"))
        defer { lock.unlock() }
        do {
            let admin = try PostgresConnection(conninfo(database: "postgres"))
            let exists = try admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [.text(name)]).rowCount > 0
            if !exists { try admin.query("CREATE DATABASE \(try admin.quoteIdentifier(name))") }
            let connection = try PostgresConnection(conninfo(database: name))
            if migrate {
                try Migrator(migrations: try Migration.bundled()).migrate(connection)
            } else {
                try connection.query("CREATE EXTENSION IF NOT EXISTS postgis")
            }
        } catch let error as PostgresError {
            throw .database(error)
        } catch let error as LocalPostgresError {
            throw error
        } catch {
            throw .io("preparing database \(name): \(error)")
        }
    }

    // MARK: - Steps

    var isInitialized: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// `pg_ctl status`: exit 0 running, 3 not running, 4 no usable data directory.
    func isRunning() throws(LocalPostgresError) -> Bool {
        let outcome = try ProcessRunner.run(binDirectory.appendingPathComponent("pg_ctl").path,
                                            ["status", "-D", dataDirectory.path], asUser: serverUser, in: clusterDirectory)
        switch outcome.status {
        case 0: return true
        case 3, 4: return false
        default:
            throw .commandFailed(command: "pg_ctl status -D \(dataDirectory.path)", status: outcome.status, output: outcome.output)
        }
    }

    /// `initdb` with the `bluelamp` superuser, trust authentication and UTF-8 without locale.
    func initialize() throws(LocalPostgresError) {
        // A data directory without PG_VERSION is left over from an interrupted initdb: start afresh.
        if FileManager.default.fileExists(atPath: dataDirectory.path) {
            do { try FileManager.default.removeItem(at: dataDirectory) } catch {
                throw .io("cannot remove the incomplete cluster at \(dataDirectory.path): \(error.localizedDescription)")
            }
        }
        try ProcessRunner.check(binDirectory.appendingPathComponent("initdb").path,
                                ["-D", dataDirectory.path, "-U", LocalPostgres.user, "-A", "trust",
                                 "-E", "UTF8", "--no-locale", "--no-sync"],
                                asUser: serverUser, in: clusterDirectory)
        let conf = dataDirectory.appendingPathComponent("postgresql.conf")
        do {
            let handle = try FileHandle(forWritingTo: conf)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n# BlueLamp's settings (socket only, paths): rewritten at every start.\ninclude_if_exists = 'bluelamp.conf'\n".utf8))
        } catch {
            throw .io("cannot extend \(conf.path): \(error.localizedDescription)")
        }
    }

    /// Writes `bluelamp.conf` (included from postgresql.conf): no TCP, the socket folder, limits.
    func writeConfiguration() throws(LocalPostgresError) {
        let socket = socketDirectory.path.replacingOccurrences(of: "'", with: "''")
        let text = """
            # Written by BlueLamp's LocalPostgres at every start; edits are lost.
            listen_addresses = ''
            port = \(LocalPostgres.port)
            unix_socket_directories = '\(socket)'
            unix_socket_permissions = 0700
            max_connections = 200
            log_min_messages = warning
            log_min_error_statement = panic

            """
        let url = dataDirectory.appendingPathComponent("bluelamp.conf")
        do {
            try Data(text.utf8).write(to: url)
        } catch {
            throw .io("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// `pg_ctl start`, waiting until the server accepts connections; on failure the error carries
    /// the end of the server log.
    func launch() throws(LocalPostgresError) {
        do {
            try pgCtl(["start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "120", "-s"])
        } catch let LocalPostgresError.commandFailed(command, status, output) {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            let tail = log.split(separator: "\n").suffix(20).joined(separator: "\n")
            throw .commandFailed(command: command, status: status, output: output + "\nserver log (\(logFile.path)):\n" + tail)
        }
    }

    private func pgCtl(_ arguments: [String]) throws(LocalPostgresError) {
        try ProcessRunner.check(binDirectory.appendingPathComponent("pg_ctl").path, arguments,
                                asUser: serverUser, in: clusterDirectory)
    }
}
