import Foundation
import GeoKit

/// A relation member, as read from PBF or XML.
struct OSMMember {
    enum Kind { case node, way, relation }
    var kind: Kind
    var ref: Int64
    var role: String
}

/// What both importers accumulate: road ways, restrictions, needed node ids and their positions.
struct OSMImportState {
    var ways: [RoadWay] = []
    var restrictions: [TurnRestriction] = []
    var needed = Set<Int64>()
    var nodes: [Int64: LonLat] = [:]
    var report = OSMImportReport()

    mutating func addWay(id: Int64, nodes: [Int64], tags: [String: String]) {
        switch OSMRoadTags.classify(id: id, nodes: nodes, tags: tags) {
        case nil: return
        case let .skipped(reason)?: report.skipWay(reason)
        case let .road(way)?:
            guard way.nodes.count >= 2 else { report.skipWay("fewer than 2 nodes"); return }
            ways.append(way)
            report.roadWays += 1
            needed.formUnion(way.nodes)
        }
    }

    /// A `type=restriction` relation: kept when it has one `from` way, one `via` node and one `to`
    /// way, a `no_*` or `only_*` value for cars, and no `except` naming cars.
    mutating func addRestriction(id: Int64, tags: [String: String], members: [OSMMember]) {
        guard let value = tags["restriction:motorcar"] ?? tags["restriction:motor_vehicle"] ?? tags["restriction"] else {
            report.skipRestriction(tags.keys.contains { $0.hasPrefix("restriction:") } ? "not for cars" : "no restriction value")
            return
        }
        if let except = tags["except"], except.split(separator: ";").contains(where: { ["motorcar", "motor_vehicle", "emergency"].contains($0.trimmingCharacters(in: .whitespaces)) }) {
            report.skipRestriction("except cars")
            return
        }
        let kind: TurnRestriction.Kind
        if value.hasPrefix("no_") { kind = .prohibitory } else if value.hasPrefix("only_") { kind = .mandatory } else {
            report.skipRestriction("restriction=\(value)")
            return
        }
        let from = members.filter { $0.role == "from" }, via = members.filter { $0.role == "via" }, to = members.filter { $0.role == "to" }
        guard via.count == 1 else { report.skipRestriction("\(via.count) via members"); return }
        if via[0].kind == .way { report.restrictionsViaWay += 1; return }
        guard via[0].kind == .node, from.count == 1, to.count == 1, from[0].kind == .way, to[0].kind == .way else {
            report.skipRestriction("members other than one from way, one via node, one to way")
            return
        }
        restrictions.append(TurnRestriction(fromWay: from[0].ref, viaNode: via[0].ref, toWay: to[0].ref, kind: kind))
        report.restrictions += 1
    }

    /// The finished source; throws when no car-usable way was found.
    mutating func finish() throws(OSMImportError) -> OSMImport {
        guard !ways.isEmpty else {
            throw .noRoutableRoads("the extract has \(report.waysRead) ways, \(report.highwayWays) with a highway tag, none a road a car may use")
        }
        report.missingNodes = needed.count - nodes.count
        return OSMImport(source: RoadNetworkSource(nodes: nodes, ways: ways, restrictions: restrictions), report: report)
    }
}
