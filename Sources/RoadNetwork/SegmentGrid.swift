import Foundation
import GeoKit

/// A uniform grid over every road segment, for snapping points to the nearest road in metres on
/// the ground.
///
/// Cells are laid out on an equirectangular projection at the network's middle latitude; the
/// distance to each candidate segment is measured on a local projection centred on the query
/// point (exact to well under a metre at city scale), and the search widens ring by ring until no
/// unexamined cell can hold anything nearer. A point anywhere — in a park, a river, outside the
/// network — gets the nearest road.
struct SegmentGrid: Sendable {
    let west: Double, south: Double
    /// Metres per degree of longitude and latitude at the middle latitude.
    let kx: Double, ky: Double
    let cell: Double
    let columns: Int, rows: Int
    let cellStart: [Int32]
    /// Segments by cell: shape-point index `i` stands for the segment from point `i` to `i + 1`.
    let cellItems: [Int32]
    /// Road of each shape point.
    let pointRoad: [Int32]
    /// Metres from the start of its road to each shape point.
    let pointAlong: [Float]

    init(graph: RoadGraph) {
        let points = graph.shapePoints
        var pointRoad = [Int32](repeating: -1, count: points.count)
        var pointAlong = [Float](repeating: 0, count: points.count)
        for r in 0..<graph.roadCount {
            let s = Int(graph.shapeStart[r]), e = Int(graph.shapeStart[r + 1])
            var along = 0.0
            for i in s..<e {
                if i > s { along += points[i - 1].groundDistance(to: points[i]) }
                pointRoad[i] = Int32(r)
                pointAlong[i] = Float(along)
            }
        }
        var minLon = Double.infinity, maxLon = -Double.infinity, minLat = Double.infinity, maxLat = -Double.infinity
        for p in points {
            minLon = min(minLon, p.lon); maxLon = max(maxLon, p.lon)
            minLat = min(minLat, p.lat); maxLat = max(maxLat, p.lat)
        }
        if points.isEmpty { minLon = 0; maxLon = 0; minLat = 0; maxLat = 0 }
        let midLat = (minLat + maxLat) / 2
        let metresPerDegree = LonLat.earthRadiusMetres * Double.pi / 180
        ky = metresPerDegree
        let kxLocal = metresPerDegree * cos(midLat * Double.pi / 180)
        kx = kxLocal
        let width = max((maxLon - minLon) * kxLocal, 1), height = max((maxLat - minLat) * metresPerDegree, 1)
        let segments = max(points.count - graph.roadCount, 1)
        let cell = min(max((width * height * 2 / Double(segments)).squareRoot(), 25), 2000)
        self.cell = cell
        let cellSize = cell, cols = max(1, Int((width / cell).rounded(.up))), rowCount = max(1, Int((height / cell).rounded(.up)))
        columns = cols
        rows = rowCount
        west = minLon
        south = minLat

        // Counting sort of segments into every cell their bounding box touches.
        var counts = [Int32](repeating: 0, count: cols * rowCount + 1)
        func cells(_ i: Int, _ body: (Int) -> Void) {
            let a = points[i], b = points[i + 1]
            let x0 = Self.clamp((min(a.lon, b.lon) - minLon) * kxLocal, cellSize, cols)
            let x1 = Self.clamp((max(a.lon, b.lon) - minLon) * kxLocal, cellSize, cols)
            let y0 = Self.clamp((min(a.lat, b.lat) - minLat) * metresPerDegree, cellSize, rowCount)
            let y1 = Self.clamp((max(a.lat, b.lat) - minLat) * metresPerDegree, cellSize, rowCount)
            for y in y0...y1 { for x in x0...x1 { body(y * cols + x) } }
        }
        for r in 0..<graph.roadCount {
            for i in Int(graph.shapeStart[r])..<(Int(graph.shapeStart[r + 1]) - 1) { cells(i) { counts[$0 + 1] += 1 } }
        }
        for c in 0..<(cols * rowCount) { counts[c + 1] += counts[c] }
        var fill = counts
        var items = [Int32](repeating: 0, count: Int(counts[cols * rowCount]))
        for r in 0..<graph.roadCount {
            for i in Int(graph.shapeStart[r])..<(Int(graph.shapeStart[r + 1]) - 1) {
                cells(i) { c in items[Int(fill[c])] = Int32(i); fill[c] += 1 }
            }
        }
        cellStart = counts
        cellItems = items
        self.pointRoad = pointRoad
        self.pointAlong = pointAlong
    }

