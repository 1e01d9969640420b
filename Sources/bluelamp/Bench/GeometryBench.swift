import GeoKit
import ArgumentParser
import Foundation
@_spi(Benchmark) import GeoKit

/// `bluelamp bench geometry`: GeoKit's codecs, GEOS bridge, PROJ and static R-tree on the real
/// West Midlands data, each beside a peer measured in the same run (Foundation's JSON parser,
/// GEOS prepared geometries, PROJ one point at a time).
struct GeometryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geometry",
        abstract: "GeoJSON/WKB codecs, GEOS conversion, point-in-polygon (STRTree vs GEOS), PROJ batch vs single."
    )

    @OptionGroup var options: BenchOptions

    @Option(name: .long, help: "Folder of the shared real data (default: $BLUELAMP_SHARED_DATA or ../shared/data).")
    var data: String?

    func run() throws {
        let root = URL(fileURLWithPath: data ?? ProcessInfo.processInfo.environment["BLUELAMP_SHARED_DATA"] ?? "../shared/data")
        let forceURL = root.appendingPathComponent("west-midlands/boundaries/force.geojson")
        guard FileManager.default.fileExists(atPath: forceURL.path) else {
            throw ValidationError("real data not found at \(root.path): pass --data or set BLUELAMP_SHARED_DATA")
        }
        var report = BenchReport(benchmark: "geometry")
        let reps = max(1, Int(10 * options.repeats))

        // MARK: GeoJSON
        options.progress("GeoJSON: force boundary …")
        let forceData = try Data(contentsOf: forceURL)
        let scenario = "force.geojson (\(forceData.count / 1024) KiB, 50,623 vertices)"
        var force: Geometry?
        let parse = try Timing.samples(reps) {
            force = try FeatureCollection(geoJSON: forceData).features.first?.geometry
        }
        guard let boundary = force else { throw ValidationError("force.geojson has no geometry") }
        report.add("BlueLamp", scenario, "parse to geometry (median)", parse.percentile(50) / 1000, "ms")
        let foundation = try Timing.samples(reps) { _ = try JSONSerialization.jsonObject(with: forceData) }
        report.add("Foundation JSONSerialization", scenario, "parse to geometry (median)", foundation.percentile(50) / 1000, "ms",
                   note: "JSON tree only, no geometry")
        report.compare(peer: "Foundation JSONSerialization", scenario: scenario, metric: "parse to geometry (median)", lowerIsBetter: true)
        let write = Timing.samples(reps) { _ = GeoJSON.geometry(boundary).jsonString }
        report.add("BlueLamp", scenario, "write GeoJSON (median)", write.percentile(50) / 1000, "ms")
        report.goal("force.geojson parses well under 1 s (release)", measured: String(format: "%.1f ms", parse.percentile(50) / 1000),
                    met: parse.percentile(50) < 1_000_000)

        // MARK: WKB
        options.progress("EWKB …")
        let ewkb = boundary.ewkb
        let encode = Timing.samples(reps) { _ = boundary.ewkb }
        let decode = try Timing.samples(reps) { _ = try Geometry(wkb: ewkb) }
        let hex = boundary.ewkbHex
        let hexDecode = try Timing.samples(reps) { _ = try Geometry(ewkbHex: hex) }
        report.add("BlueLamp", scenario, "EWKB encode (median)", encode.percentile(50) / 1000, "ms", note: "\(ewkb.count) bytes")
        report.add("BlueLamp", scenario, "EWKB decode (median)", decode.percentile(50) / 1000, "ms")
        report.add("BlueLamp", scenario, "hex EWKB decode (median)", hexDecode.percentile(50) / 1000, "ms")

        // MARK: GEOS conversion
        options.progress("GEOS conversion …")
        for method in GEOSConversionMethod.allCases {
            let toGEOS = try Timing.samples(reps) { _ = try boundary.geosArea(method: method) }
            let roundTrip = try Timing.samples(reps) { _ = try boundary.geosRoundTrip(method: method) }
            report.add("BlueLamp (\(method.rawValue))", scenario, "to GEOS + area (median)", toGEOS.percentile(50) / 1000, "ms")
            report.add("BlueLamp (\(method.rawValue))", scenario, "to GEOS and back (median)", roundTrip.percentile(50) / 1000, "ms")
        }
        report.notes.append("GEOS conversion default: \(GEOSConversionMethod.default.rawValue)")

        // MARK: Validity, area through PROJ + GEOS
        options.progress("validity and area …")
        let transformer = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        let valid = try boundary.isValid()
        let areaTime = try Timing.samples(max(1, reps / 2)) {
            _ = try transformer.transform(boundary).area()
        }
        let km2 = try transformer.transform(boundary).area() / 1_000_000
        report.add("BlueLamp", scenario, "to EPSG:27700 + area (median)", areaTime.percentile(50) / 1000, "ms",
                   note: String(format: "%.1f km², valid: %@", km2, valid ? "yes" : "no"))

        // MARK: PROJ
        options.progress("PROJ …")
        var rng = BenchRNG(seed: 2024)
        let points = (0..<100_000).map { _ in
            Coordinate(x: Double.random(in: -2.21 ... -1.42, using: &rng), y: Double.random(in: 52.34...52.67, using: &rng))
        }
        let projScenario = "100,000 points 4326→27700"
        let batch = try Timing.samples(max(1, reps / 2)) { _ = try transformer.transform(points) }
        let single = try Timing.samples(1) { for p in points { _ = try transformer.forward(p) } }
        report.add("BlueLamp", projScenario, "throughput", 100_000 / (batch.percentile(50) / 1e6), "points/s", note: "batch proj_trans_generic")
        report.add("PROJ one call per point", projScenario, "throughput", 100_000 / (single.percentile(50) / 1e6), "points/s", note: "proj_trans loop")
        report.compare(peer: "PROJ one call per point", scenario: projScenario, metric: "throughput", lowerIsBetter: false)

        try wardLookups(root: root, report: &report, reps: reps)
        try bigPolygonLookups(boundary: boundary, report: &report)
        try options.emit(report)
    }

    /// 17,260 crime points → one of 163 wards.
    func wardLookups(root: URL, report: inout BenchReport, reps: Int) throws {
        options.progress("wards …")
        let folder = root.appendingPathComponent("west-midlands/boundaries/wards")
        var wards = [(geometry: Geometry, payload: String)]()
        let parse = try Timing.samples(1) {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".json") {
                for f in try FeatureCollection(geoJSON: Data(contentsOf: folder.appendingPathComponent(file))).features {
                    if let g = f.geometry, let name = f[property: "WD13NM"]?.stringValue { wards.append((g, name)) }
                }
            }
        }
        let crimes = try WardCrimeCSV.read(root.appendingPathComponent("west-midlands/crime/birmingham-centre-2017.csv"))
        let scenario = "\(crimes.count) crime points in \(wards.count) wards"
        report.add("BlueLamp", scenario, "parse 7 ward GeoJSON files", parse.percentile(50) / 1000, "ms")
        var tree: STRTree<Int>?
        let build = Timing.samples(reps) { tree = STRTree(areas: wards.enumerated().map { ($1.geometry, $0) }) }
        guard let tree else { return }
        report.add("BlueLamp", scenario, "STRTree build (median)", build.percentile(50) / 1000, "ms")

        // BlueLamp: the tree and its ring test.
        var found = [Int?](repeating: nil, count: crimes.count)
        var latency = LatencySamples(capacity: crimes.count)
        for _ in 0..<max(1, reps / 5) {
            for (i, c) in crimes.enumerated() {
                let t0 = DispatchTime.now().uptimeNanoseconds
                found[i] = tree.firstItem(containing: c.coordinate)
                latency.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
            }
        }
        let matching = zip(found, crimes).filter { $0.0.map { wards[$0].payload } == $0.1.ward }.count
        report.add("BlueLamp", scenario, "point lookup p50", latency.percentile(50), "µs", note: "STRTree + ring crossing")
        report.add("BlueLamp", scenario, "point lookup p99", latency.percentile(99), "µs")
        report.notes.append(String(format: "ward named in the CSV matches the polygon found for %d of %d points (%.2f %%); 2013 ward polygons vs police.uk 2017 ward names", matching, crimes.count, 100 * Double(matching) / Double(crimes.count)))

        // Peer 1: the same tree as a filter, GEOS prepared geometries for the exact test.
        let prepared = try wards.map { try PreparedGeometry($0.geometry) }
        var geosLatency = LatencySamples(capacity: crimes.count)
        var agree = 0
        for (i, c) in crimes.enumerated() {
            let t0 = DispatchTime.now().uptimeNanoseconds
            var hit: Int?
            for candidate in tree.items(intersecting: BoundingBox(c.coordinate)) where try prepared[candidate].contains(c.coordinate) {
                hit = candidate
                break
            }
            geosLatency.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
            if hit == found[i] { agree += 1 }
        }
        report.add("GEOS prepared (STRTree filter)", scenario, "point lookup p50", geosLatency.percentile(50), "µs")
        report.add("GEOS prepared (STRTree filter)", scenario, "point lookup p99", geosLatency.percentile(99), "µs",
                   note: "agrees with BlueLamp on \(agree) of \(crimes.count)")
        report.compare(peer: "GEOS prepared (STRTree filter)", scenario: scenario, metric: "point lookup p50", lowerIsBetter: true)
        report.compare(peer: "GEOS prepared (STRTree filter)", scenario: scenario, metric: "point lookup p99", lowerIsBetter: true)

        // Peer 2: no index, every ward's prepared geometry in turn.
        var bruteLatency = LatencySamples(capacity: 2000)
        for c in crimes.prefix(2000) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try prepared.firstIndex { try $0.contains(c.coordinate) }
            bruteLatency.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
        }
        report.add("GEOS prepared, no index", scenario, "point lookup p50", bruteLatency.percentile(50), "µs", note: "first 2,000 points")
        report.add("GEOS prepared, no index", scenario, "point lookup p99", bruteLatency.percentile(99), "µs")
        report.compare(peer: "GEOS prepared, no index", scenario: scenario, metric: "point lookup p50", lowerIsBetter: true)
        report.goal("ward lookup p99 under 10 µs", measured: String(format: "%.2f µs", latency.percentile(99)), met: latency.percentile(99) < 10)
    }

    /// Random points against the 50,623-vertex force boundary.
    func bigPolygonLookups(boundary: Geometry, report: inout BenchReport) throws {
        options.progress("force boundary point-in-polygon …")
        let scenario = "10,000 points vs force boundary"
        let tree = STRTree(areas: [(boundary, 0)])
        let prepared = try PreparedGeometry(boundary)
        var rng = BenchRNG(seed: 7)
        let points = (0..<10_000).map { _ in
            Coordinate(x: Double.random(in: -2.21 ... -1.42, using: &rng), y: Double.random(in: 52.34...52.67, using: &rng))
        }
        var mine = LatencySamples(capacity: points.count), theirs = LatencySamples(capacity: points.count)
        var agree = 0
        for p in points {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let a = tree.firstItem(containing: p) != nil
            let t1 = DispatchTime.now().uptimeNanoseconds
            let b = try prepared.contains(p)
            let t2 = DispatchTime.now().uptimeNanoseconds
            mine.add(Double(t1 - t0) / 1000)
            theirs.add(Double(t2 - t1) / 1000)
            if a == b { agree += 1 }
        }
        report.add("BlueLamp", scenario, "point-in-polygon p50", mine.percentile(50), "µs", note: "banded ring crossing")
        report.add("BlueLamp", scenario, "point-in-polygon p99", mine.percentile(99), "µs")
        report.add("GEOS prepared", scenario, "point-in-polygon p50", theirs.percentile(50), "µs", note: "agrees on \(agree) of \(points.count)")
        report.add("GEOS prepared", scenario, "point-in-polygon p99", theirs.percentile(99), "µs")
        var plain = LatencySamples(capacity: 100)
        for p in points.prefix(100) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try boundary.contains(Point(p, srid: boundary.srid))
            plain.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
        }
        report.add("GEOS unprepared", scenario, "point-in-polygon p50", plain.percentile(50), "µs", note: "first 100 points; includes conversion")
        report.compare(peer: "GEOS prepared", scenario: scenario, metric: "point-in-polygon p50", lowerIsBetter: true)
        report.compare(peer: "GEOS prepared", scenario: scenario, metric: "point-in-polygon p99", lowerIsBetter: true)
        report.compare(peer: "GEOS unprepared", scenario: scenario, metric: "point-in-polygon p50", lowerIsBetter: true)
    }
}

