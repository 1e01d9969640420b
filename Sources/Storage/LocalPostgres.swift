import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL + PostGIS cluster for development, tests and benchmarks, kept in the
/// project's git-ignored `.bluelamp/postgres/` folder and reachable only through a unix socket there
/// (no TCP), with trust authentication and a `bluelamp` database that has the migrations applied.
///
/// - Root: PostgreSQL refuses to run as root, so when this process is root the server runs as the
///   `postgres` system user (`runuser -u postgres --`) and its folder is chowned to that user. If
///   that user cannot reach the project folder (e.g. a clone under `/root`, mode 700), the cluster
///   lives in `/tmp/bluelamp-<hash of the project path>/` instead.
/// - Unix sockets have a 107-byte path limit; when the cluster folder's path is too long the socket
///   goes to `/tmp/bluelamp-sock-<hash>/`.
/// - `start()` is idempotent (a running cluster is reused) and safe across processes: start, stop
///   and database creation hold an exclusive `flock` on `postgres.lock` in the state folder.
/// - With `DATABASE_URL` set, use `DatabaseEnvironment` instead: commands and tests then never start this.
public struct LocalPostgres: Sendable {
    /// The database role (a superuser, trust authentication on the socket).
    public static let user = "bluelamp"
    /// The main database, with BlueLamp's migrations applied.
    public static let database = "bluelamp"
    /// The port number; it only names the socket file (`.s.PGSQL.5432`) since TCP is off.
    public static let port = 5432

    /// The project the cluster belongs to.
    public let projectRoot: URL
    /// `<project>/.bluelamp`, or `/tmp/bluelamp-<hash>` when the server user cannot reach the project.
    public let stateDirectory: URL
    /// Where the server puts its socket.
    public let socketDirectory: URL
    /// Where `initdb`, `pg_ctl` and `postgres` are.
    public let binDirectory: URL
    /// The system user the server runs as when this process is root; nil when it runs as the current user.
    public let serverUser: String?

    /// `<state>/postgres`: the data directory, the server log and (usually) the socket.
    public var clusterDirectory: URL { stateDirectory.appendingPathComponent("postgres") }
    /// The cluster's data directory (PGDATA).
    public var dataDirectory: URL { clusterDirectory.appendingPathComponent("data") }
    /// The server's log file.
    public var logFile: URL { clusterDirectory.appendingPathComponent("server.log") }
    var lockFile: URL { stateDirectory.appendingPathComponent("postgres.lock") }

    /// Works out where the cluster of `projectRoot` lives and prepares its folders (creating and,
    /// as root, chowning them). Starts nothing.
    public init(projectRoot: URL) throws(LocalPostgresError) {
        self.projectRoot = projectRoot.standardizedFileURL
        self.binDirectory = try LocalPostgres.findBinDirectory()
        let account: Account?
        if geteuid() == 0 {
            guard let postgres = Account(name: "postgres") else { throw .noPostgresUser }
            account = postgres
        } else {
            account = nil
        }
        self.serverUser = account?.name
        let hash = String(SHA256.hex(Array(self.projectRoot.path.utf8)).prefix(12))
        let local = self.projectRoot.appendingPathComponent(".bluelamp")
        if LocalPostgres.prepare(state: local, for: account) {
            stateDirectory = local
        } else {
            let fallback = URL(fileURLWithPath: "/tmp/bluelamp-\(hash)")
            guard LocalPostgres.prepare(state: fallback, for: account) else {
                throw .io("cannot prepare a folder for the local PostgreSQL cluster in \(local.path) or \(fallback.path)"
                          + (account.map { " that the `\($0.name)` user can use" } ?? ""))
            }
            stateDirectory = fallback
        }
        let socketFile = stateDirectory.appendingPathComponent("postgres/.s.PGSQL.\(LocalPostgres.port)")
        if socketFile.path.utf8.count <= 107 {
            socketDirectory = stateDirectory.appendingPathComponent("postgres")
        } else {
            socketDirectory = URL(fileURLWithPath: "/tmp/bluelamp-sock-\(hash)")
            try LocalPostgres.makeDirectory(socketDirectory, owner: account)
        }
    }

    // MARK: - Connection strings

