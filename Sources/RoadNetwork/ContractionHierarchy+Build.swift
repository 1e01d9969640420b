extension ContractionHierarchy {
    /// Contracts the route graph of `graph` under `profile`.
    ///
    /// Node order: lazy-updated priority `2·(shortcuts − removed edges) + contracted neighbours + level`,
    /// recomputed for a node when it is popped and for the neighbours of each contracted node.
    /// Witness searches are bounded Dijkstras that skip the node being contracted; when a search
    /// stops at its settle limit the shortcut is added anyway, which is always safe.
    init(graph: RoadGraph, profile: SpeedProfile) {
        var c = Contractor(graph: graph, profile: profile)
        self = c.run()
    }
}

/// The mutable state of a contraction run.
private struct Contractor {
    static let simulateLimit = 150
    static let contractLimit = 1000

    let n: Int
    var outAdj: [[CHEdge]]
    var inAdj: [[CHEdge]]
    var contracted: [Bool]
    var deleted: [Int32]
    var level: [Int32]
    // Witness search buffers.
    var dist: [UInt32]
    var touched: [Int32] = []
    var heap = MinHeap(capacity: 1024)
    var shortcutCount = 0

    init(graph: RoadGraph, profile: SpeedProfile) {
        n = graph.routeNodeCount
        outAdj = [[CHEdge]](repeating: [], count: n)
        inAdj = [[CHEdge]](repeating: [], count: n)
        contracted = [Bool](repeating: false, count: n)
        deleted = [Int32](repeating: 0, count: n)
        level = [Int32](repeating: 0, count: n)
        dist = [UInt32](repeating: RoadGraph.unreachable, count: n)
        for v in 0..<n {
            for e in Int(graph.edgeStart[v])..<Int(graph.edgeStart[v + 1]) {
                let h = graph.edgeHead[e]
                if Int(h) == v { continue }
                addEdge(Int32(v), h, graph.weight(road: Int(graph.edgeArc[e]) >> 1, profile: profile))
            }
        }
    }

    /// Adds `u → v` or lowers its weight; keeps the lighter of parallel edges.
    mutating func addEdge(_ u: Int32, _ v: Int32, _ w: UInt32) {
        if let i = outAdj[Int(u)].firstIndex(where: { $0.node == v }) {
            guard w < outAdj[Int(u)][i].weight else { return }
            outAdj[Int(u)][i].weight = w
            if let j = inAdj[Int(v)].firstIndex(where: { $0.node == u }) { inAdj[Int(v)][j].weight = w }
            return
        }
        outAdj[Int(u)].append(CHEdge(node: v, weight: w))
        inAdj[Int(v)].append(CHEdge(node: u, weight: w))
    }

    /// Bounded Dijkstra from `source` avoiding `avoid`; leaves distances in `dist` (reset by `clear`).
    mutating func witnessSearch(from source: Int32, avoid: Int32, bound: UInt32, settleLimit: Int) {
        dist[Int(source)] = 0
        touched.append(source)
        heap.push(0, source)
        var settled = 0
        while let (d, v) = heap.pop() {
            if d != dist[Int(v)] { continue }
            if d > bound { break }
            settled += 1
            if settled > settleLimit { break }
            for e in outAdj[Int(v)] where e.node != avoid {
                let nd = d + e.weight
                if nd < dist[Int(e.node)] {
                    if dist[Int(e.node)] == RoadGraph.unreachable { touched.append(e.node) }
                    dist[Int(e.node)] = nd
                    heap.push(nd, e.node)
                }
            }
        }
        heap.removeAll()
    }

    mutating func clearSearch() {
        for v in touched { dist[Int(v)] = RoadGraph.unreachable }
        touched.removeAll(keepingCapacity: true)
    }

    /// The shortcuts contracting `v` needs (or, when `collect` is false, just their number).
    mutating func shortcuts(of v: Int32, settleLimit: Int, collect: Bool) -> (count: Int, list: [(Int32, Int32, UInt32)]) {
        var count = 0
        var list: [(Int32, Int32, UInt32)] = []
        let outs = outAdj[Int(v)]
        guard !outs.isEmpty else { return (0, []) }
        for inEdge in inAdj[Int(v)] {
            let u = inEdge.node
            var bound: UInt32 = 0
            for o in outs where o.node != u { bound = max(bound, inEdge.weight + o.weight) }
            if bound == 0 { continue }
            witnessSearch(from: u, avoid: v, bound: bound, settleLimit: settleLimit)
            for o in outs where o.node != u {
                let via = inEdge.weight + o.weight
                if dist[Int(o.node)] > via {
                    count += 1
                    if collect { list.append((u, o.node, via)) }
                }
            }
            clearSearch()
        }
        return (count, list)
    }

    mutating func priority(_ v: Int32) -> Int {
        let added = shortcuts(of: v, settleLimit: Self.simulateLimit, collect: false).count
        let removed = outAdj[Int(v)].count + inAdj[Int(v)].count
        return 2 * (added - removed) + Int(deleted[Int(v)]) + Int(level[Int(v)])
    }

    mutating func run() -> ContractionHierarchy {
        let offset = 1 << 30
        var key = [UInt32](repeating: 0, count: n)
        var queue = MinHeap(capacity: n)
        for v in 0..<n {
            key[v] = UInt32(offset + priority(Int32(v)))
            queue.push(key[v], Int32(v))
        }
        var order: [Int32] = []
        order.reserveCapacity(n)
        var finalUp = [[CHEdge]](repeating: [], count: n)
        var finalDown = [[CHEdge]](repeating: [], count: n)
        while let (k, v) = queue.pop() {
            if contracted[Int(v)] || k != key[Int(v)] { continue }
            let p = UInt32(offset + priority(v))
            if let next = queue.minKey, p > next {
                key[Int(v)] = p
                queue.push(p, v)
                continue
            }
            // Contract v: its remaining edges all lead to nodes contracted later (more important).
            let added = shortcuts(of: v, settleLimit: Self.contractLimit, collect: true).list
            contracted[Int(v)] = true
            order.append(v)
            finalUp[Int(v)] = outAdj[Int(v)]
            finalDown[Int(v)] = inAdj[Int(v)]
            var neighbours = Set<Int32>()
            for e in outAdj[Int(v)] { inAdj[Int(e.node)].removeAll { $0.node == v }; neighbours.insert(e.node) }
            for e in inAdj[Int(v)] { outAdj[Int(e.node)].removeAll { $0.node == v }; neighbours.insert(e.node) }
            outAdj[Int(v)] = []
            inAdj[Int(v)] = []
            for (a, b, w) in added { addEdge(a, b, w) }
            shortcutCount += added.count
            for x in neighbours.sorted() {
                deleted[Int(x)] += 1
                level[Int(x)] = max(level[Int(x)], level[Int(v)] + 1)
                key[Int(x)] = UInt32(offset + priority(x))
                queue.push(key[Int(x)], x)
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
