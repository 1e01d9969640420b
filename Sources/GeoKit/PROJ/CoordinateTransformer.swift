import CPROJ
import Foundation

/// Transforms coordinates and geometries between two CRSs with PROJ, both ways — typically
/// WGS84 lon/lat (EPSG:4326) ⇄ British National Grid metres (EPSG:27700).
///
/// Axis order is always x = longitude / easting, y = latitude / northing
/// (`proj_normalize_for_visualization`), matching GeoJSON and PostGIS.
///
/// Thread safety: a PROJ context must not be used by two threads at once, so each transformer
/// owns its context and serialises calls with a lock. It is `Sendable` and can be shared; when
/// many tasks transform heavily, give each its own transformer (creation takes a few ms) or use
/// the batch forms, which take the lock once per call.
///
/// Accuracy for 4326 ⇄ 27700 without the OSTN15 grid (not in Debian's proj-data): PROJ uses the
/// EPSG Helmert transformation "OSGB36 to WGS 84 (6)", good to about 2–4 m; installing the grid
/// `uk_os_OSTN15_NTv2_OSGBtoETRS.tif` in PROJ's data folder gives centimetres, automatically.
public final class CoordinateTransformer: @unchecked Sendable {
    /// EPSG code of the source CRS (the `forward` input).
    public let sourceSRID: Int32
    /// EPSG code of the target CRS (the `forward` output).
    public let targetSRID: Int32

    private let context: PROJContext
    private let transformation: PROJObject
    private let lock = NSLock()

    /// Which way to transform.
    public enum Direction: Sendable {
        /// source → target
        case forward
        /// target → source
        case inverse
    }

    /// A transformer from EPSG `source` to EPSG `target`. Checks first that PROJ's database is
    /// present (`ProjectionDatabase.check`), so a missing proj-data gives a clear error.
    /// - Parameter searchPaths: restrict PROJ's search for proj.db and grids to these folders.
    public init(from source: Int32, to target: Int32, searchPaths: [String]? = nil) throws(ProjectionError) {
        sourceSRID = source
        targetSRID = target
        context = try PROJContext(searchPaths: searchPaths)
        _ = try ProjectionDatabase.check(context, searchPaths: searchPaths)
        // proj_create_crs_to_crs returns NULL when a CRS is unknown or no operation exists.
        guard let raw = proj_create_crs_to_crs(context.handle, "EPSG:\(source)", "EPSG:\(target)", nil) else {
            throw .transformationUnavailable(source: source, target: target, message: context.lastMessage())
        }
        let operation = PROJObject(raw)
        // proj_normalize_for_visualization returns a new PJ (lon/lat, easting/northing order) or NULL.
        guard let normalized = proj_normalize_for_visualization(context.handle, operation.pointer) else {
            throw .transformationUnavailable(source: source, target: target, message: context.lastMessage())
        }
        transformation = PROJObject(normalized)
    }

    /// WGS84 lon/lat (EPSG:4326) ⇄ British National Grid (EPSG:27700).
    public static func wgs84ToBritishNationalGrid() throws(ProjectionError) -> CoordinateTransformer {
        try CoordinateTransformer(from: 4326, to: 27700)
    }

    // MARK: - Single coordinates

    /// Transforms one coordinate (`z` too when present; `m` is carried through).
    public func transform(_ c: Coordinate, _ direction: Direction = .forward) throws(ProjectionError) -> Coordinate {
        lock.lock()
        defer { lock.unlock() }
        context.clearMessages()
        proj_errno_reset(transformation.pointer)
        let input = proj_coord(c.x, c.y, c.z ?? 0, 0)
        let output = proj_trans(transformation.pointer, direction.pj, input)
        let x = output.v.0, y = output.v.1
        // proj_trans signals failure with HUGE_VAL ordinates and a non-zero proj_errno.
        guard x.isFinite, y.isFinite, proj_errno(transformation.pointer) == 0 else {
            throw .transformFailed(index: 0, x: c.x, y: c.y, message: message())
        }
        return Coordinate(x: x, y: y, z: c.z.map { _ in output.v.2 }, m: c.m)
    }

    /// Transforms source → target.
    public func forward(_ c: Coordinate) throws(ProjectionError) -> Coordinate { try transform(c, .forward) }

    /// Transforms target → source.
    public func inverse(_ c: Coordinate) throws(ProjectionError) -> Coordinate { try transform(c, .inverse) }

    /// A WGS84 position as (easting, northing) when this transformer's source is 4326.
    public func forward(_ lonLat: LonLat) throws(ProjectionError) -> Coordinate {
        try transform(Coordinate(lonLat), .forward)
    }

