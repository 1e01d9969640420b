import ArgumentParser
import Foundation
import GeoKit
import RoadNetwork

/// `bluelamp geodata info PACK`: describes a region pack.
struct GeodataInfo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a region pack: area, districts, stations, hot spots, travel model, load time."
    )

    @Argument(help: "Pack folder (holding manifest.json).") var pack: String
    @Option(help: "Road graph cache folder (default: $BLUELAMP_CACHE or .bluelamp/cache).") var cache: String?
    @Flag(help: "Use the straight-line fallback model even if the pack has roads.") var fallback = false
    @Option(help: "Also time this many one-to-many queries (8,000 units at random hot-spot places → one incident).")
    var probe: Int = 0

    func run() async throws {
        let loaded = try RegionPack.load(from: URL(fileURLWithPath: pack),
                                         cacheDirectory: cache.map { URL(fileURLWithPath: $0) }, useFallback: fallback)
        print(Self.describe(loaded))
        if probe > 0 { print(Self.probe(loaded, queries: probe)) }
    }

    /// Times one-to-many queries: 8,000 units scattered around the hot spots (seeded), one incident each time.
    static func probe(_ loaded: LoadedRegionPack, queries: Int) -> String {
        let p = loaded.pack
        var state: UInt64 = 0x5EED
        func unit() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1.0p-53
        }
        let box = p.boundary.boundingBox ?? BoundingBox(minX: -2.21, minY: 52.34, maxX: -1.42, maxY: 52.67)
        func place() -> LonLat {
            while true {
                let q = LonLat(lon: box.minX + unit() * (box.maxX - box.minX), lat: box.minY + unit() * (box.maxY - box.minY))
                if p.contains(q) { return q }
            }
        }
        var start = Date()
        let units = (0..<8_000).map { _ in loaded.travel.locate(place()) }
        let locateMicros = Date().timeIntervalSince(start) * 1e6 / 8_000
        var samples: [Double] = []
        var reached = 0
        for _ in 0..<queries {
            let incident = loaded.travel.locate(place())
            start = Date()
            let times = loaded.travel.travelTimes(from: units, to: incident, profile: .emergency, limit: nil)
            samples.append(Date().timeIntervalSince(start) * 1e3)
            reached += times.filter(\.isFinite).count
        }
        samples.sort()
        func pct(_ q: Double) -> Double { samples[min(samples.count - 1, max(0, Int((q * Double(samples.count)).rounded(.up)) - 1))] }
        return String(format: "probe: locate %.1f µs per point; one-to-many to 8,000 units over %d queries: p50 %.3f ms, p99 %.3f ms; %.1f %% of units reached",
                      locateMicros, queries, pct(0.5), pct(0.99), 100 * Double(reached) / Double(8_000 * queries))
    }

    static func describe(_ loaded: LoadedRegionPack) -> String {
        let p = loaded.pack
        let km2 = { (a: MultiPolygon) in RegionPack.areaSquareMetres(a) / 1e6 }
        var out = "\(p.title) [\(p.name)]\n"
        out += String(format: "area: %.1f km²\n", km2(p.boundary))
        out += "districts (\(p.districts.count)):\n"
        var sum = 0.0
        for d in p.districts {
            let a = km2(d.area)
            sum += a
            let stations = p.stations.filter { $0.districtCode == d.code }.count
            out += "  " + d.code.padding(toLength: 10, withPad: " ", startingAt: 0) + " "
                + d.name.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: " %8.1f km²  %2d station%@\n", a, stations, stations == 1 ? "" : "s")
        }
        out += "  " + "total".padding(toLength: 33, withPad: " ", startingAt: 0) + String(format: " %8.1f km²\n", sum)
        if !p.beats.isEmpty { out += "beats: \(p.beats.count)\n" }
        out += "stations: \(p.stations.count)\n"
        let totalWeight = p.hotSpots.reduce(0) { $0 + $1.weight }
        out += "hot spots: \(p.hotSpots.count)"
        if totalWeight > 0 {
            out += "; strongest: " + p.hotSpots.sorted { $0.weight > $1.weight }.prefix(3).map {
                String(format: "%@ (%.1f %%)", ($0.name ?? $0.id) as NSString, 100 * $0.weight / totalWeight)
            }.joined(separator: ", ")
        }
        out += "\n"
        if !p.towns.isEmpty { out += "towns: \(p.towns.map(\.name).joined(separator: ", "))\n" }
        for w in p.waterways {
            out += "waterway: \(w.name), \(p.bridges.count) bridges (\(p.bridges.map(\.road).joined(separator: ", ")))\n"
        }
        if let r = loaded.router {
            out += "travel: road graph — \(r.graph.junctionCount) junctions, \(r.graph.roadCount) roads, "
                + "\(r.graph.edgeCount) edges, \(r.memoryBytes / 1_048_576) MiB\n"
        } else if let f = loaded.fallback {
            let s = f.parameters
            out += "travel: straight-line model — circuity \(s.circuityFactor), normal \(s.normal.urban)/\(s.normal.suburban)/\(s.normal.rural) km/h, "
                + "emergency \(s.emergency.urban)/\(s.emergency.suburban)/\(s.emergency.rural) km/h (urban/suburban/rural)\n"
        }
        out += String(format: "loaded in %.3f s (layers %.3f s, travel %.3f s from %@)\n",
                      loaded.report.layersSeconds + loaded.report.travelSeconds, loaded.report.layersSeconds,
                      loaded.report.travelSeconds, loaded.report.travelSource as NSString)
        for s in p.sources { out += "source: \(s)\n" }
        return out
    }
}
