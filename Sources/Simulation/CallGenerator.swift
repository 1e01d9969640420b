import Foundation
import GeoKit
import DispatchCore
import RoadNetwork

/// One call in a simulation: when, where, what, and how long a unit will spend on scene.
public struct SimCall: Sendable, Hashable {
    /// Seconds from the start of the run.
    public var time: Double
    public var location: LonLat
    public var grade: Grade
    public var type: IncidentType
    /// Capabilities asked for beyond what the rules give for the type.
    public var extraCapabilities: Capabilities
    public var onSceneSeconds: Double
    /// Time the unit stays busy after clearing the scene (custody, statements), 0 for none.
    public var followUpSeconds: Double
    /// Call handling before the incident can be dispatched, 0 for none.
    public var handlingSeconds: Double
    /// Demand zone, for fixed-preference dispatch (hypercube validation); nil otherwise.
    public var zone: Int?

    public init(time: Double, location: LonLat, grade: Grade, type: IncidentType, extraCapabilities: Capabilities = [],
                onSceneSeconds: Double, followUpSeconds: Double = 0, handlingSeconds: Double = 0, zone: Int? = nil) {
        self.time = time
        self.location = location
        self.grade = grade
        self.type = type
        self.extraCapabilities = extraCapabilities
        self.onSceneSeconds = onSceneSeconds
        self.followUpSeconds = followUpSeconds
        self.handlingSeconds = handlingSeconds
        self.zone = zone
    }
}

/// Generates calls: a non-homogeneous Poisson process (by thinning) whose rate follows the hour
/// of day and the day of the week; grades and types from the mix; locations around the pack's hot
/// spots (Gaussian, their radius as two standard deviations) or anywhere in the region; on-scene
/// times lognormal by type. Each of those draws uses its own random stream.
public struct CallGenerator: Sendable {
    public let demand: DemandSpec
    public let hotSpots: [HotSpot]
    /// Whether a point is inside the region (resampled otherwise).
    public let isInside: @Sendable (LonLat) -> Bool
    public let bounds: (west: Double, south: Double, east: Double, north: Double)

    public init(demand: DemandSpec, hotSpots: [HotSpot], bounds: (west: Double, south: Double, east: Double, north: Double),
                isInside: @escaping @Sendable (LonLat) -> Bool) {
        self.demand = demand
        self.hotSpots = hotSpots
        self.bounds = bounds
        self.isInside = isInside
    }

    /// Calls per second at a moment, given the weekday the run starts on.
    public func rate(at t: Double, startWeekday: Int) -> Double {
        let day = Int((t / 86_400).rounded(.down))
        let hour = Int((t.truncatingRemainder(dividingBy: 86_400)) / 3600) % 24
        let hourlyTotal = demand.hourly.reduce(0, +)
        let weeklyMean = demand.weekly.reduce(0, +) / Double(demand.weekly.count)
        guard hourlyTotal > 0, weeklyMean > 0 else { return 0 }
        let weekday = ((startWeekday + day) % 7 + 7) % 7
        let perDay = demand.callsPerDay * demand.weekly[weekday] / weeklyMean
        return perDay * demand.hourly[hour] / hourlyTotal / 3600
    }

