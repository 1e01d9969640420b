/// A binary min-heap of timed events; ties in time are broken by insertion order, so a run is
/// deterministic.
struct EventQueue<Payload> {
    private var times: [Double] = []
    private var seqs: [Int] = []
    private var payloads: [Payload] = []
    private var nextSeq = 0

    var isEmpty: Bool { times.isEmpty }
    var count: Int { times.count }

    mutating func push(_ time: Double, _ payload: Payload) {
        times.append(time)
        seqs.append(nextSeq)
        payloads.append(payload)
        nextSeq += 1
        siftUp(times.count - 1)
    }

    mutating func pop() -> (time: Double, payload: Payload)? {
        guard !times.isEmpty else { return nil }
        let top = (times[0], payloads[0])
        let last = times.count - 1
        if last > 0 { swapAt(0, last) }
        times.removeLast(); seqs.removeLast(); payloads.removeLast()
        if !times.isEmpty { siftDown(0) }
        return top
    }

    private func less(_ a: Int, _ b: Int) -> Bool { times[a] < times[b] || (times[a] == times[b] && seqs[a] < seqs[b]) }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        times.swapAt(a, b); seqs.swapAt(a, b); payloads.swapAt(a, b)
    }

    private mutating func siftUp(_ i: Int) {
        var i = i
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { return }
            swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ i: Int) {
        var i = i
        let n = times.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && less(l, m) { m = l }
            if r < n && less(r, m) { m = r }
            if m == i { return }
            swapAt(i, m)
            i = m
        }
    }
}
