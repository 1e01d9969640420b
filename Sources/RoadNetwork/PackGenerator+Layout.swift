import GeoKit
import Foundation

extension PackGenerator {
    /// The region's shape in the clean frame: boundary, districts, towns and the river.
    struct Layout: Sendable {
        struct Town: Sendable {
            var name: String
            var position: XY
            /// Spread of the built-up area around the centre, metres.
            var sigma: Double
            var district: Int
            var isSeat: Bool
            /// Radius of the one-way centre (0 for towns without one).
            var oneWayRadius: Double
        }

        struct District: Sendable {
            var code: String
            var name: String
            /// Counter-clockwise, densified, shared vertices identical with neighbours.
            var ring: [XY]
        }

        /// Counter-clockwise, convex, densified boundary (with district corners inserted).
        var boundary: [XY]
        var districts: [District]
        var towns: [Town]
        let riverName = "River Tame"
        /// The river's course (extends beyond the boundary).
        var river: [XY]

        /// How built-up a point is: 1 at a big town's centre, falling off with distance.
        func urbanity(_ p: XY) -> Double {
            var u = 0.0
            for t in towns {
                let d2 = (p - t.position).dot(p - t.position)
                u = max(u, exp(-d2 / (2 * t.sigma * t.sigma)))
            }
            return u
        }

        func areaKind(_ p: XY) -> AreaKind {
            let u = urbanity(p)
            return u >= 0.42 ? .urban : (u >= 0.12 ? .suburban : .rural)
        }

        /// The district holding a point (`nil` outside the boundary).
        func district(of p: XY) -> Int? {
            districts.indices.first { Flat.contains(districts[$0].ring, p) }
        }

        func isInside(_ p: XY) -> Bool { Flat.contains(boundary, p) }

        // MARK: - Making the layout

        /// District seats and their power-diagram weights (km²): bigger weights, bigger districts.
        static let seats: [(code: String, name: String, x: Double, y: Double, weight: Double)] = [
            ("GV01", "Kingsbridge", -3.0, -1.0, 22),
            ("GV02", "Aldermoor", 16.0, -3.0, -14),
            ("GV03", "Hollybrook", -14.5, -4.5, 0),
            ("GV04", "Tamebury", -10.5, 1.0, 12),
            ("GV05", "Ashford Heath", 6.5, -6.5, 30),
            ("GV06", "Ravenshaw", -7.0, 8.0, 0),
            ("GV07", "Wyrley", -16.0, 5.0, 4),
        ]

        /// Towns: name, position (km), built-up spread (km), one-way centre radius (km).
        static let townTable: [(name: String, x: Double, y: Double, sigma: Double, oneWay: Double)] = [
            ("Kingsbridge", -3.0, -1.0, 5.2, 1.0),
            ("Aldermoor", 16.0, -3.0, 3.2, 0.6),
            ("Hollybrook", -14.5, -4.5, 2.4, 0.5),
            ("Tamebury", -10.5, 1.0, 2.4, 0.5),
            ("Ashford Heath", 6.5, -6.5, 2.2, 0.5),
            ("Ravenshaw", -7.0, 8.0, 2.6, 0.6),
            ("Wyrley", -16.0, 5.0, 2.8, 0.6),
            ("Sutton Vale", 0.0, 8.5, 2.2, 0),
            ("Stourleigh", -17.5, -2.0, 1.6, 0),
            ("Halford", -10.5, -7.5, 1.8, 0),
            ("Oldgate", -7.5, -3.0, 2.0, 0),
            ("Bilsworth", -13.0, 4.5, 1.6, 0),
            ("Elmdon Cross", 7.0, -1.0, 1.4, 0),
            ("Kenworth", 13.0, -6.5, 1.4, 0),
            ("Brinsley", -3.0, -8.0, 2.0, 0),
            ("Darlow", -12.0, 8.0, 1.4, 0),
        ]

        /// The river's control points (km), west to east, between the northern and southern towns.
        static let riverControls: [(x: Double, y: Double)] = [
            (-27, 3.0), (-20, 2.4), (-16, 2.6), (-13, 3.0), (-10.5, 3.4), (-7, 4.0), (-3, 4.0),
            (1, 3.6), (5, 2.5), (9, 1.3), (13, 1.4), (17, 2.2), (21, 2.8), (27, 3.5),
        ]

        static func make(rng: inout SplitMix64) -> Layout {
            let boundary = makeBoundary(rng: &rng)
            // Seats and towns move a little with the seed.
            var seatPoints: [XY] = []
            for s in seats {
                seatPoints.append(XY(s.x * 1000 + rng.uniform(-800...800), s.y * 1000 + rng.uniform(-800...800)))
            }
            var cells = seats.indices.map { i -> [XY] in
                var cell = boundary
                for j in seats.indices where j != i {
                    let pi = seatPoints[i], pj = seatPoints[j]
                    let wi = seats[i].weight * 1e6, wj = seats[j].weight * 1e6
                    let c = pi.dot(pi) - wi - pj.dot(pj) + wj
                    let n = (pj - pi) * 2
                    cell = Flat.clip(cell) { n.dot($0) + c }
                }
                return cell
            }
            cells = snapShared(cells)
            let boundaryWithCorners = insertCorners(boundary, cells: cells)
            let districts = seats.indices.map { i in
                District(code: seats[i].code, name: seats[i].name, ring: Flat.densifyRing(cells[i], step: 150))
            }
            var layout = Layout(boundary: boundaryWithCorners, districts: districts, towns: [], river: [])
            var towns: [Town] = []
            for (k, t) in townTable.enumerated() {
                var p = XY(t.x * 1000, t.y * 1000)
                if k < seats.count { p = seatPoints[k] } else { p = p + XY(rng.uniform(-600...600), rng.uniform(-600...600)) }
                let d = layout.district(of: p) ?? k % seats.count
                towns.append(Town(name: t.name, position: p, sigma: t.sigma * 1000, district: d,
                                  isSeat: k < seats.count, oneWayRadius: t.oneWay * 1000))
            }
            layout.towns = towns
            layout.river = makeRiver(towns: towns, rng: &rng)
            return layout
        }

