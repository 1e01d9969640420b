import CGEOS

/// Owns one `GEOSGeometry*`, destroyed in `deinit` with the context that made it. Lives only
/// inside a `GEOSContextPool.withContext` call (or inside a `PreparedGeometry`, which owns its
/// context), so the context is never used by two threads at once.
final class GEOSGeometryHandle {
    let pointer: OpaquePointer
    let context: GEOSContext
    private var owned = true

    /// Takes ownership of a geometry GEOS returned; NULL (GEOS's exception convention for
    /// geometry-returning functions) becomes the context's captured error.
    init(_ pointer: OpaquePointer?, context: GEOSContext, operation: String) throws(GEOSError) {
        guard let pointer else { throw context.failure(operation) }
        self.pointer = pointer
        self.context = context
    }

    deinit {
        if owned { GEOSGeom_destroy_r(context.handle, pointer) }
    }

    /// Hands the geometry to a GEOS constructor that takes ownership of it (rings into a
    /// polygon, members into a collection); this handle no longer frees it.
    func transferOwnership() -> OpaquePointer? {
        owned = false
        return pointer
    }
}
