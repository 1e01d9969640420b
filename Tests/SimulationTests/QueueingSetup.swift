import GeoKit
import DispatchCore
import RoadNetwork
@testable import Simulation

/// Synthetic setups for validating the simulator against queueing theory: units always on duty,
/// no breaks, Poisson calls with exponential on-scene times, and (with `travelOff`) no travel.
enum QueueingSetup {
    static let centre = LonLat(lon: -1.9, lat: 52.48)

    /// `c` identical units at one point; calls at rate λ per hour, service rate μ per hour.
    static func erlang(lambdaPerHour: Double, muPerHour: Double, servers c: Int, hours: Double, seed: UInt64,
                       zones: Int = 1, zoneWeights: [Double]? = nil) -> SimulationSetup {
        var rng = SimRandom(seed: seed, stream: "queueing-calls")
        var calls: [SimCall] = []
        var t = 0.0
        let duration = hours * 3600
        let weights = cumulativeSums(zoneWeights ?? Array(repeating: 1, count: zones))
        while true {
            t += rng.exponential(rate: lambdaPerHour / 3600)
            guard t < duration else { break }
            let zone = zones > 1 ? rng.pick(cumulative: weights) : nil
            calls.append(SimCall(time: t, location: centre, grade: .priority, type: "concern-for-welfare",
                                 onSceneSeconds: rng.exponential(rate: muPerHour / 3600), zone: zone))
        }
        let roster = (0..<c).map { i in
            RosterUnit(callSign: CallSign("U\(String(format: "%03d", i))"), group: 0, shift: nil, kind: .responseCar,
                       capabilities: [], crew: 2, station: "S", base: centre, district: "Z")
        }
        return SimulationSetup(
            name: "erlang", packName: "synthetic", travel: ZeroTravel(),
            bounds: (west: -2.21, south: 52.34, east: -1.42, north: 52.67),
            districts: [(code: "Z", name: "Zone")], districtOf: { _ in "Z" }, areaOf: { _ in .urban },
            demandPoints: [], groups: [FleetGroup(name: "servers", prefix: "U", perShift: c)], shifts: [],
            roster: roster, behaviour: Behaviour(afterClearing: .stay, refreshmentAfter: .infinity, heartbeatSeconds: 120),
            durationSeconds: duration, startWeekday: 0, seed: seed, calls: calls)
    }
}
