/// Incoming route-graph edges per node for one profile: what a search backwards from a
/// destination over the plain graph walks.
struct ReverseAdjacency: Sendable {
    var start: [Int32]
    var tail: [Int32]
    var weight: [UInt32]

    init(graph: RoadGraph, profile: SpeedProfile) {
        let n = graph.routeNodeCount
        var start = [Int32](repeating: 0, count: n + 1)
        for h in graph.edgeHead { start[Int(h) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var tail = [Int32](repeating: 0, count: graph.edgeCount)
        var weight = [UInt32](repeating: 0, count: graph.edgeCount)
        for v in 0..<n {
            for e in Int(graph.edgeStart[v])..<Int(graph.edgeStart[v + 1]) {
                let h = Int(graph.edgeHead[e])
                tail[Int(fill[h])] = Int32(v)
                weight[Int(fill[h])] = graph.weight(road: Int(graph.edgeArc[e]) >> 1, profile: profile)
                fill[h] += 1
            }
        }
        self.start = start
        self.tail = tail
        self.weight = weight
    }

    var memoryBytes: Int { start.count * 4 + tail.count * 4 + weight.count * 4 }
}

extension RoadRouter {
    /// Nodes a backwards search may settle before the scan hands the rest of the question to
    /// PHAST, whose cost does not grow with distance.
    static let scanSettleLimit = 500
    /// When the nearest origin is further than this in a straight line, the backwards search
    /// would settle more nodes than a PHAST sweep costs, so the scan starts with PHAST.
    static let scanDirectMetres = 800.0

    /// Origins in order of travel time, found by a plain Dijkstra search backwards from the
    /// destination that stops as soon as the caller has what it needs. Units are usually close
    /// to an incident, so this settles a few hundred to a few thousand nodes where PHAST sweeps
    /// the whole graph; past `scanSettleLimit` nodes the remaining origins come from PHAST.
    /// Times are the same exact decisecond sums as every other query here.
    public func scanTravelTimes(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile,
                                limit: Double?, _ body: (_ origin: Int, _ seconds: Double) -> Bool) {
        scanTravelTimes(from: origins, to: destination, profile: profile, limit: limit,
                        settleLimit: Self.scanSettleLimit, body)
    }

    /// The scan with an explicit settle limit (tests use a small one to exercise the hand-over).
    func scanTravelTimes(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile,
                         limit: Double? = nil, settleLimit: Int, _ body: (_ origin: Int, _ seconds: Double) -> Bool) {
        guard !origins.isEmpty, graph.roadCount > 0 else { return }
        // The limit in deciseconds; origins beyond it are never handed over.
        let cap: UInt32 = limit.map { $0.isFinite && $0 >= 0 ? UInt32(min($0 * 10, Double(RoadGraph.unreachable - 1))) : RoadGraph.unreachable - 1 }
            ?? RoadGraph.unreachable - 1
        let target = endpoint(destination, profile)
        let reverse = reverseAdjacency[profile.index]
        // Where each origin joins the graph: (node, origin, cost from the origin to the node),
        // sorted by node; a bit per node in the scratch bitset says "someone joins here".
        var joins: [(node: Int32, origin: Int32, cost: UInt32)] = []
        joins.reserveCapacity(2 * origins.count)
        var state = ScanState(count: origins.count, cap: cap)
        for (i, origin) in origins.enumerated() {
            let e = endpoint(origin, profile)
            state.offer(i, e.direct(to: target))
            for seed in e.sourceSeeds(graph) { joins.append((seed.node, Int32(i), seed.deciseconds)) }
        }
        joins.sort { $0.node < $1.node }
        let nearest = origins.reduce(Double.infinity) { min($0, $1.point.groundDistance(to: destination.point)) }

        let finished: Bool = nearest > Self.scanDirectMetres ? true : pool.with { s in
            // Take the scratch buffers out of the pool object for the search (no copies), and
            // put them back clean afterwards.
            var d = s.backward
            s.backward = []
            var marks = s.selected
            s.selected = []
            var touched = s.touchedBackward
            s.touchedBackward = []
            var heap = s.heapBackward
            s.heapBackward = MinHeap()
            defer {
                for v in touched { d[Int(v)] = RoadGraph.unreachable }
                for j in joins { marks[Int(j.node) >> 6] = 0 }
                touched.removeAll(keepingCapacity: true)
                heap.removeAll()
                s.backward = d
                s.selected = marks
                s.touchedBackward = touched
                s.heapBackward = heap
            }
            for j in joins { marks[Int(j.node) >> 6] |= UInt64(1) << UInt64(Int(j.node) & 63) }
            return d.withUnsafeMutableBufferPointer { d -> Bool in
                for seed in target.targetSeeds(graph) where seed.deciseconds < d[Int(seed.node)] {
                    if d[Int(seed.node)] == RoadGraph.unreachable { touched.append(seed.node) }
                    d[Int(seed.node)] = seed.deciseconds
                    heap.push(seed.deciseconds, seed.node)
                }
                return marks.withUnsafeBufferPointer { marks -> Bool in
                return reverse.start.withUnsafeBufferPointer { start -> Bool in
                return reverse.tail.withUnsafeBufferPointer { tail -> Bool in
                return reverse.weight.withUnsafeBufferPointer { weight -> Bool in
                    var settled = 0
                    while state.remaining > 0, let (key, v) = heap.pop() {
                        let vi = Int(v)
                        if key != d[vi] { continue }
                        // Past the limit nothing more can be handed over.
                        if key > cap {
                            _ = state.release(upTo: cap, body)
                            return false
                        }
                        // Everything pending at or below the frontier is final.
                        if !state.release(upTo: key, body) { return false }
                        if marks[vi >> 6] & (UInt64(1) << UInt64(vi & 63)) != 0 {
                            var k = joins.partitionPoint { $0.node < v }
                            while k < joins.count && joins[k].node == v {
                                state.offer(Int(joins[k].origin), joins[k].cost &+ key)
                                k += 1
                            }
                        }
                        settled += 1
                        if settled > settleLimit { return true }
                        for e in Int(start[vi])..<Int(start[vi + 1]) {
                            let u = Int(tail[e])
                            let nd = key &+ weight[e]
                            if nd < d[u] {
                                if d[u] == RoadGraph.unreachable { touched.append(Int32(u)) }
                                d[u] = nd
                                heap.push(nd, Int32(u))
                            }
                        }
                    }
                    // The search ran dry (or every origin is out): what is pending is final.
                    _ = state.release(upTo: RoadGraph.unreachable, body)
                    return false
                }
                }
                }
                }
            }
        }
        let emitted = state.emitted
        let remaining = state.remaining
        // Past the settle limit: the rest from PHAST, in order. Everything handed over so far is
        // no later than the frontier, and everything left is no earlier, so order is kept.
        guard finished, remaining > 0 else { return }
        let rest = (0..<origins.count).filter { !emitted[$0] }
        let times = deciseconds(from: rest.map { origins[$0] }, to: destination, profile: profile)
        let order = rest.indices.filter { times[$0].map { $0 <= cap } ?? false }.sorted { (times[$0] ?? 0, rest[$0]) < (times[$1] ?? 0, rest[$1]) }
        for k in order { if let t = times[k], !body(rest[k], Double(t) / 10) { return } }
    }
}

/// The bookkeeping of one scan: each origin's best time so far, which are handed over, and the
/// pending ones in order. A struct kept in a local, so its updates need no runtime checks.
struct ScanState {
    var best: [UInt32]
    var emitted: [Bool]
    var pending = MinHeap()
    var remaining: Int
    let cap: UInt32

    init(count: Int, cap: UInt32) {
        best = [UInt32](repeating: RoadGraph.unreachable, count: count)
        emitted = [Bool](repeating: false, count: count)
        remaining = count
        self.cap = cap
    }

    /// A candidate time for an origin.
    mutating func offer(_ origin: Int, _ time: UInt32) {
        guard !emitted[origin], time < best[origin] else { return }
        best[origin] = time
        pending.push(time, Int32(origin))
    }

    /// Hands over every pending origin whose time can no longer improve (≤ `bound`, and within
    /// the cap); false once the caller is done.
    mutating func release(upTo bound: UInt32, _ body: (_ origin: Int, _ seconds: Double) -> Bool) -> Bool {
        let limit = min(bound, cap)
        while let key = pending.minKey, key <= limit, let (d, i) = pending.pop() {
            let o = Int(i)
            guard !emitted[o], d == best[o] else { continue }
            emitted[o] = true
            remaining -= 1
            if !body(o, Double(d) / 10) { return false }
        }
        return true
    }
}

extension Array {
    /// The first index whose element fails `belongsBefore` (the array is partitioned by it).
    func partitionPoint(_ belongsBefore: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongsBefore(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
