/// A binary min-heap of (deciseconds, node) pairs packed into `UInt64`, for Dijkstra-style
/// searches with lazy deletion (push again on improvement, skip stale entries when popped).
struct MinHeap {
    private var items: [UInt64] = []

    init(capacity: Int = 0) { items.reserveCapacity(capacity) }

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    /// The smallest key, or `nil` when empty.
    var minKey: UInt32? { items.first.map { UInt32(truncatingIfNeeded: $0 >> 32) } }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    @inline(__always)
    mutating func push(_ key: UInt32, _ node: Int32) {
        var i = items.count
        let item = UInt64(key) << 32 | UInt64(UInt32(bitPattern: node))
        items.append(item)
        while i > 0 {
            let parent = (i - 1) >> 1
            if items[parent] <= item { break }
            items[i] = items[parent]
            i = parent
        }
        items[i] = item
    }

    @inline(__always)
    mutating func pop() -> (key: UInt32, node: Int32)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            var i = 0
            let n = items.count
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n, items[child + 1] < items[child] { child += 1 }
                if last <= items[child] { break }
                items[i] = items[child]
                i = child
            }
            items[i] = last
        }
        return (UInt32(truncatingIfNeeded: top >> 32), Int32(bitPattern: UInt32(truncatingIfNeeded: top)))
    }
}
