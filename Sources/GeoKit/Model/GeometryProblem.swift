/// What is wrong with a geometry's content, independent of how it was encoded. Decoders wrap it
/// with a location (character, byte offset or JSON path); `validate()` with a path in the value.
public enum GeometryProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// An ordinate is NaN or infinite.
    case nonFiniteOrdinate(Ordinate, value: Double)
    /// Longitude outside -180…180 in a geometry declared EPSG:4326.
    case longitudeOutOfRange(Double)
    /// Latitude outside -90…90 in a geometry declared EPSG:4326.
    case latitudeOutOfRange(Double)
    /// A polygon ring whose last point is not its first.
    case ringNotClosed(first: Coordinate, last: Coordinate)
    /// A polygon ring with fewer than 4 points.
    case ringTooShort(pointCount: Int)
    /// A line string with exactly one point.
    case lineStringTooShort(pointCount: Int)
    /// A coordinate or member whose dimension differs from the geometry's.
    case mixedDimensions(expected: CoordinateDimension, found: CoordinateDimension)
    /// Collections nested deeper than `maximumGeometryNesting`.
    case nestingTooDeep(limit: Int)

    /// One ordinate of a coordinate.
    public enum Ordinate: String, Hashable, Sendable { case x, y, z, m }

    public var description: String {
        switch self {
        case let .nonFiniteOrdinate(o, v): return "\(o.rawValue) ordinate is \(v), not a finite number"
        case let .longitudeOutOfRange(v): return "longitude \(v) is outside -180…180 (SRID 4326)"
        case let .latitudeOutOfRange(v): return "latitude \(v) is outside -90…90 (SRID 4326)"
        case let .ringNotClosed(first, last): return "ring is not closed: starts at \(first), ends at \(last)"
        case let .ringTooShort(n): return "ring has \(n) points; a closed ring needs at least 4"
        case let .lineStringTooShort(n): return "line string has \(n) point; it needs 0 or at least 2"
        case let .mixedDimensions(e, f): return "coordinate dimension \(f) differs from the geometry's \(e)"
        case let .nestingTooDeep(limit): return "geometry collections nest deeper than \(limit) levels"
        }
    }

    // MARK: - Checks shared by every decoder

    /// Checks one coordinate: finite ordinates, and lon/lat ranges when `srid` is 4326.
    @inlinable
    static func check(_ c: Coordinate, srid: Int32) -> GeometryProblem? {
        guard c.x.isFinite else { return .nonFiniteOrdinate(.x, value: c.x) }
        guard c.y.isFinite else { return .nonFiniteOrdinate(.y, value: c.y) }
        if let z = c.z, !z.isFinite { return .nonFiniteOrdinate(.z, value: z) }
        if let m = c.m, !m.isFinite { return .nonFiniteOrdinate(.m, value: m) }
        if srid == 4326 {
            guard c.x >= -180, c.x <= 180 else { return .longitudeOutOfRange(c.x) }
            guard c.y >= -90, c.y <= 90 else { return .latitudeOutOfRange(c.y) }
        }
        return nil
    }

    /// Checks a polygon ring's length and closure (coordinates are checked one by one elsewhere).
    static func checkRing(_ ring: [Coordinate]) -> GeometryProblem? {
        guard ring.count >= 4 else { return .ringTooShort(pointCount: ring.count) }
        if let first = ring.first, let last = ring.last, !first.samePosition(as: last) {
            return .ringNotClosed(first: first, last: last)
        }
        return nil
    }

    /// Checks a line string's length.
    static func checkLineString(_ coordinates: [Coordinate]) -> GeometryProblem? {
        coordinates.count == 1 ? .lineStringTooShort(pointCount: 1) : nil
    }
}

/// A problem found by `validate()`, with where it is inside the value, e.g. `polygons[2].rings[0][17]`.
public struct GeometryValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var problem: GeometryProblem
    /// Path to the offending part: `rings[1]`, `points[3]`, `geometries[0].rings[0][5]`; "" for the whole.
    public var path: String

    public var description: String { path.isEmpty ? "\(problem)" : "\(path): \(problem)" }
}