        /// A smooth convex blob of ~900 km²: an ellipse with low harmonics, scaled to the area.
        static func makeBoundary(rng: inout SplitMix64) -> [XY] {
            var amplitude = [0.0, 0.0, rng.uniform(0.03...0.06), rng.uniform(0.02...0.045), rng.uniform(0.005...0.012)]
            let phases = (0..<5).map { _ in rng.uniform(0...(2 * Double.pi)) }
            let shift = XY(rng.uniform(-500...500), rng.uniform(-300...300))
            while true {
                var ring: [XY] = []
                for k in 0..<720 {
                    let th = 2 * Double.pi * Double(k) / 720
                    var r = 1.0
                    for h in 2..<5 { r += amplitude[h] * cos(Double(h) * th + phases[h]) }
                    ring.append(XY(22_500 * r * cos(th), 12_800 * r * sin(th)))
                }
                let scale = (900e6 / Flat.signedArea(ring)).squareRoot()
                ring = ring.map { $0 * scale + shift }
                if Flat.isConvex(ring) { return ring }
                amplitude = amplitude.map { $0 * 0.8 }
            }
        }

        /// Makes vertices that different cells computed separately (within 1 mm) exactly equal.
        static func snapShared(_ cells: [[XY]]) -> [[XY]] {
            var seen: [XY] = []
            var buckets: [Int64: [Int]] = [:]
            func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(y))) }
            func canonical(_ p: XY) -> XY {
                let kx = Int((p.x * 1000).rounded(.down)), ky = Int((p.y * 1000).rounded(.down))
                for dx in -1...1 {
                    for dy in -1...1 {
                        for i in buckets[key(kx + dx, ky + dy)] ?? [] where seen[i].distance(to: p) < 0.001 { return seen[i] }
                    }
                }
                buckets[key(kx, ky), default: []].append(seen.count)
                seen.append(p)
                return p
            }
            return cells.map { cell in
                var out: [XY] = []
                for p in cell.map(canonical) where out.last != p { out.append(p) }
                while out.count > 1, out.first == out.last { out.removeLast() }
                return out
            }
        }

        /// The boundary with every district corner that lies on it inserted in order.
        static func insertCorners(_ boundary: [XY], cells: [[XY]]) -> [XY] {
            let original = Set(boundary)
            var inserts: [Int: [(Double, XY)]] = [:]
            var done = Set<XY>()
            for cell in cells {
                for p in cell where !original.contains(p) && !done.contains(p) {
                    for k in boundary.indices {
                        let (d, t) = Flat.distanceToSegment(p, boundary[k], boundary[(k + 1) % boundary.count])
                        if d < 1e-4 { inserts[k, default: []].append((t, p)); done.insert(p); break }
                    }
                }
            }
            var out: [XY] = []
            for k in boundary.indices {
                out.append(boundary[k])
                for (_, p) in (inserts[k] ?? []).sorted(by: { $0.0 < $1.0 }) { out.append(p) }
            }
            // The same canonical densification as the district rings, so shared edges match point for point.
            return Flat.densifyRing(out, step: 150)
        }

        /// A meandering river through the control points, kept at least 1.3 km from every town centre.
        static func makeRiver(towns: [Town], rng: inout SplitMix64) -> [XY] {
            var controls = riverControls.map { XY($0.x * 1000, $0.y * 1000) }
            for i in controls.indices {
                let moved = controls[i] + XY(0, rng.uniform(-500...500))
                if towns.allSatisfy({ $0.position.distance(to: moved) > 1_800 }) { controls[i] = moved }
            }
            // Catmull–Rom through the controls, then meanders across the flow.
            var path: [XY] = []
            for i in 0..<(controls.count - 1) {
                let p0 = controls[max(i - 1, 0)], p1 = controls[i], p2 = controls[i + 1], p3 = controls[min(i + 2, controls.count - 1)]
                let steps = max(1, Int(p1.distance(to: p2) / 40))
                for s in 0..<steps {
                    let t = Double(s) / Double(steps), t2 = t * t, t3 = t2 * t
                    let a = p1 * 2, b = (p2 - p0) * t, c = (p0 * 2 - p1 * 5 + p2 * 4 - p3) * t2, d = (p1 * 3 - p0 - p2 * 3 + p3) * t3
                    path.append((a + b + c + d) * 0.5)
                }
            }
            path.append(controls[controls.count - 1])
            let wavelength = rng.uniform(1_300...1_800), phase = rng.uniform(0...(2 * Double.pi))
            var along = 0.0
            var out: [XY] = []
            for i in path.indices {
                if i > 0 { along += path[i].distance(to: path[i - 1]) }
                let prev = path[max(i - 1, 0)], next = path[min(i + 1, path.count - 1)]
                let dir = next - prev
                let len = max(dir.length, 1e-9)
                let normal = XY(-dir.y / len, dir.x / len)
                let amp = 140 + 60 * sin(along / 5_300)
                out.append(path[i] + normal * (amp * sin(2 * Double.pi * along / wavelength + phase)))
            }
            return out
        }
    }
}
