import Foundation
import GeoKit
import DispatchCore
import RoadNetwork

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
        // The pack's urban/suburban/rural map where it has one; otherwise rural means more than
        // 4 km from every town and hot spot.
        let areaOf: @Sendable (LonLat) -> AreaKind = { p in
            if let kind = loaded.areaKind(at: p) { return kind }
            return towns.contains { $0.groundDistance(to: p) < 4_000 } ? .urban : .rural
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
        let demandPoints = demandPoints(in: pack)
        return SimulationSetup(
            name: scenario.name, packName: pack.name, travel: loaded.travel, bounds: bounds,
            districts: pack.districts.map { (code: $0.code, name: $0.name) }, districtOf: districtOf, areaOf: areaOf,
            demandPoints: demandPoints, groups: scenario.fleet, shifts: scenario.shifts, roster: roster,
            behaviour: scenario.behaviour, durationSeconds: scenario.durationSeconds, startWeekday: scenario.startWeekday,
            seed: seed, calls: calls)
    }


    /// Grade 1 demand for district cover: the pack's hot spots that fall in a district.
    public static func demandPoints(in pack: RegionPack) -> [DemandPoint] {
        pack.hotSpots.compactMap { spot in
            pack.district(containing: spot.position).map { DemandPoint(location: spot.position, weight: spot.weight, district: $0.code) }
        }
    }
}
