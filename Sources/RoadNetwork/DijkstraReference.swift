/// Plain Dijkstra over the route graph, with the same endpoints and rounding as the fast router:
/// the reference that contraction-hierarchy answers are tested against. Not for production use.
public struct DijkstraReference: Sendable {
    /// The graph searched.
    public let graph: RoadGraph
    /// Speed over ground between a point and its road, km/h (as in `RoadRouter`).
    public let offRoadKmh: Double

    /// A reference router over `graph`, with the same off-road speed as the router it checks.
    public init(graph: RoadGraph, offRoadKmh: Double = RoadRouter.defaultOffRoadKmh) {
        self.graph = graph
        self.offRoadKmh = offRoadKmh
    }

    /// Deciseconds from `origin` to `destination` (both anchored on this graph), or `nil` when unreachable.
    public func deciseconds(from origin: RoadLocation, to destination: RoadLocation, profile: SpeedProfile) -> UInt32? {
        let source = Endpoint(origin, graph: graph, profile: profile, offRoadKmh: offRoadKmh)
        let target = Endpoint(destination, graph: graph, profile: profile, offRoadKmh: offRoadKmh)
        var best = source.direct(to: target)
        var exit = [Int32: UInt32]()
        for seed in target.targetSeeds(graph) { exit[seed.node] = min(exit[seed.node] ?? .max, seed.deciseconds) }

        let n = graph.routeNodeCount
        var dist = [UInt32](repeating: RoadGraph.unreachable, count: n)
        var heap = MinHeap()
        for seed in source.sourceSeeds(graph) where seed.deciseconds < dist[Int(seed.node)] {
            dist[Int(seed.node)] = seed.deciseconds
            heap.push(seed.deciseconds, seed.node)
        }
        while let (d, v) = heap.pop() {
            if d != dist[Int(v)] { continue }
            if d >= best { break }
            if let out = exit[v] { best = min(best, d + out) }
            for e in Int(graph.edgeStart[Int(v)])..<Int(graph.edgeStart[Int(v) + 1]) {
                let w = graph.weight(road: Int(graph.edgeArc[e]) >> 1, profile: profile)
                let h = Int(graph.edgeHead[e])
                if d + w < dist[h] {
                    dist[h] = d + w
                    heap.push(d + w, Int32(h))
                }
            }
        }
        return best < RoadGraph.unreachable ? best : nil
    }

    /// Deciseconds from each origin to `destination` by one full reverse Dijkstra (`nil`: unreachable).
    public func deciseconds(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile) -> [UInt32?] {
        let toDestination = decisecondsToAllNodes(of: destination, profile: profile)
        let target = Endpoint(destination, graph: graph, profile: profile, offRoadKmh: offRoadKmh)
        return origins.map { origin in
            let source = Endpoint(origin, graph: graph, profile: profile, offRoadKmh: offRoadKmh)
            var best = source.direct(to: target)
            for seed in source.sourceSeeds(graph) { best = min(best, seed.deciseconds + toDestination[Int(seed.node)]) }
            return best < RoadGraph.unreachable ? best : nil
        }
    }

    /// Deciseconds from every route node to `destination` (a full reverse Dijkstra), for checks.
    public func decisecondsToAllNodes(of destination: RoadLocation, profile: SpeedProfile) -> [UInt32] {
        let target = Endpoint(destination, graph: graph, profile: profile, offRoadKmh: offRoadKmh)
        return reverseDijkstra(from: target.targetSeeds(graph), profile: profile)
    }

    /// Deciseconds from every route node to route node `node` (`nil` entries: unreachable), for
    /// checking routers that work between nodes, such as pgRouting.
    public func decisecondsToAllNodes(ofRouteNode node: Int, profile: SpeedProfile) -> [UInt32?] {
        reverseDijkstra(from: [Seed(node: Int32(node), deciseconds: 0)], profile: profile)
            .map { $0 < RoadGraph.unreachable ? $0 : nil }
    }

    private func reverseDijkstra(from seeds: [Seed], profile: SpeedProfile) -> [UInt32] {
        let n = graph.routeNodeCount
        let reverse = ReverseAdjacency(graph: graph, profile: profile)
        var dist = [UInt32](repeating: RoadGraph.unreachable, count: n)
        var heap = MinHeap()
        for seed in seeds where seed.deciseconds < dist[Int(seed.node)] {
            dist[Int(seed.node)] = seed.deciseconds
            heap.push(seed.deciseconds, seed.node)
        }
        while let (d, v) = heap.pop() {
            if d != dist[Int(v)] { continue }
            for e in Int(reverse.start[Int(v)])..<Int(reverse.start[Int(v) + 1]) {
                let t = Int(reverse.tail[e])
                if d + reverse.weight[e] < dist[t] {
                    dist[t] = d + reverse.weight[e]
                    heap.push(d + reverse.weight[e], Int32(t))
                }
            }
        }
        return dist
    }
}
