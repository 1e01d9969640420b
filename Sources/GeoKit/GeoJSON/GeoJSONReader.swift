import Foundation

extension GeoJSON {
    /// Reads any GeoJSON document (RFC 7946) from UTF-8 bytes.
    /// - Parameter defaultSRID: the SRID when the document has no legacy "crs" member; RFC 7946
    ///   GeoJSON is always WGS84 lon/lat, so 4326 (which also turns on lon/lat range checks).
    public init(data: Data, defaultSRID: Int32 = 4326) throws(GeoJSONError) {
        let result: Result<GeoJSON, GeoJSONError> = data.withUnsafeBytes { raw in
            Result { () throws(GeoJSONError) -> GeoJSON in
                try GeoJSONReader.read(raw.bindMemory(to: UInt8.self), defaultSRID: defaultSRID)
            }
        }
        self = try result.get()
    }

    /// Reads any GeoJSON document from text.
    public init(string: String, defaultSRID: Int32 = 4326) throws(GeoJSONError) {
        self = try GeoJSON(data: Data(string.utf8), defaultSRID: defaultSRID)
    }
}

extension FeatureCollection {
    /// Reads a GeoJSON FeatureCollection (a lone Feature becomes a collection of one).
    public init(geoJSON data: Data, defaultSRID: Int32 = 4326) throws(GeoJSONError) {
        switch try GeoJSON(data: data, defaultSRID: defaultSRID) {
        case let .featureCollection(fc): self = fc
        case let .feature(f): self = FeatureCollection([f])
        case let .geometry(g):
            throw GeoJSONError(kind: .wrongJSONType(expected: "a FeatureCollection", found: "a \(g.typeName) geometry"), path: "type")
        }
    }
}

extension Geometry {
    /// Reads a GeoJSON geometry object (a Feature's geometry is accepted too).
    public init(geoJSON data: Data, defaultSRID: Int32 = 4326) throws(GeoJSONError) {
        switch try GeoJSON(data: data, defaultSRID: defaultSRID) {
        case let .geometry(g): self = g
        case let .feature(f):
            guard let g = f.geometry else { throw GeoJSONError(kind: .wrongJSONType(expected: "a geometry", found: "null"), path: "geometry") }
            self = g
        case .featureCollection:
            throw GeoJSONError(kind: .wrongJSONType(expected: "a geometry", found: "a FeatureCollection"), path: "type")
        }
    }

    /// Reads a GeoJSON geometry object from text.
    public init(geoJSON text: String, defaultSRID: Int32 = 4326) throws(GeoJSONError) {
        try self.init(geoJSON: Data(text.utf8), defaultSRID: defaultSRID)
    }
}

