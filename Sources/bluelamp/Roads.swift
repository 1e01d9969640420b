import ArgumentParser
import Foundation
import GeoKit
import RoadNetwork

/// `bluelamp roads …`: import an OpenStreetMap extract into a road graph, and ask it for travel times.
struct Roads: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Road graphs: import an OSM extract, describe a graph, time a trip.",
        subcommands: [RoadsImport.self, RoadsInfo.self, RoadsRoute.self]
    )
}

/// `bluelamp roads import FILE --out GRAPH`.
struct RoadsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an .osm.pbf or .osm extract, build the graph and its hierarchies, and save them."
    )

    @Argument(help: "The OpenStreetMap extract (.osm.pbf or .osm XML).")
    var file: String

    @Option(name: .long, help: "Where to write the graph file.")
    var out: String

    func run() throws {
        let started = Date()
        let imported = try RoadsCLI.importExtract(file)
        let router = try RoadsCLI.build(imported)
        try router.write(to: URL(fileURLWithPath: out))
        RoadsCLI.printSummary(router, importReport: imported.report)
        print(String(format: "wrote %@ in %.2f s", out, Date().timeIntervalSince(started)))
    }
}

/// `bluelamp roads info GRAPH`.
struct RoadsInfo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Describe a saved road graph.")

    @Argument(help: "A graph file written by `bluelamp roads import`.")
    var graph: String

    func run() throws {
        let started = Date()
        let router = try RoadRouter(contentsOf: URL(fileURLWithPath: graph))
        print(String(format: "loaded in %.1f ms", Date().timeIntervalSince(started) * 1000))
        RoadsCLI.printSummary(router, importReport: nil)
    }
}

/// `bluelamp roads route SOURCE --from LON,LAT --to LON,LAT`.
struct RoadsRoute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Travel time from one point to another by road (both profiles unless --profile is given)."
    )

    @Argument(help: "A graph file, or an OSM extract (.osm.pbf / .osm) imported on the fly.")
    var source: String

    @Option(name: .long, help: "Start, as LON,LAT in WGS84 degrees.")
    var from: String

    @Option(name: .long, help: "Destination, as LON,LAT in WGS84 degrees.")
    var to: String

    @Option(name: .long, help: "normal or emergency.")
    var profile: SpeedProfile?

    func run() throws {
        let router = try RoadsCLI.router(from: source)
        let a = router.locate(try RoadsCLI.parsePoint(from, option: "--from"))
        let b = router.locate(try RoadsCLI.parsePoint(to, option: "--to"))
        for (name, location) in [("from", a), ("to", b)] {
            print(String(format: "%@ %@ → road %d at %.0f %% (way %lld), %.0f m off road", name, location.point.description,
                         location.anchor, Double(location.fraction) * 100, router.graph.road(Int(location.anchor)).wayId,
                         Double(location.offRoadMetres)))
        }
        print(String(format: "straight line %.0f m", a.point.groundDistance(to: b.point)))
        for p in profile.map({ [$0] }) ?? SpeedProfile.allCases {
            let seconds = router.travelTime(from: a, to: b, profile: p)
            if seconds.isFinite {
                print(String(format: "%@: %.1f s (%d min %02d s)", p.rawValue, seconds, Int(seconds) / 60, Int(seconds) % 60))
            } else {
                print("\(p.rawValue): unreachable")
            }
        }
    }
}

extension SpeedProfile: ExpressibleByArgument {}

/// Shared pieces of the road commands.
enum RoadsCLI {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func importExtract(_ path: String) throws -> OSMImport {
        do { return try OSMImporter.importFile(at: URL(fileURLWithPath: path)) } catch { throw Failure(description: error.description) }
    }

    static func build(_ imported: OSMImport) throws -> RoadRouter {
        do { return RoadRouter(graph: try RoadGraph(source: imported.source)) } catch { throw Failure(description: error.description) }
    }

    /// A router from a graph file, or from an OSM extract imported now.
    static func router(from path: String) throws -> RoadRouter {
        let url = URL(fileURLWithPath: path)
        if path.hasSuffix(".pbf") || path.hasSuffix(".osm") || path.hasSuffix(".xml") {
            return try build(try importExtract(path))
        }
        do { return try RoadRouter(contentsOf: url) } catch { throw Failure(description: error.description) }
    }

    static func parsePoint(_ text: String, option: String) throws -> LonLat {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lon = parts[0], let lat = parts[1] else {
            throw ValidationError("\(option) \"\(text)\": expected LON,LAT, e.g. 24.9384,60.1699")
        }
        do { return try LonLat(validatingLon: lon, lat: lat) } catch { throw ValidationError("\(option): \(error.description)") }
    }

    static func printSummary(_ router: RoadRouter, importReport: OSMImportReport?) {
        let g = router.graph
        if let r = importReport {
            print("import: \(r.nodesRead) nodes, \(r.waysRead) ways, \(r.relationsRead) relations read; "
                  + "\(r.roadWays) road ways of \(r.highwayWays) highway ways; \(r.restrictions) turn restrictions "
                  + "(\(r.restrictionsViaWay) via a way skipped); \(r.missingNodes) missing nodes")
            for (reason, count) in r.skippedWays.sorted(by: { $0.value > $1.value }).prefix(8) {
                print("  skipped \(count) × \(reason)")
            }
            for (reason, count) in r.restrictionsSkipped.sorted(by: { $0.key < $1.key }) {
                print("  restrictions skipped \(count) × \(reason)")
            }
        }
        let b = g.buildReport
        print("graph: \(g.junctionCount) junctions, \(g.roadCount) roads, \(g.routeNodeCount) route nodes, \(g.edgeCount) edges")
        print("  \(b.restrictionsApplied) restrictions applied, \(b.restrictionsUnmatched) unmatched; "
              + "\(b.componentsDropped) small components dropped (\(b.roadsDropped) roads, \(b.junctionsDropped) junctions); "
              + "\(b.missingNodeReferences) missing node references")
        let shortcuts = router.shortcutCounts
        print("hierarchies: \(shortcuts[.normal] ?? 0) shortcuts (normal), \(shortcuts[.emergency] ?? 0) (emergency); "
              + String(format: "%.1f MiB in memory", Double(router.memoryBytes) / 1_048_576))
    }
}
