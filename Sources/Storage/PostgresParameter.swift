import Foundation

/// A value bound to a `$n` placeholder. Numbers, booleans, bytes, times and arrays travel in
/// PostgreSQL's binary format; strings travel as text and let the server infer their type unless
/// one is given with `.typed`.
public enum PostgresParameter: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// Text whose type the server infers from context (e.g. `$1::jsonb`, a text column).
    case text(String)
    /// Text sent with an explicit type OID (see `PostgresType`).
    case typed(String, oid: UInt32)
    /// A 64-bit integer (`int8`).
    case int(Int)
    /// A double (`float8`).
    case double(Double)
    /// A boolean (`bool`).
    case bool(Bool)
    /// Raw bytes (`bytea`), e.g. EWKB.
    case bytea(Data)
    /// A JSON document (`jsonb`), as UTF-8 bytes.
    case jsonb(Data)
    /// An instant (`timestamptz`), to the microsecond.
    case timestamp(Date)
    /// A one-dimensional `int8[]`, e.g. for `unnest($1::int8[])` bulk statements.
    case intArray([Int])
    /// A one-dimensional `float8[]`.
    case doubleArray([Double])
    /// A one-dimensional `text[]`.
    case textArray([String])
    /// A one-dimensional `bool[]`.
    case boolArray([Bool])
    /// A one-dimensional `bytea[]`.
    case byteaArray([Data])
}

extension PostgresParameter: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    /// A string literal is `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
    /// An integer literal is `.int`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A float literal is `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A boolean literal is `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `nil` is `.null`.
    public init(nilLiteral: ()) { self = .null }
}

/// Type OIDs of the built-in types BlueLamp sends and reads (from `pg_type`; stable across versions).
public enum PostgresType {
    /// OID of `bool`.
    public static let bool: UInt32 = 16
    /// OID of `bytea`.
    public static let bytea: UInt32 = 17
    /// OID of `name`.
    public static let name: UInt32 = 19
    /// OID of `int8`.
    public static let int8: UInt32 = 20
    /// OID of `int2`.
    public static let int2: UInt32 = 21
    /// OID of `int4`.
    public static let int4: UInt32 = 23
    /// OID of `text`.
    public static let text: UInt32 = 25
    /// OID of `oid`.
    public static let oid: UInt32 = 26
    /// OID of `json`.
    public static let json: UInt32 = 114
    /// OID of `float4`.
    public static let float4: UInt32 = 700
    /// OID of `float8`.
    public static let float8: UInt32 = 701
    /// OID of `bool[]`.
    public static let boolArray: UInt32 = 1000
    /// OID of `bytea[]`.
    public static let byteaArray: UInt32 = 1001
    /// OID of `int4[]`.
    public static let int4Array: UInt32 = 1007
    /// OID of `text[]`.
    public static let textArray: UInt32 = 1009
    /// OID of `int8[]`.
    public static let int8Array: UInt32 = 1016
    /// OID of `float8[]`.
    public static let float8Array: UInt32 = 1022
    /// OID of `varchar`.
    public static let varchar: UInt32 = 1043
    /// OID of `timestamp`.
    public static let timestamp: UInt32 = 1114
    /// OID of `timestamptz`.
    public static let timestamptz: UInt32 = 1184
    /// OID of `numeric`.
    public static let numeric: UInt32 = 1700
    /// OID of `uuid`.
    public static let uuid: UInt32 = 2950
    /// OID of `jsonb`.
    public static let jsonb: UInt32 = 3802
}

/// Seconds from the Unix epoch to PostgreSQL's epoch, 2000-01-01 00:00:00 UTC.
let postgresEpochOffset: Double = 946_684_800

extension PostgresParameter {
    /// The wire form: type OID (0 = let the server infer), format (0 text, 1 binary) and bytes
    /// (nil for NULL; text values are NUL-terminated as libpq requires).
    func encoded() throws(PostgresError) -> (oid: UInt32, format: Int32, bytes: [UInt8]?) {
        switch self {
        case .null:
            return (0, 0, nil)
        case let .text(string):
            return (0, 0, try PostgresParameter.cText(string))
        case let .typed(string, oid):
            return (oid, 0, try PostgresParameter.cText(string))
        case let .int(value):
            return (PostgresType.int8, 1, BinaryWriter.int64(Int64(value)))
        case let .double(value):
            return (PostgresType.float8, 1, BinaryWriter.int64(Int64(bitPattern: value.bitPattern)))
        case let .bool(value):
            return (PostgresType.bool, 1, [value ? 1 : 0])
        case let .bytea(data):
            return (PostgresType.bytea, 1, [UInt8](data))
        case let .jsonb(data):
            // jsonb's binary format: a version byte (1) followed by the JSON text.
            return (PostgresType.jsonb, 1, [1] + [UInt8](data))
        case let .timestamp(date):
            return (PostgresType.timestamptz, 1, BinaryWriter.int64(PostgresParameter.microseconds(date)))
        case let .intArray(values):
            return (PostgresType.int8Array, 1, BinaryWriter.array(elementOID: PostgresType.int8,
                                                                  values.map { BinaryWriter.int64(Int64($0)) }))
        case let .doubleArray(values):
            return (PostgresType.float8Array, 1, BinaryWriter.array(elementOID: PostgresType.float8,
                                                                    values.map { BinaryWriter.int64(Int64(bitPattern: $0.bitPattern)) }))
        case let .textArray(values):
            return (PostgresType.textArray, 1, BinaryWriter.array(elementOID: PostgresType.text, values.map { Array($0.utf8) }))
        case let .boolArray(values):
            return (PostgresType.boolArray, 1, BinaryWriter.array(elementOID: PostgresType.bool, values.map { [$0 ? 1 : 0] }))
        case let .byteaArray(values):
            return (PostgresType.byteaArray, 1, BinaryWriter.array(elementOID: PostgresType.bytea, values.map { [UInt8]($0) }))
        }
    }

    /// Microseconds since 2000-01-01 UTC, rounded to the nearest microsecond.
    static func microseconds(_ date: Date) -> Int64 {
        Int64(((date.timeIntervalSince1970 - postgresEpochOffset) * 1_000_000).rounded())
    }

    private static func cText(_ string: String) throws(PostgresError) -> [UInt8] {
        let bytes = Array(string.utf8)
        guard !bytes.contains(0) else {
            throw .invalidRequest("a text parameter contains a NUL byte, which PostgreSQL text cannot hold")
        }
        return bytes + [0]
    }
}

/// Big-endian encoders for PostgreSQL's binary wire format.
enum BinaryWriter {
    static func int64(_ value: Int64) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    static func int32(_ value: Int32) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// A one-dimensional array without NULLs: ndim, has-null flag, element type, (length, lower bound),
    /// then each element as (length, bytes).
    static func array(elementOID: UInt32, _ elements: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(20 + elements.reduce(0) { $0 + 4 + $1.count })
        out += int32(elements.isEmpty ? 0 : 1)
        out += int32(0)
        out += int32(Int32(bitPattern: elementOID))
        if !elements.isEmpty {
            out += int32(Int32(elements.count))
            out += int32(1)
        }
        for element in elements {
            out += int32(Int32(element.count))
            out += element
        }
        return out
    }
}
