/// One position: planar `x`/`y` (longitude/latitude in EPSG:4326, easting/northing in EPSG:27700),
/// with an optional height `z` and an optional measure `m`, as in PostGIS.
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    /// Longitude (EPSG:4326) or easting.
    public var x: Double
    /// Latitude (EPSG:4326) or northing.
    public var y: Double
    /// Height, when the geometry has Z.
    public var z: Double?
    /// Measure, when the geometry has M.
    public var m: Double?

    /// Creates a coordinate; leave `z` or `m` nil when the geometry has no such ordinate.
    @inlinable
    public init(x: Double, y: Double, z: Double? = nil, m: Double? = nil) {
        self.x = x
        self.y = y
        self.z = z
        self.m = m
    }

    /// A 2-D coordinate from a WGS84 position (`x` = longitude, `y` = latitude).
    @inlinable
    public init(_ lonLat: LonLat) {
        self.init(x: lonLat.lon, y: lonLat.lat)
    }

    /// This coordinate read as a WGS84 position (`x` = longitude, `y` = latitude).
    @inlinable
    public var lonLat: LonLat { LonLat(lon: x, lat: y) }

    /// The dimension this coordinate's optional ordinates describe.
    public var dimension: CoordinateDimension { CoordinateDimension(hasZ: z != nil, hasM: m != nil) }

    /// The same position with exactly the ordinates of `dimension`: a missing `z` or `m` becomes 0,
    /// an ordinate the dimension lacks is dropped.
    @inlinable
    public func conformed(to dimension: CoordinateDimension) -> Coordinate {
        Coordinate(x: x, y: y,
                   z: dimension.hasZ ? (z ?? 0) : nil,
                   m: dimension.hasM ? (m ?? 0) : nil)
    }

    /// True when `x` and `y` (and `z` when both have one) are equal: the test for a closed ring.
    @inlinable
    public func samePosition(as other: Coordinate) -> Bool {
        x == other.x && y == other.y && z == other.z
    }

    public var description: String {
        var parts = ["\(x)", "\(y)"]
        if let z { parts.append("\(z)") }
        if let m { parts.append("m=\(m)") }
        return "(" + parts.joined(separator: " ") + ")"
    }
}

/// Which ordinates a geometry's coordinates carry, as PostGIS's `ST_CoordDim` / WKT `Z`, `M`, `ZM`.
public enum CoordinateDimension: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case xy, xyz, xym, xyzm

    /// Creates the dimension from its two flags.
    @inlinable
    public init(hasZ: Bool, hasM: Bool) {
        switch (hasZ, hasM) {
        case (false, false): self = .xy
        case (true, false): self = .xyz
        case (false, true): self = .xym
        case (true, true): self = .xyzm
        }
    }

    /// True for XYZ and XYZM.
    @inlinable public var hasZ: Bool { self == .xyz || self == .xyzm }
    /// True for XYM and XYZM.
    @inlinable public var hasM: Bool { self == .xym || self == .xyzm }

    /// Number of ordinates per coordinate: 2, 3 or 4.
    @inlinable public var ordinateCount: Int { 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0) }

    /// The WKT dimension keyword: "", "Z", "M" or "ZM".
    public var wktKeyword: String {
        switch self {
        case .xy: return ""
        case .xyz: return "Z"
        case .xym: return "M"
        case .xyzm: return "ZM"
        }
    }

    public var description: String {
        switch self {
        case .xy: return "XY"
        case .xyz: return "XYZ"
        case .xym: return "XYM"
        case .xyzm: return "XYZM"
        }
    }
}

extension Array where Element == Coordinate {
    /// The dimension of the first coordinate, or XY when empty: what an initialiser infers.
    @usableFromInline
    var inferredDimension: CoordinateDimension { first?.dimension ?? .xy }

    /// Every coordinate conformed to `dimension` (no copy when they already conform).
    @usableFromInline
    func conformed(to dimension: CoordinateDimension) -> [Coordinate] {
        if allSatisfy({ $0.dimension == dimension }) { return self }
        return map { $0.conformed(to: dimension) }
    }
}
