/// Any geometry: the sum of the concrete types, as PostGIS's `geometry` column holds.
public enum Geometry: GeometryConvertible, CustomStringConvertible {
    case point(Point)
    case lineString(LineString)
    case polygon(Polygon)
    case multiPoint(MultiPoint)
    case multiLineString(MultiLineString)
    case multiPolygon(MultiPolygon)
    case geometryCollection(GeometryCollection)

    /// Wraps any concrete geometry.
    public init(_ value: some GeometryConvertible) {
        self = value.geometry
    }

    /// This value wrapped in `Geometry`.
    public var geometry: Geometry { self }

    /// The wrapped value, type-erased.
    var wrapped: any GeometryConvertible {
        switch self {
        case let .point(g): return g
        case let .lineString(g): return g
        case let .polygon(g): return g
        case let .multiPoint(g): return g
        case let .multiLineString(g): return g
        case let .multiPolygon(g): return g
        case let .geometryCollection(g): return g
        }
    }

    /// Spatial reference ID (see `GeometryConvertible.srid`).
    public var srid: Int32 {
        get { wrapped.srid }
        set {
            switch self {
            case var .point(g): g.srid = newValue; self = .point(g)
            case var .lineString(g): g.srid = newValue; self = .lineString(g)
            case var .polygon(g): g.srid = newValue; self = .polygon(g)
            case var .multiPoint(g): g.srid = newValue; self = .multiPoint(g)
            case var .multiLineString(g): g.srid = newValue; self = .multiLineString(g)
            case var .multiPolygon(g): g.srid = newValue; self = .multiPolygon(g)
            case var .geometryCollection(g): g.srid = newValue; self = .geometryCollection(g)
            }
        }
    }

    /// Which ordinates the coordinates carry.
    public var dimension: CoordinateDimension { wrapped.dimension }
    /// True when there are no coordinates.
    public var isEmpty: Bool { wrapped.isEmpty }
    /// The smallest box holding every coordinate, nil when empty.
    public var boundingBox: BoundingBox? { wrapped.boundingBox }

    /// The OGC type name: "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString",
    /// "MultiPolygon" or "GeometryCollection" (GeoJSON's spelling; WKT uses it upper-cased).
    public var typeName: String { kind.name }

    /// The geometry's type without its content.
    public var kind: Kind {
        switch self {
        case .point: return .point
        case .lineString: return .lineString
        case .polygon: return .polygon
        case .multiPoint: return .multiPoint
        case .multiLineString: return .multiLineString
        case .multiPolygon: return .multiPolygon
        case .geometryCollection: return .geometryCollection
        }
    }

    /// The seven geometry types, numbered as in WKB.
    public enum Kind: UInt32, Hashable, Sendable, CaseIterable {
        case point = 1, lineString, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection

        /// The OGC / GeoJSON name, e.g. "MultiPolygon".
        public var name: String {
            switch self {
            case .point: return "Point"
            case .lineString: return "LineString"
            case .polygon: return "Polygon"
            case .multiPoint: return "MultiPoint"
            case .multiLineString: return "MultiLineString"
            case .multiPolygon: return "MultiPolygon"
            case .geometryCollection: return "GeometryCollection"
            }
        }

        /// Looks a type up by its name, ignoring case ("POLYGON", "Polygon", "polygon").
        public init?(name: String) {
            let lower = name.lowercased()
            guard let kind = Kind.allCases.first(where: { $0.name.lowercased() == lower }) else { return nil }
            self = kind
        }
    }

    /// The same geometry with every coordinate mapped (dimension and SRID kept).
    public func mapCoordinates<E: Error>(_ transform: (Coordinate) throws(E) -> Coordinate) throws(E) -> Geometry {
        switch self {
        case let .point(g): return .point(try g.mapCoordinates(transform))
        case let .lineString(g): return .lineString(try g.mapCoordinates(transform))
        case let .polygon(g): return .polygon(try g.mapCoordinates(transform))
        case let .multiPoint(g): return .multiPoint(try g.mapCoordinates(transform))
        case let .multiLineString(g): return .multiLineString(try g.mapCoordinates(transform))
        case let .multiPolygon(g): return .multiPolygon(try g.mapCoordinates(transform))
        case let .geometryCollection(g): return .geometryCollection(try g.mapCoordinates(transform))
        }
    }

    /// Calls `body` with every coordinate in order (rings exterior first, members in order).
    public func forEachCoordinate(_ body: (Coordinate) throws -> Void) rethrows {
        switch self {
        case let .point(g): if let c = g.coordinate { try body(c) }
        case let .lineString(g): for c in g.coordinates { try body(c) }
        case let .polygon(g): for ring in g.rings { for c in ring { try body(c) } }
        case let .multiPoint(g): for p in g.points { if let c = p.coordinate { try body(c) } }
        case let .multiLineString(g): for l in g.lineStrings { for c in l.coordinates { try body(c) } }
        case let .multiPolygon(g): for p in g.polygons { for ring in p.rings { for c in ring { try body(c) } } }
        case let .geometryCollection(g): for m in g.geometries { try m.forEachCoordinate(body) }
        }
    }

    /// Number of coordinates in the whole geometry (PostGIS `ST_NPoints`).
    public var coordinateCount: Int {
        var n = 0
        forEachCoordinate { _ in n += 1 }
        return n
    }

    /// The same geometry with its coordinates conformed to another dimension (missing ordinates 0).
    public func conformed(to dimension: CoordinateDimension) -> Geometry {
        switch self {
        case let .point(g):
            return .point(Point(coordinate: g.coordinate, dimension: dimension, srid: g.srid))
        case let .lineString(g):
            return .lineString(LineString(g.coordinates, srid: g.srid, dimension: dimension))
        case let .polygon(g):
            return .polygon(Polygon(exterior: g.exterior, holes: g.holes, srid: g.srid, dimension: dimension))
        case let .multiPoint(g):
            return .multiPoint(MultiPoint(g.points, srid: g.srid, dimension: dimension))
        case let .multiLineString(g):
            return .multiLineString(MultiLineString(g.lineStrings, srid: g.srid, dimension: dimension))
        case let .multiPolygon(g):
            return .multiPolygon(MultiPolygon(g.polygons, srid: g.srid, dimension: dimension))
        case let .geometryCollection(g):
            return .geometryCollection(GeometryCollection(g.geometries, srid: g.srid, dimension: dimension))
        }
    }

    /// The polygons of an areal geometry: the polygon itself, a multi-polygon's members, or the
    /// polygons found in a collection (recursively); empty for points and lines.
    public var polygons: [Polygon] {
        switch self {
        case let .polygon(p): return p.isEmpty ? [] : [p]
        case let .multiPolygon(mp): return mp.polygons.filter { !$0.isEmpty }
        case let .geometryCollection(gc): return gc.geometries.flatMap(\.polygons)
        default: return []
        }
    }

    public var description: String { ewkt }
}

extension Geometry {
    /// True when the geometry has no parts at all (a point without coordinate, a line without
    /// points, a polygon without rings, a collection without members): what encoders write as
    /// EMPTY. A multi-point holding one empty point is `isEmpty` but has a part.
    var hasNoParts: Bool {
        switch self {
        case let .point(g): return g.coordinate == nil
        case let .lineString(g): return g.coordinates.isEmpty
        case let .polygon(g): return g.rings.isEmpty
        case let .multiPoint(g): return g.points.isEmpty
        case let .multiLineString(g): return g.lineStrings.isEmpty
        case let .multiPolygon(g): return g.polygons.isEmpty
        case let .geometryCollection(g): return g.geometries.isEmpty
        }
    }
}
