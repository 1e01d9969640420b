import GeoKit
import Testing
@testable import RoadNetwork

/// Graph building on small hand-made networks whose answers can be worked out on paper.
@Suite("RoadGraph builder")
struct RoadGraphBuildTests {
    /// A plus-shaped crossing: centre 5, arms 1 (west), 2 (east), 3 (south), 4 (north), about 100 m each,
    /// plus a ring road 1–4–2–3–1 so every turn has a detour. Ways: 10 west arm, 11 east arm, 12 south arm,
    /// 13 north arm, 20 the ring.
    static func crossing(restrictions: [TurnRestriction] = []) -> RoadNetworkSource {
        let d = 0.0009 // ≈ 100 m of latitude, ≈ 55 m of longitude at 52.5°N
        let nodes: [Int64: LonLat] = [
            5: LonLat(lon: -1.9, lat: 52.5),
            1: LonLat(lon: -1.9 - 2 * d, lat: 52.5), 2: LonLat(lon: -1.9 + 2 * d, lat: 52.5),
            3: LonLat(lon: -1.9, lat: 52.5 - d), 4: LonLat(lon: -1.9, lat: 52.5 + d),
        ]
        let ways = [
            RoadWay(id: 10, nodes: [1, 5], roadClass: .residential),
            RoadWay(id: 11, nodes: [5, 2], roadClass: .residential),
            RoadWay(id: 12, nodes: [3, 5], roadClass: .residential),
            RoadWay(id: 13, nodes: [5, 4], roadClass: .residential),
            RoadWay(id: 20, nodes: [1, 4, 2, 3, 1], roadClass: .residential),
        ]
        return RoadNetworkSource(nodes: nodes, ways: ways, restrictions: restrictions)
    }

    func location(_ graph: RoadGraph, way: Int64, fraction: Float) throws -> RoadLocation {
        let r = try #require((0..<graph.roadCount).first { graph.roadWayId[$0] == way })
        return RoadLocation(point: graph.road(r).geometry[0], anchor: Int32(r), fraction: fraction)
    }

