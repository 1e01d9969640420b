import GeoKit

/// How a vehicle drives: at normal road speeds, or responding under blue lights.
public enum SpeedProfile: String, Sendable, Hashable, CaseIterable, Codable {
    case normal
    case emergency
}

/// A point tied to the road network, computed once (per GPS ping, per incident) and reused by
/// every travel-time query that involves it.
public struct RoadLocation: Sendable, Hashable {
    /// Where the point really is.
    public var point: LonLat
    /// Which element of the network the point snapped to (an edge index for a road graph);
    /// `-1` when the service has no road graph and works from straight-line distance.
    public var anchor: Int32
    /// Position along the anchor edge, 0 at its source and 1 at its target.
    public var fraction: Float
    /// Straight-line distance from the point to the road, in metres; it counts in travel times.
    public var offRoadMetres: Float

    public init(point: LonLat, anchor: Int32 = -1, fraction: Float = 0, offRoadMetres: Float = 0) {
        self.point = point
        self.anchor = anchor
        self.fraction = fraction
        self.offRoadMetres = offRoadMetres
    }
}

/// Travel times by road, the only way `DispatchCore` learns how long a unit takes to arrive.
///
/// Implemented by the contraction-hierarchy router over an imported or generated road graph, and by
/// a straight-line model (circuity factor, area speeds) where a region has no road network.
/// Times are seconds; `Double.infinity` means unreachable (or beyond the limit asked for).
public protocol TravelTimeService: Sendable {
    /// Snaps a point to the network.
    func locate(_ point: LonLat) -> RoadLocation

    /// Seconds from each origin to one destination (units converging on an incident).
    /// - Parameter limit: origins further than this many seconds may be reported as `.infinity`.
    func travelTimes(from origins: [RoadLocation], to destination: RoadLocation,
                     profile: SpeedProfile, limit: Double?) -> [Double]

    /// Seconds from one point to another.
    func travelTime(from origin: RoadLocation, to destination: RoadLocation, profile: SpeedProfile) -> Double

    /// Hands the origins to `body` in order of travel time to the destination, soonest first
    /// (ties by index), with their seconds, until `body` returns false. Unreachable origins, and
    /// origins further than `limit` seconds, are never handed over. A caller that only needs the
    /// best few stops early, and an implementation may then do less work than `travelTimes` would.
    func scanTravelTimes(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile,
                         limit: Double?, _ body: (_ origin: Int, _ seconds: Double) -> Bool)
}

extension TravelTimeService {
    /// The straightforward scan: every travel time at once, then in order.
    public func scanTravelTimes(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile,
                                limit: Double?, _ body: (_ origin: Int, _ seconds: Double) -> Bool) {
        guard !origins.isEmpty else { return }
        let times = travelTimes(from: origins, to: destination, profile: profile, limit: limit)
        let order = times.indices.filter { times[$0].isFinite }.sorted { (times[$0], $0) < (times[$1], $1) }
        for i in order where !body(i, times[i]) { return }
    }
}

extension TravelTimeService {
    /// The scan without a limit.
    public func scanTravelTimes(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile,
                                _ body: (_ origin: Int, _ seconds: Double) -> Bool) {
        scanTravelTimes(from: origins, to: destination, profile: profile, limit: nil, body)
    }
}
