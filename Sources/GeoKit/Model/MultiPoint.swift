/// A set of points; members share the collection's SRID and dimension.
public struct MultiPoint: GeometryConvertible, CustomStringConvertible {
    /// The members, in order (a member may be the empty point).
    public private(set) var points: [Point]
    /// The SRID of the collection and (kept in step) of every member.
    public var srid: Int32 { didSet { for i in points.indices { points[i].srid = srid } } }
    /// Which ordinates the coordinates carry.
    public private(set) var dimension: CoordinateDimension

    /// A multi-point of `points`, conformed to the given dimension (default: the first point's)
    /// and to `srid`.
    public init(_ points: [Point], srid: Int32 = 0, dimension: CoordinateDimension? = nil) {
        let dim = dimension ?? points.first?.dimension ?? .xy
        self.points = points.map { Point(coordinate: $0.coordinate, dimension: dim, srid: srid) }
        self.dimension = dim
        self.srid = srid
    }

    /// A multi-point of positions.
    public init(coordinates: [Coordinate], srid: Int32 = 0, dimension: CoordinateDimension? = nil) {
        self.init(coordinates.map { Point($0, srid: srid) }, srid: srid,
                  dimension: dimension ?? coordinates.inferredDimension)
    }

    /// Decoder path: members already conform.
    init(unchecked points: [Point], dimension: CoordinateDimension, srid: Int32) {
        self.points = points
        self.dimension = dimension
        self.srid = srid
    }

    /// True when there are no coordinates.
    public var isEmpty: Bool { points.allSatisfy(\.isEmpty) }
    /// This value wrapped in `Geometry`.
    public var geometry: Geometry { .multiPoint(self) }
    /// The smallest box holding every coordinate, nil when empty.
    public var boundingBox: BoundingBox? { BoundingBox(coordinates: points.lazy.compactMap(\.coordinate)) }

    /// The same multi-point with every coordinate mapped.
    public func mapCoordinates<E: Error>(_ transform: (Coordinate) throws(E) -> Coordinate) throws(E) -> MultiPoint {
        var out = [Point]()
        out.reserveCapacity(points.count)
        for p in points { out.append(try p.mapCoordinates(transform)) }
        return MultiPoint(unchecked: out, dimension: dimension, srid: srid)
    }

    public var description: String { geometry.ewkt }
}