    @Test("ways are cut at junctions; a closed ring is cut so no road is a loop")
    func cutting() throws {
        let graph = try RoadGraph(source: Self.crossing())
        #expect(graph.junctionCount == 5)
        // Four arms and four ring sections.
        #expect(graph.roadCount == 8)
        for r in 0..<graph.roadCount { #expect(graph.roadFrom[r] != graph.roadTo[r]) }
        #expect(graph.arcCount == 16)
        #expect(graph.buildReport.componentsDropped == 0)
    }

    @Test("a loop with a single junction gets its middle node as a junction")
    func loop() throws {
        var source = Self.crossing()
        source.nodes[60] = LonLat(lon: -1.9005, lat: 52.4985)
        source.nodes[61] = LonLat(lon: -1.9010, lat: 52.4980)
        source.nodes[62] = LonLat(lon: -1.8995, lat: 52.4985)
        source.ways.append(RoadWay(id: 50, nodes: [3, 60, 61, 62, 3], roadClass: .service))
        let graph = try RoadGraph(source: source)
        #expect(graph.junctionCount == 6)
        #expect(graph.junctionIds.contains(61))
        #expect(graph.roadCount == 10)
        for r in 0..<graph.roadCount { #expect(graph.roadFrom[r] != graph.roadTo[r]) }
    }

    @Test("no left turn: the banned turn is routed round the ring", arguments: [TurnRestriction.Kind.prohibitory, .mandatory])
    func restriction(kind: TurnRestriction.Kind) throws {
        // From the west arm, turning north is banned (no_left_turn), or only straight east is allowed (only_straight_on).
        let rule = kind == .prohibitory
            ? TurnRestriction(fromWay: 10, viaNode: 5, toWay: 13, kind: .prohibitory)
            : TurnRestriction(fromWay: 10, viaNode: 5, toWay: 11, kind: .mandatory)
        let free = try RoadGraph(source: Self.crossing())
        let restricted = try RoadGraph(source: Self.crossing(restrictions: [rule]))
        #expect(restricted.buildReport.restrictionsApplied == 1)
        // The centre is split into one copy per incoming arc (4).
        #expect(restricted.routeNodeCount == free.routeNodeCount + 3)
        let west = try location(free, way: 10, fraction: 0.5), north = try location(free, way: 13, fraction: 0.5)
        let west2 = try location(restricted, way: 10, fraction: 0.5), north2 = try location(restricted, way: 13, fraction: 0.5)
        let direct = try #require(DijkstraReference(graph: free).deciseconds(from: west, to: north, profile: .normal))
        let detour = try #require(DijkstraReference(graph: restricted).deciseconds(from: west2, to: north2, profile: .normal))
        #expect(detour > direct)
        // Straight on (west → east) is unaffected.
        let east = try location(free, way: 11, fraction: 0.5), east2 = try location(restricted, way: 11, fraction: 0.5)
        #expect(DijkstraReference(graph: free).deciseconds(from: west, to: east, profile: .normal)
                == DijkstraReference(graph: restricted).deciseconds(from: west2, to: east2, profile: .normal))
        // The hierarchy agrees with Dijkstra on the split graph.
        let router = RoadRouter(graph: restricted)
        #expect(router.deciseconds(from: west2, to: north2, profile: .normal) == detour)
    }

    @Test("a restriction whose ways do not meet is counted as unmatched, not applied")
    func unmatchedRestriction() throws {
        let rule = TurnRestriction(fromWay: 10, viaNode: 2, toWay: 12, kind: .prohibitory)
        let graph = try RoadGraph(source: Self.crossing(restrictions: [rule]))
        #expect(graph.buildReport.restrictionsApplied == 0)
        #expect(graph.buildReport.restrictionsUnmatched == 1)
        #expect(graph.routeNodeCount == graph.junctionCount)
    }

    @Test("only the largest strongly connected component is kept")
    func largestComponent() throws {
        var source = Self.crossing()
        // A separate two-way street far away, and a one-way spur leaving the crossing.
        source.nodes[100] = LonLat(lon: -1.8, lat: 52.6)
        source.nodes[101] = LonLat(lon: -1.801, lat: 52.6)
        source.nodes[102] = LonLat(lon: -1.902, lat: 52.498)
        source.ways.append(RoadWay(id: 30, nodes: [100, 101], roadClass: .residential))
        source.ways.append(RoadWay(id: 31, nodes: [3, 102], roadClass: .residential, oneway: .forward))
        let graph = try RoadGraph(source: source)
        #expect(graph.junctionCount == 5)
        #expect(graph.roadCount == 8)
        // {100, 101} and {102} were separate components.
        #expect(graph.buildReport.componentsDropped == 2)
        #expect(graph.buildReport.roadsDropped == 2)
        #expect(graph.buildReport.junctionsDropped == 3)
        #expect(!graph.roadWayId.contains(30) && !graph.roadWayId.contains(31))
    }

    @Test("missing node references drop their segments and are counted")
    func missingNodes() throws {
        var source = Self.crossing()
        source.ways.append(RoadWay(id: 40, nodes: [2, 999, 4], roadClass: .service))
        source.ways.append(RoadWay(id: 41, nodes: [998, 997], roadClass: .service))
        let graph = try RoadGraph(source: source)
        #expect(graph.buildReport.missingNodeReferences == 3)
        #expect(graph.buildReport.waysTooShort == 2)
        #expect(!graph.roadWayId.contains(40))
        #expect(graph.roadCount == 8)
    }

    @Test("no usable roads is a clear error", arguments: [
        RoadNetworkSource(),
        RoadNetworkSource(nodes: [:], ways: [RoadWay(id: 1, nodes: [1, 2], roadClass: .primary)]),
        RoadNetworkSource(nodes: [1: LonLat(lon: 0, lat: 0), 2: LonLat(lon: 0.001, lat: 0)],
                          ways: [RoadWay(id: 1, nodes: [1, 2], roadClass: .primary, oneway: .forward)]),
    ])
    func empty(source: RoadNetworkSource) {
        #expect {
            _ = try RoadGraph(source: source)
        } throws: { error in
            guard case let RoadGraphError.noRoutableRoads(detail)? = error as? RoadGraphError else { return false }
            return !detail.isEmpty && "\(error)".hasPrefix("no routable roads")
        }
    }

    @Test("travel times follow the speed table and tagged limits")
    func weights() throws {
        let a = LonLat(lon: -1.9, lat: 52.5), b = LonLat(lon: -1.9, lat: 52.509) // ≈ 1,000.8 m
        let metres = a.groundDistance(to: b)
        let source = RoadNetworkSource(nodes: [1: a, 2: b], ways: [
            RoadWay(id: 1, nodes: [1, 2], roadClass: .primary),
            RoadWay(id: 2, nodes: [1, 2], roadClass: .residential, maxspeedKmh: 48.28),
        ])
        let graph = try RoadGraph(source: source)
        let primary = try #require((0..<graph.roadCount).first { graph.roadWayId[$0] == 1 })
        let residential = try #require((0..<graph.roadCount).first { graph.roadWayId[$0] == 2 })
        let uk = RoadSpeeds.uk
        #expect(graph.weight(road: primary, profile: .normal) == UInt32((metres / (60 / 3.6) * 10).rounded()))
        #expect(graph.weight(road: primary, profile: .emergency) == UInt32((metres / (min(60 * 1.4, 100) / 3.6) * 10).rounded()))
        #expect(graph.weight(road: residential, profile: .normal) == UInt32((metres / (48.28 * uk.maxspeedFactor / 3.6) * 10).rounded()))
        #expect(abs(Double(graph.roadLength[primary]) - metres) < 0.01)
    }
}

extension RoadNetworkSource: CustomTestStringConvertible {
    public var testDescription: String { "\(ways.count) ways, \(nodes.count) nodes" }
}
