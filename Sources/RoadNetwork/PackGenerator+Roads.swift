import GeoKit
import Foundation

extension PackGenerator {
    /// Builds the road hierarchy in the clean frame: residential grid, B-roads, A-roads, motorways,
    /// river cuts and bridges, then keeps the largest strongly connected part.
    struct RoadBuilder: Sendable {
        /// One stretch of road between two nodes of the construction, before splitting at crossings.
        struct Segment: Sendable {
            var a: Int32
            var b: Int32
            var roadClass: RoadClass
            var oneway: Oneway
            /// The road it belongs to: an index into `roadNames` (grid lines get their own roads).
            var road: Int
            /// Crossing nodes inserted along it: (position 0…1 from a, node).
            var splits: [(Double, Int32)] = []
        }

        /// Output way before conversion to lon/lat.
        struct Way: Sendable {
            var nodes: [Int32]
            var roadClass: RoadClass
            var oneway: Oneway
            var maxspeedKmh: Double?
            var name: String?
        }

        /// A road crossing of the river in the clean frame.
        struct Crossing: Sendable {
            var point: XY
            var road: String
            var roadClass: RoadClass
        }

        let layout: Layout
        var rng: SplitMix64
        /// Distance between neighbouring residential streets in town, metres.
        let spacing: Double

        var points: [XY] = []
        /// Roads in construction order; each is a chain of segment indices.
        var roadNames: [String?] = []
        var roadSegments: [[Int]] = []
        var segments: [Segment] = []
        /// Whether each segment survived the river cuts.
        var alive: [Bool] = []
        var ways: [Way] = []
        var bridges: [Crossing] = []
        var removedAtRiver = 0
        var droppedNodes = 0
        /// Nodes still in use after the connectivity pass, ascending.
        var usedNodes: [Int32] = []
        private var riverBuckets = SegmentBuckets(cell: 250)
        /// Segments of A-roads, in order, as drawn (for motorway junctions).
        var aRoads: [(name: String, roadClass: RoadClass, nodes: [Int32])] = []

        init(layout: Layout, spacing: Double, rng: inout SplitMix64) {
            self.layout = layout
            self.spacing = spacing
            self.rng = SplitMix64(seed: rng.next())
            for i in 0..<(layout.river.count - 1) { riverBuckets.insert(i, layout.river[i], layout.river[i + 1]) }
        }

        mutating func addPoint(_ p: XY) -> Int32 {
            points.append(p)
            return Int32(points.count - 1)
        }

        mutating func build() {
            let grid = buildGrid()
            let aRoadIndices = buildARoads()
            planarize(gridSegments: grid, aRoadSegments: aRoadIndices)
            assembleSurfaceWays()
            buildMotorways()
            keepLargestStronglyConnected()
        }

        // MARK: - River helpers

        /// The first crossing of segment p→q with the river (position along p→q and the point).
        func riverCrossing(_ p: XY, _ q: XY) -> (t: Double, point: XY)? {
            var best: (Double, XY)?
            for i in riverBuckets.candidates(p, q) {
                if let hit = Flat.intersection(p, q, layout.river[i], layout.river[i + 1]), hit.t < (best?.0 ?? 2) {
                    best = (hit.t, p.lerp(q, hit.t))
                }
            }
            return best.map { (t: $0.0, point: $0.1) }
        }

        /// Whether a segment passes within `margin` metres of the river.
        func nearRiver(_ p: XY, _ q: XY, margin: Double) -> Bool {
            if riverCrossing(p, q) != nil { return true }
            let pad = XY(margin, margin)
            let lo = XY(min(p.x, q.x), min(p.y, q.y)) - pad, hi = XY(max(p.x, q.x), max(p.y, q.y)) + pad
            for i in riverBuckets.candidates(lo, hi) {
                let r0 = layout.river[i], r1 = layout.river[i + 1]
                if Flat.distanceToSegment(r0, p, q).distance < margin || Flat.distanceToSegment(r1, p, q).distance < margin
                    || Flat.distanceToSegment(p, r0, r1).distance < margin || Flat.distanceToSegment(q, r0, r1).distance < margin {
                    return true
                }
            }
            return false
        }

        /// Within the one-way centre of a district seat?
        func inOneWayCentre(_ p: XY, margin: Double = 0) -> Bool {
            layout.towns.contains { $0.oneWayRadius > 0 && $0.position.distance(to: p) < $0.oneWayRadius + margin }
        }

        // MARK: - Residential grid and B-roads

