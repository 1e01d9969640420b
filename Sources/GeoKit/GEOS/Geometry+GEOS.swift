import CGEOS

// Operations through the reentrant GEOS API. Every call borrows a GEOS context from a pool for
// its duration, so geometry values can use these from any thread or task concurrently.
// Results carry the receiver's SRID; M values do not survive GEOS (3.11 has no M).

extension GeometryConvertible {
    /// Runs `body` on a GEOS copy of this geometry.
    func withGEOS<R>(_ body: (GEOSContext, GEOSGeometryHandle) throws(GEOSError) -> R) throws(GEOSError) -> R {
        let g = geometry
        return try GEOSContextPool.shared.withContext { context throws(GEOSError) -> R in
            try body(context, try context.makeGeometry(g))
        }
    }

    /// Runs `body` on GEOS copies of this geometry and `other`, which must share an SRID (or have 0).
    func withGEOS<R>(_ other: some GeometryConvertible,
                     _ body: (GEOSContext, GEOSGeometryHandle, GEOSGeometryHandle) throws(GEOSError) -> R) throws(GEOSError) -> R {
        let a = geometry, b = other.geometry
        if a.srid != 0, b.srid != 0, a.srid != b.srid { throw .sridMismatch(a.srid, b.srid) }
        return try GEOSContextPool.shared.withContext { context throws(GEOSError) -> R in
            try body(context, try context.makeGeometry(a), try context.makeGeometry(b))
        }
    }

    /// A unary operation returning a new geometry.
    func geosTransform(_ name: String, _ op: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?) throws(GEOSError) -> Geometry {
        let srid = self.srid
        return try withGEOS { c, g throws(GEOSError) -> Geometry in
            // Geometry-returning GEOS functions return NULL on exception.
            let result = try GEOSGeometryHandle(op(c.handle, g.pointer), context: c, operation: name)
            return try c.value(of: result, srid: srid)
        }
    }

