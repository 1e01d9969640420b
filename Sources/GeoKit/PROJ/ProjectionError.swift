/// A failure setting up or running a PROJ transformation.
public enum ProjectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// PROJ's database (proj.db) was not found in any of the paths PROJ searched.
    case databaseNotFound(searchedPaths: [String], message: String)
    /// PROJ could not create a context (out of memory).
    case contextUnavailable
    /// PROJ does not know the CRS, or no transformation links the two.
    case transformationUnavailable(source: Int32, target: Int32, message: String)
    /// A coordinate could not be transformed (e.g. outside the projection's domain); `index` is
    /// its position in the input (0 for a single coordinate).
    case transformFailed(index: Int, x: Double, y: Double, message: String)
    /// A geometry whose SRID is neither end of the transformer.
    case sridMismatch(geometry: Int32, source: Int32, target: Int32)
    /// Parallel coordinate arrays of different lengths.
    case mismatchedLengths(x: Int, y: Int, z: Int?)

    public var description: String {
        switch self {
        case let .databaseNotFound(paths, message):
            let list = paths.isEmpty ? "(no search paths)" : paths.joined(separator: ", ")
            return "PROJ database proj.db not found (searched: \(list)). \(message.isEmpty ? "" : "PROJ says: \(message). ")"
                + "Fix: install it with `apt install proj-data` (Debian/Ubuntu), or set PROJ_DATA to the folder holding proj.db."
        case .contextUnavailable:
            return "PROJ could not create a context"
        case let .transformationUnavailable(s, t, message):
            return "no PROJ transformation from EPSG:\(s) to EPSG:\(t): \(message)"
        case let .transformFailed(i, x, y, message):
            return "PROJ could not transform coordinate \(i) (\(x), \(y)): \(message)"
        case let .sridMismatch(g, s, t):
            return "geometry has SRID \(g); this transformer converts between \(s) and \(t)"
        case let .mismatchedLengths(x, y, z):
            return "coordinate arrays differ in length: x \(x), y \(y)" + (z.map { ", z \($0)" } ?? "")
        }
    }
}
