import ArgumentParser
import Foundation
import GeoKit
import RoadNetwork

/// `bluelamp bench roads`: import, preprocessing, memory, point-to-point and one-to-many travel
/// times on real and generated road graphs, with pgRouting asked the same one-to-many question.
struct BenchRoads: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roads",
        abstract: "Road graph import, contraction, and travel-time queries (one-to-many to 8,000 units), against pgRouting."
    )

    @OptionGroup var options: BenchOptions

    @Option(name: .long, help: "OSM extract to bench (default: ../shared/data/osm/helsinki.osm.pbf).")
    var osm: String?

    @Option(name: .long, help: "Unit positions per one-to-many query.")
    var units = 8000

    @Option(name: .long, help: "Incidents (one-to-many queries) per scenario, before --repeats.")
    var incidents = 300

    @Option(name: .long, help: "Point-to-point queries per scenario, before --repeats.")
    var pairs = 2000

    @Option(name: .long, help: "Seed for the random positions.")
    var seed: UInt64 = 2024

    @Option(name: .long, help: "Seed of the generated region (the shipped pack uses 1).")
    var packSeed: UInt64 = 1

    @Flag(name: .long, help: "Skip the generated region.")
    var noPack = false

    @Flag(name: .long, help: "Skip the pgRouting peer.")
    var noPgrouting = false

    func run() async throws {
        var report = BenchReport(benchmark: "roads")
        let osmPath = osm ?? BenchRoadsData.sharedDataPath("osm/helsinki.osm.pbf")
        if FileManager.default.fileExists(atPath: osmPath) {
            let name = "Helsinki OSM"
            options.progress("[\(name)] importing \(osmPath)")
            let (imported, importSeconds) = try BenchRoadsData.time { try OSMImporter.importFile(at: URL(fileURLWithPath: osmPath)) }
            report.add("BlueLamp", name, "import (PBF → source)", importSeconds * 1000, "ms",
                       note: "\(imported.report.roadWays) road ways, \(imported.source.nodes.count) nodes")
            try scenario(name, source: imported.source, report: &report)
        } else {
            report.notes.append("\(osmPath) is absent: the OSM scenario was skipped")
        }
        if !noPack {
            let name = "generated region"
            options.progress("[\(name)] generating roads (seed \(packSeed))")
            let (region, generateSeconds) = BenchRoadsData.time { PackGenerator(seed: packSeed).generate() }
            report.add("BlueLamp", name, "generate road source", generateSeconds * 1000, "ms",
                       note: "\(region.roads.ways.count) ways, \(region.roads.nodes.count) nodes (PackGenerator seed \(packSeed))")
            try scenario(name, source: region.roads, report: &report)
            let scenarioUnits = "\(name), \(units) units"
            if let p99 = report.value("BlueLamp", scenarioUnits, "one-to-many p99") {
                let cpu = report.value("BlueLamp", scenarioUnits, "one-to-many p99 (thread CPU time)") ?? p99
                report.goal("one-to-many to \(units) units p99 < 1 ms on the generated region",
                            measured: String(format: "%.0f µs wall, %.0f µs thread CPU", p99, cpu), met: p99 < 1000)
            }
            for metric in ["one-to-many p50", "one-to-many p99"] {
                if let ratio = report.ratios.first(where: { $0.scenario == scenarioUnits && $0.peer == "pgRouting" && $0.metric == metric }) {
                    report.goal("≥ 100× faster than pgRouting (\(metric), generated region)",
                                measured: String(format: "%.0f×", ratio.ratio), met: ratio.ratio >= 100)
                }
            }
        }
        report.notes.append("one-to-many = PHAST many-to-one (every unit → the incident), emergency profile; latencies exclude snapping (each position is snapped once, as on a GPS ping); pgRouting answers the same question between the same route nodes over the same weights")
        try options.emit(report)
    }

    /// Builds, contracts, saves/loads and queries one network; adds its figures to `report`.
    func scenario(_ name: String, source: RoadNetworkSource, report: inout BenchReport) throws {
        let (graph, buildSeconds) = try BenchRoadsData.time { try RoadGraph(source: source) }
        report.add("BlueLamp", name, "graph build", buildSeconds * 1000, "ms",
                   note: "\(graph.junctionCount) junctions, \(graph.roadCount) roads, \(graph.routeNodeCount) route nodes, \(graph.edgeCount) edges")
        options.progress("[\(name)] contracting \(graph.routeNodeCount) nodes × 2 profiles")
        let (router, chSeconds) = BenchRoadsData.time { RoadRouter(graph: graph) }
        report.add("BlueLamp", name, "CH preprocessing (2 profiles, parallel)", chSeconds * 1000, "ms",
                   note: "\(router.shortcutCounts[.emergency] ?? 0) shortcuts (emergency)")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bluelamp-bench-\(ProcessInfo.processInfo.processIdentifier).blrg")
        defer { try? FileManager.default.removeItem(at: file) }
        try router.write(to: file)
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        let (loaded, loadSeconds) = try BenchRoadsData.time { try RoadRouter(contentsOf: file) }
        report.add("BlueLamp", name, "load graph + CH from file", loadSeconds * 1000, "ms",
                   note: String(format: "%.1f MiB file", Double(fileBytes) / 1_048_576))
        report.add("BlueLamp", name, "memory (graph + CH + grid)", Double(loaded.memoryBytes) / 1_048_576, "MiB")
        report.add("BlueLamp", name, "process RSS", BenchRoadsData.residentMiB(), "MiB")

        // Random positions over the network's extent, snapped once.
        var rng = BenchRandom(seed: seed)
        let box = BenchRoadsData.extent(router.graph)
        func randomPoint() -> LonLat {
            LonLat(lon: Double.random(in: box.west...box.east, using: &rng), lat: Double.random(in: box.south...box.north, using: &rng))
        }
        var snapTimes = LatencySamples(capacity: units)
        var unitLocations: [RoadLocation] = []
        for _ in 0..<units {
            let p = randomPoint()
            let t0 = DispatchTime.now().uptimeNanoseconds
            unitLocations.append(router.locate(p))
            snapTimes.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
        }
        report.add("BlueLamp", name, "snap p50", snapTimes.percentile(50), "µs")
        report.add("BlueLamp", name, "snap p99", snapTimes.percentile(99), "µs")

        let pairCount = max(1, Int(Double(pairs) * options.repeats))
        var p2p = LatencySamples(capacity: pairCount)
        for _ in 0..<pairCount {
            let a = router.locate(randomPoint()), b = router.locate(randomPoint())
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = router.travelTime(from: a, to: b, profile: .emergency)
            p2p.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
        }
        report.add("BlueLamp", name, "point-to-point p50", p2p.percentile(50), "µs", note: "\(pairCount) random pairs, bidirectional CH")
        report.add("BlueLamp", name, "point-to-point p99", p2p.percentile(99), "µs")

        let incidentCount = max(1, Int(Double(incidents) * options.repeats))
        let incidentLocations = (0..<incidentCount).map { _ in router.locate(randomPoint()) }
        // Warm-up, then measure.
        for incident in incidentLocations.prefix(10) { _ = router.travelTimes(from: unitLocations, to: incident, profile: .emergency, limit: nil) }
        var manyToOne = LatencySamples(capacity: incidentCount), manyToOneCPU = LatencySamples(capacity: incidentCount)
        var reachedWithin15 = 0
        for incident in incidentLocations {
            let c0 = BenchRoadsData.threadCPUNanoseconds()
            let t0 = DispatchTime.now().uptimeNanoseconds
            let times = router.travelTimes(from: unitLocations, to: incident, profile: .emergency, limit: nil)
            manyToOne.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
            manyToOneCPU.add(Double(BenchRoadsData.threadCPUNanoseconds() - c0) / 1000)
            reachedWithin15 += times.filter { $0 <= 900 }.count
        }
        let scenarioUnits = "\(name), \(units) units"
        report.add("BlueLamp", scenarioUnits, "one-to-many p50", manyToOne.percentile(50), "µs",
                   note: "\(incidentCount) incidents; mean \(reachedWithin15 / incidentCount) units within 15 min")
        report.add("BlueLamp", scenarioUnits, "one-to-many p99", manyToOne.percentile(99), "µs")
        report.add("BlueLamp", scenarioUnits, "one-to-many p99 (thread CPU time)", manyToOneCPU.percentile(99), "µs",
                   note: "excludes time the thread waited for a core (the machine is shared)")

        // The same question by plain Dijkstra over the same graph (BlueLamp's reference), for scale.
        let reference = DijkstraReference(graph: router.graph)
        var dijkstra = LatencySamples()
        for incident in incidentLocations.prefix(20) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = reference.deciseconds(from: unitLocations, to: incident, profile: .emergency)
            dijkstra.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
        }
        report.add("Dijkstra (no CH)", scenarioUnits, "one-to-many p50", dijkstra.percentile(50), "µs",
                   note: "one full reverse Dijkstra per incident + per-unit look-ups, same graph and weights")
        report.compare(peer: "Dijkstra (no CH)", scenario: scenarioUnits, metric: "one-to-many p50", lowerIsBetter: true)

        if !noPgrouting {
            do {
                try BenchRoadsPgRouting.measure(router: router, units: unitLocations, incidents: incidentLocations,
                                                      scenario: scenarioUnits, options: options, report: &report)
                report.compare(peer: "pgRouting", scenario: scenarioUnits, metric: "one-to-many p50", lowerIsBetter: true)
                report.compare(peer: "pgRouting", scenario: scenarioUnits, metric: "one-to-many p99", lowerIsBetter: true)
            } catch {
                report.notes.append("pgRouting peer not measured for \(name): \(error)")
            }
        }
    }
}

/// Helpers for the road benchmark.
enum BenchRoadsData {
    /// A path inside `../shared/data` (or `$BLUELAMP_SHARED_DATA`), relative to the working directory.
    static func sharedDataPath(_ relative: String) -> String {
        let root = ProcessInfo.processInfo.environment["BLUELAMP_SHARED_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "../shared/data"
        return (root as NSString).appendingPathComponent(relative)
    }

    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }

    /// CPU time consumed by the calling thread, in nanoseconds.
    static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Resident set size of this process, from /proc/self/status (0 where unavailable).
    static func residentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    static func extent(_ graph: RoadGraph) -> (west: Double, south: Double, east: Double, north: Double) {
        let c = graph.junctionCoordinates
        return (c.map(\.lon).min() ?? 0, c.map(\.lat).min() ?? 0, c.map(\.lon).max() ?? 0, c.map(\.lat).max() ?? 0)
    }
}

/// Seeded draws for reproducible inputs.
typealias BenchRandom = SplitMix64
