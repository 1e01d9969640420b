import Foundation
import GeoKit
import Testing
@testable import RoadNetwork

@Suite("OSM XML import, and agreement with PBF")
struct OSMXMLReaderTests {
    @Test("the fixture's roads, skips and restrictions are what the file says")
    func fixture() throws {
        let imported = try OSMImporter.importXML(data: Data(OSMFixture.xml.utf8))
        let r = imported.report
        #expect(r.nodesRead == 10)
        #expect(r.waysRead == 7)
        #expect(r.relationsRead == 4)
        #expect(r.highwayWays == 7)
        #expect(r.roadWays == 4)
        #expect(r.skippedWays == ["highway=footway": 1, "access=private": 1, "oneway=reversible": 1])
        #expect(r.restrictions == 1)
        #expect(r.restrictionsViaWay == 1)
        #expect(r.restrictionsSkipped == ["not for cars": 1])
        #expect(r.missingNodes == 1)
        let ways = Dictionary(uniqueKeysWithValues: imported.source.ways.map { ($0.id, $0) })
        #expect(ways[100]?.roadClass == .primary)
        #expect(ways[100]?.name == "Broad Street")
        #expect(abs((ways[100]?.maxspeedKmh ?? 0) - 30 * 1.609344) < 1e-9)
        #expect(ways[101]?.oneway == .forward)
        #expect(ways[102]?.nodes == [6, 4, 7, 3, 8, 5, 9, 1, 6])
        #expect(imported.source.restrictions == [TurnRestriction(fromWay: 100, viaNode: 2, toWay: 101, kind: .prohibitory)])

        let graph = try RoadGraph(source: imported.source)
        #expect(graph.junctionCount == 6)
        #expect(graph.roadCount == 9)
        #expect(graph.arcCount == 16)
        #expect(graph.buildReport.restrictionsApplied == 1)
        // Junction 2 split into one copy per incoming arc (from 1, from 3, from 5).
        #expect(graph.routeNodeCount == 8)
        #expect(graph.buildReport.missingNodeReferences == 1)
    }

    @Test("XML and PBF of the same data give the same source")
    func xmlEqualsPBF() throws {
        let xml = try OSMImporter.importXML(data: Data(OSMFixture.xml.utf8))
        let pbf = try OSMImporter.importPBF(bytes: OSMFixture.pbf)
        #expect(xml.source.ways == pbf.source.ways)
        #expect(xml.source.restrictions == pbf.source.restrictions)
        #expect(Set(xml.source.nodes.keys) == Set(pbf.source.nodes.keys))
        for (id, p) in xml.source.nodes {
            let q = try #require(pbf.source.nodes[id])
            #expect(abs(p.lon - q.lon) < 1e-9 && abs(p.lat - q.lat) < 1e-9)
        }
        #expect(xml.report == pbf.report.with(blocks: 0))
    }

    @Test("a file is read as XML or PBF by its content")
    func sniffing() throws {
        let dir = FileManager.default.temporaryDirectory
        let xmlURL = dir.appendingPathComponent("bluelamp-fixture-\(ProcessInfo.processInfo.processIdentifier).osm")
        let pbfURL = dir.appendingPathComponent("bluelamp-fixture-\(ProcessInfo.processInfo.processIdentifier).osm.pbf")
        defer { try? FileManager.default.removeItem(at: xmlURL); try? FileManager.default.removeItem(at: pbfURL) }
        try Data(OSMFixture.xml.utf8).write(to: xmlURL)
        try Data(OSMFixture.pbf).write(to: pbfURL)
        #expect(try OSMImporter.importFile(at: xmlURL).source.ways.count == 4)
        #expect(try OSMImporter.importFile(at: pbfURL).source.ways.count == 4)
    }

    @Test("broken XML is an error with a line number", arguments: [
        "<osm><way id=\"1\"><nd ref=\"1\"/></osm>",
        "<osm><way id=\"x\"><tag k=\"highway\" v=\"primary\"/></way></osm>",
        "<notosm/>",
        "<osm><way id=\"1\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"highway\" v=\"primary\"/></way><node id=\"1\" lat=\"abc\" lon=\"0\"/></osm>",
    ])
    func broken(xml: String) {
        #expect {
            _ = try OSMImporter.importXML(data: Data(xml.utf8))
        } throws: { error in
            guard case let .xml(line, _, detail)? = error as? OSMImportError else { return false }
            return line >= 1 && !detail.isEmpty
        }
    }

    @Test("an extract without roads says so")
    func noRoads() {
        let xml = "<osm><node id=\"1\" lat=\"1\" lon=\"1\"/><way id=\"1\"><nd ref=\"1\"/><nd ref=\"1\"/><tag k=\"highway\" v=\"footway\"/></way></osm>"
        #expect {
            _ = try OSMImporter.importXML(data: Data(xml.utf8))
        } throws: { error in
            guard case .noRoutableRoads? = error as? OSMImportError else { return false }
            return "\(error)".contains("no routable roads")
        }
    }
}

extension OSMImportReport {
    func with(blocks: Int) -> OSMImportReport { var r = self; r.blocks = blocks; return r }
}
