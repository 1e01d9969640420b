/// A set of polygons (e.g. a district with islands); members share the collection's SRID and dimension.
public struct MultiPolygon: GeometryConvertible, CustomStringConvertible {
    /// The members, in order.
    public private(set) var polygons: [Polygon]
    /// The SRID of the collection and (kept in step) of every member.
    public var srid: Int32 { didSet { for i in polygons.indices { polygons[i].srid = srid } } }
    /// Which ordinates the coordinates carry.
    public private(set) var dimension: CoordinateDimension

    /// A multi-polygon of `polygons`, conformed to the given dimension (default: the first
    /// member's) and to `srid`.
    public init(_ polygons: [Polygon], srid: Int32 = 0, dimension: CoordinateDimension? = nil) {
        let dim = dimension ?? polygons.first?.dimension ?? .xy
        self.polygons = polygons.map { Polygon(exterior: $0.exterior, holes: $0.holes, srid: srid, dimension: dim) }
        self.dimension = dim
        self.srid = srid
    }

    /// Decoder path: members already conform.
    init(unchecked polygons: [Polygon], dimension: CoordinateDimension, srid: Int32) {
        self.polygons = polygons
        self.dimension = dimension
        self.srid = srid
    }

    /// True when there are no coordinates.
    public var isEmpty: Bool { polygons.allSatisfy(\.isEmpty) }
    /// This value wrapped in `Geometry`.
    public var geometry: Geometry { .multiPolygon(self) }
    /// The smallest box holding every coordinate, nil when empty.
    public var boundingBox: BoundingBox? { BoundingBox(coordinates: polygons.lazy.flatMap(\.exterior)) }

    /// The same multi-polygon with every coordinate mapped.
    public func mapCoordinates<E: Error>(_ transform: (Coordinate) throws(E) -> Coordinate) throws(E) -> MultiPolygon {
        var out = [Polygon]()
        out.reserveCapacity(polygons.count)
        for p in polygons { out.append(try p.mapCoordinates(transform)) }
        return MultiPolygon(unchecked: out, dimension: dimension, srid: srid)
    }

    public var description: String { geometry.ewkt }
}
