import Foundation
import CLibPQ

/// A libpq connection string parsed into keyword/value pairs, so it can be extended and shown
/// without its password.
///
/// Accepts both forms libpq accepts: `key=value …` and `postgresql://user@host/db?key=value`.
public struct ConnectionInfo: Sendable, Equatable, CustomStringConvertible {
    /// The settings, in libpq's keyword order; only those given (or implied by the URL) appear.
    public private(set) var settings: [(key: String, value: String)]

    /// Parses a connection string with libpq's own parser.
    public init(_ conninfo: String) throws(PostgresError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        // PQconninfoParse returns NULL on a syntax error and then sets errmsg (freed with PQfreemem),
        // or NULL without errmsg when out of memory.
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            var message = "out of memory"
            if let errorMessage {
                message = String(cString: errorMessage).trimmingCharacters(in: .whitespacesAndNewlines)
                PQfreemem(errorMessage)
            }
            throw .invalidRequest("connection string is not valid: \(message)")
        }
        defer { PQconninfoFree(options) }
        var settings: [(key: String, value: String)] = []
        // The array ends with an entry whose keyword is NULL; `val` is NULL for settings not given.
        var index = 0
        while let keyword = options[index].keyword {
            if let value = options[index].val {
                settings.append((String(cString: keyword), String(cString: value)))
            }
            index += 1
        }
        self.settings = settings
    }

    /// The value of a setting, if given.
    public subscript(key: String) -> String? {
        settings.first { $0.key == key }?.value
    }

    /// Returns a copy with `key` set to `value` (replacing an earlier value).
    public func setting(_ key: String, to value: String) -> ConnectionInfo {
        var copy = self
        if let index = copy.settings.firstIndex(where: { $0.key == key }) {
            copy.settings[index].value = value
        } else {
            copy.settings.append((key, value))
        }
        return copy
    }

    /// The `key=value` form libpq accepts, password included.
    public var conninfo: String { render(redacting: false) }

    /// The `key=value` form without the password: safe for logs and error messages.
    public var redacted: String { render(redacting: true) }

    /// A readable explanation, for logs and error messages.
    public var description: String { redacted }

    /// Equal when the same settings appear in the same order.
    public static func == (lhs: ConnectionInfo, rhs: ConnectionInfo) -> Bool {
        lhs.settings.map { "\($0.key)=\($0.value)" } == rhs.settings.map { "\($0.key)=\($0.value)" }
    }

    private func render(redacting: Bool) -> String {
        settings.compactMap { key, value in
            if redacting && key == "password" { return nil }
            return "\(key)=\(ConnectionInfo.quote(value))"
        }.joined(separator: " ")
    }

    /// Quotes a value for the `key=value` form: single quotes, with `\` and `'` backslash-escaped.
    static func quote(_ value: String) -> String {
        let plain = !value.isEmpty && value.allSatisfy { !$0.isWhitespace && $0 != "'" && $0 != "\\" }
        if plain { return value }
        var out = "'"
        for character in value {
            if character == "'" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "'"
    }
}

/// Redacts a connection string for messages, falling back to a placeholder when it does not parse.
func redactedConninfo(_ conninfo: String) -> String {
    (try? ConnectionInfo(conninfo).redacted) ?? "<connection string that does not parse>"
}
