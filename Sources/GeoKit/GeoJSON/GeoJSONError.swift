/// Why a GeoJSON document could not be read, and where: a JSON path such as
/// `features[3].geometry.coordinates[0][2]` for content errors, line and column for syntax errors.
public struct GeoJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var kind: Kind
    /// Path from the document root to the offending value; "" for the root itself.
    public var path: String
    /// Where in the text, for syntax errors (nil for content errors, which have a path).
    public var location: TextLocation?

    /// Creates an error.
    public init(kind: Kind, path: String, location: TextLocation? = nil) {
        self.kind = kind
        self.path = path
        self.location = location
    }

    /// What is wrong.
    public enum Kind: Hashable, Sendable, CustomStringConvertible {
        /// Not well-formed JSON.
        case syntax(String)
        /// A string that is not valid UTF-8.
        case invalidUTF8
        /// Arrays/objects nested deeper than the reader allows.
        case nestingTooDeep(limit: Int)
        /// A required member is missing, e.g. "type" or "coordinates".
        case missingMember(String)
        /// A value of the wrong JSON type, e.g. a string where a number is required.
        case wrongJSONType(expected: String, found: String)
        /// A "type" that GeoJSON does not define here.
        case unknownType(String)
        /// A position with fewer than 2 or more than 4 numbers.
        case invalidPosition(numberCount: Int)
        /// Coordinates nested at the wrong depth for the geometry type.
        case wrongNesting(expected: String)
        /// A position with another number of ordinates than the rest of the geometry.
        case mixedDimensions(expected: CoordinateDimension, found: CoordinateDimension)
        /// Well-formed GeoJSON describing an invalid geometry.
        case invalidGeometry(GeometryProblem)
        /// A legacy "crs" member this reader does not understand.
        case unsupportedCRS(String)

        public var description: String {
            switch self {
            case let .syntax(m): return "invalid JSON: \(m)"
            case .invalidUTF8: return "string is not valid UTF-8"
            case let .nestingTooDeep(limit): return "arrays and objects nest deeper than \(limit) levels"
            case let .missingMember(m): return "required member \"\(m)\" is missing"
            case let .wrongJSONType(e, f): return "expected \(e), found \(f)"
            case let .unknownType(t): return "unknown GeoJSON type \"\(t)\""
            case let .invalidPosition(n): return "a position needs 2 to 4 numbers, found \(n)"
            case let .wrongNesting(e): return "coordinates nested wrongly: expected \(e)"
            case let .mixedDimensions(e, f): return "position has dimension \(f) where the geometry has \(e)"
            case let .invalidGeometry(p): return "\(p)"
            case let .unsupportedCRS(c): return "unsupported crs \"\(c)\" (use EPSG:NNNN or CRS84)"
            }
        }
    }

    public var description: String {
        var at = path.isEmpty ? "document root" : path
        if let location { at += " (\(location))" }
        return "GeoJSON error at \(at): \(kind)"
    }
}