    /// A target position (e.g. British National Grid easting/northing) as a WGS84 position, when
    /// this transformer's source is 4326.
    public func lonLat(x: Double, y: Double) throws(ProjectionError) -> LonLat {
        try transform(Coordinate(x: x, y: y), .inverse).lonLat
    }

    // MARK: - Batches

    /// Transforms the coordinates held in parallel arrays in place (`z` optional), with one
    /// `proj_trans_generic` call. Throws at the first coordinate PROJ could not transform.
    public func transform(x: inout [Double], y: inout [Double], z: inout [Double]?, _ direction: Direction = .forward) throws(ProjectionError) {
        guard x.count == y.count, (z?.count ?? x.count) == x.count else {
            throw .mismatchedLengths(x: x.count, y: y.count, z: z?.count)
        }
        let n = x.count
        if n == 0 { return }
        let originalX = x, originalY = y
        lock.lock()
        context.clearMessages()
        proj_errno_reset(transformation.pointer)
        let stride = MemoryLayout<Double>.stride
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                if var heights = z.take() {
                    heights.withUnsafeMutableBufferPointer { zs in
                        _ = proj_trans_generic(transformation.pointer, direction.pj,
                                               xs.baseAddress, stride, n, ys.baseAddress, stride, n,
                                               zs.baseAddress, stride, n, nil, 0, 0)
                    }
                    z = heights
                } else {
                    _ = proj_trans_generic(transformation.pointer, direction.pj,
                                           xs.baseAddress, stride, n, ys.baseAddress, stride, n,
                                           nil, 0, 0, nil, 0, 0)
                }
            }
        }
        let text = message()
        lock.unlock()
        // proj_trans_generic marks each coordinate it could not transform with HUGE_VAL.
        for i in 0..<n where !x[i].isFinite || !y[i].isFinite {
            throw .transformFailed(index: i, x: originalX[i], y: originalY[i], message: text)
        }
    }

    /// Transforms the coordinates held in parallel arrays in place (2-D).
    public func transform(x: inout [Double], y: inout [Double], _ direction: Direction = .forward) throws(ProjectionError) {
        var z: [Double]? = nil
        try transform(x: &x, y: &y, z: &z, direction)
    }

    /// Transforms many coordinates with one PROJ call.
    public func transform(_ coordinates: [Coordinate], _ direction: Direction = .forward) throws(ProjectionError) -> [Coordinate] {
        var xs = coordinates.map(\.x), ys = coordinates.map(\.y)
        let hasZ = coordinates.contains { $0.z != nil }
        var zs: [Double]? = hasZ ? coordinates.map { $0.z ?? 0 } : nil
        try transform(x: &xs, y: &ys, z: &zs, direction)
        var out = [Coordinate]()
        out.reserveCapacity(coordinates.count)
        for (i, c) in coordinates.enumerated() {
            out.append(Coordinate(x: xs[i], y: ys[i], z: c.z == nil ? nil : zs?[i], m: c.m))
        }
        return out
    }

    // MARK: - Geometries

    /// Transforms a whole geometry (one batch call) and sets its SRID to the other end. The
    /// direction follows the geometry's SRID: source → forward, target → inverse; SRID 0 is read
    /// as the source.
    public func transform(_ geometry: some GeometryConvertible) throws(ProjectionError) -> Geometry {
        let g = geometry.geometry
        let direction: Direction
        switch g.srid {
        case sourceSRID, 0: direction = .forward
        case targetSRID: direction = .inverse
        default: throw .sridMismatch(geometry: g.srid, source: sourceSRID, target: targetSRID)
        }
        var coordinates = [Coordinate]()
        coordinates.reserveCapacity(g.coordinateCount)
        g.forEachCoordinate { coordinates.append($0) }
        let transformed = try transform(coordinates, direction)
        var i = 0
        var out = g.mapCoordinates { (_: Coordinate) -> Coordinate in
            defer { i += 1 }
            return transformed[i]
        }
        out.srid = direction == .forward ? targetSRID : sourceSRID
        return out
    }

    private func message() -> String {
        let errno = proj_errno(transformation.pointer)
        // proj_context_errno_string returns a string owned by PROJ; not to be freed.
        if errno != 0, let text = proj_context_errno_string(context.handle, errno) { return String(cString: text) }
        return context.lastMessage()
    }
}

extension CoordinateTransformer.Direction {
    var pj: PJ_DIRECTION { self == .forward ? PJ_FWD : PJ_INV }
}
