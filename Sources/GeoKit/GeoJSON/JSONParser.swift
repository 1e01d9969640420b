/// A parsed JSON value inside the GeoJSON reader. Like `JSONValue`, plus a compact form for
/// all-numeric "coordinates" arrays, so that a 50,000-vertex ring is one `[Coordinate]` rather
/// than 50,000 little arrays.
indirect enum JSONNode {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    /// Members in document order (duplicates kept; lookups take the last).
    case object([(key: String, value: JSONNode)])
    /// A numeric array found under a "coordinates" key.
    case coordinates(CoordinateTree)

    subscript(key: String) -> JSONNode? {
        guard case let .object(members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    var jsonTypeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array, .coordinates: return "array"
        case .object: return "object"
        }
    }

    /// The public value (coordinate trees become arrays of numbers again).
    var value: JSONValue {
        switch self {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .number(n): return .number(n)
        case let .string(s): return .string(s)
        case let .array(a): return .array(a.map(\.value))
        case let .object(members):
            var o = [String: JSONValue](minimumCapacity: members.count)
            for (k, v) in members { o[k] = v.value }
            return .object(o)
        case let .coordinates(tree): return tree.value
        }
    }
}

/// Nested numeric arrays: a position `[x, y, z?, m?]`, a list of positions, or deeper lists.
enum CoordinateTree {
    /// `[]`
    case empty
    /// `[x, y]`, `[x, y, z]` or `[x, y, z, m]`.
    case position(Coordinate)
    /// `[[x, y], [x, y], …]`
    case positions([Coordinate])
    /// `[[[x, y], …], …]` and deeper.
    case list([CoordinateTree])

    var value: JSONValue {
        func pos(_ c: Coordinate) -> JSONValue {
            var a: [JSONValue] = [.number(c.x), .number(c.y)]
            if let z = c.z { a.append(.number(z)) }
            if let m = c.m { a.append(.number(m)) }
            return .array(a)
        }
        switch self {
        case .empty: return .array([])
        case let .position(c): return pos(c)
        case let .positions(cs): return .array(cs.map(pos))
        case let .list(l): return .array(l.map(\.value))
        }
    }
}

