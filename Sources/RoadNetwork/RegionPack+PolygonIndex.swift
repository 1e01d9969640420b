import GeoKit

/// Which of a fixed list of (multi)polygons holds a point: a bounding-box pass, then an exact
/// even-odd ring test on the stored coordinates (holes excluded).
struct PolygonIndex: Sendable {
    private struct Entry: Sendable {
        var index: Int
        var box: BoundingBox
        var rings: [[LonLat]]
    }

    private let entries: [Entry]

    init(_ areas: [MultiPolygon]) {
        var entries: [Entry] = []
        for (i, area) in areas.enumerated() {
            for polygon in area.polygons where !polygon.isEmpty {
                guard let box = polygon.boundingBox else { continue }
                entries.append(Entry(index: i, box: box, rings: polygon.rings.map { $0.map(\.lonLat) }))
            }
        }
        self.entries = entries
    }

    /// The first area (lowest index) holding the point.
    func firstContaining(_ p: LonLat) -> Int? {
        var best: Int?
        for e in entries where e.box.contains(x: p.lon, y: p.lat) && (best.map { e.index < $0 } ?? true) {
            var inside = false
            for ring in e.rings where Self.ringContains(ring, p) { inside.toggle() }
            if inside { best = e.index }
        }
        return best
    }

    static func ringContains(_ ring: [LonLat], _ p: LonLat) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.lat > p.lat) != (b.lat > p.lat), p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}
