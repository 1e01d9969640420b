import Foundation

extension PackGenerator.RoadBuilder {
    /// A-roads between towns: trunk roads from every district seat to the city, primary roads from
    /// each town to its nearest seat and between neighbouring seats; gently curved, sampled every ~150 m.
    mutating func buildARoads() -> [Int] {
        let towns = layout.towns
        let townNodes = towns.map { addPoint($0.position) }
        var links: [(Int, Int, RoadClass)] = []
        var seen = Set<[Int]>()
        func link(_ a: Int, _ b: Int, _ c: RoadClass) {
            let key = [min(a, b), max(a, b)]
            if a != b, seen.insert(key).inserted { links.append((a, b, c)) }
        }
        let seats = towns.indices.filter { towns[$0].isSeat }
        let others = towns.indices.filter { !towns[$0].isSeat }
        func distance(_ a: Int, _ b: Int) -> Double { towns[a].position.distance(to: towns[b].position) }
        for s in seats where s != seats[0] { link(s, seats[0], .trunk) }
        for t in others {
            if let nearest = seats.min(by: { distance(t, $0) < distance(t, $1) }) { link(t, nearest, .primary) }
        }
        for s in seats {
            for n in seats.filter({ $0 != s }).sorted(by: { distance(s, $0) < distance(s, $1) }).prefix(2) { link(s, n, .primary) }
        }
        for t in others {
            if let n = others.filter({ $0 != t }).min(by: { distance(t, $0) < distance(t, $1) }), distance(t, n) < 9_000 {
                link(t, n, .primary)
            }
        }

        var result: [Int] = []
        for (number, (a, b, roadClass)) in links.enumerated() {
            let name = "A4\(String(format: "%02d", number + 1))"
            let p = towns[a].position, q = towns[b].position
            let length = p.distance(to: q)
            let dir = (q - p) * (1 / length)
            let normal = XY(-dir.y, dir.x)
            var offset = rng.uniform(-0.1...0.1) * length
            let n = max(2, Int((length / 150).rounded(.up)))
            func curve(_ t: Double, _ off: Double) -> XY {
                let c = p.lerp(q, 0.5) + normal * off
                return p * ((1 - t) * (1 - t)) + c * (2 * (1 - t) * t) + q * (t * t)
            }
            if !(1..<n).allSatisfy({ layout.isInside(curve(Double($0) / Double(n), offset)) }) { offset = 0 }
            var chain = [townNodes[a]]
            for k in 1..<n { chain.append(addPoint(curve(Double(k) / Double(n), offset))) }
            chain.append(townNodes[b])
            let road = roadNames.count
            roadNames.append(name)
            roadSegments.append([])
            for k in 0..<(chain.count - 1) {
                let pa = points[Int(chain[k])], pb = points[Int(chain[k + 1])]
                if let hit = riverCrossing(pa, pb) { bridges.append(Crossing(point: hit.point, road: name, roadClass: roadClass)) }
                roadSegments[road].append(segments.count)
                result.append(segments.count)
                segments.append(Segment(a: chain[k], b: chain[k + 1], roadClass: roadClass, oneway: .no, road: road))
                alive.append(true)
            }
        }
        return result
    }

