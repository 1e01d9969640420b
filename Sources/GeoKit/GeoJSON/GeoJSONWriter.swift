import Foundation

extension GeoJSON {
    /// Compact GeoJSON text. Members are written in a fixed order and property keys sorted, so
    /// equal values give equal text. A geometry whose SRID is neither 0 nor 4326 carries a legacy
    /// "crs" member naming it (RFC 7946 expects WGS84: transform first when writing for others).
    /// M values are not written (GeoJSON has no measures; XYZM is written as x, y, z, m).
    public var jsonString: String {
        var out = ""
        switch self {
        case let .geometry(g): GeoJSONWriter.geometry(g, crs: true, into: &out)
        case let .feature(f): GeoJSONWriter.feature(f, crs: true, into: &out)
        case let .featureCollection(fc): GeoJSONWriter.collection(fc, into: &out)
        }
        return out
    }

    /// The same text as UTF-8 bytes.
    public var data: Data { Data(jsonString.utf8) }
}

extension GeometryConvertible {
    /// This geometry as a GeoJSON geometry object.
    public var geoJSON: String { GeoJSON.geometry(geometry).jsonString }
}

extension Feature {
    /// This feature as a GeoJSON Feature object.
    public var geoJSON: String { GeoJSON.feature(self).jsonString }
}

extension FeatureCollection {
    /// This collection as a GeoJSON FeatureCollection object.
    public var geoJSON: String { GeoJSON.featureCollection(self).jsonString }
}

/// Writes GeoJSON text.
enum GeoJSONWriter {
    static func crsMember(_ srid: Int32, into out: inout String) {
        guard srid != 0 && srid != 4326 else { return }
        out += ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:\(srid)\"}}"
    }

    static func collection(_ fc: FeatureCollection, into out: inout String) {
        out += "{\"type\":\"FeatureCollection\""
        let srid = fc.features.lazy.compactMap { $0.geometry?.srid }.first ?? 0
        crsMember(srid, into: &out)
        out += ",\"features\":["
        for (i, f) in fc.features.enumerated() {
            if i > 0 { out += "," }
            feature(f, crs: false, into: &out)
        }
        out += "]}"
    }

    static func feature(_ f: Feature, crs: Bool, into out: inout String) {
        out += "{\"type\":\"Feature\""
        if crs, let srid = f.geometry?.srid { crsMember(srid, into: &out) }
        if let id = f.id {
            out += ",\"id\":"
            switch id {
            case let .string(s): JSONWriter.string(s, into: &out)
            case let .number(n): JSONWriter.number(n, into: &out)
            }
        }
        out += ",\"geometry\":"
        if let g = f.geometry { geometry(g, crs: false, into: &out) } else { out += "null" }
        out += ",\"properties\":"
        if let p = f.properties { JSONWriter.write(.object(p), into: &out) } else { out += "null" }
        out += "}"
    }

    static func geometry(_ g: Geometry, crs: Bool, into out: inout String) {
        out += "{\"type\":\""
        out += g.typeName
        out += "\""
        if crs { crsMember(g.srid, into: &out) }
        let hasZ = g.dimension.hasZ
        let hasM = g.dimension == .xyzm
        switch g {
        case let .point(p):
            out += ",\"coordinates\":"
            if let c = p.coordinate { position(c, hasZ, hasM, into: &out) } else { out += "[]" }
        case let .lineString(l):
            out += ",\"coordinates\":"
            positions(l.coordinates, hasZ, hasM, into: &out)
        case let .polygon(p):
            out += ",\"coordinates\":"
            rings(p, hasZ, hasM, into: &out)
        case let .multiPoint(mp):
            out += ",\"coordinates\":["
            for (i, p) in mp.points.enumerated() {
                if i > 0 { out += "," }
                if let c = p.coordinate { position(c, hasZ, hasM, into: &out) } else { out += "[]" }
            }
            out += "]"
        case let .multiLineString(ml):
            out += ",\"coordinates\":["
            for (i, l) in ml.lineStrings.enumerated() {
                if i > 0 { out += "," }
                positions(l.coordinates, hasZ, hasM, into: &out)
            }
            out += "]"
        case let .multiPolygon(mp):
            out += ",\"coordinates\":["
            for (i, p) in mp.polygons.enumerated() {
                if i > 0 { out += "," }
                rings(p, hasZ, hasM, into: &out)
            }
            out += "]"
        case let .geometryCollection(gc):
            out += ",\"geometries\":["
            for (i, m) in gc.geometries.enumerated() {
                if i > 0 { out += "," }
                geometry(m, crs: false, into: &out)
            }
            out += "]"
        }
        out += "}"
    }

    static func rings(_ p: Polygon, _ hasZ: Bool, _ hasM: Bool, into out: inout String) {
        out += "["
        for (i, ring) in p.rings.enumerated() {
            if i > 0 { out += "," }
            positions(ring, hasZ, hasM, into: &out)
        }
        out += "]"
    }

    static func positions(_ cs: [Coordinate], _ hasZ: Bool, _ hasM: Bool, into out: inout String) {
        out += "["
        for (i, c) in cs.enumerated() {
            if i > 0 { out += "," }
            position(c, hasZ, hasM, into: &out)
        }
        out += "]"
    }

    static func position(_ c: Coordinate, _ hasZ: Bool, _ hasM: Bool, into out: inout String) {
        out += "["
        JSONWriter.number(c.x, into: &out)
        out += ","
        JSONWriter.number(c.y, into: &out)
        if hasZ {
            out += ","
            JSONWriter.number(c.z ?? 0, into: &out)
            if hasM {
                out += ","
                JSONWriter.number(c.m ?? 0, into: &out)
            }
        }
        out += "]"
    }
}
