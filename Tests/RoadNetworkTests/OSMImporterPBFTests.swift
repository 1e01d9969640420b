import Foundation
import GeoKit
import TestSupport
import Testing
@testable import RoadNetwork

/// Expected figures come from an independent count with pyosmium 4.3.2 (PyPI `osmium`), run once
/// outside the project: a Python handler applying the same tag rules (car classes, access, area,
/// oneway, restrictions via a node) to the same files, then the same junction cutting and a
/// Kosaraju SCC over the junction graph without turn restrictions.
@Suite("OSM PBF import of the real Helsinki extracts", .enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct OSMImporterPBFTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var nodes: Int, ways: Int, relations: Int, highwayWays: Int
        var roadWays: Int, restrictions: Int, missingNodes: Int
        var junctionsBeforeSCC: Int, roadsBeforeSCC: Int
        var components: Int, junctionsKept: Int, roadsKept: Int, arcsKept: Int
        var testDescription: String { file }
    }

    static let expected = [
        Expected(file: "osm/helsinki.osm.pbf", nodes: 24260, ways: 5130, relations: 620, highwayWays: 2650,
                 roadWays: 911, restrictions: 45, missingNodes: 146, junctionsBeforeSCC: 919, roadsBeforeSCC: 998,
                 components: 57, junctionsKept: 817, roadsKept: 894, arcsKept: 1397),
        Expected(file: "osm/helsinki-small.osm.pbf", nodes: 14222, ways: 2653, relations: 5, highwayWays: 343,
                 roadWays: 214, restrictions: 0, missingNodes: 274, junctionsBeforeSCC: 338, roadsBeforeSCC: 377,
                 components: 13, junctionsKept: 298, roadsKept: 340, arcsKept: 625),
    ]

    @Test("element and road counts match an independent pyosmium count", arguments: expected)
    func counts(_ e: Expected) throws {
        let imported = try OSMImporter.importFile(at: SharedData.url(e.file))
        let r = imported.report
        #expect(r.nodesRead == e.nodes)
        #expect(r.waysRead == e.ways)
        #expect(r.relationsRead == e.relations)
        #expect(r.highwayWays == e.highwayWays)
        #expect(r.roadWays == e.roadWays)
        #expect(imported.source.ways.count == e.roadWays)
        #expect(r.restrictions == e.restrictions)
        #expect(r.missingNodes == e.missingNodes)
        // Every highway way is either kept or skipped with a counted reason.
        #expect(r.roadWays + r.skippedWays.values.reduce(0, +) == r.highwayWays)

        // Graph without restrictions: the junction graph pyosmium's check built.
        var plain = imported.source
        plain.restrictions = []
        let graph = try RoadGraph(source: plain)
        #expect(graph.junctionCount == e.junctionsKept)
        #expect(graph.roadCount == e.roadsKept)
        #expect(graph.arcCount == e.arcsKept)
        #expect(graph.buildReport.componentsDropped == e.components - 1)
        #expect(graph.junctionCount + graph.buildReport.junctionsDropped == e.junctionsBeforeSCC)
        #expect(graph.roadCount + graph.buildReport.roadsDropped == e.roadsBeforeSCC)
        #expect(graph.routeNodeCount == graph.junctionCount)
        #expect(graph.edgeCount == e.arcsKept)
    }

    @Test("turn restrictions split via junctions; the graph stays stable")
    func restrictions() throws {
        let imported = try #require(Helsinki.imported)
        let graph = try #require(Helsinki.graph)
        let report = graph.buildReport
        // 45 restrictions read; those whose ways meet at the via node as drivable arcs are applied.
        #expect(report.restrictionsApplied + report.restrictionsUnmatched == imported.source.restrictions.count)
        #expect(report.restrictionsApplied > 20)
        #expect(graph.routeNodeCount > graph.junctionCount)
        // Regression figures of this implementation (the restriction-free figures above are the
        // independent ones): 814 junctions and 887 roads survive the split-graph SCC.
        #expect(graph.junctionCount == 814)
        #expect(graph.roadCount == 887)
        #expect(graph.junctionCount + report.junctionsDropped == 919)
    }

    @Test("node positions are read exactly (granularity and offsets)")
    func positions() throws {
        let imported = try #require(Helsinki.imported)
        let nodes = imported.source.nodes
        // Every position lies in central Helsinki.
        for p in nodes.values {
            #expect((24.8...25.1).contains(p.lon) && (60.1...60.25).contains(p.lat))
        }
        // Positions have at most 7 decimals (granularity 100 nanodegrees).
        for p in nodes.values.prefix(200) {
            let scaled = p.lat * 1e7
            #expect(abs(scaled - scaled.rounded()) < 1e-4)
        }
    }
}
