import Foundation
import GeoKit

extension StraightLineTravelModel.AreaMap {
    /// An area map from where demand is: a Gaussian kernel density of weighted points on cells of
    /// `cellMetres`; of the cells `inside` the region, the densest `urbanShare` are urban, the next
    /// `suburbanShare` suburban, the rest rural (and everything outside rural). Deterministic.
    public static func fromDensity(points: [LonLat], weights: [Double]? = nil,
                                   south: Double, west: Double, north: Double, east: Double,
                                   cellMetres: Double = 1_000, bandwidthMetres: Double = 1_500,
                                   urbanShare: Double = 0.4, suburbanShare: Double = 0.35,
                                   inside: (LonLat) -> Bool) -> Self {
        // Count points per cell on the same raster the map will use.
        let template = rasterise(south: south, west: west, north: north, east: east, cellMetres: cellMetres) { _ in .rural }
        let cols = template.columns, rows = template.rows
        var counts = [Double](repeating: 0, count: cols * rows)
        for (i, p) in points.enumerated() {
            let c = Int(((p.lon - west) / template.cellLonDegrees).rounded(.down))
            let r = Int(((p.lat - south) / template.cellLatDegrees).rounded(.down))
            guard c >= 0, r >= 0, c < cols, r < rows else { continue }
            counts[r * cols + c] += weights?[i] ?? 1
        }
        let density = HotSpot.smooth(counts, cols: cols, rows: rows, sigmaCells: bandwidthMetres / cellMetres)
        // Rank the cells inside the region by density (ties by index).
        var insideCells: [Int] = []
        for r in 0..<rows {
            for c in 0..<cols {
                let centre = LonLat(lon: west + (Double(c) + 0.5) * template.cellLonDegrees,
                                    lat: south + (Double(r) + 0.5) * template.cellLatDegrees)
                if inside(centre) { insideCells.append(r * cols + c) }
            }
        }
        insideCells.sort { density[$0] > density[$1] || (density[$0] == density[$1] && $0 < $1) }
        var kinds = [AreaKind](repeating: .rural, count: cols * rows)
        let urbanCount = Int((Double(insideCells.count) * urbanShare).rounded())
        let suburbanCount = Int((Double(insideCells.count) * suburbanShare).rounded())
        for (rank, cell) in insideCells.enumerated() where density[cell] > 0 {
            kinds[cell] = rank < urbanCount ? .urban : (rank < urbanCount + suburbanCount ? .suburban : .rural)
        }
        return Self(uncheckedOrigin: template.origin, cellLonDegrees: template.cellLonDegrees,
                    cellLatDegrees: template.cellLatDegrees, columns: cols, rows: rows, kinds: kinds, outside: .rural)
    }
}
