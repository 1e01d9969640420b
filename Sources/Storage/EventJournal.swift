import Foundation
import GeoKit

/// An event to append: which stream it belongs to, its type, when it happened, its JSON payload
/// and, optionally, where.
public struct JournalEvent: Sendable, Equatable {
    /// The stream, e.g. `incident/2024-000123` or `unit/B21`; never empty.
    public var stream: String
    /// The event type, e.g. `CallReceived`; never empty.
    public var type: String
    /// When it happened (on the wall or the virtual clock).
    public var occurredAt: Date
    /// The event's body as a JSON document (UTF-8).
    public var payload: Data
    /// Where it happened, if anywhere.
    public var location: LonLat?

    /// Creates an event.
    public init(stream: String, type: String, occurredAt: Date, payload: Data, location: LonLat? = nil) {
        self.stream = stream
        self.type = type
        self.occurredAt = occurredAt
        self.payload = payload
        self.location = location
    }
}

/// An event read back from the journal, with its position and the time it was recorded.
public struct JournalEntry: Sendable, Equatable {
    /// The global position in the journal (strictly increasing in append order; gaps are possible).
    public var seq: Int
    /// The event as appended (the payload as PostgreSQL's jsonb renders it).
    public var event: JournalEvent
    /// When the journal stored it (the server's clock when the appending transaction began).
    public var recordedAt: Date
}

/// The append-only event journal (the `journal` table of migration 0002) over a shared client.
///
/// `append` returns only after the transaction has committed: an event with a seq is stored.
public struct EventJournal: Sendable {
    /// The client the journal writes through.
    public let client: PostgresClient

    /// A journal over `client` (whose database has the migrations applied).
    public init(client: PostgresClient) {
        self.client = client
    }

    /// Appends one event and returns its seq once committed.
    @discardableResult
    public func append(_ event: JournalEvent) async throws -> Int {
        try await append(contentsOf: [event]).first ?? 0
    }

    /// Appends events atomically (all or none) in the given order; returns their seqs once committed.
    @discardableResult
    public func append(contentsOf events: [JournalEvent]) async throws -> [Int] {
        guard !events.isEmpty else { return [] }
        try EventJournal.validate(events)
        let parameters: [PostgresParameter] = [
            .textArray(events.map(\.stream)),
            .textArray(events.map(\.type)),
            .intArray(events.map { Int(PostgresParameter.microseconds($0.occurredAt)) }),
            .textArray(events.map { String(decoding: $0.payload, as: UTF8.self) }),
            .boolArray(events.map { $0.location != nil }),
            .doubleArray(events.map { $0.location?.lon ?? 0 }),
            .doubleArray(events.map { $0.location?.lat ?? 0 }),
        ]
        let result = try await client.query(EventJournal.insertSQL, parameters)
        let seqs = try result.rows.map { (row) throws(PostgresError) in try row["seq"].int() }
        return seqs.sorted()
    }

    /// Events with `seq > after`, in seq order, at most `limit`, optionally of one stream.
    public func read(after: Int = 0, limit: Int = 1000, stream: String? = nil) async throws -> [JournalEntry] {
        let result = try await client.query("""
            SELECT seq, stream, type, occurred_at, recorded_at, payload,
                   ST_X(location) AS lon, ST_Y(location) AS lat
            FROM journal
            WHERE seq > $1 AND ($2::text IS NULL OR stream = $2)
            ORDER BY seq
            LIMIT $3
            """, [.int(after), stream.map { .text($0) } ?? .null, .int(limit)], binaryResults: true, idempotent: true)
        return try result.rows.map { (row) throws(PostgresError) in
            let lon = try row["lon"].optional?.double()
            let lat = try row["lat"].optional?.double()
            let event = JournalEvent(stream: try row["stream"].string(), type: try row["type"].string(),
                                     occurredAt: try row["occurred_at"].date(), payload: try row["payload"].data(),
                                     location: lon.flatMap { lon in lat.map { LonLat(lon: lon, lat: $0) } })
            return JournalEntry(seq: try row["seq"].int(), event: event, recordedAt: try row["recorded_at"].date())
        }
    }

    /// The highest seq in the journal (0 when empty).
    public func lastSeq() async throws -> Int {
        try await client.query("SELECT coalesce(max(seq), 0) AS seq FROM journal", idempotent: true).firstRow()["seq"].int()
    }

    /// Rows are inserted in input order within one statement, so seqs follow the input order.
    static let insertSQL = """
        INSERT INTO journal (stream, type, occurred_at, payload, location)
        SELECT e.stream, e.type,
               timestamptz '2000-01-01 00:00:00+00' + e.occurred_us * interval '1 microsecond',
               e.payload::jsonb,
               CASE WHEN e.has_location THEN ST_SetSRID(ST_MakePoint(e.lon, e.lat), 4326) END
        FROM unnest($1::text[], $2::text[], $3::int8[], $4::text[], $5::bool[], $6::float8[], $7::float8[])
             WITH ORDINALITY AS e(stream, type, occurred_us, payload, has_location, lon, lat, n)
        ORDER BY e.n
        RETURNING seq
        """

    /// Rejects events the table would reject, naming the offending one.
    static func validate(_ events: [JournalEvent]) throws(JournalError) {
        for (index, event) in events.enumerated() {
            if event.stream.isEmpty { throw .invalidEvent(index: index, reason: "stream is empty") }
            if event.type.isEmpty { throw .invalidEvent(index: index, reason: "type is empty") }
            if let location = event.location {
                do { _ = try LonLat(validatingLon: location.lon, lat: location.lat) } catch {
                    throw .invalidEvent(index: index, reason: "location \(error)")
                }
            }
            guard (try? JSONSerialization.jsonObject(with: event.payload, options: [.fragmentsAllowed])) != nil else {
                throw .invalidEvent(index: index, reason: "payload is not valid JSON")
            }
        }
    }
}

/// Why events were not appended.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The event at `index` of the batch is invalid; nothing was appended.
    case invalidEvent(index: Int, reason: String)

    /// A readable explanation, for logs and error messages.
    public var description: String {
        switch self {
        case let .invalidEvent(index, reason): return "journal event #\(index) not appended: \(reason)"
        }
    }
}