/// Wall-clock samples in microseconds.
enum Timing {
    static func samples(_ n: Int, _ body: () throws -> Void) rethrows -> LatencySamples {
        var s = LatencySamples(capacity: n)
        for _ in 0..<n {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            s.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
        }
        return s
    }
}

/// Seeded draws for reproducible inputs.
typealias BenchRNG = SplitMix64

/// The police.uk API export `birmingham-centre-2017.csv`: latitude, longitude, ward.
enum WardCrimeCSV {
    struct Row {
        var coordinate: Coordinate
        var ward: String
    }

    struct Malformed: Error, CustomStringConvertible {
        var line: Int
        var description: String { "birmingham-centre-2017.csv line \(line): missing or bad latitude/longitude/ward" }
    }

    static func fields(_ line: Substring) -> [String] {
        var out = [String](), field = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { out.append(field); field = "" } else { field.append(ch) }
        }
        out.append(field)
        return out
    }

    static func read(_ url: URL) throws -> [Row] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        guard let first = lines.first else { return [] }
        let header = fields(first)
        guard let lat = header.firstIndex(of: "latitude"), let lon = header.firstIndex(of: "longitude"),
              let ward = header.firstIndex(of: "ward") else { throw Malformed(line: 1) }
        var rows = [Row]()
        for (n, line) in lines.dropFirst().enumerated() {
            let f = fields(line)
            guard f.count > max(lat, lon, ward), let la = Double(f[lat]), let lo = Double(f[lon]) else { throw Malformed(line: n + 2) }
            rows.append(Row(coordinate: Coordinate(x: lo, y: la), ward: f[ward]))
        }
        return rows
    }
}
