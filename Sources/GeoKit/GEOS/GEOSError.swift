/// A failure inside GEOS, carrying GEOS's own message (captured by the context's error handler).
public enum GEOSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// GEOS could not create a context (out of memory).
    case contextUnavailable
    /// A GEOS call reported an exception; `message` is GEOS's text.
    case operationFailed(operation: String, message: String)
    /// The operands of a binary operation have different, non-zero SRIDs.
    case sridMismatch(Int32, Int32)
    /// GEOS returned a geometry type the Swift model does not have.
    case unsupportedGeometryType(Int32)

    public var description: String {
        switch self {
        case .contextUnavailable: return "GEOS could not create a context"
        case let .operationFailed(op, message): return "GEOS \(op) failed: \(message)"
        case let .sridMismatch(a, b): return "operation on geometries with different SRIDs (\(a) and \(b))"
        case let .unsupportedGeometryType(t): return "GEOS returned unsupported geometry type \(t)"
        }
    }
}
