/// The rings of an areal geometry flattened for fast point-in-polygon tests: an even-odd
/// ray-crossing test that only visits the edges spanning the query's latitude band.
///
/// Correct for valid polygons and multi-polygons (parts that do not overlap, holes inside their
/// shells); repair invalid input with `makeValid()` first. Points exactly on an edge may go
/// either way.
struct PlanarShape: Sendable {
    private let xs: [Double]
    private let ys: [Double]
    /// For each edge, the index of its first vertex (the edge runs to the next vertex).
    private let bandEdges: [Int32]
    /// CSR offsets: band b's edges are `bandEdges[bandStarts[b]..<bandStarts[b + 1]]`.
    private let bandStarts: [Int32]
    private let minY: Double
    private let inverseBandHeight: Double
    private let bandCount: Int
    let box: BoundingBox

    /// The shape of every polygon in `geometry`; nil when it has no area.
    init?(_ geometry: Geometry) {
        let polygons = geometry.polygons
        var xs = [Double](), ys = [Double]()
        var edges = [Int32]()
        for p in polygons {
            for ring in p.rings where ring.count >= 2 {
                let start = xs.count
                for c in ring {
                    xs.append(c.x)
                    ys.append(c.y)
                }
                // A ring is closed, so edges run start..<end-1; an unclosed ring gets its closing edge.
                if let first = ring.first, let last = ring.last, !first.samePosition(as: last) {
                    xs.append(first.x)
                    ys.append(first.y)
                }
                for v in start..<(xs.count - 1) { edges.append(Int32(v)) }
                // Separate rings: no edge joins the last vertex of one ring to the next ring.
            }
        }
        guard !edges.isEmpty, let box = BoundingBox(coordinates: zip(xs, ys).map { Coordinate(x: $0, y: $1) }) else { return nil }
        self.xs = xs
        self.ys = ys
        self.box = box
        self.minY = box.minY
        let bands = max(1, min(edges.count / 4, 65_536))
        self.bandCount = bands
        let height = box.height > 0 ? box.height / Double(bands) : 1
        self.inverseBandHeight = 1 / height

        func band(_ y: Double) -> Int {
            let b = Int((y - box.minY) / height)
            return b < 0 ? 0 : (b >= bands ? bands - 1 : b)
        }
        // Counting pass, then fill (CSR layout).
        var counts = [Int32](repeating: 0, count: bands + 1)
        for e in edges {
            let i = Int(e)
            let lo = band(min(ys[i], ys[i + 1])), hi = band(max(ys[i], ys[i + 1]))
            for b in lo...hi { counts[b + 1] += 1 }
        }
        for b in 0..<bands { counts[b + 1] += counts[b] }
        var fill = counts
        var bandEdges = [Int32](repeating: 0, count: Int(counts[bands]))
        for e in edges {
            let i = Int(e)
            let lo = band(min(ys[i], ys[i + 1])), hi = band(max(ys[i], ys[i + 1]))
            for b in lo...hi {
                bandEdges[Int(fill[b])] = e
                fill[b] += 1
            }
        }
        self.bandStarts = counts
        self.bandEdges = bandEdges
    }

    /// True when (x, y) is inside the area (even-odd rule over all rings).
    func contains(x: Double, y: Double) -> Bool {
        guard box.contains(x: x, y: y) else { return false }
        var b = Int((y - minY) * inverseBandHeight)
        if b >= bandCount { b = bandCount - 1 }
        if b < 0 { b = 0 }
        var inside = false
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                bandEdges.withUnsafeBufferPointer { edges in
                    for k in Int(bandStarts[b])..<Int(bandStarts[b + 1]) {
                        let i = Int(edges[k])
                        let y1 = ys[i], y2 = ys[i + 1]
                        if (y1 > y) != (y2 > y) {
                            let x1 = xs[i], x2 = xs[i + 1]
                            if x < (x2 - x1) * (y - y1) / (y2 - y1) + x1 { inside.toggle() }
                        }
                    }
                }
            }
        }
        return inside
    }
}