/// Turns parsed JSON into GeoJSON values, checking structure and content with JSON paths.
enum GeoJSONReader {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, defaultSRID: Int32) throws(GeoJSONError) -> GeoJSON {
        var parser = JSONParser(bytes: bytes)
        let root = try parser.parseDocument()
        let srid = try crs(of: root, path: "") ?? defaultSRID
        return try document(root, srid: srid)
    }

    static func document(_ node: JSONNode, srid: Int32) throws(GeoJSONError) -> GeoJSON {
        let type = try typeName(of: node, path: "")
        switch type {
        case "FeatureCollection":
            guard let features = node["features"] else { throw GeoJSONError(kind: .missingMember("features"), path: "") }
            guard case let .array(items) = features else {
                throw GeoJSONError(kind: .wrongJSONType(expected: "an array", found: features.jsonTypeName), path: "features")
            }
            var out = [Feature]()
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                out.append(try feature(item, path: "features[\(i)]", srid: srid))
            }
            return .featureCollection(FeatureCollection(out))
        case "Feature":
            return .feature(try feature(node, path: "", srid: srid))
        default:
            return .geometry(try geometry(node, path: "", srid: srid, depth: 0))
        }
    }

    static func join(_ path: String, _ member: String) -> String {
        path.isEmpty ? member : path + "." + member
    }

    /// The "type" member, checked to be a string.
    static func typeName(of node: JSONNode, path: String) throws(GeoJSONError) -> String {
        guard case .object = node else { throw GeoJSONError(kind: .wrongJSONType(expected: "an object", found: node.jsonTypeName), path: path) }
        guard let t = node["type"] else { throw GeoJSONError(kind: .missingMember("type"), path: path) }
        guard case let .string(s) = t else {
            throw GeoJSONError(kind: .wrongJSONType(expected: "a string", found: t.jsonTypeName), path: join(path, "type"))
        }
        return s
    }

    /// The SRID named by a legacy (2008) "crs" member, if any.
    static func crs(of node: JSONNode, path: String) throws(GeoJSONError) -> Int32? {
        guard let crs = node["crs"], case .object = crs else { return nil }
        guard let name = crs["properties"]?["name"], case let .string(s) = name else { return nil }
        let upper = s.uppercased()
        if upper.hasSuffix("CRS84") { return 4326 }
        if upper.contains("EPSG"), let last = upper.split(whereSeparator: { $0 == ":" }).last, let code = Int32(last), code > 0 {
            return code
        }
        throw GeoJSONError(kind: .unsupportedCRS(s), path: join(path, "crs.properties.name"))
    }

    static func feature(_ node: JSONNode, path: String, srid: Int32) throws(GeoJSONError) -> Feature {
        let type = try typeName(of: node, path: path)
        guard type == "Feature" else {
            throw GeoJSONError(kind: .unknownType(type), path: join(path, "type"))
        }
        var id: FeatureID?
        if let idNode = node["id"] {
            switch idNode {
            case let .string(s): id = .string(s)
            case let .number(n): id = .number(n)
            default: throw GeoJSONError(kind: .wrongJSONType(expected: "a string or number", found: idNode.jsonTypeName), path: join(path, "id"))
            }
        }
        guard let geometryNode = node["geometry"] else { throw GeoJSONError(kind: .missingMember("geometry"), path: path) }
        var geometry: Geometry?
        if case .null = geometryNode {
            geometry = nil
        } else {
            geometry = try self.geometry(geometryNode, path: join(path, "geometry"), srid: srid, depth: 0)
        }
        var properties: [String: JSONValue]?
        if let p = node["properties"] {
            switch p {
            case .null: properties = nil
            case .object:
                properties = p.value.objectValue
            default:
                throw GeoJSONError(kind: .wrongJSONType(expected: "an object or null", found: p.jsonTypeName), path: join(path, "properties"))
            }
        }
        return Feature(id: id, geometry: geometry, properties: properties)
    }

    static func geometry(_ node: JSONNode, path: String, srid: Int32, depth: Int) throws(GeoJSONError) -> Geometry {
        let type = try typeName(of: node, path: path)
        guard let kind = Geometry.Kind.allCases.first(where: { $0.name == type }) else {
            throw GeoJSONError(kind: .unknownType(type), path: join(path, "type"))
        }
        if kind == .geometryCollection {
            guard depth < maximumGeometryNesting else {
                throw GeoJSONError(kind: .invalidGeometry(.nestingTooDeep(limit: maximumGeometryNesting)), path: path)
            }
            let gpath = join(path, "geometries")
            guard let gs = node["geometries"] else { throw GeoJSONError(kind: .missingMember("geometries"), path: path) }
            guard case let .array(items) = gs else { throw GeoJSONError(kind: .wrongJSONType(expected: "an array", found: gs.jsonTypeName), path: gpath) }
            var members = [Geometry]()
            for (i, item) in items.enumerated() {
                members.append(try geometry(item, path: "\(gpath)[\(i)]", srid: srid, depth: depth + 1))
            }
            let dim = members.first(where: { !$0.isEmpty })?.dimension ?? .xy
            for (i, m) in members.enumerated() where !m.isEmpty && m.dimension != dim {
                throw GeoJSONError(kind: .mixedDimensions(expected: dim, found: m.dimension), path: "\(gpath)[\(i)]")
            }
            return .geometryCollection(GeometryCollection(members, srid: srid, dimension: dim))
        }
        let cpath = join(path, "coordinates")
        guard let coordinatesNode = node["coordinates"] else { throw GeoJSONError(kind: .missingMember("coordinates"), path: path) }
        let tree = try coordinateTree(coordinatesNode, path: cpath, depth: 0)
        var builder = GeometryBuilder(srid: srid)
        return try builder.build(kind, tree, path: cpath)
    }

    /// Converts a generic JSON "coordinates" value (one the fast path did not take) to a tree,
    /// reporting the first non-numeric value with its path.
    static func coordinateTree(_ node: JSONNode, path: String, depth: Int) throws(GeoJSONError) -> CoordinateTree {
        switch node {
        case let .coordinates(tree):
            return tree
        case let .array(items):
            if items.isEmpty { return .empty }
            if case .number = items[0] {
                var numbers = [Double]()
                for (i, item) in items.enumerated() {
                    guard case let .number(n) = item else {
                        throw GeoJSONError(kind: .wrongJSONType(expected: "a number", found: item.jsonTypeName), path: "\(path)[\(i)]")
                    }
                    numbers.append(n)
                }
                guard (2...4).contains(numbers.count) else { throw GeoJSONError(kind: .invalidPosition(numberCount: numbers.count), path: path) }
                return .position(Coordinate(x: numbers[0], y: numbers[1],
                                            z: numbers.count > 2 ? numbers[2] : nil,
                                            m: numbers.count > 3 ? numbers[3] : nil))
            }
            var children = [CoordinateTree]()
            for (i, item) in items.enumerated() {
                guard case .array = item else {
                    throw GeoJSONError(kind: .wrongJSONType(expected: "an array", found: item.jsonTypeName), path: "\(path)[\(i)]")
                }
                children.append(try coordinateTree(item, path: "\(path)[\(i)]", depth: depth + 1))
            }
            return .list(children)
        default:
            throw GeoJSONError(kind: .wrongJSONType(expected: "an array", found: node.jsonTypeName), path: path)
        }
    }
}

/// Builds geometries from coordinate trees, checking nesting, dimensions and content.
struct GeometryBuilder {
    let srid: Int32
    var dim: CoordinateDimension?

