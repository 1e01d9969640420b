/// A sequence of positions joined by straight segments (two or more points, or empty).
public struct LineString: GeometryConvertible, CustomStringConvertible {
    /// The points, in order.
    public private(set) var coordinates: [Coordinate]
    /// Spatial reference ID (see `GeometryConvertible.srid`).
    public var srid: Int32
    /// Which ordinates the coordinates carry.
    public private(set) var dimension: CoordinateDimension

    /// A line through `coordinates`. The dimension is the given one or the first coordinate's;
    /// every coordinate is conformed to it (missing ordinates become 0).
    public init(_ coordinates: [Coordinate], srid: Int32 = 0, dimension: CoordinateDimension? = nil) {
        let dim = dimension ?? coordinates.inferredDimension
        self.coordinates = coordinates.conformed(to: dim)
        self.dimension = dim
        self.srid = srid
    }

    /// A WGS84 line (SRID 4326) through lon/lat positions.
    public init(_ lonLats: [LonLat]) {
        self.init(lonLats.map(Coordinate.init), srid: 4326)
    }

    /// Decoder path: coordinates already conform to `dimension`.
    init(unchecked coordinates: [Coordinate], dimension: CoordinateDimension, srid: Int32) {
        self.coordinates = coordinates
        self.dimension = dimension
        self.srid = srid
    }

    /// True when there are no coordinates.
    public var isEmpty: Bool { coordinates.isEmpty }
    /// This value wrapped in `Geometry`.
    public var geometry: Geometry { .lineString(self) }
    /// The smallest box holding every coordinate, nil when empty.
    public var boundingBox: BoundingBox? { BoundingBox(coordinates: coordinates) }

    /// True when the line has at least four points and ends where it starts (a valid ring).
    public var isClosedRing: Bool {
        guard coordinates.count >= 4, let first = coordinates.first, let last = coordinates.last else { return false }
        return first.samePosition(as: last)
    }

    /// The same line with every coordinate mapped.
    public func mapCoordinates<E: Error>(_ transform: (Coordinate) throws(E) -> Coordinate) throws(E) -> LineString {
        var out = [Coordinate]()
        out.reserveCapacity(coordinates.count)
        for c in coordinates { out.append(try transform(c)) }
        return LineString(unchecked: out.conformed(to: dimension), dimension: dimension, srid: srid)
    }

    public var description: String { geometry.ewkt }
}
