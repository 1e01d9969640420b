/// A geometry value that can be viewed as the `Geometry` enum: every concrete type (`Point`,
/// `Polygon`, …) and `Geometry` itself. Operations (GEOS, codecs) are written once against it.
public protocol GeometryConvertible: Hashable, Sendable {
    /// This value wrapped in the `Geometry` enum.
    var geometry: Geometry { get }
    /// Spatial reference ID as in PostGIS: 4326 for WGS84 lon/lat, 27700 for British National Grid, 0 unknown.
    var srid: Int32 { get set }
    /// Which ordinates the coordinates carry (XY, XYZ, XYM, XYZM).
    var dimension: CoordinateDimension { get }
    /// True when the geometry has no coordinates at all (`POINT EMPTY`, `POLYGON EMPTY`, …).
    var isEmpty: Bool { get }
    /// The smallest box holding every coordinate, or nil when empty.
    var boundingBox: BoundingBox? { get }
}

extension GeometryConvertible {
    /// The OGC type name: "Point", "LineString", "Polygon", "MultiPoint", … (GeoJSON's spelling).
    public var typeName: String { geometry.typeName }
}

/// How deep collections may nest (a `GeometryCollection` inside a `GeometryCollection` …) before
/// decoders refuse the input: protects the stack from hostile input.
public let maximumGeometryNesting = 32