    /// A libpq `key=value` connection string for `database` over the socket.
    public func conninfo(database: String = LocalPostgres.database) -> String {
        ConnectionInfo.quoteSettings([("host", socketDirectory.path), ("port", String(LocalPostgres.port)),
                                      ("user", LocalPostgres.user), ("dbname", database)])
    }

    /// The same as a `postgresql://` URL (what `DATABASE_URL` holds).
    public func url(database: String = LocalPostgres.database) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        let host = socketDirectory.path.addingPercentEncoding(withAllowedCharacters: allowed) ?? socketDirectory.path
        return "postgresql:///\(database)?host=\(host)&port=\(LocalPostgres.port)&user=\(LocalPostgres.user)"
    }

    // MARK: - Folders

    /// A system account's ids.
    struct Account: Sendable {
        var name: String
        var uid: uid_t
        var gid: gid_t

        init?(name: String) {
            guard let entry = getpwnam(name) else { return nil }
            self.name = name
            uid = entry.pointee.pw_uid
            gid = entry.pointee.pw_gid
        }
    }

    /// Creates `state/postgres` (owned by `account`, when given) and checks that account can write
    /// there. False when the folder cannot be made or reached.
    static func prepare(state: URL, for account: Account?) -> Bool {
        do {
            try makeDirectory(state, owner: nil)
            let cluster = state.appendingPathComponent("postgres")
            try makeDirectory(cluster, owner: account)
            guard let account else { return true }
            // Path resolution needs search permission on every ancestor: ask as that user.
            let probe = try ProcessRunner.run("/usr/bin/test", ["-w", cluster.path, "-a", "-x", cluster.path], asUser: account.name)
            return probe.status == 0
        } catch {
            return false
        }
    }

    /// Creates a folder if missing (refusing one that is a symlink or belongs to another user) and
    /// gives it to `owner`.
    static func makeDirectory(_ url: URL, owner: Account?) throws(LocalPostgresError) {
        var info = stat()
        if lstat(url.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .io("\(url.path) exists and is not a folder") }
            let expected = owner?.uid ?? geteuid()
            guard info.st_uid == expected || info.st_uid == geteuid() else {
                throw .io("\(url.path) belongs to another user (uid \(info.st_uid)); remove it or choose another project path")
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o755])
            } catch {
                throw .io("cannot create \(url.path): \(error.localizedDescription)")
            }
        }
        if let owner, chown(url.path, owner.uid, owner.gid) != 0 {
            throw .io("cannot give \(url.path) to \(owner.name): \(String(cString: strerror(errno)))")
        }
    }

    /// `pg_config --bindir` when it holds `pg_ctl`, else the newest `/usr/lib/postgresql/N/bin`.
    static func findBinDirectory() throws(LocalPostgresError) -> URL {
        var searched: [String] = []
        let fileManager = FileManager.default
        for pgConfig in ["/usr/bin/pg_config", "/usr/local/bin/pg_config"] where fileManager.isExecutableFile(atPath: pgConfig) {
            if let outcome = try? ProcessRunner.run(pgConfig, ["--bindir"]), outcome.status == 0 {
                let dir = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
                searched.append(dir)
                if fileManager.isExecutableFile(atPath: dir + "/pg_ctl"), fileManager.isExecutableFile(atPath: dir + "/initdb") {
                    return URL(fileURLWithPath: dir)
                }
            }
        }
        let versions = ((try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions {
            let dir = "/usr/lib/postgresql/\(version)/bin"
            searched.append(dir)
            if fileManager.isExecutableFile(atPath: dir + "/pg_ctl"), fileManager.isExecutableFile(atPath: dir + "/initdb") {
                return URL(fileURLWithPath: dir)
            }
        }
        if searched.isEmpty { searched = ["pg_config --bindir", "/usr/lib/postgresql/*/bin"] }
        throw .binariesNotFound(searched: searched)
    }

    /// Walks up from `start` to the first folder holding `Package.swift` (the project root), or returns `start`.
    public static func findProjectRoot(startingAt start: URL) -> URL {
        var candidate = start.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Package.swift").path) { return candidate }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return start.standardizedFileURL }
            candidate = parent
        }
    }
}

extension ConnectionInfo {
    /// Renders settings in the `key=value` form, quoting values that need it.
    static func quoteSettings(_ settings: [(String, String)]) -> String {
        settings.map { "\($0.0)=\(quote($0.1))" }.joined(separator: " ")
    }
}
