import Foundation

/// A point in the generator's flat working frame: metres east (`x`) and north (`y`) of the region's centre.
struct XY: Hashable, Sendable {
    var x: Double
    var y: Double

    init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    static func + (a: XY, b: XY) -> XY { XY(a.x + b.x, a.y + b.y) }
    static func - (a: XY, b: XY) -> XY { XY(a.x - b.x, a.y - b.y) }
    static func * (a: XY, k: Double) -> XY { XY(a.x * k, a.y * k) }
    func dot(_ b: XY) -> Double { x * b.x + y * b.y }
    func cross(_ b: XY) -> Double { x * b.y - y * b.x }
    var length: Double { (x * x + y * y).squareRoot() }
    func distance(to b: XY) -> Double { (self - b).length }
    /// Linear interpolation: `self` at 0, `b` at 1.
    func lerp(_ b: XY, _ t: Double) -> XY { XY(x + (b.x - x) * t, y + (b.y - y) * t) }
}

/// Flat-geometry helpers the generator uses in its working frame.
enum Flat {
    /// Where segments p→q and r→s cross: the parameters along each (0…1), or `nil` if they do not
    /// (parallel segments never count as crossing).
    static func intersection(_ p: XY, _ q: XY, _ r: XY, _ s: XY) -> (t: Double, u: Double)? {
        let d1 = q - p, d2 = s - r
        let den = d1.cross(d2)
        if abs(den) < 1e-12 { return nil }
        let w = r - p
        let t = w.cross(d2) / den
        let u = w.cross(d1) / den
        guard t >= 0, t <= 1, u >= 0, u <= 1 else { return nil }
        return (t, u)
    }

    /// Signed area of a ring (positive when counter-clockwise); the ring need not repeat its first point.
    static func signedArea(_ ring: [XY]) -> Double {
        var a = 0.0
        for i in ring.indices {
            let p = ring[i], q = ring[(i + 1) % ring.count]
            a += p.cross(q)
        }
        return a / 2
    }

    /// Even-odd point-in-ring test.
    static func contains(_ ring: [XY], _ p: XY) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// True when every turn of a counter-clockwise ring is to the left (or straight).
    static func isConvex(_ ring: [XY]) -> Bool {
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count], c = ring[(i + 2) % ring.count]
            if (b - a).cross(c - b) < -1e-9 { return false }
        }
        return true
    }

    /// Keeps the part of a convex ring where `f(p) ≤ 0` for the affine function `f` (Sutherland–Hodgman
    /// against one half-plane).
    static func clip(_ ring: [XY], keepingWhere f: (XY) -> Double) -> [XY] {
        guard !ring.isEmpty else { return [] }
        var out: [XY] = []
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            let fa = f(a), fb = f(b)
            if fa <= 0 { out.append(a) }
            if (fa < 0 && fb > 0) || (fa > 0 && fb < 0) {
                out.append(a.lerp(b, fa / (fa - fb)))
            }
        }
        return out
    }

    /// Distance from `p` to segment a→b, and the parameter of the closest point.
    static func distanceToSegment(_ p: XY, _ a: XY, _ b: XY) -> (distance: Double, t: Double) {
        let d = b - a
        let len2 = d.dot(d)
        let t = len2 == 0 ? 0 : min(1, max(0, (p - a).dot(d) / len2))
        return (p.distance(to: a.lerp(b, t)), t)
    }

    /// Distance from `p` to a polyline.
    static func distanceToPolyline(_ p: XY, _ line: [XY]) -> Double {
        var best = Double.infinity
        for i in 0..<(line.count - 1) { best = min(best, distanceToSegment(p, line[i], line[i + 1]).distance) }
        return best
    }

    /// Points along a→b (a included, b excluded) no further apart than `step`, computed from the
    /// endpoints in a canonical order so that a shared edge gives the same points from either side.
    static func densify(_ a: XY, _ b: XY, step: Double) -> [XY] {
        let n = max(1, Int((a.distance(to: b) / step).rounded(.up)))
        let forward = (a.x, a.y) < (b.x, b.y)
        let (s, e) = forward ? (a, b) : (b, a)
        var inner = (1..<n).map { s.lerp(e, Double($0) / Double(n)) }
        if !forward { inner.reverse() }
        return [a] + inner
    }

    /// A closed ring densified edge by edge.
    static func densifyRing(_ ring: [XY], step: Double) -> [XY] {
        ring.indices.flatMap { densify(ring[$0], ring[($0 + 1) % ring.count], step: step) }
    }
}

/// Buckets items by the grid cells their bounding boxes touch, for quick "what is near this segment" queries.
struct SegmentBuckets {
    let cell: Double
    private(set) var buckets: [Int64: [Int]] = [:]

    init(cell: Double) { self.cell = cell }

    private func key(_ cx: Int, _ cy: Int) -> Int64 { Int64(cx) << 32 | Int64(UInt32(bitPattern: Int32(cy))) }

    private func range(_ a: XY, _ b: XY) -> (ClosedRange<Int>, ClosedRange<Int>) {
        let x0 = Int((min(a.x, b.x) / cell).rounded(.down)), x1 = Int((max(a.x, b.x) / cell).rounded(.down))
        let y0 = Int((min(a.y, b.y) / cell).rounded(.down)), y1 = Int((max(a.y, b.y) / cell).rounded(.down))
        return (x0...x1, y0...y1)
    }

    mutating func insert(_ id: Int, _ a: XY, _ b: XY) {
        let (xs, ys) = range(a, b)
        for cx in xs { for cy in ys { buckets[key(cx, cy), default: []].append(id) } }
    }

    /// Ids of items whose cells the segment's box touches, ascending, without repeats.
    func candidates(_ a: XY, _ b: XY) -> [Int] {
        let (xs, ys) = range(a, b)
        var out: [Int] = []
        for cx in xs { for cy in ys { if let ids = buckets[key(cx, cy)] { out.append(contentsOf: ids) } } }
        out.sort()
        var unique: [Int] = []
        unique.reserveCapacity(out.count)
        for id in out where unique.last != id { unique.append(id) }
        return unique
    }
}
