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

extension SimulationSetup {
    /// Prepares a scenario on a loaded region pack: the roster from the fleet and the stations, the
    /// calls from the generator (or the replay file), demand points for cover from the hot spots.
    public static func prepare(_ scenario: Scenario, pack loaded: LoadedRegionPack, seed: UInt64? = nil) throws -> SimulationSetup {
        let pack = loaded.pack
        let seed = seed ?? scenario.seed
        guard let box = pack.boundary.boundingBox else { throw ScenarioError("the pack \(pack.name) has an empty boundary") }
        let bounds = (west: box.minX, south: box.minY, east: box.maxX, north: box.maxY)
        let districtOf: @Sendable (LonLat) -> String? = { pack.district(containing: $0)?.code }
        let towns = pack.towns.map(\.position) + pack.hotSpots.map(\.position)
        // Rural: more than 4 km from every town and hot spot.
        let areaOf: @Sendable (LonLat) -> AreaKind = { p in
            towns.contains { $0.groundDistance(to: p) < 4_000 } ? .urban : .rural
        }
        guard !pack.stations.isEmpty else { throw ScenarioError("the pack \(pack.name) has no police stations to base units at") }
        let stationsByID = Dictionary(pack.stations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        var roster: [RosterUnit] = []
        let letters = Array("ELNABCDFGHJK")
        for (g, group) in scenario.fleet.enumerated() {
            var stations: [RegionPack.Station] = []
            for id in group.stations {
                guard let s = stationsByID[id] else {
                    throw ScenarioError("fleet group \(group.name) names station '\(id)', which the pack does not have; stations: \(pack.stations.map(\.id).joined(separator: ", "))")
                }
                stations.append(s)
            }
            if stations.isEmpty { stations = pack.stations.sorted { $0.id < $1.id } }
            for (s, _) in scenario.shifts.enumerated() {
                let letter = s < letters.count ? String(letters[s]) : "S\(s)"
                for i in 0..<group.perShift {
                    let station = stations[i % stations.count]
                    let district = station.districtCode ?? districtOf(station.position) ?? ""
                    roster.append(RosterUnit(callSign: CallSign("\(group.prefix)\(letter)\(String(format: "%03d", i + 1))"),
                                             group: g, shift: s, kind: group.kind, capabilities: group.capabilities,
                                             crew: group.crew, station: station.id, base: station.position, district: district))
                }
            }
        }

        let calls: [SimCall]
        if let replay = scenario.replay {
            calls = try ReplayFile.read(contentsOf: replay, demand: scenario.demand, seed: seed)
                .filter { $0.time < scenario.durationSeconds }
        } else {
            let generator = CallGenerator(demand: scenario.demand, hotSpots: pack.hotSpots, bounds: bounds,
                                          isInside: { districtOf($0) != nil })
            calls = generator.calls(duration: scenario.durationSeconds, startWeekday: scenario.startWeekday, seed: seed)
        }
        let demandPoints = pack.hotSpots.compactMap { spot in
            districtOf(spot.position).map { DemandPoint(location: spot.position, weight: spot.weight, district: $0) }
        }
        return SimulationSetup(
            name: scenario.name, packName: pack.name, travel: loaded.travel, bounds: bounds,
            districts: pack.districts.map { (code: $0.code, name: $0.name) }, districtOf: districtOf, areaOf: areaOf,
            demandPoints: demandPoints, groups: scenario.fleet, shifts: scenario.shifts, roster: roster,
            behaviour: scenario.behaviour, durationSeconds: scenario.durationSeconds, startWeekday: scenario.startWeekday,
            seed: seed, calls: calls)
    }

    /// The same setup with the calls generated afresh from another seed (a replication).
    public func withCalls(_ calls: [SimCall], seed: UInt64) -> SimulationSetup {
        var copy = self
        copy.calls = calls
        copy.seed = seed
        return copy
    }
}
