import Foundation
import GeoKit

/// Travel times by road over a `RoadGraph`, answered with contraction hierarchies: the
/// `TravelTimeService` BlueLamp uses wherever a region has a road network.
///
/// - `locate` snaps a point to the nearest road (metres on the ground, segment grid).
/// - `travelTime` is a bidirectional upward search in the hierarchy.
/// - `travelTimes(from:to:…)` (many units → one incident) is PHAST: one upward search backwards
///   from the incident, one linear sweep over all nodes, then a look-up per origin.
///
/// The distance between a point and its road counts at `offRoadKmh` (10 km/h by default: a car
/// park, a footpath, a park or a riverbank walked or crawled), so every point gets an answer.
/// Times are exact sums of per-road deciseconds, identical to `DijkstraReference`'s.
/// Safe for concurrent queries: each takes its own scratch buffers from a pool.
public final class RoadRouter: TravelTimeService, Sendable {
    /// Default speed between a point and its road, km/h.
    public static let defaultOffRoadKmh = 10.0

    /// The graph queried.
    public let graph: RoadGraph
    /// Speed over the off-road part of a trip, km/h.
    public let offRoadKmh: Double
    let hierarchies: [ContractionHierarchy]
    let grid: SegmentGrid
    let pool: ScratchPool<CHScratch>

    /// Builds the hierarchies for both profiles (in parallel) and the snapping grid.
    public convenience init(graph: RoadGraph, offRoadKmh: Double = RoadRouter.defaultOffRoadKmh) {
        let built = ContractionHierarchy.buildAll(graph: graph)
        self.init(graph: graph, hierarchies: built, offRoadKmh: offRoadKmh)
    }

    init(graph: RoadGraph, hierarchies: [ContractionHierarchy], offRoadKmh: Double) {
        self.graph = graph
        self.hierarchies = hierarchies
        self.offRoadKmh = offRoadKmh > 0 && offRoadKmh.isFinite ? offRoadKmh : RoadRouter.defaultOffRoadKmh
        grid = SegmentGrid(graph: graph)
        let n = graph.routeNodeCount
        pool = ScratchPool { CHScratch(nodeCount: n) }
    }

    /// Shortcuts added per profile.
    public var shortcutCounts: [SpeedProfile: Int] {
        [.normal: hierarchies[0].shortcutCount, .emergency: hierarchies[1].shortcutCount]
    }

    /// Approximate bytes held by the graph, the hierarchies and the snapping grid.
    public var memoryBytes: Int {
        graph.memoryBytes + hierarchies.reduce(0) { $0 + $1.memoryBytes }
            + grid.cellStart.count * 4 + grid.cellItems.count * 4 + grid.pointRoad.count * 8
    }

    public func locate(_ point: LonLat) -> RoadLocation {
        grid.nearest(to: point, graph: graph)
    }

    /// `location` itself when it is anchored on this graph, otherwise its point snapped afresh.
    func anchored(_ location: RoadLocation) -> RoadLocation {
        graph.isAnchored(location) ? location : locate(location.point)
    }

    func endpoint(_ location: RoadLocation, _ profile: SpeedProfile) -> Endpoint {
        Endpoint(anchored(location), graph: graph, profile: profile, offRoadKmh: offRoadKmh)
    }

    public func travelTime(from origin: RoadLocation, to destination: RoadLocation, profile: SpeedProfile) -> Double {
        guard let ds = deciseconds(from: origin, to: destination, profile: profile) else { return .infinity }
        return Double(ds) / 10
    }

    /// Exact travel time in deciseconds, or `nil` when unreachable.
    public func deciseconds(from origin: RoadLocation, to destination: RoadLocation, profile: SpeedProfile) -> UInt32? {
        guard graph.roadCount > 0 else { return nil }
        let source = endpoint(origin, profile), target = endpoint(destination, profile)
        let best = pool.with { scratch in
            hierarchies[profile.index].pointToPoint(sources: source.sourceSeeds(graph), targets: target.targetSeeds(graph),
                                                    direct: source.direct(to: target), scratch: scratch)
        }
        return best < RoadGraph.unreachable ? best : nil
    }

    public func travelTimes(from origins: [RoadLocation], to destination: RoadLocation,
                            profile: SpeedProfile, limit: Double?) -> [Double] {
        let ds = deciseconds(from: origins, to: destination, profile: profile)
        let cap = limit.map { $0 * 10 } ?? .infinity
        return ds.map { d in
            guard let d, Double(d) <= cap else { return .infinity }
            return Double(d) / 10
        }
    }

    /// Exact travel times in deciseconds from each origin to one destination (`nil`: unreachable).
    public func deciseconds(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile) -> [UInt32?] {
        guard !origins.isEmpty else { return [] }
        guard graph.roadCount > 0 else { return origins.map { _ in nil } }
        let target = endpoint(destination, profile)
        let ch = hierarchies[profile.index]
        return pool.with { scratch in
            ch.distancesToTarget(target.targetSeeds(graph), scratch: scratch)
            return scratch.sweep.withUnsafeBufferPointer { toTarget in
                origins.map { origin -> UInt32? in
                    let e = endpoint(origin, profile)
                    var best = e.direct(to: target)
                    if e.forward {
                        let head = Int(ch.position[Int(graph.arcHead[2 * e.road])])
                        best = min(best, e.offRoad + (e.weight - e.along) + toTarget[head])
                    }
                    if e.backward {
                        let head = Int(ch.position[Int(graph.arcHead[2 * e.road + 1])])
                        best = min(best, e.offRoad + e.along + toTarget[head])
                    }
                    return best < RoadGraph.unreachable ? best : nil
                }
            }
        }
    }

    /// The origins that reach `destination` within `seconds`, with their travel times, soonest first
    /// (ties by index): "every unit within T minutes of this incident".
    public func origins(_ origins: [RoadLocation], reaching destination: RoadLocation, within seconds: Double,
                        profile: SpeedProfile) -> [(index: Int, seconds: Double)] {
        let times = travelTimes(from: origins, to: destination, profile: profile, limit: seconds)
        return times.enumerated().compactMap { $0.element.isFinite ? ($0.offset, $0.element) : nil }
            .sorted { $0.seconds < $1.seconds || ($0.seconds == $1.seconds && $0.index < $1.index) }
    }
}

extension ContractionHierarchy {
    /// Hierarchies for every profile, contracted in parallel.
    static func buildAll(graph: RoadGraph) -> [ContractionHierarchy] {
        let profiles = SpeedProfile.allCases
        let box = ResultBox()
        DispatchQueue.concurrentPerform(iterations: profiles.count) { i in
            box.set(i, ContractionHierarchy(graph: graph, profile: profiles[i]))
        }
        return profiles.indices.map { box.value($0) ?? ContractionHierarchy(graph: graph, profile: profiles[$0]) }
    }
}

/// Collects per-profile results across threads.
private final class ResultBox: @unchecked Sendable {
    // Safety: `values` is only touched while `lock` is held.
    private let lock = NSLock()
    private var values: [Int: ContractionHierarchy] = [:]
    func set(_ i: Int, _ ch: ContractionHierarchy) { lock.lock(); values[i] = ch; lock.unlock() }
    func value(_ i: Int) -> ContractionHierarchy? { lock.lock(); defer { lock.unlock() }; return values[i] }
}
