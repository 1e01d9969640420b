import Foundation
import GeoKit

extension CrimeCSV {
    /// Reads a police.uk crime CSV from disk, converting 2011-layout grid references (EPSG:27700)
    /// to lon/lat with PROJ.
    public static func read(contentsOf url: URL) throws -> (records: [Record], report: CrimeCSVReport) {
        let transformer = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        return try read(contentsOf: url) { points in try gridToLonLat(points, with: transformer) }
    }

    /// Converts grid references with one PROJ batch call; if the batch fails, point by point, so one
    /// bad point becomes `nil` (a counted skip) rather than failing the file.
    static func gridToLonLat(_ points: [(easting: Double, northing: Double)], with transformer: CoordinateTransformer) throws -> [LonLat?] {
        var xs = points.map(\.easting), ys = points.map(\.northing)
        do {
            try transformer.transform(x: &xs, y: &ys, .inverse)
            return zip(xs, ys).map { LonLat(lon: $0, lat: $1) }
        } catch {
            return points.map { p in
                (try? transformer.inverse(Coordinate(x: p.easting, y: p.northing))).map { LonLat(lon: $0.x, lat: $0.y) }
            }
        }
    }
}