    /// Inserts a junction wherever an A-road crosses a grid street or another A-road (reusing a node
    /// within 6 m), so the surface network is planar: no road passes over another without meeting it.
    mutating func planarize(gridSegments: [Int], aRoadSegments: [Int]) {
        var gridBuckets = SegmentBuckets(cell: 250)
        for g in gridSegments { gridBuckets.insert(g, points[Int(segments[g].a)], points[Int(segments[g].b)]) }
        var aBuckets = SegmentBuckets(cell: 250)
        for s in aRoadSegments { aBuckets.insert(s, points[Int(segments[s].a)], points[Int(segments[s].b)]) }
        let reuse = 6.0
        for s in aRoadSegments {
            let p = points[Int(segments[s].a)], q = points[Int(segments[s].b)]
            for g in gridBuckets.candidates(p, q) {
                let r = points[Int(segments[g].a)], t = points[Int(segments[g].b)]
                guard let hit = Flat.intersection(p, q, r, t) else { continue }
                let len = r.distance(to: t)
                let node: Int32
                if hit.u * len < reuse { node = segments[g].a } else if (1 - hit.u) * len < reuse { node = segments[g].b } else {
                    node = addPoint(r.lerp(t, hit.u))
                    segments[g].splits.append((hit.u, node))
                }
                segments[s].splits.append((hit.t, node))
            }
            for o in aBuckets.candidates(p, q) where o > s && segments[o].road != segments[s].road {
                let ends: Set<Int32> = [segments[s].a, segments[s].b]
                if ends.contains(segments[o].a) || ends.contains(segments[o].b) { continue }
                let r = points[Int(segments[o].a)], t = points[Int(segments[o].b)]
                guard let hit = Flat.intersection(p, q, r, t) else { continue }
                let at = p.lerp(q, hit.t)
                let nearest = [segments[s].a, segments[s].b, segments[o].a, segments[o].b]
                    .min { points[Int($0)].distance(to: at) < points[Int($1)].distance(to: at) }
                let node: Int32
                if let n = nearest, points[Int(n)].distance(to: at) < reuse { node = n } else { node = addPoint(at) }
                segments[s].splits.append((hit.t, node))
                segments[o].splits.append((hit.u, node))
            }
        }
    }

    /// The nodes along a segment, crossings included, without repeats.
    func chain(_ s: Int) -> [Int32] {
        var out = [segments[s].a]
        for (_, n) in segments[s].splits.sorted(by: { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }) where out.last != n { out.append(n) }
        if out.last != segments[s].b { out.append(segments[s].b) }
        return out
    }

    /// Posted speed in km/h for a road class in an area (UK limits: 20/30/40/50/60/70 mph).
    static func maxspeed(_ roadClass: RoadClass, _ kind: AreaKind, oneWayCentre: Bool) -> Double? {
        let mph: Double
        switch roadClass {
        case .motorway: mph = 70
        case .motorwayLink: mph = 40
        case .trunk, .primary: mph = kind == .urban ? 30 : (kind == .suburban ? 40 : 60)
        case .secondary, .tertiary: mph = kind == .rural ? 50 : 30
        case .residential: mph = oneWayCentre ? 20 : 30
        case .unclassified: mph = 40
        default: return nil
        }
        return (mph * 1.609344 * 100).rounded() / 100
    }

    /// Turns surviving grid lines and A-roads into ways: runs of contiguous segments with the same
    /// class, direction and speed.
    mutating func assembleSurfaceWays() {
        for road in roadSegments.indices {
            var current: Way?
            var lastNode: Int32 = -1
            func flush() {
                if let w = current, w.nodes.count >= 2 { ways.append(w) }
                current = nil
            }
            for s in roadSegments[road] where alive[s] {
                let seg = segments[s]
                let mid = points[Int(seg.a)].lerp(points[Int(seg.b)], 0.5)
                let speed = Self.maxspeed(seg.roadClass, layout.areaKind(mid), oneWayCentre: seg.oneway != .no)
                let nodes = chain(s)
                if let w = current, w.roadClass == seg.roadClass, w.oneway == seg.oneway, w.maxspeedKmh == speed, lastNode == seg.a {
                    current?.nodes.append(contentsOf: nodes.dropFirst())
                } else {
                    flush()
                    current = Way(nodes: nodes, roadClass: seg.roadClass, oneway: seg.oneway, maxspeedKmh: speed, name: roadNames[road])
                }
                lastNode = seg.b
            }
            flush()
            if let name = roadNames[road], name.hasPrefix("A") {
                var nodes: [Int32] = []
                for s in roadSegments[road] { for n in chain(s) where nodes.last != n { nodes.append(n) } }
                aRoads.append((name, segments[roadSegments[road][0]].roadClass, nodes))
            }
        }
    }
}
