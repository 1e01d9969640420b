/// An edge of a contraction hierarchy: the other end (a position) and its weight in deciseconds.
struct CHEdge: Hashable, Sendable {
    var node: Int32
    var weight: UInt32
}

/// A contraction hierarchy over a `RoadGraph`'s route graph for one speed profile.
///
/// Nodes are renumbered by *position*: 0 is the most important (contracted last), so every
/// upward edge goes from a position to a smaller one. `up[p]` holds edges `p → q` with `q < p`
/// (forward searches climb them); `down[p]` holds edges `q → p` with `q < p`, stored at `p`
/// (backward searches climb them). Original edges and shortcuts alike; weights are exact sums
/// of road deciseconds, so answers equal plain Dijkstra's.
struct ContractionHierarchy: Sendable {
    /// Position of each route node.
    var position: [Int32]
    var upStart: [Int32]
    var up: [CHEdge]
    var downStart: [Int32]
    var down: [CHEdge]
    /// Shortcuts added by contraction.
    var shortcutCount: Int

    var nodeCount: Int { position.count }

    /// Approximate bytes held.
    var memoryBytes: Int { position.count * 4 + (upStart.count + downStart.count) * 4 + (up.count + down.count) * 8 }
}

/// Reusable buffers for hierarchy queries (one per concurrent query, from a `ScratchPool`).
final class CHScratch {
    var forward: [UInt32]
    var backward: [UInt32]
    var touchedForward: [Int32] = []
    var touchedBackward: [Int32] = []
    var heapForward = MinHeap(capacity: 256)
    var heapBackward = MinHeap(capacity: 256)
    /// Distance from every position to the destination (PHAST).
    var sweep: [UInt32]
    /// Positions a restricted sweep visits (one bit each), and the stack that selects them.
    var selected: [UInt64]
    var stack: [Int32] = []
    /// Positions of `sweep` written since it was last all unreachable, when `sweepAllDirty` is
    /// false; a restricted query resets just these instead of the whole array.
    var sweepDirty: [Int32] = []
    var sweepAllDirty = false

    init(nodeCount: Int) {
        forward = [UInt32](repeating: RoadGraph.unreachable, count: nodeCount)
        backward = [UInt32](repeating: RoadGraph.unreachable, count: nodeCount)
        sweep = [UInt32](repeating: RoadGraph.unreachable, count: nodeCount)
        selected = [UInt64](repeating: 0, count: (nodeCount + 63) / 64)
    }
}

extension ContractionHierarchy {
    /// Bidirectional upward search between seeded route nodes; `best` starts as the direct cost.
    func pointToPoint(sources: [Seed], targets: [Seed], direct: UInt32, scratch s: CHScratch) -> UInt32 {
        var best = direct
        for seed in sources {
            let p = Int(position[Int(seed.node)])
            if seed.deciseconds < s.forward[p] {
                if s.forward[p] == RoadGraph.unreachable { s.touchedForward.append(Int32(p)) }
                s.forward[p] = seed.deciseconds
                s.heapForward.push(seed.deciseconds, Int32(p))
            }
        }
        for seed in targets {
            let p = Int(position[Int(seed.node)])
            if seed.deciseconds < s.backward[p] {
                if s.backward[p] == RoadGraph.unreachable { s.touchedBackward.append(Int32(p)) }
                s.backward[p] = seed.deciseconds
                s.heapBackward.push(seed.deciseconds, Int32(p))
            }
        }
        while true {
            let fMin = s.heapForward.minKey ?? RoadGraph.unreachable
            let bMin = s.heapBackward.minKey ?? RoadGraph.unreachable
            if min(fMin, bMin) >= best { break }
            if fMin <= bMin {
                guard let (d, p) = s.heapForward.pop() else { break }
                if d != s.forward[Int(p)] { continue }
                let other = s.backward[Int(p)]
                if other != RoadGraph.unreachable { best = min(best, d + other) }
                for e in up[Int(upStart[Int(p)])..<Int(upStart[Int(p) + 1])] {
                    let q = Int(e.node), nd = d + e.weight
                    if nd < s.forward[q] {
                        if s.forward[q] == RoadGraph.unreachable { s.touchedForward.append(Int32(q)) }
                        s.forward[q] = nd
                        s.heapForward.push(nd, Int32(q))
                    }
                }
            } else {
                guard let (d, p) = s.heapBackward.pop() else { break }
                if d != s.backward[Int(p)] { continue }
                let other = s.forward[Int(p)]
                if other != RoadGraph.unreachable { best = min(best, d + other) }
                for e in down[Int(downStart[Int(p)])..<Int(downStart[Int(p) + 1])] {
                    let q = Int(e.node), nd = d + e.weight
                    if nd < s.backward[q] {
                        if s.backward[q] == RoadGraph.unreachable { s.touchedBackward.append(Int32(q)) }
                        s.backward[q] = nd
                        s.heapBackward.push(nd, Int32(q))
                    }
                }
            }
        }
        for p in s.touchedForward { s.forward[Int(p)] = RoadGraph.unreachable }
        for p in s.touchedBackward { s.backward[Int(p)] = RoadGraph.unreachable }
        s.touchedForward.removeAll(keepingCapacity: true)
        s.touchedBackward.removeAll(keepingCapacity: true)
        s.heapForward.removeAll()
        s.heapBackward.removeAll()
        return best
    }