    private static func clamp(_ metres: Double, _ cell: Double, _ count: Int) -> Int {
        let i = (metres / cell).rounded(.down)
        guard i.isFinite else { return 0 }
        return Int(min(max(i, 0), Double(count - 1)))
    }
    private func clampColumn(_ x: Double) -> Int { Self.clamp(x, cell, columns) }
    private func clampRow(_ y: Double) -> Int { Self.clamp(y, cell, rows) }

    /// The nearest point on any road to `point`.
    func nearest(to point: LonLat, graph: RoadGraph) -> RoadLocation {
        guard !cellItems.isEmpty, point.lon.isFinite, point.lat.isFinite else { return RoadLocation(point: point) }
        let points = graph.shapePoints
        let px = (point.lon - west) * kx, py = (point.lat - south) * ky
        let cx = clampColumn(px), cy = clampRow(py)
        // Local metric frame centred on the query point.
        let mx = ky * cos(point.lat * Double.pi / 180), my = ky
        // Distances in the grid's frame overstate local ones by at most kx/mx in x.
        let shrink = min(1, mx / kx) * 0.999
        var best = Double.infinity, bestSegment = -1, bestT = 0.0
        var k = 0
        while true {
            for y in (cy - k)...(cy + k) where y >= 0 && y < rows {
                let onEdgeRow = y == cy - k || y == cy + k
                var x = cx - k
                while x <= cx + k {
                    if x >= 0 && x < columns {
                        let c = y * columns + x
                        for j in Int(cellStart[c])..<Int(cellStart[c + 1]) {
                            let i = Int(cellItems[j])
                            let a = points[i], b = points[i + 1]
                            let ax = (a.lon - point.lon) * mx, ay = (a.lat - point.lat) * my
                            let bx = (b.lon - point.lon) * mx, by = (b.lat - point.lat) * my
                            let dx = bx - ax, dy = by - ay
                            let len2 = dx * dx + dy * dy
                            var t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0
                            t = min(max(t, 0), 1)
                            let qx = ax + t * dx, qy = ay + t * dy
                            let d = (qx * qx + qy * qy).squareRoot()
                            if d < best || (d == best && i < bestSegment) { best = d; bestSegment = i; bestT = t }
                        }
                    }
                    // Inner rows only need their two edge cells.
                    x += onEdgeRow || x == cx + k ? 1 : max(1, 2 * k)
                }
            }
            // Anything in ring k + 1 or beyond is at least this far (in the grid's frame).
            let gap = min(px - Double(cx - k) * cell, Double(cx + k + 1) * cell - px,
                          py - Double(cy - k) * cell, Double(cy + k + 1) * cell - py)
            if best <= gap * shrink { break }
            if k > max(columns, rows) { break }
            k += 1
        }
        guard bestSegment >= 0 else { return RoadLocation(point: point) }
        let a = points[bestSegment], b = points[bestSegment + 1]
        let snapped = LonLat(lon: a.lon + bestT * (b.lon - a.lon), lat: a.lat + bestT * (b.lat - a.lat))
        let road = Int(pointRoad[bestSegment])
        let along = Double(pointAlong[bestSegment]) + bestT * Double(pointAlong[bestSegment + 1] - pointAlong[bestSegment])
        let total = Double(pointAlong[Int(graph.shapeStart[road + 1]) - 1])
        let fraction = total > 0 ? min(max(along / total, 0), 1) : 0
        return RoadLocation(point: point, anchor: Int32(road), fraction: Float(fraction),
                            offRoadMetres: Float(point.groundDistance(to: snapped)))
    }
}
