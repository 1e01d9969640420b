import Foundation
import RoadNetwork
import Storage

/// The pgRouting peer of `bluelamp bench roads`: the same route graph (every directed edge, the
/// same emergency-profile deciseconds as costs, `reverse_cost = -1`) loaded into PostgreSQL with
/// `COPY`, then the same many-to-one question — every unit to the incident.
///
/// Asked literally, `pgr_dijkstraCost(edges, ARRAY[unit nodes], incident node)` runs one Dijkstra
/// per unit (measured here: 84 s per incident on the generated region), so the bench asks it the
/// fastest honest way: over the reversed edges (`target AS source, source AS target`), one-to-many
/// from the incident to every unit node — one Dijkstra per incident, the same answers.
///
/// pgRouting routes between nodes, so each unit stands at the route node it drives to first and
/// the incident at a node its road is reached from; answers are checked against BlueLamp's plain
/// Dijkstra between the same nodes. The database is `DATABASE_URL`, or the project's local
/// cluster (started if needed) in a `bluelamp_bench` database; the bench's tables live in a
/// schema dropped at the end.
enum BenchRoadsPgRouting {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func measure(router: RoadRouter, units: [RoadLocation], incidents: [RoadLocation], scenario: String,
                        options: BenchOptions, report: inout BenchReport) throws {
        let connection = try connect()
        let schema = "bench_roads_\(ProcessInfo.processInfo.processIdentifier)"
        try connection.execute(script: "CREATE EXTENSION IF NOT EXISTS pgrouting")
        try connection.execute(script: "DROP SCHEMA IF EXISTS \(schema) CASCADE; CREATE SCHEMA \(schema); "
                               + "CREATE TABLE \(schema).edges (id bigint, source bigint, target bigint, cost double precision, reverse_cost double precision)")
        defer { try? connection.execute(script: "DROP SCHEMA IF EXISTS \(schema) CASCADE") }

        let graph = router.graph
        let edges = graph.routeEdges(profile: .emergency)
        options.progress("[\(scenario)] pgRouting: loading \(edges.count) edges")
        let t0 = DispatchTime.now().uptimeNanoseconds
        try connection.copyIn("COPY \(schema).edges (id, source, target, cost, reverse_cost) FROM STDIN") { rows in
            for (i, e) in edges.enumerated() {
                try rows.append([String(i + 1), String(e.tail + 1), String(e.head + 1), String(e.deciseconds), "-1"])
            }
        }
        try connection.execute(script: "CREATE INDEX ON \(schema).edges (source); CREATE INDEX ON \(schema).edges (target); ANALYZE \(schema).edges")
        report.add("pgRouting", scenario, "load edges (COPY + indexes)", Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6, "ms",
                   note: "\(edges.count) directed edges")

        let unitNodes = Array(Set(units.compactMap { graph.departureNode(of: $0) })).sorted()
        // Reversed edges: a path incident → unit in this graph is a path unit → incident on the road.
        let edgesSQL = "SELECT id, target AS source, source AS target, cost, reverse_cost FROM \(schema).edges"
        let sql = "SELECT end_vid, agg_cost FROM pgr_dijkstraCost($1::text, $2::bigint, $3::bigint[], directed := true)"
        let reference = DijkstraReference(graph: graph)
        let count = min(incidents.count - 1, max(3, Int(20 * options.repeats)))
        var samples = LatencySamples(capacity: count)
        var checked = 0, mismatched = 0
        for (k, incident) in incidents.prefix(count + 1).enumerated() {
            guard let target = graph.arrivalNode(of: incident) else { continue }
            if k % 5 == 0 { options.progress("[\(scenario)] pgRouting: incident \(k) of \(count) (\(unitNodes.count) unit nodes)") }
            let t = DispatchTime.now().uptimeNanoseconds
            let result = try connection.query(sql, [.text(edgesSQL), .int(target + 1), .intArray(unitNodes.map { $0 + 1 })])
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - t) / 1000
            if k == 0 { continue } // warm-up (plans, caches)
            samples.add(elapsed)
            // Exactness: pgRouting's costs against BlueLamp's Dijkstra between the same nodes.
            let expected = reference.decisecondsToAllNodes(ofRouteNode: target, profile: .emergency)
            for row in result.rows {
                let start = try row["end_vid"].int() - 1
                let cost = try row["agg_cost"].double()
                checked += 1
                if expected[start].map({ Double($0) }) != cost { mismatched += 1 }
            }
        }
        guard samples.count > 0 else { throw Failure(description: "no incident could be placed on a node") }
        let note = "\(samples.count) incidents; \(checked - mismatched) of \(checked) costs equal BlueLamp's Dijkstra"
        report.add("pgRouting", scenario, "one-to-many p50", samples.percentile(50), "µs", note: note)
        report.add("pgRouting", scenario, "one-to-many p99", samples.percentile(99), "µs")
    }

    /// `DATABASE_URL`, or the local cluster's `bluelamp_bench` database.
    static func connect() throws -> PostgresConnection {
        if let url = DatabaseEnvironment.databaseURL { return try PostgresConnection(url) }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let local = try LocalPostgres(projectRoot: LocalPostgres.findProjectRoot(startingAt: cwd))
        try local.start()
        try local.createDatabaseIfMissing("bluelamp_bench", migrate: false)
        return try PostgresConnection(local.conninfo(database: "bluelamp_bench"))
    }
}
