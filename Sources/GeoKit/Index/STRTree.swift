/// A static, packed R-tree built once by Sort-Tile-Recursive and never changed: the index for
/// districts, beats, wards and geofences. Immutable and `Sendable`, so any number of tasks may
/// query it at once without locks.
///
/// Items are a bounding box and a payload, optionally with an area (a polygon or multi-polygon)
/// for exact point-in-polygon answers.
public struct STRTree<Payload: Sendable>: Sendable {
    /// One level of inner nodes: node `i` has bounding box `boxes[i]` and children
    /// `childStart[i]..<childEnd[i]` in the level below (items for level 0).
    private struct Level: Sendable {
        var boxes: [BoundingBox] = []
        var childStart: [Int32] = []
        var childEnd: [Int32] = []
    }

    /// Items in leaf order.
    private let payloads: [Payload]
    private let boxes: [BoundingBox]
    private let shapes: [PlanarShape?]
    /// True when items were given areas (point queries test them exactly).
    private let hasShapes: Bool
    /// Level 0 holds the leaves' parents; the last level is the root level.
    private let levels: [Level]
    /// Maximum children per node.
    public let nodeCapacity: Int

    /// Builds the tree over boxes and payloads; point queries then test the boxes only.
    public init(boxes entries: [(box: BoundingBox, payload: Payload)], nodeCapacity: Int = 16) {
        self.init(entries.map { ($0.box, $0.payload, nil) }, hasShapes: false, nodeCapacity: nodeCapacity)
    }

    /// Builds the tree over areal geometries (Polygon, MultiPolygon, or collections holding them)
    /// and payloads; point queries answer exactly with the polygons. Items without area (points,
    /// lines, empties) are kept but never contain a point.
    public init(areas entries: [(geometry: Geometry, payload: Payload)], nodeCapacity: Int = 16) {
        let prepared = entries.map { entry -> (BoundingBox, Payload, PlanarShape?) in
            let shape = PlanarShape(entry.geometry)
            let box = shape?.box ?? entry.geometry.boundingBox ?? BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
            return (box, entry.payload, shape)
        }
        self.init(prepared, hasShapes: true, nodeCapacity: nodeCapacity)
    }

    private init(_ entries: [(BoundingBox, Payload, PlanarShape?)], hasShapes: Bool, nodeCapacity: Int) {
        let capacity = max(2, nodeCapacity)
        self.nodeCapacity = capacity
        self.hasShapes = hasShapes
        // Leaf order by STR over the items.
        let order = STRTree.strOrder(entries.map(\.0), capacity: capacity)
        payloads = order.map { entries[$0].1 }
        boxes = order.map { entries[$0].0 }
        shapes = order.map { entries[$0].2 }

        var levels = [Level]()
        // Level 0: consecutive runs of items.
        var current = Level()
        var i = 0
        while i < boxes.count {
            let end = min(i + capacity, boxes.count)
            var box = boxes[i]
            for j in (i + 1)..<end { box.expand(toInclude: boxes[j]) }
            current.boxes.append(box)
            current.childStart.append(Int32(i))
            current.childEnd.append(Int32(end))
            i = end
        }
        if !current.boxes.isEmpty { levels.append(current) }
        // Upper levels: STR-sort the nodes below, then group consecutive runs.
        while let below = levels.last, below.boxes.count > capacity {
            let order = STRTree.strOrder(below.boxes, capacity: capacity)
            let sorted = Level(boxes: order.map { below.boxes[$0] },
                               childStart: order.map { below.childStart[$0] },
                               childEnd: order.map { below.childEnd[$0] })
            levels[levels.count - 1] = sorted
            var up = Level()
            var k = 0
            while k < sorted.boxes.count {
                let end = min(k + capacity, sorted.boxes.count)
                var box = sorted.boxes[k]
                for j in (k + 1)..<end { box.expand(toInclude: sorted.boxes[j]) }
                up.boxes.append(box)
                up.childStart.append(Int32(k))
                up.childEnd.append(Int32(end))
                k = end
            }
            levels.append(up)
        }
        self.levels = levels
    }

