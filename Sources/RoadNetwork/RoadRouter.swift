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
    /// What the many-to-one loop needs about each road, per profile, in one place (one cache line
    /// per unit instead of four).
    let originTable: [[OriginEntry]]
    let grid: SegmentGrid
    let pool: ScratchPool<CHScratch>
    /// Incoming edges per profile, for the backwards searches of `scanTravelTimes`.
    let reverseAdjacency: [ReverseAdjacency]

    /// Builds the hierarchies for both profiles (in parallel) and the snapping grid.
    public convenience init(graph: RoadGraph, offRoadKmh: Double = RoadRouter.defaultOffRoadKmh) {
        let built = ContractionHierarchy.buildAll(graph: graph)
        self.init(graph: graph, hierarchies: built, offRoadKmh: offRoadKmh)
    }

    init(graph: RoadGraph, hierarchies: [ContractionHierarchy], offRoadKmh: Double) {
        self.graph = graph
        self.hierarchies = hierarchies
        originTable = SpeedProfile.allCases.map { profile in
            let ch = hierarchies[profile.index]
            return (0..<graph.roadCount).map { r in
                let forward = graph.arcHead[2 * r], backward = graph.arcHead[2 * r + 1]
                return OriginEntry(weight: graph.roadWeight[profile.index][r],
                                   forwardHead: forward >= 0 ? ch.position[Int(forward)] : -1,
                                   backwardHead: backward >= 0 ? ch.position[Int(backward)] : -1)
            }
        }
        self.offRoadKmh = offRoadKmh > 0 && offRoadKmh.isFinite ? offRoadKmh : RoadRouter.defaultOffRoadKmh
        grid = SegmentGrid(graph: graph)
        reverseAdjacency = SpeedProfile.allCases.map { ReverseAdjacency(graph: graph, profile: $0) }
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
            + originTable.reduce(0) { $0 + $1.count * MemoryLayout<OriginEntry>.stride }
    }

    /// Snaps `point` to the nearest road (metres on the ground); always answers when the graph has roads.
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

    /// Seconds from `origin` to `destination` (bidirectional CH); `.infinity` when unreachable.
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

    /// Seconds from each origin to one destination (PHAST); `.infinity` when unreachable or beyond `limit`.
    public func travelTimes(from origins: [RoadLocation], to destination: RoadLocation,
                            profile: SpeedProfile, limit: Double?) -> [Double] {
        let cap = limit.map { $0 * 10 } ?? .infinity
        var result = [Double](repeating: .infinity, count: origins.count)
        manyToOne(origins, destination, profile) { i, ds in
            if Double(ds) <= cap { result[i] = Double(ds) / 10 }
        }
        return result
    }

    /// Exact travel times in deciseconds from each origin to one destination (`nil`: unreachable).
    public func deciseconds(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile) -> [UInt32?] {
        var result = [UInt32?](repeating: nil, count: origins.count)
        manyToOne(origins, destination, profile) { i, ds in result[i] = ds }
        return result
    }

    /// Up to this many origins, many-to-one sweeps only the positions their answers depend on.
    static let restrictedSweepOrigins = 256

    /// PHAST from the destination, then one look-up per origin; calls `found(i, deciseconds)` for
    /// each reachable origin. The per-origin loop works on raw buffers: it runs 8,000 times a query.
    private func manyToOne(_ origins: [RoadLocation], _ destination: RoadLocation, _ profile: SpeedProfile,
                           _ found: (Int, UInt32) -> Void) {
        guard !origins.isEmpty, graph.roadCount > 0 else { return }
        let target = endpoint(destination, profile)
        let ch = hierarchies[profile.index]
        let perMetre = Endpoint.decisecondsPerMetre(offRoadKmh)
        let roadCount = graph.roadCount
        pool.with { scratch in
            if origins.count <= Self.restrictedSweepOrigins {
                // Few origins: sweep only what their answers depend on.
                var heads: [Int32] = []
                heads.reserveCapacity(2 * origins.count)
                let table = originTable[profile.index]
                for o in origins {
                    let road = o.anchor >= 0 && Int(o.anchor) < roadCount ? Int(o.anchor) : Int(locate(o.point).anchor)
                    guard road >= 0 else { continue }
                    heads.append(table[road].forwardHead)
                    heads.append(table[road].backwardHead)
                }
                ch.distancesToTarget(target.targetSeeds(graph), scratch: scratch, restrictedTo: heads)
            } else {
                ch.distancesToTarget(target.targetSeeds(graph), scratch: scratch)
            }
            scratch.sweep.withUnsafeBufferPointer { toTarget in
            originTable[profile.index].withUnsafeBufferPointer { table in
            origins.withUnsafeBufferPointer { origins in
                for i in 0..<origins.count {
                    var o = origins[i]
                    if o.anchor < 0 || Int(o.anchor) >= roadCount { o = locate(o.point) }
                    let road = Int(o.anchor)
                    let entry = table[road]
                    let w = entry.weight
                    let along = Endpoint.along(fraction: o.fraction, weight: w)
                    let off = Endpoint.offRoad(metres: o.offRoadMetres, decisecondsPerMetre: perMetre)
                    var best = RoadGraph.unreachable
                    if road == target.road {
                        let e = Endpoint(road: road, forward: entry.forwardHead >= 0, backward: entry.backwardHead >= 0,
                                         along: along, weight: w, offRoad: off)
                        best = e.direct(to: target)
                    }
                    if entry.forwardHead >= 0 {
                        let via = off + (w - along) + toTarget[Int(entry.forwardHead)]
                        if via < best { best = via }
                    }
                    if entry.backwardHead >= 0 {
                        let via = off + along + toTarget[Int(entry.backwardHead)]
                        if via < best { best = via }
                    }
                    if best < RoadGraph.unreachable { found(i, best) }
                }
            }
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

/// A road as the many-to-one loop sees it under one profile: its deciseconds and the hierarchy
/// positions of the heads of its two directions (-1 where not drivable).
struct OriginEntry: Sendable {
    var weight: UInt32
    var forwardHead: Int32
    var backwardHead: Int32
}

/// Collects per-profile results across threads.
private final class ResultBox: @unchecked Sendable {
    // Safety: `values` is only touched while `lock` is held.
    private let lock = NSLock()
    private var values: [Int: ContractionHierarchy] = [:]
    func set(_ i: Int, _ ch: ContractionHierarchy) { lock.lock(); values[i] = ch; lock.unlock() }
    func value(_ i: Int) -> ContractionHierarchy? { lock.lock(); defer { lock.unlock() }; return values[i] }
}
