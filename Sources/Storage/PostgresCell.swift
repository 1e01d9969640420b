import Foundation

/// One value of a result, read with a typed getter. Each getter accepts the text and the binary
/// form of the types that sensibly convert, and throws a `PostgresError` saying which row and
/// column could not be read (or was NULL) otherwise.
public struct PostgresCell: Sendable {
    /// The row the cell belongs to.
    public let row: Int
    /// The column the cell belongs to.
    public let column: PostgresColumn
    /// The raw bytes as the server sent them, or nil for NULL.
    public let bytes: ArraySlice<UInt8>?

    /// True for SQL NULL.
    public var isNull: Bool { bytes == nil }

    /// The cell itself, or nil when it is NULL: `try row["x"].optional?.int()`.
    public var optional: PostgresCell? { isNull ? nil : self }

    /// An integer from `int2`/`int4`/`int8`/`oid` (binary or text) or any text holding an integer.
    public func int() throws(PostgresError) -> Int {
        let bytes = try present()
        if column.isBinary {
            switch (column.typeOID, bytes.count) {
            case (PostgresType.int8, 8): return Int(BinaryReader.int64(bytes))
            case (PostgresType.int4, 4): return Int(BinaryReader.int32(bytes))
            case (PostgresType.int2, 2): return Int(BinaryReader.int16(bytes))
            case (PostgresType.oid, 4): return Int(UInt32(bitPattern: BinaryReader.int32(bytes)))
            default: throw mismatch("Int")
            }
        }
        guard let value = Int(try text()) else { throw mismatch("Int") }
        return value
    }

    /// A double from `float4`/`float8`/integers/`numeric` (text, including NaN and ±Infinity) or binary floats and integers.
    public func double() throws(PostgresError) -> Double {
        let bytes = try present()
        if column.isBinary {
            switch (column.typeOID, bytes.count) {
            case (PostgresType.float8, 8): return Double(bitPattern: UInt64(bitPattern: BinaryReader.int64(bytes)))
            case (PostgresType.float4, 4): return Double(Float(bitPattern: UInt32(bitPattern: BinaryReader.int32(bytes))))
            case (PostgresType.int8, _), (PostgresType.int4, _), (PostgresType.int2, _): return Double(try int())
            default: throw mismatch("Double")
            }
        }
        let string = try text()
        switch string {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(string) else { throw mismatch("Double") }
            return value
        }
    }

    /// A string: the text form of any column, or the binary form of `text`/`varchar`/`name`/`json`/`jsonb`.
    public func string() throws(PostgresError) -> String {
        let bytes = try present()
        if column.isBinary {
            switch column.typeOID {
            case PostgresType.text, PostgresType.varchar, PostgresType.name, PostgresType.json:
                return String(decoding: bytes, as: UTF8.self)
            case PostgresType.jsonb where bytes.first == 1:
                return String(decoding: bytes.dropFirst(), as: UTF8.self)
            default: throw mismatch("String")
            }
        }
        return try text()
    }

    /// A boolean from `bool` (`t`/`f` or one binary byte).
    public func bool() throws(PostgresError) -> Bool {
        let bytes = try present()
        if column.isBinary {
            guard column.typeOID == PostgresType.bool, bytes.count == 1 else { throw mismatch("Bool") }
            return bytes.first != 0
        }
        switch try text() {
        case "t", "true": return true
        case "f", "false": return false
        default: throw mismatch("Bool")
        }
    }

    /// Bytes from `bytea` (binary as is, or text in PostgreSQL's `\x` hex output), or the UTF-8 of a
    /// `json`/`jsonb` document.
    public func data() throws(PostgresError) -> Data {
        let bytes = try present()
        if column.isBinary {
            switch column.typeOID {
            case PostgresType.jsonb where bytes.first == 1: return Data(bytes.dropFirst())
            case PostgresType.jsonb: throw mismatch("Data (unknown jsonb version)")
            default: return Data(bytes)
            }
        }
        if column.typeOID == PostgresType.bytea {
            guard let decoded = Hex.decode(bytes.dropFirst(2)), bytes.starts(with: [0x5C, 0x78]) else {
                throw mismatch("Data (bytea in hex output)")
            }
            return Data(decoded)
        }
        return Data(bytes)
    }

    /// An instant from `timestamptz` in binary format (microseconds since 2000-01-01 UTC).
    /// For text results select `extract(epoch from …)` instead.
    public func date() throws(PostgresError) -> Date {
        let bytes = try present()
        guard column.isBinary, column.typeOID == PostgresType.timestamptz || column.typeOID == PostgresType.timestamp,
              bytes.count == 8 else { throw mismatch("Date (binary timestamptz)") }
        let microseconds = BinaryReader.int64(bytes)
        return Date(timeIntervalSince1970: postgresEpochOffset + Double(microseconds) / 1_000_000)
    }

    private func present() throws(PostgresError) -> ArraySlice<UInt8> {
        guard let bytes else { throw .unexpectedNull(row: row, column: column.name) }
        return bytes
    }

    private func text() throws(PostgresError) -> String {
        String(decoding: try present(), as: UTF8.self)
    }

    private func mismatch(_ expected: String) -> PostgresError {
        let found: String
        if let bytes, !column.isBinary {
            let text = String(decoding: bytes.prefix(40), as: UTF8.self)
            found = "\"\(text)\"" + (bytes.count > 40 ? "…" : "") + " (type OID \(column.typeOID))"
        } else {
            found = "\(bytes?.count ?? 0) binary bytes of type OID \(column.typeOID)"
        }
        return .decoding(row: row, column: column.name, expected: expected, found: found)
    }
}

/// Big-endian readers for PostgreSQL's binary wire format.
enum BinaryReader {
    static func int64(_ bytes: ArraySlice<UInt8>) -> Int64 {
        bytes.reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }

    static func int32(_ bytes: ArraySlice<UInt8>) -> Int32 {
        Int32(bitPattern: bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    static func int16(_ bytes: ArraySlice<UInt8>) -> Int16 {
        Int16(bitPattern: bytes.reduce(UInt16(0)) { $0 << 8 | UInt16($1) })
    }
}

/// Lower-case hexadecimal, as PostgreSQL's bytea output and hex EWKB use.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Decodes hex digits (either case); nil if the count is odd or a character is not a hex digit.
    static func decode<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var high: UInt8?
        for character in text {
            let nibble: UInt8
            switch character {
            case 0x30...0x39: nibble = character - 0x30
            case 0x61...0x66: nibble = character - 0x61 + 10
            case 0x41...0x46: nibble = character - 0x41 + 10
            default: return nil
            }
            if let h = high {
                out.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return out
    }

    /// Encodes bytes as lower-case hex digits.
    static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
