import CGEOS

/// How Swift geometry values travel to and from GEOS. Both are kept so the benchmark
/// (`bluelamp bench geometry`) can compare them; `default` is the faster one measured there.
@_spi(Benchmark)
public enum GEOSConversionMethod: String, Sendable, CaseIterable {
    /// Build GEOS geometries from coordinate buffers (`GEOSCoordSeq_copyFromBuffer_r`) and read
    /// them back with `GEOSCoordSeq_copyToBuffer_r`.
    case coordinateSequences
    /// Encode EWKB in Swift and let GEOS's WKB reader parse it (and the reverse).
    case wkb

    /// The method GeoKit uses (20× faster than WKB on the force boundary, see the benchmark).
    public static let `default`: GEOSConversionMethod = .coordinateSequences
}

extension GEOSContext {
    // MARK: - Swift → GEOS

    /// A new GEOS geometry equal to `g` (M values are dropped: GEOS 3.11 has no M).
    func makeGeometry(_ g: Geometry, method: GEOSConversionMethod = .default) throws(GEOSError) -> GEOSGeometryHandle {
        switch method {
        case .coordinateSequences: return try build(g)
        case .wkb: return try readWKB(g.ewkb)
        }
    }

    private func readWKB(_ bytes: [UInt8]) throws(GEOSError) -> GEOSGeometryHandle {
        // GEOSWKBReader_create_r returns NULL on exception.
        guard let reader = GEOSWKBReader_create_r(handle) else { throw failure("WKBReader_create") }
        defer { GEOSWKBReader_destroy_r(handle, reader) }
        let p = bytes.withUnsafeBufferPointer { GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count) }
        return try GEOSGeometryHandle(p, context: self, operation: "WKBReader_read")
    }

    /// A coordinate sequence (owned by the caller until passed to a constructor).
    private func sequence(_ cs: [Coordinate], hasZ: Bool) throws(GEOSError) -> OpaquePointer {
        let stride = hasZ ? 3 : 2
        var buffer = [Double](repeating: 0, count: max(cs.count * stride, 1))
        var i = 0
        for c in cs {
            buffer[i] = c.x
            buffer[i + 1] = c.y
            if hasZ { buffer[i + 2] = c.z ?? 0 }
            i += stride
        }
        // GEOSCoordSeq_copyFromBuffer_r returns NULL on exception.
        let seq = buffer.withUnsafeBufferPointer {
            GEOSCoordSeq_copyFromBuffer_r(handle, $0.baseAddress, UInt32(cs.count), hasZ ? 1 : 0, 0)
        }
        guard let seq else { throw failure("CoordSeq_copyFromBuffer") }
        return seq
    }

    private func ring(_ cs: [Coordinate], hasZ: Bool) throws(GEOSError) -> GEOSGeometryHandle {
        // Ownership of the sequence passes to the ring (also when GEOS fails); NULL on exception.
        let seq = try sequence(cs, hasZ: hasZ)
        return try GEOSGeometryHandle(GEOSGeom_createLinearRing_r(handle, seq), context: self, operation: "createLinearRing")
    }

    private func polygon(_ p: Polygon, hasZ: Bool) throws(GEOSError) -> GEOSGeometryHandle {
        if p.isEmpty {
            return try GEOSGeometryHandle(GEOSGeom_createEmptyPolygon_r(handle), context: self, operation: "createEmptyPolygon")
        }
        let shell = try ring(p.exterior, hasZ: hasZ)
        var holes = [GEOSGeometryHandle]()
        for h in p.holes { holes.append(try ring(h, hasZ: hasZ)) }
        // The rings' ownership passes to the polygon; we keep the array. NULL on exception.
        var holePointers = holes.map { $0.transferOwnership() }
        let result = holePointers.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(handle, shell.transferOwnership(), $0.baseAddress, UInt32(holes.count))
        }
        return try GEOSGeometryHandle(result, context: self, operation: "createPolygon")
    }

    private func collection(_ type: GEOSGeomTypes, _ members: [GEOSGeometryHandle]) throws(GEOSError) -> GEOSGeometryHandle {
        if members.isEmpty {
            return try GEOSGeometryHandle(GEOSGeom_createEmptyCollection_r(handle, Int32(type.rawValue)), context: self, operation: "createEmptyCollection")
        }
        // The members' ownership passes to the collection; we keep the array. NULL on exception.
        var pointers = members.map { $0.transferOwnership() }
        let result = pointers.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(handle, Int32(type.rawValue), $0.baseAddress, UInt32(members.count))
        }
        return try GEOSGeometryHandle(result, context: self, operation: "createCollection")
    }

    private func point(_ p: Point, hasZ: Bool) throws(GEOSError) -> GEOSGeometryHandle {
        guard let c = p.coordinate else {
            return try GEOSGeometryHandle(GEOSGeom_createEmptyPoint_r(handle), context: self, operation: "createEmptyPoint")
        }
        if !hasZ {
            return try GEOSGeometryHandle(GEOSGeom_createPointFromXY_r(handle, c.x, c.y), context: self, operation: "createPointFromXY")
        }
        let seq = try sequence([c], hasZ: true)
        return try GEOSGeometryHandle(GEOSGeom_createPoint_r(handle, seq), context: self, operation: "createPoint")
    }

    private func build(_ g: Geometry) throws(GEOSError) -> GEOSGeometryHandle {
        let hasZ = g.dimension.hasZ
        switch g {
        case let .point(p):
            return try point(p, hasZ: hasZ)
        case let .lineString(l):
            if l.isEmpty {
                return try GEOSGeometryHandle(GEOSGeom_createEmptyLineString_r(handle), context: self, operation: "createEmptyLineString")
            }
            let seq = try sequence(l.coordinates, hasZ: hasZ)
            return try GEOSGeometryHandle(GEOSGeom_createLineString_r(handle, seq), context: self, operation: "createLineString")
        case let .polygon(p):
            return try polygon(p, hasZ: hasZ)
        case let .multiPoint(mp):
            var members = [GEOSGeometryHandle]()
            for p in mp.points { members.append(try point(p, hasZ: hasZ)) }
            return try collection(GEOS_MULTIPOINT, members)
        case let .multiLineString(ml):
            var members = [GEOSGeometryHandle]()
            for l in ml.lineStrings { members.append(try build(.lineString(l))) }
            return try collection(GEOS_MULTILINESTRING, members)
        case let .multiPolygon(mp):
            var members = [GEOSGeometryHandle]()
            for p in mp.polygons { members.append(try polygon(p, hasZ: hasZ)) }
            return try collection(GEOS_MULTIPOLYGON, members)
        case let .geometryCollection(gc):
            var members = [GEOSGeometryHandle]()
            for m in gc.geometries { members.append(try build(m)) }
            return try collection(GEOS_GEOMETRYCOLLECTION, members)
        }
    }

    // MARK: - GEOS → Swift

    /// The Swift value of a GEOS geometry, with the given SRID.
    func value(of geometry: GEOSGeometryHandle, srid: Int32, method: GEOSConversionMethod = .default) throws(GEOSError) -> Geometry {
        switch method {
        case .coordinateSequences:
            // GEOSHasZ_r: 1 true, 0 false, 2 exception.
            let hasZ = GEOSHasZ_r(handle, geometry.pointer)
            guard hasZ != 2 else { throw failure("HasZ") }
            return try read(geometry.pointer, srid: srid, dimension: hasZ == 1 ? .xyz : .xy, depth: 0)
        case .wkb:
            return try writeWKB(geometry, srid: srid)
        }
    }

    private func writeWKB(_ geometry: GEOSGeometryHandle, srid: Int32) throws(GEOSError) -> Geometry {
        // GEOSWKBWriter_create_r returns NULL on exception.
        guard let writer = GEOSWKBWriter_create_r(handle) else { throw failure("WKBWriter_create") }
        defer { GEOSWKBWriter_destroy_r(handle, writer) }
        GEOSWKBWriter_setOutputDimension_r(handle, writer, 3)
        GEOSWKBWriter_setIncludeSRID_r(handle, writer, 0)
        GEOSWKBWriter_setByteOrder_r(handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        var size = 0
        // GEOSWKBWriter_write_r returns a buffer to free with GEOSFree_r, or NULL on exception.
        guard let buffer = GEOSWKBWriter_write_r(handle, writer, geometry.pointer, &size) else { throw failure("WKBWriter_write") }
        defer { GEOSFree_r(handle, buffer) }
        let bytes = Array(UnsafeBufferPointer(start: buffer, count: size))
        do {
            return try Geometry(wkb: bytes, srid: srid)
        } catch {
            throw .operationFailed(operation: "WKB from GEOS", message: error.description)
        }
    }

    private func coordinates(_ seq: OpaquePointer?, dimension: CoordinateDimension) throws(GEOSError) -> [Coordinate] {
        guard let seq else { throw failure("getCoordSeq") }
        var size: UInt32 = 0
        // GEOSCoordSeq_getSize_r: 0 on exception.
        guard GEOSCoordSeq_getSize_r(handle, seq, &size) != 0 else { throw failure("CoordSeq_getSize") }
        let n = Int(size)
        if n == 0 { return [] }
        let hasZ = dimension.hasZ
        let stride = hasZ ? 3 : 2
        var buffer = [Double](repeating: 0, count: n * stride)
        // GEOSCoordSeq_copyToBuffer_r: 0 on exception.
        let ok = buffer.withUnsafeMutableBufferPointer {
            GEOSCoordSeq_copyToBuffer_r(handle, seq, $0.baseAddress, hasZ ? 1 : 0, 0)
        }
        guard ok != 0 else { throw failure("CoordSeq_copyToBuffer") }
        var out = [Coordinate]()
        out.reserveCapacity(n)
        var i = 0
        for _ in 0..<n {
            if hasZ {
                let z = buffer[i + 2]
                out.append(Coordinate(x: buffer[i], y: buffer[i + 1], z: z.isNaN ? 0 : z))
            } else {
                out.append(Coordinate(x: buffer[i], y: buffer[i + 1]))
            }
            i += stride
        }
        return out
    }

    private func isEmpty(_ g: OpaquePointer) throws(GEOSError) -> Bool {
        // GEOSisEmpty_r: 1 true, 0 false, 2 exception.
        let r = GEOSisEmpty_r(handle, g)
        guard r != 2 else { throw failure("isEmpty") }
        return r == 1
    }

    private func readPolygon(_ g: OpaquePointer, srid: Int32, dimension d: CoordinateDimension) throws(GEOSError) -> Polygon {
        if try isEmpty(g) { return Polygon(uncheckedRings: [], dimension: d, srid: srid) }
        // Rings returned by GEOSGetExteriorRing_r / GEOSGetInteriorRingN_r belong to the
        // polygon (not freed here); NULL on exception.
        guard let shell = GEOSGetExteriorRing_r(handle, g) else { throw failure("GetExteriorRing") }
        var rings = [try coordinates(GEOSGeom_getCoordSeq_r(handle, shell), dimension: d)]
        // GEOSGetNumInteriorRings_r: -1 on exception.
        let n = GEOSGetNumInteriorRings_r(handle, g)
        guard n >= 0 else { throw failure("GetNumInteriorRings") }
        for i in 0..<n {
            guard let hole = GEOSGetInteriorRingN_r(handle, g, i) else { throw failure("GetInteriorRingN") }
            rings.append(try coordinates(GEOSGeom_getCoordSeq_r(handle, hole), dimension: d))
        }
        return Polygon(uncheckedRings: rings, dimension: d, srid: srid)
    }

    private func members(_ g: OpaquePointer) throws(GEOSError) -> [OpaquePointer] {
        // GEOSGetNumGeometries_r: -1 on exception; members belong to the collection.
        let n = GEOSGetNumGeometries_r(handle, g)
        guard n >= 0 else { throw failure("GetNumGeometries") }
        var out = [OpaquePointer]()
        for i in 0..<n {
            guard let m = GEOSGetGeometryN_r(handle, g, i) else { throw failure("GetGeometryN") }
            out.append(m)
        }
        return out
    }

    private func read(_ g: OpaquePointer, srid: Int32, dimension d: CoordinateDimension, depth: Int) throws(GEOSError) -> Geometry {
        // GEOSGeomTypeId_r: -1 on exception.
        let type = GEOSGeomTypeId_r(handle, g)
        switch type {
        case Int32(GEOS_POINT.rawValue):
            if try isEmpty(g) { return .point(Point(coordinate: nil, dimension: d, srid: srid)) }
            let cs = try coordinates(GEOSGeom_getCoordSeq_r(handle, g), dimension: d)
            return .point(Point(coordinate: cs.first, dimension: d, srid: srid))
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            if try isEmpty(g) { return .lineString(LineString(unchecked: [], dimension: d, srid: srid)) }
            return .lineString(LineString(unchecked: try coordinates(GEOSGeom_getCoordSeq_r(handle, g), dimension: d), dimension: d, srid: srid))
        case Int32(GEOS_POLYGON.rawValue):
            return .polygon(try readPolygon(g, srid: srid, dimension: d))
        case Int32(GEOS_MULTIPOINT.rawValue):
            var points = [Point]()
            for m in try members(g) {
                guard case let .point(p) = try read(m, srid: srid, dimension: d, depth: depth + 1) else { throw .unsupportedGeometryType(type) }
                points.append(p)
            }
            return .multiPoint(MultiPoint(unchecked: points, dimension: d, srid: srid))
        case Int32(GEOS_MULTILINESTRING.rawValue):
            var lines = [LineString]()
            for m in try members(g) {
                guard case let .lineString(l) = try read(m, srid: srid, dimension: d, depth: depth + 1) else { throw .unsupportedGeometryType(type) }
                lines.append(l)
            }
            return .multiLineString(MultiLineString(unchecked: lines, dimension: d, srid: srid))
        case Int32(GEOS_MULTIPOLYGON.rawValue):
            var polygons = [Polygon]()
            for m in try members(g) { polygons.append(try readPolygon(m, srid: srid, dimension: d)) }
            return .multiPolygon(MultiPolygon(unchecked: polygons, dimension: d, srid: srid))
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            guard depth < maximumGeometryNesting else { throw .unsupportedGeometryType(type) }
            var out = [Geometry]()
            for m in try members(g) { out.append(try read(m, srid: srid, dimension: d, depth: depth + 1)) }
            return .geometryCollection(GeometryCollection(unchecked: out, dimension: d, srid: srid))
        case -1:
            throw failure("GeomTypeId")
        default:
            throw .unsupportedGeometryType(type)
        }
    }
}
