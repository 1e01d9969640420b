/// Why a WKT or EWKT text could not be read, and where.
public struct WKTError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var kind: Kind
    /// Where in the text.
    public var location: TextLocation

    /// What is wrong.
    public enum Kind: Hashable, Sendable, CustomStringConvertible {
        /// The text ended where more was expected.
        case unexpectedEnd(expected: String)
        /// Something else than what the grammar allows here.
        case unexpectedToken(found: String, expected: String)
        /// A geometry keyword that is not one of the seven types.
        case unknownGeometryType(String)
        /// A number that does not parse.
        case invalidNumber(String)
        /// The `SRID=…;` prefix is malformed or out of range.
        case invalidSRID(String)
        /// A coordinate with the wrong number of ordinates for the declared or inferred dimension.
        case wrongOrdinateCount(expected: Int, found: Int)
        /// A member geometry declares a dimension different from its collection's.
        case dimensionMismatch(expected: CoordinateDimension, found: CoordinateDimension)
        /// Well-formed text describing an invalid geometry.
        case invalidGeometry(GeometryProblem)
        /// Text after the end of the geometry.
        case trailingCharacters(String)

        public var description: String {
            switch self {
            case let .unexpectedEnd(e): return "text ends where \(e) was expected"
            case let .unexpectedToken(f, e): return "found '\(f)' where \(e) was expected"
            case let .unknownGeometryType(t): return "unknown geometry type '\(t)'"
            case let .invalidNumber(t): return "'\(t)' is not a valid number"
            case let .invalidSRID(t): return "invalid SRID '\(t)'"
            case let .wrongOrdinateCount(e, f): return "coordinate has \(f) ordinates where \(e) were expected"
            case let .dimensionMismatch(e, f): return "member has dimension \(f) inside a \(e) geometry"
            case let .invalidGeometry(p): return "\(p)"
            case let .trailingCharacters(t): return "unexpected text after the geometry: '\(t)'"
            }
        }
    }

    public var description: String { "WKT error at \(location): \(kind)" }
}