    /// PHAST: fills `scratch.sweep[p]` with deciseconds from every position `p` to the target
    /// seeds: one upward search backwards from the targets, then one linear sweep over all
    /// positions from the most important down, each taking the best of its upward edges.
    func distancesToTarget(_ targets: [Seed], scratch s: CHScratch) {
        // The heap lives in a local during the search: no runtime exclusivity check per push.
        var heap = s.heapBackward
        s.heapBackward = MinHeap()
        let n = position.count
        s.sweep.withUnsafeMutableBufferPointer { d in
            d.update(repeating: RoadGraph.unreachable)
            var ignored: [Int32] = []
            upwardFromTargets(targets, d: d, heap: &heap, written: &ignored, recordWrites: false)
            up.withUnsafeBufferPointer { up in
                upStart.withUnsafeBufferPointer { upStart in
                    var begin = Int(upStart[0])
                    for p in 0..<n {
                        let end = Int(upStart[p + 1])
                        var best = d[p]
                        var i = begin
                        while i < end {
                            let e = up[i]
                            let via = d[Int(e.node)] &+ e.weight
                            if via < best { best = via }
                            i += 1
                        }
                        d[p] = best
                        begin = end
                    }
                }
            }
        }
        s.sweepAllDirty = true
        heap.removeAll()
        s.heapBackward = heap
    }

    /// Restricted PHAST (RPHAST): as `distancesToTarget`, but the sweep visits only the upward
    /// closure of `heads` — the positions whose distances the answers for those origins depend
    /// on — in the same order. Cheaper than the full sweep when the origins are few; distances
    /// are exact for every position in the closure (others are left undefined).
    func distancesToTarget(_ targets: [Seed], scratch s: CHScratch, restrictedTo heads: [Int32]) {
        var heap = s.heapBackward
        s.heapBackward = MinHeap()
        // Select: every position reachable upwards from the heads.
        var stack = s.stack
        s.stack = []
        defer { stack.removeAll(keepingCapacity: true); s.stack = stack }
        s.selected.withUnsafeMutableBufferPointer { bits in
            bits.update(repeating: 0)
            for h in heads where h >= 0 {
                let w = Int(h) >> 6, b = UInt64(1) << UInt64(Int(h) & 63)
                if bits[w] & b == 0 { bits[w] |= b; stack.append(h) }
            }
            up.withUnsafeBufferPointer { up in
                upStart.withUnsafeBufferPointer { upStart in
                    while let p = stack.popLast() {
                        for i in Int(upStart[Int(p)])..<Int(upStart[Int(p) + 1]) {
                            let q = Int(up[i].node)
                            let w = q >> 6, b = UInt64(1) << UInt64(q & 63)
                            if bits[w] & b == 0 { bits[w] |= b; stack.append(Int32(q)) }
                        }
                    }
                }
            }
        }
        var dirty = s.sweepDirty
        s.sweepDirty = []
        let allDirty = s.sweepAllDirty
        s.sweep.withUnsafeMutableBufferPointer { d in
            // Reset what the last query wrote (everything after a full sweep), then remember
            // what this one writes: the backward search's positions and the closure's.
            if allDirty { d.update(repeating: RoadGraph.unreachable) } else {
                for p in dirty { d[Int(p)] = RoadGraph.unreachable }
            }
            dirty.removeAll(keepingCapacity: true)
            upwardFromTargets(targets, d: d, heap: &heap, written: &dirty, recordWrites: true)
            // Sweep the selected positions in increasing order (most important first).
            s.selected.withUnsafeBufferPointer { bits in
                up.withUnsafeBufferPointer { up in
                    upStart.withUnsafeBufferPointer { upStart in
                        for w in 0..<bits.count {
                            var word = bits[w]
                            while word != 0 {
                                let p = w << 6 | word.trailingZeroBitCount
                                word &= word &- 1
                                var best = d[p]
                                for i in Int(upStart[p])..<Int(upStart[p + 1]) {
                                    let e = up[i]
                                    let via = d[Int(e.node)] &+ e.weight
                                    if via < best { best = via }
                                }
                                if best != d[p] {
                                    if d[p] == RoadGraph.unreachable { dirty.append(Int32(p)) }
                                    d[p] = best
                                }
                            }
                        }
                    }
                }
            }
        }
        heap.removeAll()
        s.heapBackward = heap
        s.sweepDirty = dirty
        s.sweepAllDirty = false
        // Leave the bitset clear for the next user of this scratch.
        s.selected.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// The upward search backwards from the target seeds that both sweeps start with: fills `d`
    /// for the target's search space. With `recordWrites`, positions first written are appended
    /// to `written` (so a later query can reset just those).
    @inline(__always)
    func upwardFromTargets(_ targets: [Seed], d: UnsafeMutableBufferPointer<UInt32>, heap: inout MinHeap,
                           written: inout [Int32], recordWrites: Bool) {
        for seed in targets {
            let p = Int(position[Int(seed.node)])
            if seed.deciseconds < d[p] {
                if recordWrites && d[p] == RoadGraph.unreachable { written.append(Int32(p)) }
                d[p] = seed.deciseconds
                heap.push(seed.deciseconds, Int32(p))
            }
        }
        down.withUnsafeBufferPointer { down in
            downStart.withUnsafeBufferPointer { downStart in
                while let (dist, p) = heap.pop() {
                    if dist != d[Int(p)] { continue }
                    for i in Int(downStart[Int(p)])..<Int(downStart[Int(p) + 1]) {
                        let e = down[i]
                        let q = Int(e.node), nd = dist + e.weight
                        if nd < d[q] {
                            if recordWrites && d[q] == RoadGraph.unreachable { written.append(Int32(q)) }
                            d[q] = nd
                            heap.push(nd, Int32(q))
                        }
                    }
                }
            }
        }
    }
}
