import GeoKit
import Testing
@testable import RoadNetwork

@Suite("Contraction hierarchies agree with plain Dijkstra")
struct ContractionHierarchyTests {
    static let columns = 30, rows = 25

    static let router: RoadRouter = {
        let source = SyntheticNetwork.grid(columns: columns, rows: rows, seed: 7)
        // The synthetic grid always has a large connected core.
        let graph = (try? RoadGraph(source: source)) ?? { fatalError("synthetic grid must build") }()
        return RoadRouter(graph: graph)
    }()

    @Test("point to point equals Dijkstra to the decisecond", arguments: SpeedProfile.allCases)
    func pointToPoint(profile: SpeedProfile) throws {
        let router = Self.router
        let reference = DijkstraReference(graph: router.graph)
        let points = SyntheticNetwork.points(400, seed: 11, columns: Self.columns, rows: Self.rows).map(router.locate)
        var reached = 0
        for i in stride(from: 0, to: points.count - 1, by: 2) {
            let ch = router.deciseconds(from: points[i], to: points[i + 1], profile: profile)
            let dj = reference.deciseconds(from: points[i], to: points[i + 1], profile: profile)
            #expect(ch == dj, "pair \(i): CH \(String(describing: ch)) vs Dijkstra \(String(describing: dj))")
            if ch != nil { reached += 1 }
        }
        // Only the largest strongly connected component is kept, so every pair is reachable.
        #expect(reached == points.count / 2)
    }

    @Test("many to one (PHAST) equals Dijkstra", arguments: SpeedProfile.allCases)
    func manyToOne(profile: SpeedProfile) throws {
        let router = Self.router
        let reference = DijkstraReference(graph: router.graph)
        let origins = SyntheticNetwork.points(150, seed: 21, columns: Self.columns, rows: Self.rows).map(router.locate)
        let destinations = SyntheticNetwork.points(4, seed: 22, columns: Self.columns, rows: Self.rows).map(router.locate)
        for destination in destinations {
            let fast = router.deciseconds(from: origins, to: destination, profile: profile)
            let slow = origins.map { reference.deciseconds(from: $0, to: destination, profile: profile) }
            #expect(fast == slow)
        }
    }

    @Test("the hierarchy adds shortcuts and keeps every upward edge pointing up")
    func structure() {
        for ch in Self.router.hierarchies {
            #expect(ch.shortcutCount > 0)
            for p in 0..<ch.nodeCount {
                for e in ch.up[Int(ch.upStart[p])..<Int(ch.upStart[p + 1])] { #expect(Int(e.node) < p) }
                for e in ch.down[Int(ch.downStart[p])..<Int(ch.downStart[p + 1])] { #expect(Int(e.node) < p) }
            }
        }
    }
}