        /// Builds the perturbed grid: every line (125 m by default) in urban areas, every 2nd in suburban, every
        /// 4th in rural; lines every 2 km are B-roads (tertiary), every 4 km secondary.
        mutating func buildGrid() -> [Int] {
            let s = spacing
            // B-roads every 2 km (tertiary) and 4 km (secondary), whatever the street spacing.
            let tertiaryEvery = max(1, Int((2_000 / s).rounded())), secondaryEvery = 2 * tertiaryEvery
            let xs = layout.boundary.map(\.x), ys = layout.boundary.map(\.y)
            let i0 = Int(((xs.min() ?? 0) / s).rounded(.down)) - 1, i1 = Int(((xs.max() ?? 0) / s).rounded(.up)) + 1
            let j0 = Int(((ys.min() ?? 0) / s).rounded(.down)) - 1, j1 = Int(((ys.max() ?? 0) / s).rounded(.up)) + 1
            let cols = i1 - i0 + 1, rows = j1 - j0 + 1
            var node = [Int32](repeating: -1, count: cols * rows)
            for j in j0...j1 {
                for i in i0...i1 {
                    let p = XY(Double(i) * s + rng.uniform(-0.18...0.18) * s, Double(j) * s + rng.uniform(-0.18...0.18) * s)
                    if layout.isInside(p) { node[(j - j0) * cols + (i - i0)] = addPoint(p) }
                }
            }
            func at(_ i: Int, _ j: Int) -> Int32 {
                guard i >= i0, i <= i1, j >= j0, j <= j1 else { return -1 }
                return node[(j - j0) * cols + (i - i0)]
            }
            func multiplier(_ p: XY) -> Int {
                switch layout.areaKind(p) {
                case .urban: return 1
                case .suburban: return 2
                case .rural: return 4
                }
            }
            // Candidate edges, horizontal lines first (by j), then vertical (by i).
            struct Candidate { var a: Int32; var b: Int32; var line: Int; var horizontal: Bool }
            var candidates: [Candidate] = []
            for j in j0...j1 {
                for i in i0..<i1 {
                    let a = at(i, j), b = at(i + 1, j)
                    guard a >= 0, b >= 0 else { continue }
                    if j % multiplier(points[Int(a)].lerp(points[Int(b)], 0.5)) == 0 { candidates.append(Candidate(a: a, b: b, line: j, horizontal: true)) }
                }
            }
            for i in i0...i1 {
                for j in j0..<j1 {
                    let a = at(i, j), b = at(i, j + 1)
                    guard a >= 0, b >= 0 else { continue }
                    if i % multiplier(points[Int(a)].lerp(points[Int(b)], 0.5)) == 0 { candidates.append(Candidate(a: a, b: b, line: i, horizontal: false)) }
                }
            }
            // Classes, one-way centres, random gaps; river cuts (B-road crossings are bridge candidates).
            var lineRoad: [Int: Int] = [:]
            var kept: [Int] = []
            var bRoadCrossings: [(segment: Int, point: XY)] = []
            for c in candidates {
                let pa = points[Int(c.a)], pb = points[Int(c.b)], mid = pa.lerp(pb, 0.5)
                let kind = layout.areaKind(mid)
                let roadClass: RoadClass = c.line % secondaryEvery == 0 ? .secondary : (c.line % tertiaryEvery == 0 ? .tertiary : (kind == .rural ? .unclassified : .residential))
                let isB = roadClass == .secondary || roadClass == .tertiary
                let drop = rng.nextUnit()
                if !isB, !inOneWayCentre(mid, margin: 200) {
                    let p = kind == .urban ? 0.05 : (kind == .suburban ? 0.10 : 0.30)
                    if drop < p { continue }
                }
                var oneway = Oneway.no
                if roadClass == .residential, inOneWayCentre(mid) {
                    oneway = c.line % 2 == 0 ? .forward : .backward
                }
                let lineKey = (c.horizontal ? 1 : 2) * 1_000_000 + c.line + 500_000
                let road: Int
                if let r = lineRoad[lineKey] { road = r } else {
                    road = roadNames.count
                    lineRoad[lineKey] = road
                    let number = abs(c.line) / tertiaryEvery % 100
                    roadNames.append(isB ? "B4\(c.horizontal ? "1" : "2")\(String(format: "%02d", number))" : nil)
                    roadSegments.append([])
                }
                let index = segments.count
                segments.append(Segment(a: c.a, b: c.b, roadClass: roadClass, oneway: oneway, road: road))
                roadSegments[road].append(index)
                if nearRiver(pa, pb, margin: 12) {
                    if isB, let hit = riverCrossing(pa, pb) { bRoadCrossings.append((index, hit.point)) }
                    continue
                }
                kept.append(index)
            }
            // A few B-road bridges, spread along the river away from each other.
            var chosen: [(Int, XY)] = []
            for _ in 0..<3 {
                var best: (Int, XY)?, bestGap = 2_500.0
                for (seg, p) in bRoadCrossings {
                    let gap = chosen.map { $0.1.distance(to: p) }.min() ?? .infinity
                    if gap > bestGap { best = (seg, p); bestGap = gap }
                }
                guard let b = best else { break }
                chosen.append(b)
            }
            var exempt = Set<Int>()
            for (seg, p) in chosen {
                let road = segments[seg].road
                for other in roadSegments[road] where Flat.distanceToSegment(p, points[Int(segments[other].a)], points[Int(segments[other].b)]).distance < 130 {
                    exempt.insert(other)
                }
                bridges.append(Crossing(point: p, road: roadNames[road] ?? "B road", roadClass: segments[seg].roadClass))
            }
            var keptSet = Set(kept)
            keptSet.formUnion(exempt)
            alive = segments.indices.map { keptSet.contains($0) }
            removedAtRiver = segments.count - keptSet.count
            return segments.indices.filter { alive[$0] }
        }
    }
}
