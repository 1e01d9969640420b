import CGEOS

// Hooks for `bluelamp bench geometry` to compare the two Swift ⇄ GEOS conversions.

extension GeometryConvertible {
    /// Converts to GEOS with `method`, computes the area there, and frees it.
    @_spi(Benchmark)
    public func geosArea(method: GEOSConversionMethod) throws(GEOSError) -> Double {
        let g = geometry
        return try GEOSContextPool.shared.withContext { c throws(GEOSError) -> Double in
            let h = try c.makeGeometry(g, method: method)
            var area = 0.0
            // GEOSArea_r: 1 on success, 0 on exception.
            guard GEOSArea_r(c.handle, h.pointer, &area) == 1 else { throw c.failure("area") }
            return area
        }
    }

    /// Converts to GEOS and back with `method`.
    @_spi(Benchmark)
    public func geosRoundTrip(method: GEOSConversionMethod) throws(GEOSError) -> Geometry {
        let g = geometry
        return try GEOSContextPool.shared.withContext { c throws(GEOSError) -> Geometry in
            try c.value(of: try c.makeGeometry(g, method: method), srid: g.srid, method: method)
        }
    }
}
