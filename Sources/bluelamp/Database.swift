import ArgumentParser
import Foundation
import Storage

/// `bluelamp db start|stop|status|url`: the project's local PostGIS cluster.
struct Database: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the project's private PostgreSQL + PostGIS cluster (.bluelamp/postgres).",
        discussion: """
            The cluster listens on a unix socket only, with trust authentication, and holds a `bluelamp`
            database with PostGIS and BlueLamp's migrations. As root the server runs as the `postgres`
            system user; if that user cannot reach the project folder the cluster lives in
            /tmp/bluelamp-<hash of the project path>. With DATABASE_URL set, BlueLamp's commands and tests
            use that database instead and never start this cluster.
            """,
        subcommands: [DatabaseStart.self, DatabaseStop.self, DatabaseStatus.self, DatabaseURL.self]
    )
}

/// Options shared by the `db` subcommands.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder (default: the nearest folder above the current one holding Package.swift).")
    var project: String?

    /// The local cluster of the chosen project.
    func cluster() throws -> LocalPostgres {
        let start = project.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return try LocalPostgres(projectRoot: LocalPostgres.findProjectRoot(startingAt: start))
    }
}

struct DatabaseStart: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start",
        abstract: "Create (first time) and start the cluster; reuse it when already running.")
    @OptionGroup var options: DatabaseOptions

    func run() throws {
        let cluster = try options.cluster()
        let outcome = try cluster.start()
        print("local PostgreSQL \(outcome.rawValue): \(cluster.url())")
        if DatabaseEnvironment.databaseURL != nil {
            print("note: DATABASE_URL is set, so BlueLamp's commands and tests use it rather than this cluster")
        }
    }
}

struct DatabaseStop: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop",
        abstract: "Stop the cluster (pg_ctl stop -m fast).")
    @OptionGroup var options: DatabaseOptions

    func run() throws {
        let cluster = try options.cluster()
        print(try cluster.stop() ? "local PostgreSQL stopped" : "local PostgreSQL was not running")
    }
}

struct DatabaseStatus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status",
        abstract: "Say whether the cluster exists and runs (exit status 3 when it does not run).")
    @OptionGroup var options: DatabaseOptions

    func run() throws {
        let cluster = try options.cluster()
        let status = try cluster.status()
        let state = status.isRunning ? "running (pid \(status.pid.map(String.init) ?? "?"))"
            : status.isInitialized ? "stopped" : "not created yet"
        print("""
            local PostgreSQL: \(state)
            data:    \(cluster.dataDirectory.path)
            socket:  \(cluster.socketDirectory.path)
            log:     \(cluster.logFile.path)
            server user: \(cluster.serverUser ?? "the current user")
            url:     \(cluster.url())
            """)
        if let url = DatabaseEnvironment.databaseURL {
            print("DATABASE_URL is set (\(ConnectionInfoDisplay.redact(url))): commands and tests use it instead")
        }
        if !status.isRunning { throw ExitCode(3) }
    }
}

struct DatabaseURL: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "url",
        abstract: "Print the database URL BlueLamp uses: DATABASE_URL if set, else the local cluster's.")
    @OptionGroup var options: DatabaseOptions

    @Flag(name: .long, help: "Print the local cluster's URL even when DATABASE_URL is set.")
    var local = false

    func run() throws {
        if !local, let url = DatabaseEnvironment.databaseURL {
            print(url)
        } else {
            print(try options.cluster().url())
        }
    }
}

/// Shows a connection string without its password.
enum ConnectionInfoDisplay {
    static func redact(_ conninfo: String) -> String {
        (try? ConnectionInfo(conninfo).redacted) ?? "a connection string that does not parse"
    }
}
