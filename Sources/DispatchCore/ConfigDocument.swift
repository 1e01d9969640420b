import Foundation
import Yams

/// A problem in a YAML document (rules, scenario), naming the file, line, column and field.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The document's name (usually its file name).
    public var document: String
    public var line: Int
    public var column: Int
    /// The dotted path of the field, e.g. `weights.travel` or `incidentTypes.firearms.requires[0]`.
    public var field: String
    public var message: String

    public init(document: String, line: Int, column: Int, field: String, message: String) {
        self.document = document
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(document):\(line):\(column): \(field.isEmpty ? "document" : field): \(message)"
    }
}

/// A node of a YAML document with its path, for reading typed fields with errors that say where.
///
/// Reading is strict: unknown keys are errors (a misspelt weight must not be silently ignored),
/// numbers must be numbers, and durations carry units.
public struct ConfigNode {
    public let node: Node
    public let path: String
    public let document: String

    /// Parses a YAML text into its root node.
    public static func parse(_ text: String, document: String) throws(ConfigError) -> ConfigNode {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw ConfigError(document: document, line: 1, column: 1, field: "", message: "the document is empty")
            }
            return ConfigNode(node: root, path: "", document: document)
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(document: document, line: Self.line(of: error), column: 1, field: "",
                              message: "not valid YAML: \(error)")
        } catch {
            throw ConfigError(document: document, line: 1, column: 1, field: "", message: "not valid YAML: \(error)")
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return 1
        }
    }

    public init(node: Node, path: String, document: String) {
        self.node = node
        self.path = path
        self.document = document
    }

    /// An error at this node.
    public func error(_ message: String) -> ConfigError {
        ConfigError(document: document, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0,
                    field: path, message: message)
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The mapping's entries as (key, node) pairs, in document order.
    public func entries() throws(ConfigError) -> [(key: String, value: ConfigNode)] {
        guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
        var result: [(String, ConfigNode)] = []
        for (k, v) in mapping {
            guard let key = k.string else { throw error("keys must be strings") }
            result.append((key, ConfigNode(node: v, path: childPath(key), document: document)))
        }
        return result
    }

    /// Fails on keys outside `allowed`, naming the first unknown one and what is allowed.
    public func checkKeys(_ allowed: Set<String>) throws(ConfigError) {
        for (key, value) in try entries() where !allowed.contains(key) {
            throw ConfigError(document: document, line: value.node.mark?.line ?? 0, column: 1,
                              field: value.path,
                              message: "unknown field '\(key)'; expected one of: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// The child at `key`, or nil when absent (or null).
    public func optional(_ key: String) throws(ConfigError) -> ConfigNode? {
        guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
        // Absent, `~`, `null` or an empty value all mean "not given".
        guard let child = mapping[key], child.null == nil else { return nil }
        return ConfigNode(node: child, path: childPath(key), document: document)
    }

    /// The child at `key`, or an error saying it is missing.
    public func required(_ key: String) throws(ConfigError) -> ConfigNode {
        guard let child = try optional(key) else { throw error("missing required field '\(key)'") }
        return child
    }

    /// The sequence's items.
    public func items() throws(ConfigError) -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { i, n in ConfigNode(node: n, path: "\(path)[\(i)]", document: document) }
    }

    public func string() throws(ConfigError) -> String {
        guard case .scalar(let s) = node else { throw error("expected a text value") }
        return s.string
    }

    public func double() throws(ConfigError) -> Double {
        guard case .scalar = node, let v = node.float, v.isFinite else {
            throw error("expected a number, got \(describe())")
        }
        return v
    }

    public func int() throws(ConfigError) -> Int {
        guard case .scalar = node, let v = node.int else { throw error("expected a whole number, got \(describe())") }
        return v
    }

    public func bool() throws(ConfigError) -> Bool {
        guard case .scalar = node, let v = node.bool else { throw error("expected true or false, got \(describe())") }
        return v
    }

    /// A number within bounds.
    public func double(in range: ClosedRange<Double>) throws(ConfigError) -> Double {
        let v = try double()
        guard range.contains(v) else { throw error("\(v) is outside the allowed range \(range.lowerBound)…\(range.upperBound)") }
        return v
    }

    public func int(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let v = try int()
        guard range.contains(v) else { throw error("\(v) is outside the allowed range \(range.lowerBound)…\(range.upperBound)") }
        return v
    }

    /// A duration with a unit — `90 s`, `15 min`, `15m`, `2 h`, `1.5h` — in seconds.
    public func duration() throws(ConfigError) -> Double {
        let text = try string().trimmingCharacters(in: .whitespaces).lowercased()
        guard let parsed = ConfigNode.parseDuration(text) else {
            if Double(text) != nil { throw error("'\(text)' needs a unit: s, min or h (e.g. '\(text) min')") }
            throw error("expected a duration such as '90 s', '15 min' or '2 h', got '\(text)'")
        }
        guard parsed >= 0 else { throw error("a duration cannot be negative") }
        return parsed
    }

    /// A distance with a unit — `800 m`, `25 km` — in metres.
    public func distance() throws(ConfigError) -> Double {
        let text = try string().trimmingCharacters(in: .whitespaces).lowercased()
        for (suffix, factor) in [("km", 1000.0), ("m", 1.0)] where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let v = Double(number), v.isFinite, v >= 0 { return v * factor }
        }
        throw error("expected a distance such as '800 m' or '25 km', got '\(text)'")
    }

    /// Parses `90 s`, `15 min`, `15m`, `2 h`, `1 day`; nil when no unit matches.
    public static func parseDuration(_ text: String) -> Double? {
        let units: [(String, Double)] = [
            ("seconds", 1), ("second", 1), ("secs", 1), ("sec", 1), ("s", 1),
            ("minutes", 60), ("minute", 60), ("mins", 60), ("min", 60), ("m", 60),
            ("hours", 3600), ("hour", 3600), ("hrs", 3600), ("hr", 3600), ("h", 3600),
            ("days", 86400), ("day", 86400), ("d", 86400),
        ]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let v = Double(number), v.isFinite { return v * factor }
        }
        return nil
    }

    /// A list of texts.
    public func strings() throws(ConfigError) -> [String] {
        try items().map { (item: ConfigNode) throws(ConfigError) -> String in try item.string() }
    }

    private func describe() -> String {
        switch node {
        case .scalar(let s): return "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        default: return "an alias"
        }
    }
}
