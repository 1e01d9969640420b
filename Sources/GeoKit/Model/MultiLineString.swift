/// A set of line strings; members share the collection's SRID and dimension.
public struct MultiLineString: GeometryConvertible, CustomStringConvertible {
    /// The members, in order.
    public private(set) var lineStrings: [LineString]
    /// The SRID of the collection and (kept in step) of every member.
    public var srid: Int32 { didSet { for i in lineStrings.indices { lineStrings[i].srid = srid } } }
    /// Which ordinates the coordinates carry.
    public private(set) var dimension: CoordinateDimension

    /// A multi-line-string of `lineStrings`, conformed to the given dimension (default: the first
    /// member's) and to `srid`.
    public init(_ lineStrings: [LineString], srid: Int32 = 0, dimension: CoordinateDimension? = nil) {
        let dim = dimension ?? lineStrings.first?.dimension ?? .xy
        self.lineStrings = lineStrings.map { LineString($0.coordinates, srid: srid, dimension: dim) }
        self.dimension = dim
        self.srid = srid
    }

    /// Decoder path: members already conform.
    init(unchecked lineStrings: [LineString], dimension: CoordinateDimension, srid: Int32) {
        self.lineStrings = lineStrings
        self.dimension = dimension
        self.srid = srid
    }

    /// True when there are no coordinates.
    public var isEmpty: Bool { lineStrings.allSatisfy(\.isEmpty) }
    /// This value wrapped in `Geometry`.
    public var geometry: Geometry { .multiLineString(self) }
    /// The smallest box holding every coordinate, nil when empty.
    public var boundingBox: BoundingBox? { BoundingBox(coordinates: lineStrings.lazy.flatMap(\.coordinates)) }

    /// The same multi-line-string with every coordinate mapped.
    public func mapCoordinates<E: Error>(_ transform: (Coordinate) throws(E) -> Coordinate) throws(E) -> MultiLineString {
        var out = [LineString]()
        out.reserveCapacity(lineStrings.count)
        for l in lineStrings { out.append(try l.mapCoordinates(transform)) }
        return MultiLineString(unchecked: out, dimension: dimension, srid: srid)
    }

    public var description: String { geometry.ewkt }
}
