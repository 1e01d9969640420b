extension ContractionHierarchy {
    /// Contracts the route graph of `graph` under `profile`.
    ///
    /// Node order: lazy-updated priority `2·added/removed + 4·addedHops/removedHops + depth` (edge
    /// quotient, original-edge quotient — a shortcut's hops are the original edges it stands for —
    /// and hierarchy depth). Updates are lazy only: a node's priority is recomputed when it is popped
    /// and it is queued again if it got worse; neighbours of a contracted node only get their depth
    /// raised. Measured on the generated region (38 k nodes): 4× less preprocessing than also
    /// recomputing every neighbour, for ~10 % more shortcuts and the same query times.
    /// Witness searches are bounded Dijkstras that skip the node being contracted; when a search
    /// stops at its settle limit the shortcut is added anyway, which is always safe.
    init(graph: RoadGraph, profile: SpeedProfile) {
        var c = Contractor(graph: graph, profile: profile)
        self = c.run()
    }
}

/// An edge while contracting: the other end, weight, and how many original edges it stands for.
private struct WorkEdge {
    var node: Int32
    var weight: UInt32
    var hops: UInt32
}

/// The mutable state of a contraction run.
private struct Contractor {
    static let simulateLimit = 100
    static let contractLimit = 500

    let n: Int
    var outAdj: [[WorkEdge]]
    var inAdj: [[WorkEdge]]
    var contracted: [Bool]
    var level: [Int32]
    // Witness search buffers.
    var dist: [UInt32]
    var touched: [Int32] = []
    /// Witness-search targets still unsettled: `targetMark[v] == stamp` marks a target.
    var targetMark: [UInt32]
    var stamp: UInt32 = 0
    var heap = MinHeap(capacity: 1024)
    var shortcutCount = 0

    init(graph: RoadGraph, profile: SpeedProfile) {
        n = graph.routeNodeCount
        outAdj = [[WorkEdge]](repeating: [], count: n)
        inAdj = [[WorkEdge]](repeating: [], count: n)
        targetMark = [UInt32](repeating: 0, count: n)
        contracted = [Bool](repeating: false, count: n)
        level = [Int32](repeating: 0, count: n)
        dist = [UInt32](repeating: RoadGraph.unreachable, count: n)
        for v in 0..<n {
            for e in Int(graph.edgeStart[v])..<Int(graph.edgeStart[v + 1]) {
                let h = graph.edgeHead[e]
                if Int(h) == v { continue }
                addEdge(Int32(v), h, graph.weight(road: Int(graph.edgeArc[e]) >> 1, profile: profile), hops: 1)
            }
        }
    }

    /// Adds `u → v` or lowers its weight; keeps the lighter of parallel edges.
    mutating func addEdge(_ u: Int32, _ v: Int32, _ w: UInt32, hops: UInt32) {
        if let i = outAdj[Int(u)].firstIndex(where: { $0.node == v }) {
            guard w < outAdj[Int(u)][i].weight else { return }
            outAdj[Int(u)][i].weight = w
            outAdj[Int(u)][i].hops = hops
            if let j = inAdj[Int(v)].firstIndex(where: { $0.node == u }) { inAdj[Int(v)][j].weight = w; inAdj[Int(v)][j].hops = hops }
            return
        }
        outAdj[Int(u)].append(WorkEdge(node: v, weight: w, hops: hops))
        inAdj[Int(v)].append(WorkEdge(node: u, weight: w, hops: hops))
    }

    /// Bounded Dijkstra from `source` avoiding `avoid`; stops once every marked target is settled.
    /// Leaves distances in `dist` (reset by `clearSearch`). Works on raw buffers: it is the hot loop
    /// of preprocessing.
    mutating func witnessSearch(from source: Int32, avoid: Int32, bound: UInt32, settleLimit: Int, targets: Int) {
        var heap = self.heap
        self.heap = MinHeap()
        defer { heap.removeAll(); self.heap = heap }
        let stamp = self.stamp
        outAdj.withUnsafeBufferPointer { adjacency in
        targetMark.withUnsafeBufferPointer { targetMark in
        dist.withUnsafeMutableBufferPointer { dist in
            dist[Int(source)] = 0
            touched.append(source)
            heap.push(0, source)
            var settled = 0
            var remaining = targets
            while let (d, v) = heap.pop() {
                if d != dist[Int(v)] { continue }
                if d > bound { break }
                if targetMark[Int(v)] == stamp {
                    remaining -= 1
                    if remaining == 0 { break }
                }
                settled += 1
                if settled > settleLimit { break }
                adjacency[Int(v)].withUnsafeBufferPointer { edges in
                    for e in edges where e.node != avoid {
                        let nd = d + e.weight
                        let x = Int(e.node)
                        // Beyond the bound nothing can be a witness: never queue it.
                        if nd <= bound, nd < dist[x] {
                            if dist[x] == RoadGraph.unreachable { touched.append(e.node) }
                            dist[x] = nd
                            heap.push(nd, e.node)
                        }
                    }
                }
            }
        }
        }
        }
    }

    mutating func clearSearch() {
        for v in touched { dist[Int(v)] = RoadGraph.unreachable }
        touched.removeAll(keepingCapacity: true)
    }

