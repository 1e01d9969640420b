import Foundation
import GeoKit
import Testing
import TestSupport
@testable import Storage

@Suite("EventJournal")
struct EventJournalTests {
    static func event(_ stream: String, _ type: String, _ json: String, at seconds: Double = 1_700_000_000,
                      location: LonLat? = nil) -> JournalEvent {
        JournalEvent(stream: stream, type: type, occurredAt: Date(timeIntervalSince1970: seconds),
                     payload: Data(json.utf8), location: location)
    }

    /// JSON equality regardless of key order and spacing (jsonb normalises both).
    static func sameJSON(_ a: Data, _ b: Data) -> Bool {
        guard let x = try? JSONSerialization.jsonObject(with: a, options: [.fragmentsAllowed]),
              let y = try? JSONSerialization.jsonObject(with: b, options: [.fragmentsAllowed]) else { return false }
        return NSDictionary(dictionary: ["v": x]).isEqual(to: ["v": y])
    }

    @Test("append returns increasing seqs; read gives the events back in order, with times and places")
    func appendAndRead() async throws {
        try await TestDatabase.withSchema { schema in
            let journal = EventJournal(client: schema.client())
            let first = try await journal.append(Self.event("incident/1", "CallReceived", #"{"grade": 1, "caller": "Zoë"}"#,
                                                            at: 1_700_000_000.25, location: LonLat(lon: -1.8904, lat: 52.4862)))
            let more = try await journal.append(contentsOf: [
                Self.event("unit/B21", "UnitPinged", #"{"speed": 12.5}"#, at: 1_700_000_001, location: LonLat(lon: -1.9, lat: 52.5)),
                Self.event("incident/1", "IncidentGraded", #"{"grade": 2}"#, at: 1_700_000_002),
            ])
            #expect(first > 0)
            #expect(more.count == 2 && more[0] > first && more[1] > more[0])

            let entries = try await journal.read()
            #expect(entries.map(\.seq) == [first] + more)
            #expect(entries.map(\.event.type) == ["CallReceived", "UnitPinged", "IncidentGraded"])
            #expect(entries[0].event.location == LonLat(lon: -1.8904, lat: 52.4862))
            #expect(entries[2].event.location == nil)
            #expect(abs(entries[0].event.occurredAt.timeIntervalSince1970 - 1_700_000_000.25) < 1e-6)
            #expect(Self.sameJSON(entries[0].event.payload, Data(#"{"caller":"Zoë","grade":1}"#.utf8)))
            #expect(entries.allSatisfy { abs($0.recordedAt.timeIntervalSinceNow) < 300 })

            let incident = try await journal.read(stream: "incident/1")
            #expect(incident.map(\.event.type) == ["CallReceived", "IncidentGraded"])
            let afterFirst = try await journal.read(after: first, limit: 1)
            #expect(afterFirst.map(\.seq) == [more[0]])
            #expect(try await journal.lastSeq() == more[1])
        }
    }

    @Test("a batch with an invalid event appends nothing and names the event", arguments: [
        (JournalEvent(stream: "", type: "T", occurredAt: Date(), payload: Data("{}".utf8)), "stream is empty"),
        (JournalEvent(stream: "s", type: "", occurredAt: Date(), payload: Data("{}".utf8)), "type is empty"),
        (JournalEvent(stream: "s", type: "T", occurredAt: Date(), payload: Data("{not json".utf8)), "not valid JSON"),
        (JournalEvent(stream: "s", type: "T", occurredAt: Date(), payload: Data("{}".utf8), location: LonLat(lon: 200, lat: 0)), "longitude"),
        (JournalEvent(stream: "s", type: "T", occurredAt: Date(), payload: Data("{}".utf8), location: LonLat(lon: .nan, lat: 0)), "finite"),
    ])
    func invalidBatch(bad: JournalEvent, reason: String) async throws {
        try await TestDatabase.withSchema { schema in
            let journal = EventJournal(client: schema.client())
            await #expect {
                try await journal.append(contentsOf: [Self.event("s", "Fine", "{}"), bad])
            } throws: { error in
                guard case let .invalidEvent(index, why) = error as? JournalError else { return false }
                return index == 1 && why.contains(reason)
            }
            let stored = try await journal.read()
            #expect(stored.isEmpty)
        }
    }

    @Test("the journal refuses UPDATE, DELETE and TRUNCATE", arguments: [
        "UPDATE journal SET type = 'Changed'", "DELETE FROM journal", "TRUNCATE journal",
    ])
    func appendOnly(statement: String) async throws {
        try await TestDatabase.withSchema { schema in
            let journal = EventJournal(client: schema.client())
            try await journal.append(Self.event("s", "Kept", "{}"))
            let db = try schema.connect()
            let error = #expect(throws: PostgresError.self) { try db.query(statement) }
            #expect(error?.sqlState == "23001")
            #expect("\(String(describing: error))".contains("append-only"))
            #expect(try await journal.read().map(\.event.type) == ["Kept"])
        }
    }

    @Test("concurrent appenders get distinct seqs and nothing is lost")
    func concurrentAppends() async throws {
        try await TestDatabase.withSchema { schema in
            let clients = (0..<4).map { _ in schema.client() }
            let seqs = try await withThrowingTaskGroup(of: [Int].self) { group in
                for (c, client) in clients.enumerated() {
                    group.addTask {
                        let journal = EventJournal(client: client)
                        var mine: [Int] = []
                        for i in 0..<25 {
                            mine.append(try await journal.append(Self.event("unit/\(c)", "UnitPinged", #"{"i": \#(i)}"#)))
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(Set(seqs).count == 100)
            let journal = EventJournal(client: schema.client())
            let all = try await journal.read(limit: 1000)
            #expect(all.map(\.seq) == seqs.sorted())
            // Within a stream, events read back in the order they were appended.
            for c in 0..<4 {
                let payloads = all.filter { $0.event.stream == "unit/\(c)" }.map { String(decoding: $0.event.payload, as: UTF8.self) }
                #expect(payloads == (0..<25).map { #"{"i": \#($0)}"# })
            }
        }
    }
}
