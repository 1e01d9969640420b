import GeoKit
import RoadNetwork
@testable import DispatchCore

/// A small real road network for the casebook: a 20 × 20 grid of two-way streets about 200 m
/// apart, cut north–south by a river between columns 9 and 10 that only one bridge crosses, on the
/// northern edge (row 19). Travel times come from the real contraction-hierarchy router.
enum TestTown {
    static let columns = 20, rows = 20
    static let west = -1.90, south = 52.47
    static let dLon = 0.003, dLat = 0.0018

    static func point(_ x: Int, _ y: Int) -> LonLat {
        LonLat(lon: west + Double(x) * dLon, lat: south + Double(y) * dLat)
    }

    static func nodeID(_ x: Int, _ y: Int) -> Int64 { Int64(y * columns + x + 1) }

    static let source: RoadNetworkSource = {
        var nodes: [Int64: LonLat] = [:]
        for y in 0..<rows { for x in 0..<columns { nodes[nodeID(x, y)] = point(x, y) } }
        var ways: [RoadWay] = []
        var wayID: Int64 = 10_000
        func way(_ ids: [Int64], _ cls: RoadClass = .residential) {
            wayID += 1
            ways.append(RoadWay(id: wayID, nodes: ids, roadClass: cls))
        }
        for y in 0..<rows {
            way((0...9).map { nodeID($0, y) })
            way((10..<columns).map { nodeID($0, y) })
        }
        way([nodeID(9, rows - 1), nodeID(10, rows - 1)], .primary)   // the bridge
        for x in 0..<columns { way((0..<rows).map { nodeID(x, $0) }) }
        return RoadNetworkSource(nodes: nodes, ways: ways)
    }()

    // Building the hierarchy takes a moment; every test shares one router (it is Sendable and
    // safe for concurrent queries).
    static let router: RoadRouter = {
        do { return RoadRouter(graph: try RoadGraph(source: source)) } catch {
            fatalError("the test town must build: \(error)")
        }
    }()

    /// Demand spread over the town, west bank in district "W", east bank in "E".
    static let demand: [DemandPoint] = (0..<rows).flatMap { y in
        (0..<columns).map { x in DemandPoint(location: point(x, y), weight: 1, district: x <= 9 ? "W" : "E") }
    }

    static func state(demand: [DemandPoint] = TestTown.demand, coverRadius: Double = 1_000) -> ControlRoomState {
        ControlRoomState(west: west - 0.01, south: south - 0.01, east: west + Double(columns) * dLon + 0.01,
                         north: south + Double(rows) * dLat + 0.01, travel: router, demand: demand,
                         coverRadiusMetres: coverRadius)
    }
}

/// A concise way to put units on the map in a test.
struct UnitSpec {
    var callSign: CallSign
    var x: Int
    var y: Int
    var capabilities: Capabilities = []
    var crew = 1
    var status: UnitStatus = .available
    var district: String?
    /// Seconds before `now` the fix was taken.
    var fixAge: Double = 10

    func register(in state: inout ControlRoomState, now: Timestamp) throws {
        try state.apply(.unitRegistered(UnitRegistered(
            callSign: callSign, capabilities: capabilities, crew: crew, homeStation: "S",
            district: district ?? (x <= 9 ? "W" : "E"), position: TestTown.point(x, y),
            status: status == .offDuty ? .offDuty : .available, at: now - fixAge)))
        if status == .busy || status == .refreshment {
            try state.apply(.unitStatusChanged(UnitStatusChanged(callSign: callSign, status: status, at: now - fixAge)))
        }
    }
}

extension ControlRoomState {
    /// Records a call at a grid point and returns the incident.
    mutating func call(_ id: String, type: IncidentType = "concern-for-welfare", grade: Grade, x: Int, y: Int,
                       at t: Timestamp, district: String? = nil) throws -> Incident {
        try apply(.callReceived(CallReceived(incidentID: id, type: type, grade: grade, location: TestTown.point(x, y),
                                             district: district, at: t)))
        guard let incident = incidents[id] else { throw DispatchError.unknownIncident(id) }
        return incident
    }
}