    /// Every call in `[0, duration)`, in time order.
    public func calls(duration: Double, startWeekday: Int, seed: UInt64) -> [SimCall] {
        var arrivals = SimRandom(seed: seed, stream: "arrivals")
        var kinds = SimRandom(seed: seed, stream: "grades-and-types")
        var places = SimRandom(seed: seed, stream: "locations")
        var scenes = SimRandom(seed: seed, stream: "on-scene")
        var followUps = SimRandom(seed: seed, stream: "follow-up")
        var handlings = SimRandom(seed: seed, stream: "handling")

        let hourlyTotal = demand.hourly.reduce(0, +)
        let weeklyMean = demand.weekly.reduce(0, +) / Double(max(1, demand.weekly.count))
        let maxRate = demand.callsPerDay * (demand.weekly.max() ?? 0) / max(weeklyMean, 1e-12)
            * (demand.hourly.max() ?? 0) / max(hourlyTotal, 1e-12) / 3600
        guard maxRate > 0, duration > 0 else { return [] }

        let grades = Grade.allCases.filter { (demand.grades[$0] ?? 0) > 0 }
        let gradeCumulative = cumulativeSums(grades.map { demand.grades[$0] ?? 0 })
        var typeTables: [Grade: ([IncidentType], [Double])] = [:]
        for g in grades {
            let list = demand.types[g] ?? [DemandSpec.WeightedType("unspecified", 1)]
            typeTables[g] = (list.map(\.type), cumulativeSums(list.map(\.weight)))
        }
        let spotCumulative = cumulativeSums(hotSpots.map(\.weight))

        var result: [SimCall] = []
        result.reserveCapacity(Int(duration / 86_400 * demand.callsPerDay * 1.1) + 16)
        var t = 0.0
        while true {
            t += arrivals.exponential(rate: maxRate)
            guard t < duration else { break }
            guard arrivals.uniform() * maxRate < rate(at: t, startWeekday: startWeekday) else { continue }
            let grade = grades[kinds.pick(cumulative: gradeCumulative)]
            let (types, cumulative) = typeTables[grade] ?? (["unspecified"], [1])
            let type = types[kinds.pick(cumulative: cumulative)]
            let location = place(&places, spotCumulative: spotCumulative)
            let scene = demand.onScene[type] ?? demand.defaultOnScene
            let onScene = min(12 * 3600, max(60, scenes.lognormal(median: scene.medianSeconds, sigma: scene.sigma)))
            // Both draws are made for every call, so one stream's sequence never depends on the other's.
            let followUpDraw = followUps.uniform()
            let followUpLength = followUps.lognormal(median: demand.followUp.medianSeconds, sigma: demand.followUp.sigma)
            let followUp = grade.needsDeployment && followUpDraw < demand.followUpShare ? min(8 * 3600, followUpLength) : 0
            let handlingModel = demand.handling[grade]
            let handlingDraw = handlings.lognormal(median: handlingModel?.medianSeconds ?? 0, sigma: handlingModel?.sigma ?? 0)
            result.append(SimCall(time: t, location: location, grade: grade, type: type, onSceneSeconds: onScene,
                                  followUpSeconds: followUp, handlingSeconds: min(3600, handlingDraw)))
        }
        return result
    }

    /// A call location: near a hot spot, or anywhere in the region; always inside it.
    private func place(_ rng: inout SimRandom, spotCumulative: [Double]) -> LonLat {
        let metresPerDegree = LonLat.earthRadiusMetres * .pi / 180
        for _ in 0..<50 {
            let p: LonLat
            if !hotSpots.isEmpty && rng.uniform() < demand.hotSpotShare {
                let spot = hotSpots[rng.pick(cumulative: spotCumulative)]
                let sigma = max(50, spot.radiusMetres / 2)
                let dy = rng.normal() * sigma, dx = rng.normal() * sigma
                p = LonLat(lon: spot.position.lon + dx / (metresPerDegree * cos(spot.position.lat * .pi / 180)),
                           lat: spot.position.lat + dy / metresPerDegree)
            } else {
                p = LonLat(lon: bounds.west + rng.uniform() * (bounds.east - bounds.west),
                           lat: bounds.south + rng.uniform() * (bounds.north - bounds.south))
            }
            if isInside(p) { return p }
        }
        // A region too thin to hit in fifty tries: fall back to the heaviest hot spot or the box centre.
        return hotSpots.max(by: { $0.weight < $1.weight })?.position
            ?? LonLat(lon: (bounds.west + bounds.east) / 2, lat: (bounds.south + bounds.north) / 2)
    }
}