    /// The shortcuts contracting `v` needs (or, when `collect` is false, just their number and hops).
    mutating func shortcuts(of v: Int32, settleLimit: Int, collect: Bool) -> (count: Int, hops: Int, list: [(Int32, Int32, UInt32, UInt32)]) {
        var count = 0, hops = 0
        var list: [(Int32, Int32, UInt32, UInt32)] = []
        let outs = outAdj[Int(v)]
        guard !outs.isEmpty else { return (0, 0, []) }
        for inEdge in inAdj[Int(v)] {
            let u = inEdge.node
            var bound: UInt32 = 0
            stamp &+= 1
            if stamp == 0 {
                for i in targetMark.indices { targetMark[i] = 0 }
                stamp = 1
            }
            var targets = 0
            for o in outs where o.node != u {
                bound = max(bound, inEdge.weight + o.weight)
                if targetMark[Int(o.node)] != stamp { targetMark[Int(o.node)] = stamp; targets += 1 }
            }
            if targets == 0 { continue }
            witnessSearch(from: u, avoid: v, bound: bound, settleLimit: settleLimit, targets: targets)
            for o in outs where o.node != u {
                let via = inEdge.weight + o.weight
                if dist[Int(o.node)] > via {
                    count += 1
                    hops += Int(inEdge.hops + o.hops)
                    if collect { list.append((u, o.node, via, inEdge.hops + o.hops)) }
                }
            }
            clearSearch()
        }
        return (count, hops, list)
    }

    /// The node's priority as a heap key (lower is contracted sooner).
    mutating func priority(_ v: Int32) -> UInt32 {
        let sim = shortcuts(of: v, settleLimit: Self.simulateLimit, collect: false)
        let removed = outAdj[Int(v)].count + inAdj[Int(v)].count
        let removedHops = outAdj[Int(v)].reduce(0) { $0 + Int($1.hops) } + inAdj[Int(v)].reduce(0) { $0 + Int($1.hops) }
        let edgeQuotient = removed == 0 ? 0 : Double(sim.count) / Double(removed)
        let hopQuotient = removedHops == 0 ? 0 : Double(sim.hops) / Double(removedHops)
        let p = 2 * edgeQuotient + 4 * hopQuotient + Double(level[Int(v)])
        return UInt32(min(p * 1000, Double(UInt32.max - 1)))
    }

    mutating func run() -> ContractionHierarchy {
        var key = [UInt32](repeating: 0, count: n)
        var queue = MinHeap(capacity: n)
        for v in 0..<n {
            key[v] = priority(Int32(v))
            queue.push(key[v], Int32(v))
        }
        var order: [Int32] = []
        order.reserveCapacity(n)
        var finalUp = [[CHEdge]](repeating: [], count: n)
        var finalDown = [[CHEdge]](repeating: [], count: n)
        while let (k, v) = queue.pop() {
            if contracted[Int(v)] || k != key[Int(v)] { continue }
            let p = priority(v)
            if let next = queue.minKey, p > next {
                key[Int(v)] = p
                queue.push(p, v)
                continue
            }
            // Contract v: its remaining edges all lead to nodes contracted later (more important).
            let added = shortcuts(of: v, settleLimit: Self.contractLimit, collect: true).list
            contracted[Int(v)] = true
            order.append(v)
            finalUp[Int(v)] = outAdj[Int(v)].map { CHEdge(node: $0.node, weight: $0.weight) }
            finalDown[Int(v)] = inAdj[Int(v)].map { CHEdge(node: $0.node, weight: $0.weight) }
            var neighbours = Set<Int32>()
            for e in outAdj[Int(v)] { inAdj[Int(e.node)].removeAll { $0.node == v }; neighbours.insert(e.node) }
            for e in inAdj[Int(v)] { outAdj[Int(e.node)].removeAll { $0.node == v }; neighbours.insert(e.node) }
            outAdj[Int(v)] = []
            inAdj[Int(v)] = []
            for (a, b, w, h) in added { addEdge(a, b, w, hops: h) }
            shortcutCount += added.count
            for x in neighbours.sorted() {
                level[Int(x)] = max(level[Int(x)], level[Int(v)] + 1)
            }
        }

        // Positions: the last contracted (most important) first.
        var position = [Int32](repeating: 0, count: n)
        for (rank, v) in order.enumerated() { position[Int(v)] = Int32(n - 1 - rank) }
        var upStart: [Int32] = [0], downStart: [Int32] = [0]
        var up: [CHEdge] = [], down: [CHEdge] = []
        upStart.reserveCapacity(n + 1); downStart.reserveCapacity(n + 1)
        for p in 0..<n {
            let v = Int(order[n - 1 - p])
            for e in finalUp[v].sorted(by: { position[Int($0.node)] < position[Int($1.node)] }) {
                up.append(CHEdge(node: position[Int(e.node)], weight: e.weight))
            }
            for e in finalDown[v].sorted(by: { position[Int($0.node)] < position[Int($1.node)] }) {
                down.append(CHEdge(node: position[Int(e.node)], weight: e.weight))
            }
            upStart.append(Int32(up.count))
            downStart.append(Int32(down.count))
        }
        return ContractionHierarchy(position: position, upStart: upStart, up: up, downStart: downStart,
                                    down: down, shortcutCount: shortcutCount)
    }
}
