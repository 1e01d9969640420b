import CGEOS
import Foundation

/// Owns a `GEOSPreparedGeometry*` (an indexed view of a geometry for fast repeated predicates)
/// together with the geometry and the context it was made in.
final class GEOSPreparedHandle {
    let context: GEOSContext
    let base: GEOSGeometryHandle
    let pointer: OpaquePointer

    init(_ g: Geometry) throws(GEOSError) {
        context = try GEOSContext()
        base = try context.makeGeometry(g)
        // GEOSPrepare_r returns NULL on exception; the prepared geometry refers to `base`, which
        // must outlive it (it does: released after deinit runs).
        guard let p = GEOSPrepare_r(context.handle, base.pointer) else { throw context.failure("prepare") }
        pointer = p
    }

    deinit {
        GEOSPreparedGeom_destroy_r(context.handle, pointer)
    }
}

/// A geometry prepared once for many fast predicate tests — typically point-in-polygon against a
/// district or geofence.
///
/// Thread safety: GEOS prepared geometries build their index lazily and are not safe for
/// concurrent use, so each `PreparedGeometry` owns its GEOS context and serialises calls with a
/// lock. It is `Sendable`; for parallel throughput give each task its own instance (or use
/// `STRTree`, which is lock-free).
public final class PreparedGeometry: @unchecked Sendable {
    /// The geometry this was prepared from.
    public let geometry: Geometry
    private let handle: GEOSPreparedHandle
    private let lock = NSLock()

    /// Prepares `geometry`.
    public init(_ geometry: some GeometryConvertible) throws(GEOSError) {
        self.geometry = geometry.geometry
        self.handle = try GEOSPreparedHandle(geometry.geometry)
    }

    /// True when the position lies in the geometry's interior (boundary points are not contained,
    /// as in OGC `ST_Contains`).
    public func contains(x: Double, y: Double) throws(GEOSError) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let c = handle.context
        c.clearMessages()
        let point = try GEOSGeometryHandle(GEOSGeom_createPointFromXY_r(c.handle, x, y), context: c, operation: "createPointFromXY")
        // GEOSPreparedContains_r: 1 true, 0 false, 2 exception.
        let r = GEOSPreparedContains_r(c.handle, handle.pointer, point.pointer)
        guard r != 2 else { throw c.failure("preparedContains") }
        return r == 1
    }

    /// True when the coordinate lies in the geometry's interior.
    public func contains(_ c: Coordinate) throws(GEOSError) -> Bool {
        try contains(x: c.x, y: c.y)
    }

    /// True when `other` lies inside the prepared geometry.
    public func contains(_ other: some GeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("preparedContains", other) { GEOSPreparedContains_r($0, $1, $2) }
    }

    /// True when `other` shares at least one point with the prepared geometry.
    public func intersects(_ other: some GeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("preparedIntersects", other) { GEOSPreparedIntersects_r($0, $1, $2) }
    }

    /// True when no point of `other` lies outside the prepared geometry (boundary included).
    public func covers(_ other: some GeometryConvertible) throws(GEOSError) -> Bool {
        try predicate("preparedCovers", other) { GEOSPreparedCovers_r($0, $1, $2) }
    }

    private func predicate(_ name: String, _ other: some GeometryConvertible,
                           _ op: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws(GEOSError) -> Bool {
        if geometry.srid != 0, other.srid != 0, geometry.srid != other.srid { throw .sridMismatch(geometry.srid, other.srid) }
        lock.lock()
        defer { lock.unlock() }
        let c = handle.context
        c.clearMessages()
        let g = try c.makeGeometry(other.geometry)
        // Prepared predicates return 1 (true), 0 (false) or 2 (exception).
        let r = op(c.handle, handle.pointer, g.pointer)
        guard r != 2 else { throw c.failure(name) }
        return r == 1
    }
}
