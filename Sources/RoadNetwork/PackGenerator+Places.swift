import Foundation
import GeoKit

extension PackGenerator {
    /// Police stations and demand hot spots, in the clean frame.
    struct Places: Sendable {
        var stations: [(id: String, name: String, position: XY)]
        var hotSpots: [(name: String, position: XY, weight: Double, radius: Double)]

        static func make(layout: Layout, roads: RoadBuilder, rng: inout SplitMix64) -> Places {
            var rng = SplitMix64(seed: rng.next())
            // Road nodes bucketed for snapping stations onto a street.
            let nodes = roads.usedNodes
            func nearestNode(_ p: XY) -> XY {
                var best = p, bestD = Double.infinity
                for n in nodes {
                    let q = roads.points[Int(n)]
                    let d = (q - p).dot(q - p)
                    if d < bestD { best = q; bestD = d }
                }
                return best
            }
            // One station per town, a few hundred metres off the centre; four more in the city.
            var stations: [(String, String, XY)] = []
            var sites: [(String, XY)] = layout.towns.map { t in
                let angle = rng.uniform(0...(2 * Double.pi)), r = rng.uniform(200...500)
                return (t.name, t.position + XY(cos(angle) * r, sin(angle) * r))
            }
            let city = layout.towns[0].position
            for (label, dx, dy) in [("Kingsbridge North", 0.0, 3_300.0), ("Kingsbridge East", 3_800, -500),
                                    ("Kingsbridge South", 500, -3_700), ("Kingsbridge West", -3_600, 800)] {
                sites.append((label, city + XY(dx + rng.uniform(-300...300), dy + rng.uniform(-300...300))))
            }
            for (k, site) in sites.enumerated() {
                stations.append((String(format: "ST%02d", k + 1), "\(site.0) Police Station", nearestNode(site.1)))
            }

            // Hot spots: each town centre, then places drawn where the region is built up.
            var spots: [(String, XY, Double, Double)] = []
            for t in layout.towns {
                let weight = 40 * (t.sigma / 1000) * (t.sigma / 1000) * rng.uniform(0.8...1.25)
                spots.append(("\(t.name) town centre", t.position, (weight * 10).rounded() / 10, 350))
            }
            let xs = layout.boundary.map(\.x), ys = layout.boundary.map(\.y)
            let lo = XY(xs.min() ?? 0, ys.min() ?? 0), hi = XY(xs.max() ?? 0, ys.max() ?? 0)
            var attempts = 0
            while spots.count < layout.towns.count + 84, attempts < 100_000 {
                attempts += 1
                let p = XY(rng.uniform(lo.x...hi.x), rng.uniform(lo.y...hi.y))
                let u = layout.urbanity(p)
                guard layout.isInside(p), rng.nextUnit() < u * u,
                      spots.allSatisfy({ $0.1.distance(to: p) > 500 }) else { continue }
                let town = layout.towns.min { $0.position.distance(to: p) < $1.position.distance(to: p) }
                let weight = (3 + 25 * u * exp(0.5 * rng.normal())) * 10
                spots.append(("\(town?.name ?? "Region") \(compass(from: town?.position ?? p, to: p))",
                              p, weight.rounded() / 10, rng.uniform(200...450).rounded()))
            }
            return Places(stations: stations, hotSpots: spots)
        }

        /// "north", "south-east"… from a town centre to a place, or "centre" when close.
        static func compass(from a: XY, to b: XY) -> String {
            let d = b - a
            if d.length < 700 { return "centre" }
            let names = ["east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"]
            let sector = Int(((atan2(d.y, d.x) / (2 * Double.pi) * 8).rounded() + 8).truncatingRemainder(dividingBy: 8))
            return names[sector]
        }
    }
}

extension GeneratedRegion {
    /// Converts the clean-frame construction to lon/lat.
    static func assemble(seed: UInt64, streetSpacing: Double, frame: PackGenerator.Frame, layout: PackGenerator.Layout,
                         roads: PackGenerator.RoadBuilder, places: PackGenerator.Places) -> GeneratedRegion {
        func ring(_ r: [XY]) -> [LonLat] {
            var out = r.map(frame.lonLat)
            if let first = out.first { out.append(first) }
            return out
        }
        var nodes: [Int64: LonLat] = [:]
        nodes.reserveCapacity(roads.usedNodes.count)
        for n in roads.usedNodes { nodes[Int64(n) + 1] = frame.lonLat(roads.points[Int(n)]) }
        var ways: [RoadWay] = []
        var directed = 0
        var metres = 0.0
        for (k, w) in roads.ways.enumerated() {
            ways.append(RoadWay(id: Int64(k + 1), nodes: w.nodes.map { Int64($0) + 1 }, roadClass: w.roadClass,
                                oneway: w.oneway, maxspeedKmh: w.maxspeedKmh, name: w.name))
            for i in 0..<(w.nodes.count - 1) {
                metres += roads.points[Int(w.nodes[i])].distance(to: roads.points[Int(w.nodes[i + 1])])
            }
            directed += (w.nodes.count - 1) * (w.oneway == .no ? 2 : 1)
        }
        // The river inside the county only.
        let river = layout.river.filter(layout.isInside).map(frame.lonLat)
        let bridges = roads.bridges.enumerated().map { k, b in
            Bridge(id: String(format: "BR%02d", k + 1), position: frame.lonLat(b.point), road: b.road, roadClass: b.roadClass)
        }
        let towns = layout.towns.map {
            GeneratedTown(name: $0.name, position: frame.lonLat($0.position),
                          districtCode: layout.districts[$0.district].code, isDistrictSeat: $0.isSeat)
        }
        let hotSpots = places.hotSpots.enumerated().map { k, h in
            HotSpot(id: String(format: "HS%03d", k + 1), name: h.name, position: frame.lonLat(h.position),
                    weight: h.weight, radiusMetres: h.radius)
        }
        let boundaryLonLat = ring(layout.boundary)
        let lons = boundaryLonLat.map(\.lon), lats = boundaryLonLat.map(\.lat)
        let areas = StraightLineTravelModel.AreaMap.rasterise(
            south: (lats.min() ?? 0) - 0.01, west: (lons.min() ?? 0) - 0.01,
            north: (lats.max() ?? 0) + 0.01, east: (lons.max() ?? 0) + 0.01, cellMetres: 1_000, outside: .rural
        ) { layout.areaKind(frame.cleanPoint($0)) }
        return GeneratedRegion(
            seed: seed, streetSpacingMetres: streetSpacing, boundary: boundaryLonLat,
            districts: layout.districts.map { ($0.code, $0.name, ring($0.ring)) },
            towns: towns,
            stations: places.stations.map { ($0.id, $0.name, frame.lonLat($0.position)) },
            hotSpots: hotSpots, riverName: layout.riverName, river: river, bridges: bridges,
            roads: RoadNetworkSource(nodes: nodes, ways: ways, restrictions: []),
            areas: areas,
            stats: GenerationStats(nodes: nodes.count, ways: ways.count, directedSegments: directed,
                                   droppedNodes: roads.droppedNodes, segmentsRemovedAtRiver: roads.removedAtRiver,
                                   roadKilometres: (metres / 10).rounded() / 100))
    }
}
