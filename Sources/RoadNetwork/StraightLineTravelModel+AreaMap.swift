import Foundation
import GeoKit

extension StraightLineTravelModel {
    /// A raster of area kinds over a lon/lat box: which cells are urban, suburban or rural.
    ///
    /// Cells are equal in degrees (chosen from a size in metres at the box's middle latitude), so a
    /// straight line in lon/lat crosses them in order and the model can integrate speed along it.
    /// Points outside the box have the kind `outside`.
    public struct AreaMap: Sendable, Hashable {
        /// South-west corner of the raster.
        public let origin: LonLat
        /// Cell width in degrees of longitude.
        public let cellLonDegrees: Double
        /// Cell height in degrees of latitude.
        public let cellLatDegrees: Double
        /// Cells from west to east.
        public let columns: Int
        /// Cells from south to north.
        public let rows: Int
        /// Row-major kinds, row 0 the southernmost.
        public let kinds: [AreaKind]
        /// The kind of every point outside the raster.
        public let outside: AreaKind

        /// A map where every point has the same kind.
        public static func uniform(_ kind: AreaKind) -> AreaMap {
            AreaMap(uncheckedOrigin: LonLat(lon: 0, lat: 0), cellLonDegrees: 1, cellLatDegrees: 1,
                    columns: 0, rows: 0, kinds: [], outside: kind)
        }

        /// Creates a raster, checking that the sizes agree.
        /// - Parameter kinds: row-major, row 0 the southernmost; `columns × rows` entries.
        public init(origin: LonLat, cellLonDegrees: Double, cellLatDegrees: Double,
                    columns: Int, rows: Int, kinds: [AreaKind], outside: AreaKind = .rural) throws(AreaMapError) {
            guard cellLonDegrees.isFinite, cellLatDegrees.isFinite, cellLonDegrees > 0, cellLatDegrees > 0 else {
                throw .badCellSize(lon: cellLonDegrees, lat: cellLatDegrees)
            }
            guard columns >= 0, rows >= 0, kinds.count == columns * rows else {
                throw .sizeMismatch(columns: columns, rows: rows, cells: kinds.count)
            }
            guard origin.lon.isFinite, origin.lat.isFinite else { throw .badOrigin(origin) }
            self.init(uncheckedOrigin: origin, cellLonDegrees: cellLonDegrees, cellLatDegrees: cellLatDegrees,
                      columns: columns, rows: rows, kinds: kinds, outside: outside)
        }

        init(uncheckedOrigin origin: LonLat, cellLonDegrees: Double, cellLatDegrees: Double,
             columns: Int, rows: Int, kinds: [AreaKind], outside: AreaKind) {
            self.origin = origin
            self.cellLonDegrees = cellLonDegrees
            self.cellLatDegrees = cellLatDegrees
            self.columns = columns
            self.rows = rows
            self.kinds = kinds
            self.outside = outside
        }

        /// A raster over a box with square cells of about `cellMetres`, each cell's kind given by
        /// `classify` at the cell's centre.
        public static func rasterise(south: Double, west: Double, north: Double, east: Double,
                                     cellMetres: Double, outside: AreaKind = .rural,
                                     classify: (LonLat) -> AreaKind) -> AreaMap {
            let midLat = (south + north) / 2
            let metresPerDegreeLat = LonLat.earthRadiusMetres * Double.pi / 180
            let metresPerDegreeLon = metresPerDegreeLat * cos(midLat * Double.pi / 180)
            let cellLat = cellMetres / metresPerDegreeLat
            let cellLon = cellMetres / metresPerDegreeLon
            let columns = max(1, Int(((east - west) / cellLon).rounded(.up)))
            let rows = max(1, Int(((north - south) / cellLat).rounded(.up)))
            var kinds: [AreaKind] = []
            kinds.reserveCapacity(columns * rows)
            for r in 0..<rows {
                for c in 0..<columns {
                    kinds.append(classify(LonLat(lon: west + (Double(c) + 0.5) * cellLon,
                                                 lat: south + (Double(r) + 0.5) * cellLat)))
                }
            }
            return AreaMap(uncheckedOrigin: LonLat(lon: west, lat: south), cellLonDegrees: cellLon,
                           cellLatDegrees: cellLat, columns: columns, rows: rows, kinds: kinds, outside: outside)
        }