    init(srid: Int32) {
        self.srid = srid
    }

    mutating func check(_ c: Coordinate, path: @autoclosure () -> String) throws(GeoJSONError) {
        let d = c.dimension
        if let dim {
            if d != dim { throw GeoJSONError(kind: .mixedDimensions(expected: dim, found: d), path: path()) }
        } else {
            dim = d
        }
        if let p = GeometryProblem.check(c, srid: srid) { throw GeoJSONError(kind: .invalidGeometry(p), path: path()) }
    }

    mutating func position(_ t: CoordinateTree, path: String) throws(GeoJSONError) -> Coordinate? {
        switch t {
        case .empty: return nil
        case let .position(c):
            try check(c, path: path)
            return c
        case .positions, .list:
            throw GeoJSONError(kind: .wrongNesting(expected: "a position [x, y]"), path: path)
        }
    }

    mutating func positions(_ t: CoordinateTree, path: String) throws(GeoJSONError) -> [Coordinate] {
        switch t {
        case .empty: return []
        case let .positions(cs):
            for i in cs.indices { try check(cs[i], path: "\(path)[\(i)]") }
            return cs
        case .position:
            throw GeoJSONError(kind: .wrongNesting(expected: "an array of positions"), path: path)
        case let .list(items):
            // e.g. [[1, 2], []]: report the first element that is not a position.
            for (i, item) in items.enumerated() {
                if case .position = item { continue }
                throw GeoJSONError(kind: .wrongNesting(expected: "a position [x, y]"), path: "\(path)[\(i)]")
            }
            throw GeoJSONError(kind: .wrongNesting(expected: "an array of positions"), path: path)
        }
    }

    /// Elements of a list level: `[]` has none; a flat position list is nested too shallowly.
    func elements(_ t: CoordinateTree, path: String, expected: String) throws(GeoJSONError) -> [CoordinateTree] {
        switch t {
        case .empty: return []
        case let .list(items): return items
        case let .positions(cs): return cs.map { .position($0) }
        case .position: throw GeoJSONError(kind: .wrongNesting(expected: expected), path: path)
        }
    }

    mutating func polygon(_ t: CoordinateTree, path: String) throws(GeoJSONError) -> Polygon {
        var rings = [[Coordinate]]()
        for (i, r) in try elements(t, path: path, expected: "an array of rings").enumerated() {
            let ringPath = "\(path)[\(i)]"
            let ring = try positions(r, path: ringPath)
            if let p = GeometryProblem.checkRing(ring) { throw GeoJSONError(kind: .invalidGeometry(p), path: ringPath) }
            rings.append(ring)
        }
        return Polygon(uncheckedRings: rings, dimension: dim ?? .xy, srid: srid)
    }

    mutating func build(_ kind: Geometry.Kind, _ t: CoordinateTree, path: String) throws(GeoJSONError) -> Geometry {
        var g: Geometry
        switch kind {
        case .point:
            let c = try position(t, path: path)
            g = .point(Point(coordinate: c, dimension: dim ?? .xy, srid: srid))
        case .lineString:
            let cs = try positions(t, path: path)
            if let p = GeometryProblem.checkLineString(cs) { throw GeoJSONError(kind: .invalidGeometry(p), path: path) }
            g = .lineString(LineString(unchecked: cs, dimension: dim ?? .xy, srid: srid))
        case .polygon:
            g = .polygon(try polygon(t, path: path))
        case .multiPoint:
            var points = [Point]()
            for (i, p) in try elements(t, path: path, expected: "an array of positions").enumerated() {
                let c = try position(p, path: "\(path)[\(i)]")
                points.append(Point(coordinate: c, dimension: dim ?? .xy, srid: srid))
            }
            g = .multiPoint(MultiPoint(unchecked: points, dimension: dim ?? .xy, srid: srid))
        case .multiLineString:
            var lines = [LineString]()
            for (i, l) in try elements(t, path: path, expected: "an array of line strings").enumerated() {
                let cs = try positions(l, path: "\(path)[\(i)]")
                if let p = GeometryProblem.checkLineString(cs) { throw GeoJSONError(kind: .invalidGeometry(p), path: "\(path)[\(i)]") }
                lines.append(LineString(unchecked: cs, dimension: dim ?? .xy, srid: srid))
            }
            g = .multiLineString(MultiLineString(unchecked: lines, dimension: dim ?? .xy, srid: srid))
        case .multiPolygon:
            var polygons = [Polygon]()
            for (i, p) in try elements(t, path: path, expected: "an array of polygons").enumerated() {
                polygons.append(try polygon(p, path: "\(path)[\(i)]"))
            }
            g = .multiPolygon(MultiPolygon(unchecked: polygons, dimension: dim ?? .xy, srid: srid))
        case .geometryCollection:
            g = .geometryCollection(GeometryCollection(unchecked: [], dimension: .xy, srid: srid))
        }
        // Empty members built before the first position fixed the dimension are conformed.
        if let dim, dim != .xy, kind != .point, kind != .lineString, kind != .polygon {
            g = g.conformed(to: dim)
        }
        return g
    }
}
