import Dispatch
import Foundation
import Testing
import TestSupport
@testable import Storage

@Suite("PostgresClient: sharing and recovery")
struct PostgresClientTests {
    /// Terminates `pid` from another session and waits until the backend is gone.
    static func terminate(_ pid: Int) throws {
        let admin = try TestDatabase.connect()
        #expect(try admin.query("SELECT pg_terminate_backend($1::int)", [.int(pid)]).firstRow()[0].bool())
        for _ in 0..<200 {
            if try admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1::int", [.int(pid)]).rowCount == 0 { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Issue.record("backend \(pid) still present after pg_terminate_backend")
    }

    @Test("after pg_terminate_backend the next call reconnects and runs, even when not idempotent")
    func recoversAfterTermination() async throws {
        let client = PostgresClient(conninfo: try TestDatabase.conninfo())
        let before = try await client.backendPID()
        try Self.terminate(before)
        let answer = try await client.query("SELECT 6 * 7 AS x").firstRow()["x"].int()
        #expect(answer == 42)
        let after = try await client.backendPID()
        #expect(after != before)
        #expect(await client.lostCount == 1)
    }

    @Test("a plain connection whose backend was terminated fails with connectionLost, statement not sent")
    func plainConnectionReportsLoss() throws {
        let connection = try TestDatabase.connect()
        try Self.terminate(connection.backendPID)
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
        guard case let .connectionLost(_, message, statement, mayHaveExecuted) = error else {
            Issue.record("expected connectionLost, got \(String(describing: error))"); return
        }
        #expect(statement == "SELECT 1")
        #expect(!mayHaveExecuted)
        #expect(!message.isEmpty)
        #expect(!connection.isOpen)
        // Further calls keep failing clearly rather than crashing.
        #expect(throws: PostgresError.self) { try connection.query("SELECT 2") }
    }

    @Test("a loss during a non-idempotent call is reported as 'may have run'; the next call works")
    func lossDuringCall() async throws {
        let client = PostgresClient(conninfo: try TestDatabase.conninfo())
        let error = await #expect(throws: PostgresError.self) {
            try await client.query("SELECT pg_terminate_backend(pg_backend_pid())")
        }
        guard case let .connectionLost(_, _, _, mayHaveExecuted) = error else {
            Issue.record("expected connectionLost, got \(String(describing: error))"); return
        }
        #expect(mayHaveExecuted)
        #expect(try await client.query("SELECT 1 AS one").firstRow()["one"].int() == 1)
        #expect(await client.lostCount == 1)
    }

    @Test("an idempotent call that loses its connection midway is re-run once on a new connection")
    func idempotentRetry() async throws {
        let client = PostgresClient(conninfo: try TestDatabase.conninfo())
        let attempts = Counter()
        let value = try await client.withConnection(idempotent: true) { connection in
            if attempts.increment() == 1 {
                try connection.query("SELECT pg_terminate_backend(pg_backend_pid())")
            }
            return try connection.query("SELECT 'second try' AS s").firstRow()["s"].string()
        }
        #expect(value == "second try")
        #expect(attempts.value == 2)
    }

    @Test("many tasks share one client; each gets its own answer")
    func concurrentUse() async throws {
        let client = PostgresClient(conninfo: try TestDatabase.conninfo())
        let answers = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for i in 0..<50 {
                group.addTask { (i, try await client.query("SELECT $1::int8 * 2 AS x", [.int(i)]).firstRow()["x"].int()) }
            }
            var all: [Int: Int] = [:]
            for try await (i, x) in group { all[i] = x }
            return all
        }
        #expect(answers.count == 50)
        #expect(answers.allSatisfy { $0.value == $0.key * 2 })
    }

    @Test("statements run on the client's own dispatch queue, not on Swift's cooperative threads")
    func ownQueue() async throws {
        let client = PostgresClient(conninfo: try TestDatabase.conninfo())
        let label = try await client.withConnection { _ in DispatchQueue.getSpecific(key: QueueExecutor.labelKey) }
        #expect(label == "bluelamp.postgres-client")
    }

    @Test("a client for an unreachable server fails with a clear connection error")
    func unreachable() async {
        let client = PostgresClient(conninfo: "host=/nonexistent/dir port=5999 dbname=x password=hunter2 connect_timeout=2")
        let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
        guard case let .connectionFailed(conninfo, _) = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(!conninfo.contains("hunter2"))
    }
}

/// A thread-safe counter for closures that run on the client's actor.
final class Counter: @unchecked Sendable {
    // Guarded by `lock`.
    private var count = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
