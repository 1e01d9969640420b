import Foundation
import Testing
import TestSupport
@testable import Storage
#if canImport(Glibc)
import Glibc
#endif

/// The project's own cluster (the one the other tests use) and, in throw-away projects, a fresh one.
@Suite("LocalPostgres", .disabled(if: DatabaseEnvironment.databaseURL != nil, "DATABASE_URL is set: the local cluster is not used"))
struct LocalPostgresTests {
    @Test("the project's cluster runs, is reused by start(), also from several callers at once")
    func reuse() async throws {
        _ = try TestDatabase.conninfo()
        let cluster = try LocalPostgres(projectRoot: SharedData.projectRoot)
        let status = try cluster.status()
        #expect(status.isInitialized && status.isRunning)
        #expect((status.pid ?? 0) > 0)
        let outcomes = try await withThrowingTaskGroup(of: LocalPostgres.StartOutcome.self) { group in
            for _ in 0..<4 { group.addTask { try cluster.start() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes == Array(repeating: .alreadyRunning, count: 4))
        #expect(try cluster.status().pid == status.pid)
    }

    @Test("its bluelamp database has PostGIS and every bundled migration; url and conninfo both connect")
    func mainDatabase() throws {
        _ = try TestDatabase.conninfo()
        let cluster = try LocalPostgres(projectRoot: SharedData.projectRoot)
        for target in [cluster.url(), cluster.conninfo()] {
            let db = try PostgresConnection(target)
            #expect(try db.query("SELECT postgis_lib_version() AS v").firstRow()["v"].string().hasPrefix("3."))
            let versions = try db.query("SELECT version FROM schema_migrations ORDER BY version").rows.map { try $0["version"].int() }
            #expect(versions == (try Migration.bundled()).map(\.version))
            #expect(try db.query("SHOW listen_addresses").firstRow()[0].string() == "")
        }
        #expect((cluster.socketDirectory.path + "/.s.PGSQL.5432").utf8.count <= 107)
    }

    @Test("a project whose path is too long for a unix socket gets its socket under /tmp")
    func longPath() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("bl-long-\(UUID().uuidString)")
        let project = base.appendingPathComponent(String(repeating: "deep-folder-name/", count: 5))
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let cluster = try LocalPostgres(projectRoot: project)
        defer {
            try? FileManager.default.removeItem(at: base)
            try? FileManager.default.removeItem(at: cluster.socketDirectory)
        }
        #expect(cluster.stateDirectory.path.hasPrefix(project.path))
        #expect(cluster.socketDirectory.path.hasPrefix("/tmp/bluelamp-sock-"))
        #expect((cluster.socketDirectory.path + "/.s.PGSQL.5432").utf8.count <= 107)
    }

    @Test("as root, a project the postgres user cannot reach gets a cluster under /tmp that creates, starts, stops and restarts",
          .enabled(if: geteuid() == 0, "only meaningful as root"), .timeLimit(.minutes(2)))
    func privateProjectAsRoot() throws {
        let vault = URL(fileURLWithPath: "/tmp/bl-private-\(UUID().uuidString.prefix(8))")
        let project = vault.appendingPathComponent("clone")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        #expect(chmod(vault.path, 0o700) == 0)
        let cluster = try LocalPostgres(projectRoot: project)
        defer {
            _ = try? cluster.stop()
            try? FileManager.default.removeItem(at: vault)
            try? FileManager.default.removeItem(at: cluster.stateDirectory)
        }
        #expect(cluster.serverUser == "postgres")
        #expect(cluster.stateDirectory.path.hasPrefix("/tmp/bluelamp-"))
        #expect(cluster.stateDirectory.lastPathComponent.count == "bluelamp-".count + 12)
        #expect(try cluster.status() == LocalPostgres.Status(isInitialized: false, isRunning: false, pid: nil))

        #expect(try cluster.start() == .created)
        let db = try PostgresConnection(cluster.conninfo())
        #expect(try db.query("SELECT current_user AS u").firstRow()["u"].string() == LocalPostgres.user)
        #expect(try db.query("SELECT count(*) AS n FROM schema_migrations").firstRow()["n"].int() == (try Migration.bundled()).count)
        var info = stat()
        #expect(stat(cluster.dataDirectory.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)

        #expect(try cluster.stop())
        #expect(try cluster.status().isRunning == false)
        #expect(try cluster.stop() == false)
        // The old session is gone; a new start reuses the data.
        #expect(throws: PostgresError.self) { try db.query("SELECT 1") }
        #expect(try cluster.start() == .started)
        #expect(try PostgresConnection(cluster.conninfo()).query("SELECT count(*) AS n FROM journal").firstRow()["n"].int() == 0)
    }
}
