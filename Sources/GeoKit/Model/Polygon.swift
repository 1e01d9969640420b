/// An area: one exterior ring and zero or more holes, each ring closed (first point = last point)
/// with at least four points. The empty polygon has no rings.
public struct Polygon: GeometryConvertible, CustomStringConvertible {
    /// The outer boundary; empty for the empty polygon.
    public private(set) var exterior: [Coordinate]
    /// Inner boundaries (holes).
    public private(set) var holes: [[Coordinate]]
    /// Spatial reference ID (see `GeometryConvertible.srid`).
    public var srid: Int32
    /// Which ordinates the coordinates carry.
    public private(set) var dimension: CoordinateDimension

    /// A polygon from its rings as given (they are not closed for you; decoders and `validate()`
    /// reject unclosed rings). The dimension is the given one or the exterior's first coordinate's.
    public init(exterior: [Coordinate], holes: [[Coordinate]] = [], srid: Int32 = 0,
                dimension: CoordinateDimension? = nil) {
        let dim = dimension ?? exterior.inferredDimension
        self.exterior = exterior.conformed(to: dim)
        self.holes = holes.map { $0.conformed(to: dim) }
        self.dimension = dim
        self.srid = srid
    }

    /// A WGS84 polygon (SRID 4326) from lon/lat positions of its outline; the ring is closed for
    /// you when the last position differs from the first.
    public init(_ outline: [LonLat], holes: [[LonLat]] = []) {
        func ring(_ points: [LonLat]) -> [Coordinate] {
            var coords = points.map(Coordinate.init)
            if let first = coords.first, let last = coords.last, !first.samePosition(as: last) { coords.append(first) }
            return coords
        }
        self.init(exterior: ring(outline), holes: holes.map(ring), srid: 4326, dimension: .xy)
    }

    /// Decoder path: rings already conform to `dimension`.
    init(uncheckedRings rings: [[Coordinate]], dimension: CoordinateDimension, srid: Int32) {
        self.exterior = rings.first ?? []
        self.holes = Array(rings.dropFirst())
        self.dimension = dimension
        self.srid = srid
    }

    /// The empty polygon.
    public static func empty(dimension: CoordinateDimension = .xy, srid: Int32 = 0) -> Polygon {
        Polygon(uncheckedRings: [], dimension: dimension, srid: srid)
    }

    /// Exterior then holes; no rings for the empty polygon.
    public var rings: [[Coordinate]] { exterior.isEmpty && holes.isEmpty ? [] : [exterior] + holes }

    /// True when there are no coordinates.
    public var isEmpty: Bool { exterior.isEmpty && holes.isEmpty }
    /// This value wrapped in `Geometry`.
    public var geometry: Geometry { .polygon(self) }
    /// The smallest box holding every coordinate, nil when empty.
    public var boundingBox: BoundingBox? { BoundingBox(coordinates: exterior) }

    /// The same polygon with every coordinate mapped.
    public func mapCoordinates<E: Error>(_ transform: (Coordinate) throws(E) -> Coordinate) throws(E) -> Polygon {
        var out = [[Coordinate]]()
        out.reserveCapacity(holes.count + 1)
        for ring in rings {
            var mapped = [Coordinate]()
            mapped.reserveCapacity(ring.count)
            for c in ring { mapped.append(try transform(c)) }
            out.append(mapped.conformed(to: dimension))
        }
        return Polygon(uncheckedRings: out, dimension: dimension, srid: srid)
    }

    public var description: String { geometry.ewkt }
}
