import Foundation
import GeoKit
import DispatchCore
import RoadNetwork

/// A unit on the simulated roster: who it is, where it works from, which shift it covers.
public struct RosterUnit: Sendable, Hashable {
    public var callSign: CallSign
    /// Index into the fleet groups.
    public var group: Int
    /// Index into the shifts; nil for a unit always on duty.
    public var shift: Int?
    public var kind: UnitKind
    public var capabilities: Capabilities
    public var crew: Int
    public var station: String
    public var base: LonLat
    public var district: String

    public init(callSign: CallSign, group: Int, shift: Int?, kind: UnitKind, capabilities: Capabilities, crew: Int,
                station: String, base: LonLat, district: String) {
        self.callSign = callSign
        self.group = group
        self.shift = shift
        self.kind = kind
        self.capabilities = capabilities
        self.crew = crew
        self.station = station
        self.base = base
        self.district = district
    }
}

/// How units are chosen for calls.
public enum DispatchPolicy: Sendable {
    /// The real recommender under a rule set (what the live service does).
    case rules(Rules)
    /// For each demand zone, roster indices in order of preference: the first free one goes.
    /// Queued calls are served first come, first served. (Larson's hypercube model assumes this.)
    case fixedPreference([[Int]])
}

/// Everything a run needs, prepared once and shared by replications and rule sets: the region,
/// travel times, the roster, the calls.
public struct SimulationSetup: Sendable {
    public var name: String
    public var packName: String
    public var travel: any TravelTimeService
    public var bounds: (west: Double, south: Double, east: Double, north: Double)
    /// District codes and names, in the pack's order.
    public var districts: [(code: String, name: String)]
    public var districtOf: @Sendable (LonLat) -> String?
    public var areaOf: @Sendable (LonLat) -> AreaKind
    public var demandPoints: [DemandPoint]
    public var groups: [FleetGroup]
    public var shifts: [ShiftSpec]
    public var roster: [RosterUnit]
    public var behaviour: Behaviour
    public var durationSeconds: Double
    public var startWeekday: Int
    public var seed: UInt64
    public var calls: [SimCall]
    /// Calls before this time warm the system up and are left out of the report (0: none).
    public var measureFrom: Double = 0

    public init(name: String, packName: String, travel: any TravelTimeService,
                bounds: (west: Double, south: Double, east: Double, north: Double),
                districts: [(code: String, name: String)], districtOf: @escaping @Sendable (LonLat) -> String?,
                areaOf: @escaping @Sendable (LonLat) -> AreaKind, demandPoints: [DemandPoint], groups: [FleetGroup],
                shifts: [ShiftSpec], roster: [RosterUnit], behaviour: Behaviour, durationSeconds: Double,
                startWeekday: Int, seed: UInt64, calls: [SimCall]) {
        self.name = name
        self.packName = packName
        self.travel = travel
        self.bounds = bounds
        self.districts = districts
        self.districtOf = districtOf
        self.areaOf = areaOf
        self.demandPoints = demandPoints
        self.groups = groups
        self.shifts = shifts
        self.roster = roster
        self.behaviour = behaviour
        self.durationSeconds = durationSeconds
        self.startWeekday = startWeekday
        self.seed = seed
        self.calls = calls
    }
}

/// Why a scenario could not be prepared.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
