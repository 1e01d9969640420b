import Foundation
import GeoKit
import TestSupport
import Testing
@testable import RoadNetwork

@Suite("Snapping to the nearest road", .enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct SegmentGridTests {
    /// Nearest distance from `p` to segment a–b on the ground, found by ternary search over the
    /// segment with haversine distances: independent of the grid's local projection.
    static func groundDistance(_ p: LonLat, _ a: LonLat, _ b: LonLat) -> Double {
        func at(_ t: Double) -> Double { p.groundDistance(to: LonLat(lon: a.lon + t * (b.lon - a.lon), lat: a.lat + t * (b.lat - a.lat))) }
        var lo = 0.0, hi = 1.0
        for _ in 0..<60 {
            let m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3
            if at(m1) < at(m2) { hi = m2 } else { lo = m1 }
        }
        return min(at((lo + hi) / 2), at(0), at(1))
    }

    static func bruteForce(_ p: LonLat, _ graph: RoadGraph) -> Double {
        var best = Double.infinity
        for r in 0..<graph.roadCount {
            let g = graph.road(r).geometry
            for i in 0..<(g.count - 1) { best = min(best, groundDistance(p, g[i], g[i + 1])) }
        }
        return best
    }

    @Test("the snapped road is the nearest in metres on the ground, inside and far outside the network")
    func nearest() throws {
        let router = try #require(Helsinki.router)
        let graph = router.graph
        var points = Helsinki.points(250, seed: 77, in: graph)
        // Out in the Gulf of Finland and well beyond the extract's edges.
        points += [LonLat(lon: 24.95, lat: 60.10), LonLat(lon: 25.2, lat: 60.3), LonLat(lon: 24.5, lat: 60.0), LonLat(lon: 24.94, lat: 60.16)]
        for p in points {
            let snapped = router.locate(p)
            #expect(snapped.anchor >= 0 && Int(snapped.anchor) < graph.roadCount)
            let exact = Self.bruteForce(p, graph)
            #expect(abs(Double(snapped.offRoadMetres) - exact) <= 0.5 + exact * 1e-3, "\(p): snapped \(snapped.offRoadMetres) m, nearest \(exact) m")
            // The fraction puts the snapped point at that distance.
            let g = graph.road(Int(snapped.anchor)).geometry
            let onRoad = RoadRouterHelsinkiTests.point(along: g, fraction: Double(snapped.fraction))
            #expect(abs(p.groundDistance(to: onRoad) - Double(snapped.offRoadMetres)) <= 0.5 + exact * 1e-3)
        }
    }

    @Test("off-road distance counts in the travel time at the off-road speed")
    func offRoadTime() throws {
        let router = try #require(Helsinki.router)
        let near = router.locate(LonLat(lon: 24.94, lat: 60.17))
        var far = near
        far.offRoadMetres += 100
        let base = try #require(router.deciseconds(from: near, to: near, profile: .normal))
        let plus = try #require(router.deciseconds(from: far, to: near, profile: .normal))
        // 100 m more at 10 km/h is 36 s.
        #expect(base == 2 * UInt32((Double(near.offRoadMetres) / (10 / 3.6) * 10).rounded()))
        #expect(Int(plus) - Int(base) >= 359 && Int(plus) - Int(base) <= 361)
        // A location not anchored on this graph is snapped afresh.
        #expect(router.deciseconds(from: RoadLocation(point: near.point), to: near, profile: .normal) == base)
    }
}
