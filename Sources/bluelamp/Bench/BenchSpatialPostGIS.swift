import Foundation
import GeoKit
import Storage

/// PostGIS's subject: a table of units with a GiST index, over libpq and the unix socket.
///
/// Two column kinds: `geometry(Point,4326)` ordered with `<->` (planar distance in degrees, what most
/// deployments write) and `geography(Point,4326)` ordered with `<->` (distance on the sphere).
enum BenchSpatialPostGIS {
    enum Column: String {
        case geometry
        case geography

        var subject: String { self == .geometry ? "PostGIS" : "PostGIS geography" }
        /// SQL turning `$lon`, `$lat` expressions into the column's type.
        func point(_ lon: String, _ lat: String) -> String {
            let point = "ST_SetSRID(ST_MakePoint(\(lon), \(lat)), 4326)"
            return self == .geometry ? point : "\(point)::geography"
        }
        var type: String { self == .geometry ? "geometry(Point, 4326)" : "geography(Point, 4326)" }
    }

    static let batchSize = 1000

    /// Loads the units with COPY, indexes them, applies the ping stream in batched
    /// `UPDATE … FROM unnest(…)` statements, vacuums, then times prepared KNN queries.
    static func measure(_ w: SpatialWorkload, column: Column, conninfo: String,
                        progress: (String) -> Void) throws -> SpatialMeasurement {
        let db = try PostgresConnection(conninfo)
        // Positions are ephemeral: do not wait for the WAL flush at each batch's commit (as Redis
        // here does not persist at all).
        try db.query("SET synchronous_commit = off")
        try db.query("SET search_path = bench_spatial, public")
        let table = "units_\(column.rawValue)"
        try db.query("DROP TABLE IF EXISTS \(table)")
        try db.query("CREATE TABLE \(table) (id int8 PRIMARY KEY, available bool NOT NULL, pos \(column.type) NOT NULL)")
        defer { _ = try? db.query("DROP TABLE IF EXISTS \(table)") }
        try db.copyIn("COPY \(table) (id, available, pos) FROM STDIN") { rows in
            for id in 0..<w.units {
                let p = w.initial[id]
                try rows.append([String(id), w.available[id] ? "t" : "f", "SRID=4326;POINT(\(p.lon) \(p.lat))"])
            }
        }
        try db.query("CREATE INDEX \(table)_pos ON \(table) USING gist (pos)")
        try db.query("VACUUM ANALYZE \(table)")

        try db.prepare("update_\(table)", """
            UPDATE \(table) AS u SET pos = \(column.point("v.lon", "v.lat"))
            FROM unnest($1::int8[], $2::float8[], $3::float8[]) AS v(id, lon, lat)
            WHERE u.id = v.id
            """)
        progress("  \(column.subject): \(w.updateIDs.count) updates in batches of \(batchSize)")
        let start = spatialNow()
        var batchStart = 0
        while batchStart < w.updateIDs.count {
            let end = min(batchStart + batchSize, w.updateIDs.count)
            let range = batchStart..<end
            let updated = try db.query(prepared: "update_\(table)", [
                .intArray(Array(w.updateIDs[range])),
                .doubleArray(w.updatePositions[range].map(\.lon)),
                .doubleArray(w.updatePositions[range].map(\.lat)),
            ])
            guard updated.affectedRows == range.count else {
                throw BenchSpatialError.peer("\(column.subject): a batch updated \(updated.affectedRows ?? -1) rows, not \(range.count)")
            }
            batchStart = end
        }
        let seconds = Double(spatialNow() - start) / 1e9
        // Give the queries a tidy index: dead tuples from the updates vacuumed, statistics fresh.
        try db.query("VACUUM ANALYZE \(table)")

        let querySQL = "SELECT id FROM \(table) WHERE available ORDER BY pos <-> \(column.point("$1::float8", "$2::float8")) LIMIT 5"
        try db.prepare("knn_\(table)", querySQL)
        let plan = try db.query("EXPLAIN EXECUTE knn_\(table)(-1.9, 52.5)").rows.map { try $0[0].string() }.joined(separator: " ")
        let usesIndex = plan.contains("Index Scan using \(table)_pos")
        for q in w.warmup {
            try db.query(prepared: "knn_\(table)", [.double(q.lon), .double(q.lat)])
        }
        var latencies = LatencySamples(capacity: w.queries.count)
        var exact = 0
        let began = spatialNow()
        for (i, q) in w.queries.enumerated() {
            guard w.mayQuery(began: began, done: i) else { break }
            let t0 = spatialNow()
            let result = try db.query(prepared: "knn_\(table)", [.double(q.lon), .double(q.lat)])
            let t1 = spatialNow()
            latencies.add(Double(t1 - t0) / 1000)
            let ids = try result.rows.map { try $0[0].int() }
            if w.isExact(ids, query: i) { exact += 1 }
        }
        return SpatialMeasurement(
            updatesPerSecond: Double(w.updateIDs.count) / seconds, updateCount: w.updateIDs.count,
            latencies: latencies, exact: exact, queryCount: latencies.count,
            notes: ["\(column.type) + GiST\(usesIndex ? " (KNN index scan)" : " (NO index scan in plan!)"); updates: prepared UPDATE … FROM unnest(ids, lons, lats), \(batchSize) per statement, synchronous_commit off; queries: prepared, `WHERE available ORDER BY pos <-> point LIMIT 5`"])
    }

    /// Creates the benchmark's schema (dropped and re-created) and returns the connection string used.
    static func prepareSchema(conninfo: String) throws {
        let db = try PostgresConnection(conninfo)
        try db.query("DROP SCHEMA IF EXISTS bench_spatial CASCADE")
        try db.query("CREATE SCHEMA bench_spatial")
        try db.query("CREATE EXTENSION IF NOT EXISTS postgis")
    }

    static func dropSchema(conninfo: String) {
        guard let db = try? PostgresConnection(conninfo) else { return }
        _ = try? db.query("DROP SCHEMA IF EXISTS bench_spatial CASCADE")
    }
}

/// Why a peer could not be measured.
enum BenchSpatialError: Error, CustomStringConvertible {
    case peer(String)

    var description: String {
        switch self {
        case let .peer(message): return message
        }
    }
}
