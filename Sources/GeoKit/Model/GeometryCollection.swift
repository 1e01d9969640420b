/// A heterogeneous set of geometries; members share the collection's SRID and dimension.
public struct GeometryCollection: GeometryConvertible, CustomStringConvertible {
    /// The members, in order.
    public private(set) var geometries: [Geometry]
    /// The SRID of the collection and (kept in step) of every member, recursively.
    public var srid: Int32 { didSet { for i in geometries.indices { geometries[i].srid = srid } } }
    /// Which ordinates the coordinates carry.
    public private(set) var dimension: CoordinateDimension

    /// A collection of `geometries`, each set to `srid`. The dimension is the given one or the
    /// first member's; members of another dimension are conformed to it.
    public init(_ geometries: [Geometry], srid: Int32 = 0, dimension: CoordinateDimension? = nil) {
        let dim = dimension ?? geometries.first?.dimension ?? .xy
        self.geometries = geometries.map { g in
            var g = g.dimension == dim ? g : g.conformed(to: dim)
            g.srid = srid
            return g
        }
        self.dimension = dim
        self.srid = srid
    }

    /// Decoder path: members already conform.
    init(unchecked geometries: [Geometry], dimension: CoordinateDimension, srid: Int32) {
        self.geometries = geometries
        self.dimension = dimension
        self.srid = srid
    }

    /// True when there are no coordinates.
    public var isEmpty: Bool { geometries.allSatisfy(\.isEmpty) }
    /// This value wrapped in `Geometry`.
    public var geometry: Geometry { .geometryCollection(self) }
    /// The smallest box holding every coordinate, nil when empty.
    public var boundingBox: BoundingBox? {
        var box: BoundingBox?
        for g in geometries {
            guard let b = g.boundingBox else { continue }
            box = box.map { $0.union(b) } ?? b
        }
        return box
    }

    /// The same collection with every coordinate mapped.
    public func mapCoordinates<E: Error>(_ transform: (Coordinate) throws(E) -> Coordinate) throws(E) -> GeometryCollection {
        var out = [Geometry]()
        out.reserveCapacity(geometries.count)
        for g in geometries { out.append(try g.mapCoordinates(transform)) }
        return GeometryCollection(unchecked: out, dimension: dimension, srid: srid)
    }

    public var description: String { geometry.ewkt }
}
