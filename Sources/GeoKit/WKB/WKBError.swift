/// Why WKB, EWKB or hex EWKB could not be read, and where (a byte offset into the binary; for
/// `invalidHex` and `oddHexLength`, a character offset into the text).
public struct WKBError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var kind: Kind
    /// Byte offset into the WKB (character offset into hex text for hex errors).
    public var offset: Int

    /// Creates an error.
    public init(kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// What is wrong.
    public enum Kind: Hashable, Sendable, CustomStringConvertible {
        /// The input ends before a value of `needed` bytes.
        case unexpectedEnd(needed: Int, available: Int)
        /// The byte-order byte is neither 0 (XDR) nor 1 (NDR).
        case invalidByteOrder(UInt8)
        /// A type code that is neither OGC/ISO nor PostGIS EWKB.
        case unknownGeometryType(UInt32)
        /// A count that cannot fit in the bytes that remain (e.g. 2^31 points in a 30-byte input).
        case countTooLarge(count: UInt32, bytesNeeded: Int, bytesAvailable: Int)
        /// A collection member of the wrong type (e.g. a LineString inside a MultiPoint).
        case unexpectedMemberType(expected: String, found: String)
        /// A member whose Z/M flags differ from its collection's.
        case mixedDimensions(expected: CoordinateDimension, found: CoordinateDimension)
        /// A member carrying an SRID different from its collection's.
        case conflictingSRID(outer: Int32, inner: Int32)
        /// A point with some, but not all, ordinates NaN (all NaN is PostGIS's empty point).
        case partlyEmptyPoint
        /// Well-formed WKB describing an invalid geometry.
        case invalidGeometry(GeometryProblem)
        /// Bytes left over after the geometry.
        case trailingBytes(count: Int)
        /// Hex text with a character that is not a hex digit.
        case invalidHex(character: String)
        /// Hex text with an odd number of digits.
        case oddHexLength(Int)

        public var description: String {
            switch self {
            case let .unexpectedEnd(n, a): return "input ends: \(n) bytes needed, \(a) left"
            case let .invalidByteOrder(b): return "byte order marker is \(b), expected 0 (XDR) or 1 (NDR)"
            case let .unknownGeometryType(t): return "unknown geometry type code \(t) (0x\(String(t, radix: 16)))"
            case let .countTooLarge(c, n, a): return "count \(c) needs at least \(n) bytes but only \(a) remain"
            case let .unexpectedMemberType(e, f): return "collection member is a \(f), expected a \(e)"
            case let .mixedDimensions(e, f): return "member has dimension \(f) inside a \(e) geometry"
            case let .conflictingSRID(o, i): return "member SRID \(i) differs from the collection's \(o)"
            case .partlyEmptyPoint: return "point has some NaN ordinates (only an all-NaN point is empty)"
            case let .invalidGeometry(p): return "\(p)"
            case let .trailingBytes(n): return "\(n) bytes left after the geometry"
            case let .invalidHex(c): return "'\(c)' is not a hex digit"
            case let .oddHexLength(n): return "hex text has an odd number of digits (\(n))"
            }
        }
    }

    public var description: String {
        switch kind {
        case .invalidHex, .oddHexLength: return "hex EWKB error at character \(offset): \(kind)"
        default: return "WKB error at byte \(offset): \(kind)"
        }
    }
}