/// A strict RFC 8259 JSON parser over UTF-8 bytes.
struct JSONParser {
    static let maximumDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // A UTF-8 byte order mark is tolerated at the start.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
    }

    func error(_ kind: GeoJSONError.Kind, at offset: Int) -> GeoJSONError {
        GeoJSONError(kind: kind, path: "", location: TextLocation.locate(offset, in: bytes))
    }

    func syntax(_ message: String, at offset: Int) -> GeoJSONError {
        error(.syntax(message), at: offset)
    }

    /// What the byte at `offset` looks like, for messages.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let b = bytes[offset]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16)
    }

    mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 32, 9, 10, 13: pos += 1
            default: return
            }
        }
    }

    /// Parses the single top-level value and checks nothing but whitespace follows.
    mutating func parseDocument() throws(GeoJSONError) -> JSONNode {
        let v = try parseValue(depth: 0)
        skipSpace()
        if pos < bytes.count { throw syntax("unexpected \(describe(at: pos)) after the JSON value", at: pos) }
        return v
    }

    mutating func parseValue(depth: Int) throws(GeoJSONError) -> JSONNode {
        skipSpace()
        guard pos < bytes.count else { throw syntax("unexpected end of input, expected a value", at: pos) }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), 48...57: return .number(try parseNumber())
        default: throw syntax("unexpected \(describe(at: pos)), expected a value", at: pos)
        }
    }

    mutating func literal(_ word: StaticString) throws(GeoJSONError) {
        let start = pos
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        for i in 0..<n {
            guard pos + i < bytes.count, bytes[pos + i] == w[i] else {
                throw syntax("invalid literal, expected \(word)", at: start)
            }
        }
        pos += n
    }

    mutating func parseNumber() throws(GeoJSONError) -> Double {
        let start = pos
        do {
            let r = try NumberScanner.scan(bytes, from: pos, json: true)
            guard r.value.isFinite else { throw NumberScanner.Failure.malformed(end: r.end) }
            pos = r.end
            return r.value
        } catch {
            throw syntax("malformed or out-of-range number", at: start)
        }
    }

    mutating func parseObject(depth: Int) throws(GeoJSONError) -> JSONNode {
        let open = pos
        guard depth <= JSONParser.maximumDepth else { throw error(.nestingTooDeep(limit: JSONParser.maximumDepth), at: open) }
        pos += 1
        var members: [(key: String, value: JSONNode)] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
        while true {
            skipSpace()
            guard pos < bytes.count else { throw syntax("unexpected end of input inside an object opened at byte \(open)", at: pos) }
            guard bytes[pos] == UInt8(ascii: "\"") else { throw syntax("unexpected \(describe(at: pos)), expected a member name in quotes", at: pos) }
            let key = try parseString()
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw syntax("unexpected \(describe(at: pos)), expected ':' after member name \"\(key)\"", at: pos) }
            pos += 1
            let value: JSONNode
            if key == "coordinates" {
                value = try parseCoordinatesOrValue(depth: depth)
            } else {
                value = try parseValue(depth: depth)
            }
            members.append((key, value))
            skipSpace()
            guard pos < bytes.count else { throw syntax("unexpected end of input inside an object opened at byte \(open)", at: pos) }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
            throw syntax("unexpected \(describe(at: pos)), expected ',' or '}' in an object", at: pos)
        }
    }

    mutating func parseArray(depth: Int) throws(GeoJSONError) -> JSONNode {
        let open = pos
        guard depth <= JSONParser.maximumDepth else { throw error(.nestingTooDeep(limit: JSONParser.maximumDepth), at: open) }
        pos += 1
        var elements: [JSONNode] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(elements) }
        while true {
            elements.append(try parseValue(depth: depth))
            skipSpace()
            guard pos < bytes.count else { throw syntax("unexpected end of input inside an array opened at byte \(open)", at: pos) }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(elements) }
            throw syntax("unexpected \(describe(at: pos)), expected ',' or ']' in an array", at: pos)
        }
    }

    // MARK: - Strings

    mutating func parseString() throws(GeoJSONError) -> String {
        let open = pos
        pos += 1
        let start = pos
        var hasEscape = false
        while true {
            guard pos < bytes.count else { throw syntax("unterminated string starting at byte \(open)", at: open) }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { throw syntax("control character \(describe(at: pos)) inside a string", at: pos) }
            if b == UInt8(ascii: "\\") {
                hasEscape = true
                pos += 2
                continue
            }
            pos += 1
        }
        let end = pos
        pos += 1
        if !hasEscape {
            guard let s = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) else {
                throw error(.invalidUTF8, at: start)
            }
            return s
        }
        return try unescape(start, end)
    }

    func unescape(_ start: Int, _ end: Int) throws(GeoJSONError) -> String {
        var out = [UInt8]()
        out.reserveCapacity(end - start)
        var i = start
        func hex4(_ at: Int) throws(GeoJSONError) -> UInt32 {
            guard at + 4 <= end else { throw syntax("incomplete \\u escape", at: at - 2) }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = bytes[at + k]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: throw syntax("invalid hex digit in \\u escape", at: at + k)
                }
                v = v << 4 | d
            }
            return v
        }
        while i < end {
            let b = bytes[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            guard i + 1 < end else { throw syntax("incomplete escape", at: i) }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(i)
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 6 <= end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw syntax("unpaired surrogate in \\u escape", at: i - 6)
                    }
                    let low = try hex4(i + 2)
                    guard low >= 0xDC00 && low < 0xE000 else { throw syntax("invalid low surrogate in \\u escape", at: i) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw syntax("unpaired surrogate in \\u escape", at: i - 6)
                }
                guard let u = Unicode.Scalar(scalar) else { throw syntax("invalid \\u escape", at: i - 6) }
                out.append(contentsOf: UTF8.encode(u).map { Array($0) } ?? [])
            default:
                throw syntax("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: i - 2)
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error(.invalidUTF8, at: start) }
        return s
    }

    // MARK: - Coordinates fast path

    /// Signals that a "coordinates" value is not a plain numeric array: parse it generically.
    struct NotNumeric: Error {}

    mutating func parseCoordinatesOrValue(depth: Int) throws(GeoJSONError) -> JSONNode {
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "[") else { return try parseValue(depth: depth) }
        let start = pos
        do {
            return .coordinates(try parseCoordinateTree(depth: depth + 1))
        } catch {
            pos = start
            return try parseValue(depth: depth)
        }
    }

    /// Parses `[` … `]` of numbers or nested arrays of numbers. Throws `NotNumeric` (and the
    /// caller re-parses generically, which reports syntax errors precisely) on anything else.
    mutating func parseCoordinateTree(depth: Int) throws(NotNumeric) -> CoordinateTree {
        guard depth <= JSONParser.maximumDepth else { throw NotNumeric() }
        pos += 1 // "["
        skipSpace()
        guard pos < bytes.count else { throw NotNumeric() }
        let first = bytes[pos]
        if first == UInt8(ascii: "]") { pos += 1; return .empty }
        if first == UInt8(ascii: "-") || (first >= 48 && first <= 57) {
            return .position(try parsePositionBody())
        }
        guard first == UInt8(ascii: "[") else { throw NotNumeric() }
        var positions: [Coordinate] = []
        var children: [CoordinateTree] = []
        var allPositions = true
        while true {
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "[") else { throw NotNumeric() }
            let child = try parseCoordinateTree(depth: depth + 1)
            if allPositions, case let .position(c) = child {
                positions.append(c)
            } else {
                if allPositions {
                    allPositions = false
                    children = positions.map { .position($0) }
                    positions = []
                }
                children.append(child)
            }
            skipSpace()
            guard pos < bytes.count else { throw NotNumeric() }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; break }
            throw NotNumeric()
        }
        return allPositions ? .positions(positions) : .list(children)
    }

    /// Parses `x, y[, z[, m]]]` (after the opening bracket).
    mutating func parsePositionBody() throws(NotNumeric) -> Coordinate {
        var v: (Double, Double, Double, Double) = (0, 0, 0, 0)
        var count = 0
        while true {
            skipSpace()
            guard pos < bytes.count else { throw NotNumeric() }
            let b = bytes[pos]
            guard b == UInt8(ascii: "-") || (b >= 48 && b <= 57) else { throw NotNumeric() }
            guard let r = try? NumberScanner.scan(bytes, from: pos, json: true) else { throw NotNumeric() }
            pos = r.end
            switch count {
            case 0: v.0 = r.value
            case 1: v.1 = r.value
            case 2: v.2 = r.value
            case 3: v.3 = r.value
            default: throw NotNumeric()
            }
            count += 1
            skipSpace()
            guard pos < bytes.count else { throw NotNumeric() }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; break }
            throw NotNumeric()
        }
        switch count {
        case 2: return Coordinate(x: v.0, y: v.1)
        case 3: return Coordinate(x: v.0, y: v.1, z: v.2)
        case 4: return Coordinate(x: v.0, y: v.1, z: v.2, m: v.3)
        default: throw NotNumeric()
        }
    }
}
