/// A single position, or the empty point (`POINT EMPTY`).
public struct Point: GeometryConvertible, CustomStringConvertible {
    /// The position, or nil for the empty point.
    public private(set) var coordinate: Coordinate?
    /// Spatial reference ID (see `GeometryConvertible.srid`).
    public var srid: Int32
    /// Which ordinates the coordinates carry.
    public private(set) var dimension: CoordinateDimension

    /// A point at `coordinate`; the dimension follows the coordinate's optional `z`/`m`.
    public init(_ coordinate: Coordinate, srid: Int32 = 0) {
        self.coordinate = coordinate
        self.srid = srid
        self.dimension = coordinate.dimension
    }

    /// A point from its ordinates.
    public init(x: Double, y: Double, z: Double? = nil, m: Double? = nil, srid: Int32 = 0) {
        self.init(Coordinate(x: x, y: y, z: z, m: m), srid: srid)
    }

    /// A WGS84 point (SRID 4326) from a lon/lat position.
    public init(_ lonLat: LonLat) {
        self.init(Coordinate(lonLat), srid: 4326)
    }

    /// The empty point of the given dimension (`POINT Z EMPTY` for `.xyz`).
    public static func empty(dimension: CoordinateDimension = .xy, srid: Int32 = 0) -> Point {
        Point(coordinate: nil, dimension: dimension, srid: srid)
    }

    /// Decoder path: the coordinate already conforms to `dimension`.
    init(coordinate: Coordinate?, dimension: CoordinateDimension, srid: Int32) {
        self.coordinate = coordinate.map { $0.conformed(to: dimension) }
        self.dimension = dimension
        self.srid = srid
    }

    /// True when there are no coordinates.
    public var isEmpty: Bool { coordinate == nil }
    /// This value wrapped in `Geometry`.
    public var geometry: Geometry { .point(self) }
    /// The smallest box holding every coordinate, nil when empty.
    public var boundingBox: BoundingBox? { coordinate.map(BoundingBox.init) }

    /// The position as WGS84 lon/lat (meaningful when `srid` is 4326), nil when empty.
    public var lonLat: LonLat? { coordinate?.lonLat }

    /// The same point with every coordinate mapped; the dimension follows the result.
    public func mapCoordinates<E: Error>(_ transform: (Coordinate) throws(E) -> Coordinate) throws(E) -> Point {
        guard let coordinate else { return self }
        return Point(coordinate: try transform(coordinate), dimension: dimension, srid: srid)
    }

    public var description: String { geometry.ewkt }
}
