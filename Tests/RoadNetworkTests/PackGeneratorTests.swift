import Foundation
import Testing
import GeoKit
@testable import RoadNetwork

/// The generated region (seed 1) is made once and shared by the tests below.
let generatedRegion = PackGenerator(seed: 1).generate()
/// The same region with streets 500 m apart (a few thousand nodes), for quick router tests.
let coarseRegion = PackGenerator(seed: 1, streetSpacingMetres: 500).generate()

func testRegion(spacing: Double) -> GeneratedRegion { spacing == 500 ? coarseRegion : generatedRegion }

@Suite struct PackGeneratorTests {
    let region = generatedRegion

    @Test func coarseRegionKeepsTheLayoutWithFewerStreets() {
        #expect((2_000...12_000).contains(coarseRegion.roads.nodes.count), "\(coarseRegion.roads.nodes.count) nodes")
        #expect(coarseRegion.boundary == generatedRegion.boundary)
        #expect(coarseRegion.districts.map(\.ring) == generatedRegion.districts.map(\.ring))
        #expect(coarseRegion.river == generatedRegion.river)
        #expect(coarseRegion.towns == generatedRegion.towns)
        #expect(Set(coarseRegion.roads.ways.map(\.roadClass)).isSuperset(of: [.motorway, .motorwayLink, .trunk, .primary, .secondary, .residential]))
    }

    /// Flat metres around the region's centre, for checks independent of the generator's own frame.
    static func xy(_ p: LonLat) -> (Double, Double) {
        ((p.lon + 1.815) * 111_195 * cos(52.505 * .pi / 180), (p.lat - 52.505) * 111_195)
    }

    static func area(_ ring: [LonLat]) -> Double {
        var a = 0.0
        for i in 0..<(ring.count - 1) {
            let (x1, y1) = xy(ring[i]), (x2, y2) = xy(ring[i + 1])
            a += x1 * y2 - x2 * y1
        }
        return a / 2
    }