        /// True when every point has the same kind.
        public var isUniform: Bool { kinds.allSatisfy { $0 == outside } }

        /// The kind at a point.
        @inlinable
        public func kind(at point: LonLat) -> AreaKind {
            kind(column: Int(((point.lon - origin.lon) / cellLonDegrees).rounded(.down)),
                 row: Int(((point.lat - origin.lat) / cellLatDegrees).rounded(.down)))
        }

        /// The kind of a cell; `outside` for cells off the raster.
        @inlinable
        public func kind(column: Int, row: Int) -> AreaKind {
            guard column >= 0, row >= 0, column < columns, row < rows else { return outside }
            return kinds[row * columns + column]
        }

        /// How many cells of each kind the raster holds.
        public var cellCounts: [AreaKind: Int] {
            var counts: [AreaKind: Int] = [:]
            for k in kinds { counts[k, default: 0] += 1 }
            return counts
        }
    }

    /// Why an area map could not be made.
    public enum AreaMapError: Error, Equatable, Sendable, CustomStringConvertible {
        case badCellSize(lon: Double, lat: Double)
        case sizeMismatch(columns: Int, rows: Int, cells: Int)
        case badOrigin(LonLat)
        case badRow(index: Int, expectedLength: Int, found: String)

        public var description: String {
            switch self {
            case let .badCellSize(lon, lat): return "area map cell size (\(lon)°, \(lat)°) must be finite and positive"
            case let .sizeMismatch(c, r, n): return "area map of \(c) × \(r) cells has \(n) kinds"
            case let .badOrigin(o): return "area map origin \(o) is not finite"
            case let .badRow(i, len, found):
                return "area map row \(i) must be \(len) letters from U, S, R; found \"\(found.prefix(40))\""
            }
        }
    }
}

extension StraightLineTravelModel.AreaMap: Codable {
    private enum CodingKeys: String, CodingKey {
        case origin, cellLonDegrees, cellLatDegrees, columns, rows, outside
    }

    /// Rows are encoded as strings of `U`/`S`/`R`, northernmost first, so the JSON reads like a map.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(origin, forKey: .origin)
        try c.encode(cellLonDegrees, forKey: .cellLonDegrees)
        try c.encode(cellLatDegrees, forKey: .cellLatDegrees)
        try c.encode(columns, forKey: .columns)
        try c.encode(outside, forKey: .outside)
        var lines: [String] = []
        for r in stride(from: rows - 1, through: 0, by: -1) {
            lines.append(String(kinds[(r * columns)..<((r + 1) * columns)].map(\.letter)))
        }
        try c.encode(lines, forKey: .rows)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let origin = try c.decode(LonLat.self, forKey: .origin)
        let cellLon = try c.decode(Double.self, forKey: .cellLonDegrees)
        let cellLat = try c.decode(Double.self, forKey: .cellLatDegrees)
        let columns = try c.decode(Int.self, forKey: .columns)
        let outside = try c.decodeIfPresent(AreaKind.self, forKey: .outside) ?? .rural
        let lines = try c.decode([String].self, forKey: .rows)
        var kinds: [AreaKind] = []
        kinds.reserveCapacity(lines.count * max(columns, 0))
        for (i, line) in lines.reversed().enumerated() {
            let row = line.compactMap(AreaKind.init(letter:))
            guard row.count == columns, line.count == columns else {
                throw StraightLineTravelModel.AreaMapError.badRow(index: lines.count - 1 - i, expectedLength: columns, found: line)
            }
            kinds.append(contentsOf: row)
        }
        try self.init(origin: origin, cellLonDegrees: cellLon, cellLatDegrees: cellLat,
                      columns: columns, rows: lines.count, kinds: kinds, outside: outside)
    }
}
