/// Strongly connected components of a directed graph in CSR form (iterative Tarjan, no recursion).
struct StronglyConnectedComponents {
    /// Component of each node.
    private(set) var component: [Int32]
    /// Number of nodes in each component.
    private(set) var sizes: [Int] = []

    /// The component with the most nodes (the first such, so the choice is deterministic).
    var largest: Int32? {
        guard let best = sizes.indices.max(by: { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 > $1) }) else { return nil }
        return Int32(best)
    }

    init(nodeCount: Int, edgeStart: [Int32], edgeHead: [Int32]) {
        component = [Int32](repeating: -1, count: nodeCount)
        var index = [Int32](repeating: -1, count: nodeCount)
        var low = [Int32](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount)
        var stack: [Int32] = []
        var call: [(node: Int32, edge: Int32)] = []
        var counter: Int32 = 0
        for root in 0..<nodeCount where index[root] < 0 {
            call.append((Int32(root), edgeStart[root]))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(Int32(root)); onStack[root] = true
            while let (v, e) = call.last {
                let vi = Int(v)
                if e < edgeStart[vi + 1] {
                    call[call.count - 1].edge = e + 1
                    let w = Int(edgeHead[Int(e)])
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(Int32(w)); onStack[w] = true
                        call.append((Int32(w), edgeStart[w]))
                    } else if onStack[w] {
                        low[vi] = min(low[vi], index[w])
                    }
                    continue
                }
                call.removeLast()
                if let parent = call.last { low[Int(parent.node)] = min(low[Int(parent.node)], low[vi]) }
                if low[vi] == index[vi] {
                    let c = Int32(sizes.count)
                    var size = 0
                    while let w = stack.popLast() {
                        onStack[Int(w)] = false
                        component[Int(w)] = c
                        size += 1
                        if w == v { break }
                    }
                    sizes.append(size)
                }
            }
        }
    }
}