    /// A binary predicate: GEOS returns 1 (true), 0 (false) or 2 (exception).
    func geosPredicate(_ name: String, _ other: some GeometryConvertible,
                       _ op: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws(GEOSError) -> Bool {
        try withGEOS(other) { c, a, b throws(GEOSError) -> Bool in
            let r = op(c.handle, a.pointer, b.pointer)
            guard r != 2 else { throw c.failure(name) }
            return r == 1
        }
    }

    // MARK: - Validity

    /// True when GEOS finds the geometry topologically valid (OGC rules: no self-intersection,
    /// holes inside shells, …).
    public func isValid() throws(GEOSError) -> Bool {
        try withGEOS { c, g throws(GEOSError) -> Bool in
            // GEOSisValid_r: 1 valid, 0 invalid, 2 exception.
            let r = GEOSisValid_r(c.handle, g.pointer)
            guard r != 2 else { throw c.failure("isValid") }
            return r == 1
        }
    }

    /// Why the geometry is invalid, as GEOS words it (e.g. "Self-intersection[-1.9 52.4]"), or
    /// nil when it is valid.
    public func validityReason() throws(GEOSError) -> String? {
        try withGEOS { c, g throws(GEOSError) -> String? in
            // GEOSisValidReason_r returns a string to free with GEOSFree_r, or NULL on exception.
            guard let reason = GEOSisValidReason_r(c.handle, g.pointer) else { throw c.failure("isValidReason") }
            defer { GEOSFree_r(c.handle, reason) }
            let text = String(cString: reason)
            return text == "Valid Geometry" ? nil : text
        }
    }

    /// A valid geometry covering the same area or lines (GEOS `MakeValid`, "structure" method
    /// for areas: a bow-tie becomes two triangles, collapsed parts are dropped).
    public func makeValid() throws(GEOSError) -> Geometry {
        try geosTransform("makeValid") { h, g in
            // GEOSMakeValidParams_create_r returns NULL on exception.
            guard let params = GEOSMakeValidParams_create_r(h) else { return nil }
            defer { GEOSMakeValidParams_destroy_r(h, params) }
            // The setters return 0 on exception; a NULL result follows and is reported.
            _ = GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE)
            _ = GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0)
            return GEOSMakeValidWithParams_r(h, g, params)
        }
    }

    // MARK: - Predicates

    /// True when `other` lies inside this geometry (no point of `other` outside, one inside).
    public func contains(_ other: some GeometryConvertible) throws(GEOSError) -> Bool {
        try geosPredicate("contains", other) { GEOSContains_r($0, $1, $2) }
    }

    /// True when the geometries share at least one point.
    public func intersects(_ other: some GeometryConvertible) throws(GEOSError) -> Bool {
        try geosPredicate("intersects", other) { GEOSIntersects_r($0, $1, $2) }
    }

    /// True when this geometry lies inside `other`.
    public func within(_ other: some GeometryConvertible) throws(GEOSError) -> Bool {
        try geosPredicate("within", other) { GEOSWithin_r($0, $1, $2) }
    }

    /// True when the geometries meet only at their boundaries.
    public func touches(_ other: some GeometryConvertible) throws(GEOSError) -> Bool {
        try geosPredicate("touches", other) { GEOSTouches_r($0, $1, $2) }
    }

    /// True when the geometries share no point.
    public func disjoint(_ other: some GeometryConvertible) throws(GEOSError) -> Bool {
        try geosPredicate("disjoint", other) { GEOSDisjoint_r($0, $1, $2) }
    }

    // MARK: - Measures

    /// Shortest planar distance, in the geometries' units (metres in EPSG:27700, degrees in 4326:
    /// transform to 27700 for ground distances).
    public func distance(to other: some GeometryConvertible) throws(GEOSError) -> Double {
        try withGEOS(other) { c, a, b throws(GEOSError) -> Double in
            var d = 0.0
            // GEOSDistance_r: 1 on success, 0 on exception.
            guard GEOSDistance_r(c.handle, a.pointer, b.pointer, &d) == 1 else { throw c.failure("distance") }
            return d
        }
    }

    /// Planar area in squared units of the SRID (m² in EPSG:27700).
    public func area() throws(GEOSError) -> Double {
        try withGEOS { c, g throws(GEOSError) -> Double in
            var a = 0.0
            // GEOSArea_r: 1 on success, 0 on exception.
            guard GEOSArea_r(c.handle, g.pointer, &a) == 1 else { throw c.failure("area") }
            return a
        }
    }

    /// Planar length of lines, or perimeter of areas, in the SRID's units.
    public func length() throws(GEOSError) -> Double {
        try withGEOS { c, g throws(GEOSError) -> Double in
            var l = 0.0
            // GEOSLength_r: 1 on success, 0 on exception.
            guard GEOSLength_r(c.handle, g.pointer, &l) == 1 else { throw c.failure("length") }
            return l
        }
    }

    // MARK: - Constructions

    /// The area within `width` units of the geometry (negative widths shrink areas), with
    /// `quadrantSegments` segments per quarter circle.
    public func buffer(_ width: Double, quadrantSegments: Int = 8) throws(GEOSError) -> Geometry {
        let segments = Int32(clamping: quadrantSegments)
        return try geosTransform("buffer") { GEOSBuffer_r($0, $1, width, segments) }
    }

    /// The point-set union of this geometry and `other`.
    public func union(_ other: some GeometryConvertible) throws(GEOSError) -> Geometry {
        let srid = self.srid != 0 ? self.srid : other.srid
        return try withGEOS(other) { c, a, b throws(GEOSError) -> Geometry in
            let result = try GEOSGeometryHandle(GEOSUnion_r(c.handle, a.pointer, b.pointer), context: c, operation: "union")
            return try c.value(of: result, srid: srid)
        }
    }

    /// A simplified geometry that keeps its topology (no new self-intersections, holes stay
    /// inside): GEOS `TopologyPreserveSimplify` with the given distance tolerance.
    public func simplified(tolerance: Double) throws(GEOSError) -> Geometry {
        try geosTransform("topologyPreserveSimplify") { GEOSTopologyPreserveSimplify_r($0, $1, tolerance) }
    }

    /// The centre of mass (of the area, else of the lines, else of the points); empty for an
    /// empty geometry.
    public func centroid() throws(GEOSError) -> Point {
        let g = try geosTransform("centroid") { GEOSGetCentroid_r($0, $1) }
        guard case let .point(p) = g else { throw .unsupportedGeometryType(Int32(g.kind.rawValue)) }
        return p
    }
}

extension Geometry {
    /// The union of many geometries at once (GEOS cascaded `UnaryUnion`): much faster than
    /// folding pairwise unions. All must share an SRID (or have 0).
    public static func unaryUnion<G: GeometryConvertible>(_ geometries: [G]) throws(GEOSError) -> Geometry {
        let all = geometries.map(\.geometry)
        let srids = Set(all.map(\.srid).filter { $0 != 0 })
        if srids.count > 1 {
            let sorted = srids.sorted()
            throw .sridMismatch(sorted[0], sorted[1])
        }
        let srid = srids.first ?? 0
        let dim: CoordinateDimension = all.contains { $0.dimension.hasZ } ? .xyz : .xy
        let collection = GeometryCollection(all, srid: srid, dimension: dim)
        return try collection.geosTransform("unaryUnion") { GEOSUnaryUnion_r($0, $1) }
    }
}
