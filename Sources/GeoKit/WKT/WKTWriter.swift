extension GeometryConvertible {
    /// ISO WKT as PostGIS's `ST_AsText` writes it: `POINT(1 2)`, `POINT Z (1 2 3)`, `POINT EMPTY`,
    /// `MULTIPOINT((1 2),(3 4))`; shortest round-trip numbers. The SRID is not written.
    public var wkt: String {
        var out = ""
        WKTWriter.write(geometry, into: &out)
        return out
    }

    /// EWKT: `SRID=4326;` followed by the WKT when the SRID is not 0, else just the WKT.
    public var ewkt: String {
        srid == 0 ? wkt : "SRID=\(srid);" + wkt
    }
}

/// Writes WKT text.
enum WKTWriter {
    static func write(_ g: Geometry, into out: inout String) {
        out += g.kind.name.uppercased()
        let keyword = g.dimension.wktKeyword
        if !keyword.isEmpty { out += " " + keyword + " " }
        if g.hasNoParts {
            if keyword.isEmpty { out += " " }
            out += "EMPTY"
            return
        }
        body(g, into: &out)
    }

    static func body(_ g: Geometry, into out: inout String) {
        switch g {
        case let .point(p):
            out += "("
            if let c = p.coordinate { coordinate(c, p.dimension, into: &out) }
            out += ")"
        case let .lineString(l):
            list(l.coordinates, l.dimension, into: &out)
        case let .polygon(p):
            polygon(p, into: &out)
        case let .multiPoint(mp):
            out += "("
            for (i, p) in mp.points.enumerated() {
                if i > 0 { out += "," }
                if let c = p.coordinate {
                    out += "("
                    coordinate(c, mp.dimension, into: &out)
                    out += ")"
                } else {
                    out += "EMPTY"
                }
            }
            out += ")"
        case let .multiLineString(ml):
            out += "("
            for (i, l) in ml.lineStrings.enumerated() {
                if i > 0 { out += "," }
                if l.isEmpty { out += "EMPTY" } else { list(l.coordinates, ml.dimension, into: &out) }
            }
            out += ")"
        case let .multiPolygon(mp):
            out += "("
            for (i, p) in mp.polygons.enumerated() {
                if i > 0 { out += "," }
                if p.isEmpty { out += "EMPTY" } else { polygon(p, into: &out) }
            }
            out += ")"
        case let .geometryCollection(gc):
            out += "("
            for (i, m) in gc.geometries.enumerated() {
                if i > 0 { out += "," }
                write(m, into: &out)
            }
            out += ")"
        }
    }

    static func polygon(_ p: Polygon, into out: inout String) {
        out += "("
        for (i, ring) in p.rings.enumerated() {
            if i > 0 { out += "," }
            list(ring, p.dimension, into: &out)
        }
        out += ")"
    }

    static func list(_ cs: [Coordinate], _ d: CoordinateDimension, into out: inout String) {
        out += "("
        for (i, c) in cs.enumerated() {
            if i > 0 { out += "," }
            coordinate(c, d, into: &out)
        }
        out += ")"
    }

    static func coordinate(_ c: Coordinate, _ d: CoordinateDimension, into out: inout String) {
        out += OrdinateFormatter.string(c.x)
        out += " "
        out += OrdinateFormatter.string(c.y)
        if d.hasZ { out += " " + OrdinateFormatter.string(c.z ?? 0) }
        if d.hasM { out += " " + OrdinateFormatter.string(c.m ?? 0) }
    }
}
