import Foundation

extension GeometryConvertible {
    /// OGC/ISO WKB, little-endian (NDR): ISO type codes for Z/M (1001 = Point Z …), no SRID.
    /// The empty point is written with NaN ordinates.
    public var wkb: [UInt8] {
        var w = WKBWriter(extended: false)
        w.write(geometry, top: true)
        return w.out
    }

    /// PostGIS EWKB, little-endian: Z/M flags on every (sub-)geometry, the SRID (when not 0) on
    /// the outermost only, empty points as NaN ordinates — byte for byte what PostGIS stores.
    public var ewkb: [UInt8] {
        var w = WKBWriter(extended: true)
        w.write(geometry, top: true)
        return w.out
    }

    /// EWKB as uppercase hex, as PostGIS prints `geom::text`.
    public var ewkbHex: String { HexCodec.encode(ewkb) }
}

/// Writes WKB or EWKB, little-endian.
struct WKBWriter {
    let extended: Bool
    var out: [UInt8] = []

    init(extended: Bool) {
        self.extended = extended
        out.reserveCapacity(64)
    }

    mutating func uint32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    mutating func double(_ v: Double) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    }

    mutating func header(_ kind: Geometry.Kind, _ d: CoordinateDimension, srid: Int32?) {
        out.append(1)
        var code = kind.rawValue
        if extended {
            if d.hasZ { code |= 0x8000_0000 }
            if d.hasM { code |= 0x4000_0000 }
            if srid != nil { code |= 0x2000_0000 }
            uint32(code)
            if let srid { uint32(UInt32(bitPattern: srid)) }
        } else {
            code += d.hasZ && d.hasM ? 3000 : d.hasZ ? 1000 : d.hasM ? 2000 : 0
            uint32(code)
        }
    }

    mutating func coordinate(_ c: Coordinate, _ d: CoordinateDimension) {
        double(c.x)
        double(c.y)
        if d.hasZ { double(c.z ?? 0) }
        if d.hasM { double(c.m ?? 0) }
    }

    mutating func list(_ cs: [Coordinate], _ d: CoordinateDimension) {
        uint32(UInt32(cs.count))
        out.reserveCapacity(out.count + cs.count * 8 * d.ordinateCount)
        for c in cs { coordinate(c, d) }
    }

    mutating func point(_ p: Point, _ d: CoordinateDimension) {
        if let c = p.coordinate {
            coordinate(c, d)
        } else {
            for _ in 0..<d.ordinateCount { double(.nan) }
        }
    }

    mutating func polygonBody(_ p: Polygon, _ d: CoordinateDimension) {
        let rings = p.rings
        uint32(UInt32(rings.count))
        for ring in rings { list(ring, d) }
    }

    mutating func write(_ g: Geometry, top: Bool) {
        let d = g.dimension
        header(g.kind, d, srid: top && g.srid != 0 ? g.srid : nil)
        switch g {
        case let .point(p):
            point(p, d)
        case let .lineString(l):
            list(l.coordinates, d)
        case let .polygon(p):
            polygonBody(p, d)
        case let .multiPoint(mp):
            uint32(UInt32(mp.points.count))
            for p in mp.points {
                header(.point, d, srid: nil)
                point(p, d)
            }
        case let .multiLineString(ml):
            uint32(UInt32(ml.lineStrings.count))
            for l in ml.lineStrings {
                header(.lineString, d, srid: nil)
                list(l.coordinates, d)
            }
        case let .multiPolygon(mp):
            uint32(UInt32(mp.polygons.count))
            for p in mp.polygons {
                header(.polygon, d, srid: nil)
                polygonBody(p, d)
            }
        case let .geometryCollection(gc):
            uint32(UInt32(gc.geometries.count))
            for m in gc.geometries { write(m, top: false) }
        }
    }
}