    static func inside(_ ring: [LonLat], _ p: LonLat) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.lat > p.lat) != (b.lat > p.lat), p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon { inside.toggle() }
            j = i
        }
        return inside
    }

    @Test func sameSeedSameRegionOtherSeedOtherRegion() {
        let again = PackGenerator(seed: 1).generate()
        #expect(again.boundary == region.boundary)
        #expect(again.roads.nodes == region.roads.nodes)
        #expect(again.roads.ways == region.roads.ways)
        #expect(again.hotSpots == region.hotSpots)
        #expect(again.bridges == region.bridges)
        #expect(again.stations.map(\.position) == region.stations.map(\.position))
        let other = PackGenerator(seed: 2).generate()
        #expect(other.boundary != region.boundary)
        #expect(other.roads.nodes.count != region.roads.nodes.count || other.roads.ways != region.roads.ways)
    }

    @Test func boundaryIsAboutNineHundredSquareKilometresInsideTheWestMidlandsBox() {
        let km2 = Self.area(region.boundary) / 1e6
        #expect(km2 > 870 && km2 < 930, "boundary \(km2) km²")
        #expect(region.boundary.first == region.boundary.last)
        for p in region.boundary {
            #expect((-2.21 ... -1.42).contains(p.lon) && (52.34 ... 52.67).contains(p.lat), "\(p)")
        }
    }

    @Test func sevenDistrictsTileTheBoundary() {
        #expect(region.districts.count == 7)
        #expect(Set(region.districts.map(\.code)).count == 7)
        #expect(Set(region.districts.map(\.name)).count == 7)
        let total = region.districts.reduce(0) { $0 + Self.area($1.ring) }
        let boundary = Self.area(region.boundary)
        #expect(abs(total - boundary) / boundary < 1e-6, "districts \(total / 1e6) km², boundary \(boundary / 1e6) km²")
        for d in region.districts {
            #expect(Self.area(d.ring) > 50e6, "\(d.name) is \(Self.area(d.ring) / 1e6) km²")
        }
        // Every sample point inside the boundary lies in exactly one district.
        var rng = SplitMix64(seed: 9)
        var checked = 0
        for _ in 0..<3_000 {
            let p = LonLat(lon: rng.uniform(-2.21 ... -1.42), lat: rng.uniform(52.34 ... 52.67))
            let holders = region.districts.filter { Self.inside($0.ring, p) }.count
            if Self.inside(region.boundary, p) {
                #expect(holders == 1, "\(p) is in \(holders) districts")
                checked += 1
            } else {
                #expect(holders == 0, "\(p) is outside the boundary but in a district")
            }
        }
        #expect(checked > 1_000)
        // Each seat lies in its own district.
        for t in region.towns where t.isDistrictSeat {
            let d = region.districts.first { $0.code == t.districtCode }
            #expect(d?.name == t.name)
            #expect(d.map { Self.inside($0.ring, t.position) } == true)
        }
    }

    @Test func roadHierarchyHasEveryClassAndARealisticSize() {
        let roads = region.roads
        #expect((30_000...80_000).contains(roads.nodes.count), "\(roads.nodes.count) nodes")
        let classes = Set(roads.ways.map(\.roadClass))
        for c in [RoadClass.motorway, .motorwayLink, .trunk, .primary, .secondary, .tertiary, .residential, .unclassified] {
            #expect(classes.contains(c), "no \(c) roads")
        }
        #expect(roads.ways.allSatisfy { $0.nodes.count >= 2 && $0.nodes.allSatisfy { roads.nodes[$0] != nil } })
        #expect(roads.ways.filter { $0.roadClass == .motorway }.allSatisfy { $0.oneway == .forward })
        let oneWayStreets = roads.ways.filter { $0.roadClass == .residential && $0.oneway != .no }
        #expect(oneWayStreets.count > 50)
        // One-way streets are in town centres: within 1.5 km of a district seat.
        let seats = region.towns.filter(\.isDistrictSeat).map(\.position)
        for w in oneWayStreets {
            let p = roads.nodes[w.nodes[0]] ?? LonLat(lon: 0, lat: 0)
            #expect(seats.contains { $0.groundDistance(to: p) < 1_500 })
        }
        #expect(Set(roads.ways.filter { $0.roadClass == .motorway }.compactMap(\.name)).count == 3)
        #expect(Set(roads.ways.map(\.id)).count == roads.ways.count)
    }

    @Test(arguments: [125.0, 500.0])
    func everyNodeReachesAndIsReachedFromEveryOther(spacing: Double) {
        let region = testRegion(spacing: spacing)
        var forward: [Int64: [Int64]] = [:], backward: [Int64: [Int64]] = [:]
        for w in region.roads.ways {
            for (a, b) in zip(w.nodes, w.nodes.dropFirst()) {
                if w.oneway != .backward { forward[a, default: []].append(b); backward[b, default: []].append(a) }
                if w.oneway != .forward { forward[b, default: []].append(a); backward[a, default: []].append(b) }
            }
        }
        func reach(_ adjacency: [Int64: [Int64]], from start: Int64) -> Int {
            var seen: Set<Int64> = [start], queue = [start]
            while let n = queue.popLast() {
                for m in adjacency[n] ?? [] where seen.insert(m).inserted { queue.append(m) }
            }
            return seen.count
        }
        let start = region.roads.ways[0].nodes[0]
        #expect(reach(forward, from: start) == region.roads.nodes.count)
        #expect(reach(backward, from: start) == region.roads.nodes.count)
    }

    @Test(arguments: [125.0, 500.0])
    func roadsCrossTheRiverOnlyAtBridges(spacing: Double) {
        let region = testRegion(spacing: spacing)
        let river = region.river.map(Self.xy)
        let bridges = region.bridges.map { Self.xy($0.position) }
        #expect((6...16).contains(bridges.count), "\(bridges.count) bridges")
        func crosses(_ p: (Double, Double), _ q: (Double, Double), _ r: (Double, Double), _ s: (Double, Double)) -> Bool {
            func orient(_ a: (Double, Double), _ b: (Double, Double), _ c: (Double, Double)) -> Double {
                (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
            }
            return orient(p, q, r) * orient(p, q, s) < 0 && orient(r, s, p) * orient(r, s, q) < 0
        }
        // River segments bucketed by 500 m cell.
        var cells: [Int: [Int]] = [:]
        func key(_ x: Double, _ y: Double) -> Int { Int((x / 500).rounded(.down)) * 100_000 + Int((y / 500).rounded(.down)) }
        for i in 0..<(river.count - 1) {
            let (r, s) = (river[i], river[i + 1])
            for x in [min(r.0, s.0), max(r.0, s.0)] { for y in [min(r.1, s.1), max(r.1, s.1)] { cells[key(x, y), default: []].append(i) } }
        }
        var crossingsPerBridge = [Int](repeating: 0, count: bridges.count)
        var crossings = 0
        for w in region.roads.ways {
            let pts = w.nodes.compactMap { region.roads.nodes[$0] }.map(Self.xy)
            for (p, q) in zip(pts, pts.dropFirst()) {
                // Segments are < 500 m, so a crossing river segment has a corner in a neighbouring cell.
                var candidates = Set<Int>()
                let cx = Int((p.0 / 500).rounded(.down)), cy = Int((p.1 / 500).rounded(.down))
                for dx in -2...2 { for dy in -2...2 { candidates.formUnion(cells[(cx + dx) * 100_000 + cy + dy] ?? []) } }
                for i in candidates.sorted() {
                    let (r, s) = (river[i], river[i + 1])
                    guard crosses(p, q, r, s) else { continue }
                    crossings += 1
                    let mid = ((p.0 + q.0) / 2, (p.1 + q.1) / 2)
                    let nearest = bridges.indices.min { hypot(bridges[$0].0 - mid.0, bridges[$0].1 - mid.1) < hypot(bridges[$1].0 - mid.0, bridges[$1].1 - mid.1) }
                    let d = nearest.map { hypot(bridges[$0].0 - mid.0, bridges[$0].1 - mid.1) } ?? .infinity
                    #expect(d < 300, "\(w.roadClass) \(w.name ?? "") crosses the river \(Int(d)) m from the nearest bridge")
                    if let n = nearest, d < 300 { crossingsPerBridge[n] += 1 }
                }
            }
        }
        #expect(crossings >= bridges.count)
        #expect(crossingsPerBridge.allSatisfy { $0 > 0 }, "every bridge carries a road: \(crossingsPerBridge)")
    }

    @Test func stationsAndHotSpotsSitInsideWithDemandInTownCentres() {
        #expect(region.stations.count == 20)
        #expect(Set(region.stations.map(\.id)).count == 20)
        #expect(region.stations.allSatisfy { Self.inside(region.boundary, $0.position) })
        #expect(region.hotSpots.count >= 80)
        #expect(region.hotSpots.allSatisfy { Self.inside(region.boundary, $0.position) && $0.weight > 0 })
        let top = region.hotSpots.max { $0.weight < $1.weight }
        #expect(top?.name == "Kingsbridge town centre")
        let centres = region.towns.map(\.position)
        let total = region.hotSpots.reduce(0) { $0 + $1.weight }
        let central = region.hotSpots.filter { h in centres.contains { $0.groundDistance(to: h.position) < 3_000 } }.reduce(0) { $0 + $1.weight }
        #expect(central / total > 0.5, "share of demand within 3 km of a town centre: \(central / total)")
    }

    @Test func areaMapMarksTownCentresUrbanAndTheEdgesRural() {
        for t in region.towns where t.isDistrictSeat {
            #expect(region.areas.kind(at: t.position) == .urban, "\(t.name)")
        }
        #expect(region.areas.kind(at: LonLat(lon: -2.2, lat: 52.66)) == .rural)
        let counts = region.areas.cellCounts
        #expect((counts[.urban] ?? 0) > 200 && (counts[.suburban] ?? 0) > 100)
    }
}
