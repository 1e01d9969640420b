import Foundation
import Testing
import GeoKit
@testable import RoadNetwork

/// The generated roads through the `roads` graph builder: all connected, and the river forces detours.
@Suite struct PackGeneratorRoadGraphTests {
    static let graph: Result<RoadGraph, RoadGraphError> = Result { () throws(RoadGraphError) in try RoadGraph(source: generatedRegion.roads) }

    @Test func theGraphBuilderKeepsEveryRoad() throws {
        let graph = try Self.graph.get()
        let report = graph.buildReport
        #expect(report.missingNodeReferences == 0)
        #expect(report.componentsDropped == 0, "the generator already keeps one strongly connected network")
        #expect(report.roadsDropped == 0 && report.junctionsDropped == 0 && report.arcsDropped == 0)
        #expect(report.waysUsed == generatedRegion.roads.ways.count)
        #expect(graph.junctionCount > 20_000, "\(graph.junctionCount) junctions")
    }

    @Test func crossingTheRiverAwayFromABridgeTakesADetour() throws {
        let graph = try Self.graph.get()
        let grid = SegmentGrid(graph: graph)
        let dijkstra = DijkstraReference(graph: graph)
        let river = generatedRegion.river
        let bridges = generatedRegion.bridges.map(\.position)
        let metresPerDegreeLat = 111_195.0
        var checked = 0
        // Every ~2 km along the river, at least 2.5 km from a bridge: a point 150 m north of the river,
        // one 150 m south, and one 1.2 km further along the north bank.
        for i in stride(from: 20, to: river.count - 40, by: 50) where bridges.allSatisfy({ $0.groundDistance(to: river[i]) > 2_500 }) {
            let r = river[i]
            let north = LonLat(lon: r.lon, lat: r.lat + 150 / metresPerDegreeLat)
            let south = LonLat(lon: r.lon, lat: r.lat - 150 / metresPerDegreeLat)
            let along = river[i + 30]
            let northAlong = LonLat(lon: along.lon, lat: along.lat + 150 / metresPerDegreeLat)
            let a = grid.nearest(to: north, graph: graph), b = grid.nearest(to: south, graph: graph), c = grid.nearest(to: northAlong, graph: graph)
            guard a.offRoadMetres < 80, b.offRoadMetres < 80, c.offRoadMetres < 80 else { continue }
            guard let across = dijkstra.deciseconds(from: a, to: b, profile: .emergency),
                  let sameBank = dijkstra.deciseconds(from: a, to: c, profile: .emergency) else {
                Issue.record("unreachable near \(r)")
                continue
            }
            checked += 1
            let crowAcross = north.groundDistance(to: south), crowAlong = north.groundDistance(to: northAlong)
            #expect(crowAcross < crowAlong, "the point across the river is nearer as the crow flies")
            #expect(across > sameBank, "near \(r): across \(across) ds, along the bank \(sameBank) ds")
            #expect(across > 3_000, "near \(r): 300 m across the river should take over 5 minutes, took \(Double(across) / 10) s")
            if checked >= 5 { break }
        }
        #expect(checked >= 3, "only \(checked) river samples were usable")
    }
}
