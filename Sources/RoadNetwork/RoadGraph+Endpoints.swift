import GeoKit

/// A route node reached at a cost: where a search starts or ends.
struct Seed: Hashable {
    var node: Int32
    var deciseconds: UInt32
}

/// How a snapped location joins the route graph, under one profile.
///
/// A location on road `r` at fraction `f` with off-road distance `m`:
/// - leaving it, the vehicle drives to the head of each drivable arc of `r`
///   (`w − round(f·w)` forward, `round(f·w)` backward), after `m` off road;
/// - arriving at it, the vehicle comes from any tail of a drivable arc of `r`
///   (`round(f·w)` forward, `w − round(f·w)` backward), then `m` off road;
/// - two locations on the same road are also joined directly along it, where its direction allows.
/// Off-road metres are covered at `offRoadKmh` (documented on `RoadRouter`).
struct Endpoint {
    var road: Int
    var forward: Bool
    var backward: Bool
    /// Deciseconds from the road's start to the location along the road.
    var along: UInt32
    /// Deciseconds of the whole road.
    var weight: UInt32
    /// Deciseconds off road.
    var offRoad: UInt32

    init(road: Int, forward: Bool, backward: Bool, along: UInt32, weight: UInt32, offRoad: UInt32) {
        self.road = road
        self.forward = forward
        self.backward = backward
        self.along = along
        self.weight = weight
        self.offRoad = offRoad
    }

    init(_ location: RoadLocation, graph: RoadGraph, profile: SpeedProfile, offRoadKmh: Double) {
        road = Int(location.anchor)
        let directions = graph.roadDirections[road]
        forward = directions & 1 != 0
        backward = directions & 2 != 0
        weight = graph.weight(road: road, profile: profile)
        along = Self.along(fraction: location.fraction, weight: weight)
        offRoad = Self.offRoad(metres: location.offRoadMetres, decisecondsPerMetre: Self.decisecondsPerMetre(offRoadKmh))
    }

    /// Deciseconds from a road's start to `fraction` of the way along it.
    @inline(__always)
    static func along(fraction: Float, weight: UInt32) -> UInt32 {
        let f = Double(min(max(fraction, 0), 1))
        return min(weight, UInt32((f * Double(weight)).rounded()))
    }

    /// Deciseconds per metre at `kmh`.
    @inline(__always)
    static func decisecondsPerMetre(_ kmh: Double) -> Double { 36 / kmh }

    /// Deciseconds to cover `metres` off road.
    @inline(__always)
    static func offRoad(metres: Float, decisecondsPerMetre: Double) -> UInt32 {
        let m = Double(metres)
        guard m.isFinite, m > 0 else { return 0 }
        return UInt32(min((m * decisecondsPerMetre).rounded(), Double(RoadGraph.maxWeight)))
    }

    /// Route nodes reached on leaving the location, with their cost.
    func sourceSeeds(_ graph: RoadGraph) -> [Seed] {
        var seeds: [Seed] = []
        if forward { seeds.append(Seed(node: graph.arcHead[2 * road], deciseconds: offRoad + weight - along)) }
        if backward { seeds.append(Seed(node: graph.arcHead[2 * road + 1], deciseconds: offRoad + along)) }
        return seeds
    }

    /// Route nodes from which the location is reached, with the cost from there.
    func targetSeeds(_ graph: RoadGraph) -> [Seed] {
        var seeds: [Seed] = []
        if forward {
            let a = 2 * road
            for t in graph.arcTailStart[a]..<graph.arcTailStart[a + 1] {
                seeds.append(Seed(node: graph.arcTails[Int(t)], deciseconds: along + offRoad))
            }
        }
        if backward {
            let a = 2 * road + 1
            for t in graph.arcTailStart[a]..<graph.arcTailStart[a + 1] {
                seeds.append(Seed(node: graph.arcTails[Int(t)], deciseconds: weight - along + offRoad))
            }
        }
        return seeds
    }

    /// Deciseconds straight along a shared road from `self` to `target`, when both are on it and
    /// its direction allows; `RoadGraph.unreachable` otherwise.
    func direct(to target: Endpoint) -> UInt32 {
        guard road == target.road else { return RoadGraph.unreachable }
        if forward, target.along >= along { return offRoad + target.offRoad + (target.along - along) }
        if backward, target.along <= along { return offRoad + target.offRoad + (along - target.along) }
        return RoadGraph.unreachable
    }
}

extension RoadGraph {
    /// Whether `location` is anchored on a road of this graph.
    func isAnchored(_ location: RoadLocation) -> Bool {
        location.anchor >= 0 && Int(location.anchor) < roadCount
    }
}
