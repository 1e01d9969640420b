import Foundation
import GeoKit
import TestSupport
import Testing
@testable import RoadNetwork

/// Travel times on the real Helsinki graph.
@Suite("RoadRouter on the Helsinki road graph", .enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct RoadRouterHelsinkiTests {
    /// A point `fraction` of the way along a polyline (by ground length).
    static func point(along line: [LonLat], fraction: Double) -> LonLat {
        let lengths = zip(line, line.dropFirst()).map { $0.groundDistance(to: $1) }
        var remaining = lengths.reduce(0, +) * fraction
        for (i, l) in lengths.enumerated() {
            if remaining <= l, l > 0 {
                let t = remaining / l
                return LonLat(lon: line[i].lon + t * (line[i + 1].lon - line[i].lon), lat: line[i].lat + t * (line[i + 1].lat - line[i].lat))
            }
            remaining -= l
        }
        return line[line.count - 1]
    }

    @Test("contraction hierarchy equals plain Dijkstra on 300 random pairs", arguments: SpeedProfile.allCases)
    func chEqualsDijkstra(profile: SpeedProfile) throws {
        let router = try #require(Helsinki.router)
        let reference = DijkstraReference(graph: router.graph)
        let points = Helsinki.points(600, seed: 42, in: router.graph).map(router.locate)
        for i in stride(from: 0, to: points.count, by: 2) {
            let fast = router.deciseconds(from: points[i], to: points[i + 1], profile: profile)
            let slow = reference.deciseconds(from: points[i], to: points[i + 1], profile: profile)
            #expect(fast != nil, "every pair is connected in the largest component")
            #expect(fast == slow, "pair \(i / 2)")
        }
    }

    @Test("one-to-many (PHAST) equals plain Dijkstra", arguments: SpeedProfile.allCases)
    func manyToOneEqualsDijkstra(profile: SpeedProfile) throws {
        let router = try #require(Helsinki.router)
        let reference = DijkstraReference(graph: router.graph)
        let origins = Helsinki.points(250, seed: 7, in: router.graph).map(router.locate)
        for destination in Helsinki.points(6, seed: 8, in: router.graph).map(router.locate) {
            let fast = router.deciseconds(from: origins, to: destination, profile: profile)
            let slow = origins.map { reference.deciseconds(from: $0, to: destination, profile: profile) }
            #expect(fast == slow)
            // The seconds API and the "within T" API agree with the exact figures.
            let seconds = router.travelTimes(from: origins, to: destination, profile: profile, limit: nil)
            #expect(seconds == fast.map { Double($0 ?? 0) / 10 })
            let within = router.origins(origins, reaching: destination, within: 120, profile: profile)
            let expected = fast.enumerated().filter { Double($0.element ?? .max) <= 1200 }.map(\.offset)
            #expect(Set(within.map(\.index)) == Set(expected))
            #expect(within.map(\.seconds) == within.map(\.seconds).sorted())
        }
    }

    @Test("a real one-way street is fast one way and needs a detour the other")
    func oneWay() throws {
        let router = try #require(Helsinki.router)
        let graph = router.graph
        var checked = 0
        for r in 0..<graph.roadCount {
            let road = graph.road(r)
            guard road.forward != road.backward, road.lengthMetres > 50 else { continue }
            // With the flow, from a quarter to three quarters of the way.
            let (fa, fb): (Float, Float) = road.forward ? (0.25, 0.75) : (0.75, 0.25)
            let a = RoadLocation(point: Self.point(along: road.geometry, fraction: Double(fa)), anchor: Int32(r), fraction: fa)
            let b = RoadLocation(point: Self.point(along: road.geometry, fraction: Double(fb)), anchor: Int32(r), fraction: fb)
            let w = Double(road.deciseconds[.normal] ?? 0)
            let ahead = try #require(router.deciseconds(from: a, to: b, profile: .normal))
            let back = try #require(router.deciseconds(from: b, to: a, profile: .normal))
            // With the flow: straight along the road, half its time.
            #expect(Double(ahead) == (0.75 * w).rounded() - (0.25 * w).rounded())
            // Against it: at least the rest of the road, a detour, and the start of the road again.
            #expect(back > ahead)
            #expect(Double(back) >= (0.25 * w).rounded() + w - (0.75 * w).rounded())
            checked += 1
            if checked == 25 { break }
        }
        #expect(checked == 25, "Helsinki has one-way streets longer than 50 m")
    }

    @Test("two-way roads are symmetric; the real network is not everywhere")
    func symmetry() throws {
        let imported = try #require(Helsinki.imported)
        let router = try #require(Helsinki.router)
        // Everything two-way and unrestricted: every trip takes as long back as there.
        var twoWay = imported.source
        twoWay.restrictions = []
        twoWay.ways = twoWay.ways.map { var w = $0; w.oneway = .no; return w }
        let symmetric = RoadRouter(graph: try RoadGraph(source: twoWay))
        let points = Helsinki.points(160, seed: 5, in: symmetric.graph)
        var asymmetricReal = 0
        for i in stride(from: 0, to: points.count, by: 2) {
            let a = symmetric.locate(points[i]), b = symmetric.locate(points[i + 1])
            #expect(symmetric.deciseconds(from: a, to: b, profile: .normal) == symmetric.deciseconds(from: b, to: a, profile: .normal))
            let ra = router.locate(points[i]), rb = router.locate(points[i + 1])
            if router.deciseconds(from: ra, to: rb, profile: .normal) != router.deciseconds(from: rb, to: ra, profile: .normal) {
                asymmetricReal += 1
            }
        }
        // One-way streets and turn restrictions make many real trips differ in the two directions.
        #expect(asymmetricReal > 20)
    }

    @Test("ETAs are physically plausible and blue lights are never slower")
    func plausible() throws {
        let router = try #require(Helsinki.router)
        let topSpeed = (0..<router.graph.roadCount).map { r -> Double in
            let road = router.graph.road(r)
            return road.lengthMetres / (Double(road.deciseconds[.emergency] ?? 1) / 10)
        }.max() ?? 0
        #expect(topSpeed > 10 && topSpeed < 150 / 3.6 + 1)
        let points = Helsinki.points(400, seed: 99, in: router.graph).map(router.locate)
        var speeds: [Double] = []
        for i in stride(from: 0, to: points.count, by: 2) {
            let a = points[i], b = points[i + 1]
            let normal = router.travelTime(from: a, to: b, profile: .normal)
            let emergency = router.travelTime(from: a, to: b, profile: .emergency)
            #expect(emergency <= normal)
            let crow = a.point.groundDistance(to: b.point)
            // Nothing beats the crow at the network's top speed.
            #expect(normal >= crow / topSpeed - 0.1)
            if crow > 1000 { speeds.append(crow / normal * 3.6) }
        }
        speeds.sort()
        let median = speeds[speeds.count / 2]
        // Crow-fly speed of urban car trips: somewhere between a cyclist and a ring road.
        #expect(median > 12 && median < 50, "median crow-fly speed \(median) km/h")
    }

    @Test("a turn restriction makes the banned turn take longer")
    func restrictionMatters() throws {
        let imported = try #require(Helsinki.imported)
        let router = try #require(Helsinki.router)
        var plainSource = imported.source
        plainSource.restrictions = []
        let plain = DijkstraReference(graph: try RoadGraph(source: plainSource))
        let graph = router.graph
        var longer = 0, checked = 0
        for rule in imported.source.restrictions where rule.kind == .prohibitory {
            guard let via = graph.junctionIds.firstIndex(of: rule.viaNode) else { continue }
            let from = (0..<graph.roadCount).first { graph.roadWayId[$0] == rule.fromWay && (graph.roadTo[$0] == via || graph.roadFrom[$0] == via) }
            let to = (0..<graph.roadCount).first { graph.roadWayId[$0] == rule.toWay && (graph.roadTo[$0] == via || graph.roadFrom[$0] == via) }
            guard let from, let to, from != to else { continue }
            // Points a little way from the via junction on each road.
            let fromRoad = graph.road(from), toRoad = graph.road(to)
            let a = Self.point(along: fromRoad.geometry, fraction: fromRoad.to == via ? 0.8 : 0.2)
            let b = Self.point(along: toRoad.geometry, fraction: toRoad.from == via ? 0.2 : 0.8)
            let restricted = try #require(router.deciseconds(from: router.locate(a), to: router.locate(b), profile: .normal))
            let free = try #require(plain.deciseconds(from: plain.graph.locateForTests(a), to: plain.graph.locateForTests(b), profile: .normal))
            #expect(restricted >= free)
            if restricted > free { longer += 1 }
            checked += 1
        }
        #expect(checked >= 10)
        #expect(longer >= checked / 2, "\(longer) of \(checked) banned turns force a detour")
    }

    @Test("concurrent queries give the same answers as sequential ones")
    func concurrent() async throws {
        let router = try #require(Helsinki.router)
        let origins = Helsinki.points(300, seed: 3, in: router.graph).map(router.locate)
        let destinations = Helsinki.points(16, seed: 4, in: router.graph).map(router.locate)
        let sequential = destinations.map { router.deciseconds(from: origins, to: $0, profile: .emergency) }
        let parallel = await withTaskGroup(of: (Int, [UInt32?]).self) { group in
            for (i, d) in destinations.enumerated() {
                group.addTask { (i, router.deciseconds(from: origins, to: d, profile: .emergency)) }
            }
            var out = [[UInt32?]](repeating: [], count: destinations.count)
            for await (i, r) in group { out[i] = r }
            return out
        }
        #expect(parallel == sequential)
    }
}

extension RoadGraph {
    /// Snapping without building hierarchies (for reference graphs in tests).
    func locateForTests(_ point: LonLat) -> RoadLocation {
        SegmentGrid(graph: self).nearest(to: point, graph: self)
    }
}
