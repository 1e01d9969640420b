import DispatchCore
import Foundation

/// A hypercube planning question as a planner writes it in YAML (see
/// `Simulations/hypercube/example.yaml`):
///
/// ```yaml
/// name: Four cars over six beats
/// capacity: infinite            # infinite (calls queue) | zero (calls are lost)
/// method: auto                  # exact | approximate | auto
/// meanServiceTime: 40 min       # travel + on scene + back, exponential
/// units: [Alpha, Bravo, Charlie, Delta]
/// atoms:
///   - name: Northfield
///     callsPerHour: 0.6
///     preferences: [Alpha, Bravo, Delta, Charlie]   # every unit, in dispatch order
///     travel: { Alpha: 4 min, Bravo: 9 min, Charlie: 14 min, Delta: 11 min }   # optional
/// ```
///
/// The model it builds counts time in seconds: rates per second, travel times in seconds.
public struct HypercubeDocument: Sendable, Hashable {
    /// The document's `name`, if it has one.
    public var name: String?
    /// The validated model (time in seconds).
    public var model: HypercubeModel
    /// How the document asks to solve it.
    public var method: HypercubeModel.Method

    /// A document from its parts.
    public init(name: String?, model: HypercubeModel, method: HypercubeModel.Method) {
        self.name = name
        self.model = model
        self.method = method
    }

    /// Reads a document; every problem is a `ConfigError` naming the line and the field.
    public static func load(yaml text: String, document: String = "hypercube.yaml") throws(ConfigError) -> HypercubeDocument {
        let root = try ConfigNode.parse(text, document: document)
        try root.checkKeys(["name", "capacity", "method", "meanServiceTime", "units", "atoms"])
        let name = try root.optional("name").map { (n: ConfigNode) throws(ConfigError) -> String in try n.string() }
        let capacity: HypercubeModel.Capacity = try choice(root.optional("capacity"), default: .infinite)
        let method: HypercubeModel.Method = try choice(root.optional("method"), default: .auto)
        let serviceNode = try root.required("meanServiceTime")
        let meanService = try serviceNode.duration()
        guard meanService > 0 else { throw serviceNode.error("the mean service time must be positive") }

        let unitsNode = try root.required("units")
        var units = [String](), unitIndex = [String: Int]()
        for item in try unitsNode.items() {
            let unit = try item.string()
            guard !unit.isEmpty else { throw item.error("a unit needs a name") }
            guard unitIndex[unit] == nil else { throw item.error("unit '\(unit)' is listed twice") }
            unitIndex[unit] = units.count
            units.append(unit)
        }
        guard !units.isEmpty else { throw unitsNode.error("list at least one unit") }

        let atomsNode = try root.required("atoms")
        var atoms = [HypercubeModel.Atom](), atomNames = Set<String>()
        var firstWithTravel: ConfigNode?, firstWithoutTravel: ConfigNode?
        for item in try atomsNode.items() {
            try item.checkKeys(["name", "callsPerHour", "preferences", "travel"])
            let nameNode = try item.required("name")
            let atomName = try nameNode.string()
            guard atomNames.insert(atomName).inserted else { throw nameNode.error("atom '\(atomName)' is listed twice") }
            let rateNode = try item.required("callsPerHour")
            let perHour = try rateNode.double()
            guard perHour >= 0 else { throw rateNode.error("calls per hour cannot be negative") }
            let preferences = try Self.preferences(try item.required("preferences"), unitIndex: unitIndex, units: units)
            var travel: [Double]?
            if let travelNode = try item.optional("travel") {
                travel = try Self.travel(travelNode, unitIndex: unitIndex, units: units)
                if firstWithTravel == nil { firstWithTravel = item }
            } else if firstWithoutTravel == nil {
                firstWithoutTravel = item
            }
            atoms.append(.init(name: atomName, arrivalRate: perHour / 3600, preferences: preferences, travelTimes: travel))
        }
        guard !atoms.isEmpty else { throw atomsNode.error("list at least one atom") }
        if firstWithTravel != nil, let missing = firstWithoutTravel {
            throw missing.error("this atom has no travel times but others do: give travel times for every atom or none")
        }
        guard atoms.contains(where: { $0.arrivalRate > 0 }) else { throw atomsNode.error("every atom has 0 calls per hour") }
        do {
            let model = try HypercubeModel(units: units, atoms: atoms, serviceRate: 1 / meanService, capacity: capacity)
            return HypercubeDocument(name: name, model: model, method: method)
        } catch .unstable(let load, let n) {
            throw serviceNode.error("offered load \(String(format: "%.2f", load)) Erlangs (calls per hour × mean service time) "
                + "is not below the \(n) units: with capacity 'infinite' the queue grows without bound; "
                + "add units, shorten the service time or use capacity 'zero'")
        } catch {
            throw root.error(error.description)
        }
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ node: ConfigNode?, default value: T) throws(ConfigError) -> T
    where T.RawValue == String {
        guard let node else { return value }
        let text = try node.string()
        guard let parsed = T(rawValue: text) else {
            throw node.error("'\(text)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }

    private static func preferences(_ node: ConfigNode, unitIndex: [String: Int], units: [String]) throws(ConfigError) -> [Int] {
        var order = [Int](), listed = Set<Int>()
        for item in try node.items() {
            let unit = try item.string()
            guard let i = unitIndex[unit] else {
                throw item.error("unknown unit '\(unit)'; the units are: \(units.joined(separator: ", "))")
            }
            guard listed.insert(i).inserted else { throw item.error("unit '\(unit)' appears twice in the list") }
            order.append(i)
        }
        let missing = units.indices.filter { !listed.contains($0) }.map { units[$0] }
        guard missing.isEmpty else {
            throw node.error("every unit must be listed; missing: \(missing.joined(separator: ", "))")
        }
        return order
    }

    private static func travel(_ node: ConfigNode, unitIndex: [String: Int], units: [String]) throws(ConfigError) -> [Double] {
        var times = [Double?](repeating: nil, count: units.count)
        for (unit, value) in try node.entries() {
            guard let i = unitIndex[unit] else {
                throw value.error("unknown unit '\(unit)'; the units are: \(units.joined(separator: ", "))")
            }
            times[i] = try value.duration()
        }
        let missing = units.indices.filter { times[$0] == nil }.map { units[$0] }
        guard missing.isEmpty else { throw node.error("travel times are missing for: \(missing.joined(separator: ", "))") }
        return times.map { $0 ?? 0 }
    }
}
