import Foundation
import Testing
import TestSupport
@testable import Storage

@Suite("Migrator")
struct MigratorTests {
    static let first = Migration(version: 1, name: "first", sql: "CREATE TABLE first_table (id int PRIMARY KEY);")
    static let second = Migration(version: 2, name: "second", sql: """
        CREATE TABLE second_table (id int);
        INSERT INTO second_table VALUES (1), (2);
        """)

    @Test("the bundled migrations load in order: PostGIS first, then the journal")
    func bundled() throws {
        let migrations = try Migration.bundled()
        #expect(migrations.map(\.version) == Array(1...migrations.count))
        #expect(migrations.first?.name == "postgis")
        #expect(migrations.contains { $0.name == "journal" })
        #expect(migrations.allSatisfy { $0.checksum.count == 64 })
    }

    @Test("applies pending migrations once, recording name and checksum; a second run does nothing")
    func appliesOnce() throws {
        try TestDatabase.withSchema(migrated: false) { schema in
            let db = try schema.connect()
            let migrator = Migrator(migrations: [Self.second, Self.first])
            let report = try migrator.migrate(db)
            #expect(report.applied == [1, 2])
            #expect(report.alreadyApplied.isEmpty)
            let again = try migrator.migrate(db)
            #expect(again.applied.isEmpty)
            #expect(again.alreadyApplied == [1, 2])
            let rows = try db.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version").rows
            #expect(try rows.map { try $0["name"].string() } == ["first", "second"])
            #expect(try rows.map { try $0["checksum"].string() } == [Self.first.checksum, Self.second.checksum])
            #expect(try db.query("SELECT count(*) AS n FROM second_table").firstRow()["n"].int() == 2)
        }
    }

    @Test("an applied migration whose SQL changed is refused before anything else runs")
    func checksumMismatch() throws {
        try TestDatabase.withSchema(migrated: false) { schema in
            let db = try schema.connect()
            try Migrator(migrations: [Self.first]).migrate(db)
            var edited = Self.first
            edited.sql += "\n-- a harmless-looking edit\n"
            let third = Migration(version: 3, name: "third", sql: "CREATE TABLE third_table (id int);")
            #expect {
                try Migrator(migrations: [edited, third]).migrate(db)
            } throws: { error in
                guard case let .checksumMismatch(version, name, applied, file) = error as? MigrationError else { return false }
                return version == 1 && name == "first" && applied == Self.first.checksum && file == edited.checksum
                    && "\(error)".contains("must not change")
            }
            #expect(try db.query("SELECT to_regclass('third_table') IS NULL AS absent").firstRow()["absent"].bool())
        }
    }

    @Test("a database migrated by newer code is refused")
    func unknownApplied() throws {
        try TestDatabase.withSchema(migrated: false) { schema in
            let db = try schema.connect()
            try Migrator(migrations: [Self.first, Self.second]).migrate(db)
            #expect(throws: MigrationError.unknownApplied(version: 2, name: "second")) {
                try Migrator(migrations: [Self.first]).migrate(db)
            }
        }
    }

    @Test("a failing migration is rolled back whole and reported; earlier ones stay applied")
    func failureRollsBack() throws {
        try TestDatabase.withSchema(migrated: false) { schema in
            let db = try schema.connect()
            let broken = Migration(version: 2, name: "broken", sql: """
                CREATE TABLE half_done (id int);
                INSERT INTO no_such_table VALUES (1);
                """)
            #expect {
                try Migrator(migrations: [Self.first, broken]).migrate(db)
            } throws: { error in
                guard case let .failed(version, name, cause) = error as? MigrationError else { return false }
                return version == 2 && name == "broken" && cause.sqlState == "42P01"
            }
            #expect(try db.query("SELECT to_regclass('half_done') IS NULL AS absent").firstRow()["absent"].bool())
            #expect(try db.query("SELECT array_agg(version ORDER BY version)::text AS v FROM schema_migrations").firstRow()["v"].string() == "{1}")
            // The advisory lock was released: another session can take this schema's lock at once.
            let other = try schema.connect()
            #expect(try other.query("SELECT pg_try_advisory_lock($1::int4, hashtext(current_schema())) AS got",
                                    [.int(Migrator.advisoryLockKey)]).firstRow()["got"].bool())
        }
    }

    @Test("concurrent runners on one schema wait for each other; each migration is applied exactly once")
    func concurrentRunners() async throws {
        try await TestDatabase.withSchema(migrated: false) { schema in
            let slow = Migration(version: 1, name: "slow", sql: "SELECT pg_sleep(0.2); CREATE TABLE slow_table (id int);")
            let migrator = Migrator(migrations: [slow, Self.second])
            let reports = try await withThrowingTaskGroup(of: Migrator.Report.self) { group in
                for _ in 0..<4 {
                    group.addTask { try migrator.migrate(try schema.connect()) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.flatMap(\.applied).sorted() == [1, 2])
            #expect(reports.filter { $0.applied.isEmpty }.count == 3)
            let db = try schema.connect()
            #expect(try db.query("SELECT count(*) AS n FROM schema_migrations").firstRow()["n"].int() == 2)
        }
    }

    @Test("migration files must be named NNNN_name.sql with unique versions")
    func fileNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("SELECT 1;".utf8).write(to: folder.appendingPathComponent("0001_one.sql"))
        try Data("ignored".utf8).write(to: folder.appendingPathComponent("README.md"))
        #expect(try Migration.load(from: folder).map(\.name) == ["one"])

        try Data("SELECT 2;".utf8).write(to: folder.appendingPathComponent("0001_also_one.sql"))
        #expect(throws: MigrationError.duplicateVersion(1, "also_one", "one")) { try Migration.load(from: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("0001_also_one.sql"))

        try Data("SELECT 3;".utf8).write(to: folder.appendingPathComponent("2_Bad Name.sql"))
        #expect(throws: MigrationError.badFileName("2_Bad Name.sql")) { try Migration.load(from: folder) }
    }
}