    /// Sort-Tile-Recursive order: sort by centre x, cut into √(n/capacity) vertical slices, sort
    /// each slice by centre y.
    private static func strOrder(_ boxes: [BoundingBox], capacity: Int) -> [Int] {
        let n = boxes.count
        guard n > capacity else { return Array(0..<n) }
        let leafCount = (n + capacity - 1) / capacity
        let sliceCount = Int(Double(leafCount).squareRoot().rounded(.up))
        let sliceSize = sliceCount * capacity
        let cx = boxes.map { ($0.minX + $0.maxX) / 2 }, cy = boxes.map { ($0.minY + $0.maxY) / 2 }
        var order = Array(0..<n).sorted { cx[$0] < cx[$1] || (cx[$0] == cx[$1] && $0 < $1) }
        var start = 0
        while start < n {
            let end = min(start + sliceSize, n)
            order[start..<end].sort { cy[$0] < cy[$1] || (cy[$0] == cy[$1] && $0 < $1) }
            start = end
        }
        return order
    }

    /// Number of items.
    public var count: Int { payloads.count }

    /// Tree height (levels of inner nodes).
    public var height: Int { levels.count }

    /// The box holding every item, or nil when the tree is empty.
    public var bounds: BoundingBox? {
        guard let top = levels.last, var box = top.boxes.first else { return nil }
        for b in top.boxes.dropFirst() { box.expand(toInclude: b) }
        return box
    }

    /// Visits the leaf index of every item whose bounding box intersects `query`.
    private func visit(_ query: BoundingBox, _ body: (Int) throws -> Void) rethrows {
        guard let top = levels.last else { return }
        // An explicit stack of (level, node) pairs; its size is bounded by height × capacity.
        var stack = [(Int, Int)]()
        stack.reserveCapacity(levels.count * nodeCapacity + top.boxes.count)
        for n in top.boxes.indices { stack.append((levels.count - 1, n)) }
        while let (l, n) = stack.popLast() {
            let level = levels[l]
            guard level.boxes[n].intersects(query) else { continue }
            let range = Int(level.childStart[n])..<Int(level.childEnd[n])
            if l == 0 {
                for i in range where boxes[i].intersects(query) { try body(i) }
            } else {
                for c in range { stack.append((l - 1, c)) }
            }
        }
    }

    /// Payloads of the items whose bounding boxes intersect `box` (candidates: test exact
    /// intersection with GEOS `intersects` when it matters).
    public func items(intersecting box: BoundingBox) -> [Payload] {
        var out = [Payload]()
        visit(box) { out.append(payloads[$0]) }
        return out
    }

    /// Calls `body` with each payload whose bounding box intersects `box`.
    public func forEachItem(intersecting box: BoundingBox, _ body: (Payload) throws -> Void) rethrows {
        try visit(box) { try body(payloads[$0]) }
    }

    /// Payloads of the items containing the position: exactly, by their polygons, when the tree
    /// was built from areas; by bounding box otherwise.
    public func items(containing point: Coordinate) -> [Payload] {
        items(containingX: point.x, y: point.y)
    }

    /// Payloads of the items containing (x, y); see `items(containing:)`.
    public func items(containingX x: Double, y: Double) -> [Payload] {
        var out = [Payload]()
        visit(BoundingBox(minX: x, minY: y, maxX: x, maxY: y)) { i in
            if !hasShapes || shapes[i]?.contains(x: x, y: y) == true { out.append(payloads[i]) }
        }
        return out
    }

    /// The first item found containing the position (for non-overlapping areas such as districts,
    /// the only one), or nil.
    public func firstItem(containing point: Coordinate) -> Payload? {
        let q = BoundingBox(point)
        guard let top = levels.last else { return nil }
        var stack = [(Int, Int)]()
        stack.reserveCapacity(levels.count * nodeCapacity + top.boxes.count)
        for n in top.boxes.indices { stack.append((levels.count - 1, n)) }
        while let (l, n) = stack.popLast() {
            let level = levels[l]
            guard level.boxes[n].intersects(q) else { continue }
            let range = Int(level.childStart[n])..<Int(level.childEnd[n])
            if l == 0 {
                for i in range where boxes[i].intersects(q) {
                    if !hasShapes || shapes[i]?.contains(x: point.x, y: point.y) == true { return payloads[i] }
                }
            } else {
                for c in range { stack.append((l - 1, c)) }
            }
        }
        return nil
    }

    /// Every payload, in the tree's leaf order.
    public var allItems: [Payload] { payloads }
}
