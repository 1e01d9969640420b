/// A skill or piece of kit a unit brings, from a fixed catalogue so that sets of them fit in one
/// machine word (the spatial index filters on it without a look-up).
public struct Capabilities: OptionSet, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public static let armed = Capabilities(rawValue: 1 << 0)
    public static let dog = Capabilities(rawValue: 1 << 1)
    public static let roadsPolicing = Capabilities(rawValue: 1 << 2)
    public static let taser = Capabilities(rawValue: 1 << 3)
    public static let publicOrder = Capabilities(rawValue: 1 << 4)
    public static let firstAid = Capabilities(rawValue: 1 << 5)
    public static let mentalHealthTriage = Capabilities(rawValue: 1 << 6)
    public static let negotiator = Capabilities(rawValue: 1 << 7)
    public static let searchTrained = Capabilities(rawValue: 1 << 8)
    public static let pursuit = Capabilities(rawValue: 1 << 9)
    public static let motorcycle = Capabilities(rawValue: 1 << 10)
    public static let cycle = Capabilities(rawValue: 1 << 11)
    public static let detective = Capabilities(rawValue: 1 << 12)
    public static let custodyVan = Capabilities(rawValue: 1 << 13)

    /// The names used in rules, scenarios and on the wire, in catalogue order.
    public static let catalogue: [(name: String, value: Capabilities)] = [
        ("armed", .armed), ("dog", .dog), ("roads-policing", .roadsPolicing), ("taser", .taser),
        ("public-order", .publicOrder), ("first-aid", .firstAid), ("mental-health-triage", .mentalHealthTriage),
        ("negotiator", .negotiator), ("search-trained", .searchTrained), ("pursuit", .pursuit),
        ("motorcycle", .motorcycle), ("cycle", .cycle), ("detective", .detective), ("custody-van", .custodyVan),
    ]

    /// The capability with this name, or nil if the catalogue has none.
    public init?(name: String) {
        guard let entry = Capabilities.catalogue.first(where: { $0.name == name }) else { return nil }
        self = entry.value
    }

    /// Parses a list of names, throwing on the first unknown one.
    public init(names: [String]) throws(UnknownCapabilityError) {
        var result: Capabilities = []
        for name in names {
            guard let c = Capabilities(name: name) else { throw UnknownCapabilityError(name: name) }
            result.insert(c)
        }
        self = result
    }

    /// The names of the capabilities in this set, in catalogue order.
    public var names: [String] { Capabilities.catalogue.filter { contains($0.value) }.map(\.name) }

    public var description: String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    public init(from decoder: any Decoder) throws {
        let names = try [String](from: decoder)
        do { try self.init(names: names) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws { try names.encode(to: encoder) }
}

/// A capability name that is not in the catalogue.
public struct UnknownCapabilityError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public init(name: String) { self.name = name }
    public var description: String {
        "unknown capability '\(name)'; known: \(Capabilities.catalogue.map(\.name).joined(separator: ", "))"
    }
}
