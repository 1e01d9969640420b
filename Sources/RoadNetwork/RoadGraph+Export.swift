extension RoadGraph {
    /// One directed route edge, for exporting the graph to another router (e.g. pgRouting).
    public struct RouteEdge: Sendable, Hashable {
        /// Route node the edge leaves (0 ..< routeNodeCount).
        public var tail: Int
        /// Route node the edge enters.
        public var head: Int
        /// Travel time in deciseconds under the profile asked for.
        public var deciseconds: UInt32
    }

    /// Every directed route edge with its weight under `profile`, in route-node order.
    public func routeEdges(profile: SpeedProfile) -> [RouteEdge] {
        var edges: [RouteEdge] = []
        edges.reserveCapacity(edgeCount)
        for v in 0..<routeNodeCount {
            for e in Int(edgeStart[v])..<Int(edgeStart[v + 1]) {
                edges.append(RouteEdge(tail: v, head: Int(edgeHead[e]),
                                       deciseconds: weight(road: Int(edgeArc[e]) >> 1, profile: profile)))
            }
        }
        return edges
    }

    /// The route node a vehicle at `location` reaches first when it drives off (the head of the
    /// first drivable direction of its road); `nil` when the location is not anchored here.
    public func departureNode(of location: RoadLocation) -> Int? {
        guard isAnchored(location) else { return nil }
        let r = Int(location.anchor)
        let arc = roadDirections[r] & 1 != 0 ? 2 * r : 2 * r + 1
        return arcHead[arc] >= 0 ? Int(arcHead[arc]) : nil
    }

    /// A route node from which `location` is reached along its road (a tail of its first drivable
    /// direction); `nil` when the location is not anchored here.
    public func arrivalNode(of location: RoadLocation) -> Int? {
        guard isAnchored(location) else { return nil }
        let r = Int(location.anchor)
        let arc = roadDirections[r] & 1 != 0 ? 2 * r : 2 * r + 1
        return arcTailStart[arc] < arcTailStart[arc + 1] ? Int(arcTails[Int(arcTailStart[arc])]) : nil
    }
}
