import GeoKit

/// Which of a fixed list of (multi)polygons holds a point: a bounding-box pass, then an exact
/// even-odd ring test (holes excluded). Each ring's edges are bucketed into horizontal bands, so a
/// test looks only at the edges crossing the point's band — fast even for a 50,000-vertex boundary.
struct PolygonIndex: Sendable {
    /// One ring with its edges bucketed by latitude band.
    struct Ring: Sendable {
        var lons: [Double]
        var lats: [Double]
        var minLat: Double
        var bandHeight: Double
        /// Edge start indices per band.
        var bands: [[Int32]]

        init(_ coords: [Coordinate]) {
            lons = coords.map(\.x)
            lats = coords.map(\.y)
            let lo = lats.min() ?? 0, hi = lats.max() ?? 0
            minLat = lo
            let count = max(1, coords.count / 8)
            bandHeight = max((hi - lo) / Double(count), 1e-12)
            bands = Array(repeating: [], count: count)
            guard coords.count >= 2 else { return }
            for i in 0..<(coords.count - 1) {
                let a = lats[i], b = lats[i + 1]
                let first = band(min(a, b)), last = band(max(a, b))
                for k in first...last { bands[k].append(Int32(i)) }
            }
        }

        func band(_ lat: Double) -> Int {
            min(max(Int((lat - minLat) / bandHeight), 0), bands.count - 1)
        }

        /// Even-odd crossing test over the edges of the point's band (rings are closed).
        func contains(_ p: LonLat) -> Bool {
            var inside = false
            for e in bands[band(p.lat)] {
                let i = Int(e)
                let ay = lats[i], by = lats[i + 1]
                if (ay > p.lat) != (by > p.lat) {
                    let ax = lons[i], bx = lons[i + 1]
                    if p.lon < (bx - ax) * (p.lat - ay) / (by - ay) + ax { inside.toggle() }
                }
            }
            return inside
        }
    }

    private struct Entry: Sendable {
        var index: Int
        var box: BoundingBox
        var rings: [Ring]
    }

    private let entries: [Entry]

    init(_ areas: [MultiPolygon]) {
        var entries: [Entry] = []
        for (i, area) in areas.enumerated() {
            for polygon in area.polygons where !polygon.isEmpty {
                guard let box = polygon.boundingBox else { continue }
                entries.append(Entry(index: i, box: box, rings: polygon.rings.map { Ring(Self.closed($0)) }))
            }
        }
        self.entries = entries
    }

    static func closed(_ ring: [Coordinate]) -> [Coordinate] {
        guard let first = ring.first, let last = ring.last, !first.samePosition(as: last) else { return ring }
        return ring + [first]
    }

    /// The first area (lowest index) holding the point.
    func firstContaining(_ p: LonLat) -> Int? {
        var best: Int?
        for e in entries where e.box.contains(x: p.lon, y: p.lat) && (best.map { e.index < $0 } ?? true) {
            var inside = false
            for ring in e.rings where ring.contains(p) { inside.toggle() }
            if inside { best = e.index }
        }
        return best
    }
}
