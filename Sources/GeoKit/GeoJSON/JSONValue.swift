/// A JSON value, as found in GeoJSON `properties` (and foreign members).
public enum JSONValue: Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case null
    case bool(Bool)
    /// Every JSON number, as a `Double` (integers are exact up to 2^53).
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// An object; if a key repeats in the input, the last value wins.
    case object([String: JSONValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// The string, if this is a string.
    public var stringValue: String? { if case let .string(s) = self { return s } else { return nil } }
    /// The number, if this is a number.
    public var numberValue: Double? { if case let .number(n) = self { return n } else { return nil } }
    /// The Boolean, if this is one.
    public var boolValue: Bool? { if case let .bool(b) = self { return b } else { return nil } }
    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? { if case let .array(a) = self { return a } else { return nil } }
    /// The members, if this is an object.
    public var objectValue: [String: JSONValue]? { if case let .object(o) = self { return o } else { return nil } }
    /// True for JSON `null`.
    public var isNull: Bool { self == .null }

    /// Member lookup for objects (nil for other values or a missing key).
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// The JSON name of this value's type, for messages: "object", "array", "string", …
    public var jsonTypeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Compact JSON text with object keys sorted (deterministic output).
    public var jsonString: String {
        var out = ""
        JSONWriter.write(self, into: &out)
        return out
    }

    public var description: String { jsonString }
}

/// Writes compact, deterministic JSON.
enum JSONWriter {
    static func write(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(n): number(n, into: &out)
        case let .string(s): string(s, into: &out)
        case let .array(a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                write(e, into: &out)
            }
            out += "]"
        case let .object(o):
            out += "{"
            for (i, key) in o.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                string(key, into: &out)
                out += ":"
                if let value = o[key] { write(value, into: &out) }
            }
            out += "}"
        }
    }

    /// JSON has no NaN or infinity: they are written as `null`.
    static func number(_ n: Double, into out: inout String) {
        out += n.isFinite ? OrdinateFormatter.string(n) : "null"
    }

    static func string(_ s: String, into out: inout String) {
        out += "\""
        var needsEscape = false
        for u in s.utf8 where u < 0x20 || u == UInt8(ascii: "\"") || u == UInt8(ascii: "\\") {
            needsEscape = true
            break
        }
        if !needsEscape {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }
}
