import Foundation

/// An in-memory index of moving points (units on patrol), built for a position update per GPS ping.
///
/// Points live in a uniform grid of roughly square cells over a region box. An update is O(1)
/// amortised: a dictionary look-up, then an in-place write or a swap-remove from one cell and an
/// append to another. Queries rank by great-circle distance on the ground: each entry keeps its unit
/// vector on the sphere, and chord length orders points exactly as `LonLat.groundDistance` does, so
/// "nearest" never means nearest in raw degrees.
///
/// Points outside the region box are kept in an overflow list that every query scans, so the answer
/// stays correct for any input. Every query takes a filter over the key and a 64-bit tag word
/// (status, capabilities), applied before ranking.
public struct MovingPointIndex<Key: Hashable & Sendable>: Sendable {
    /// A point returned by a query, with its ground distance from the query point.
    public struct Neighbour: Sendable, Equatable {
        public var key: Key
        public var position: LonLat
        public var distanceMetres: Double
        public var tags: UInt64

        public init(key: Key, position: LonLat, distanceMetres: Double, tags: UInt64) {
            self.key = key
            self.position = position
            self.distanceMetres = distanceMetres
            self.tags = tags
        }
    }

    /// One stored point inside a cell: its unit vector, its slot and its tags.
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline var x: Double
        @usableFromInline var y: Double
        @usableFromInline var z: Double
        @usableFromInline var tags: UInt64
        @usableFromInline var slot: Int32

        @inlinable
        init(x: Double, y: Double, z: Double, tags: UInt64, slot: Int32) {
            self.x = x; self.y = y; self.z = z; self.tags = tags; self.slot = slot
        }
    }

    /// The region box the grid covers.
    public let west: Double, south: Double, east: Double, north: Double
    // Grid geometry.
    @usableFromInline let cellLon: Double
    @usableFromInline let cellLat: Double
    @usableFromInline let columns: Int
    @usableFromInline let rows: Int
    /// Metres per degree of longitude at the most poleward edge of the box, shrunk by a safety
    /// margin: a lower bound on east-west ground distance anywhere in the box.
    @usableFromInline let minMetresPerDegreeLon: Double
    /// Metres per degree of latitude, shrunk by the same margin.
    @usableFromInline let minMetresPerDegreeLat: Double

    // Storage: every cell's entries in one flat pool (a cell owns a run of it and moves to the end
    // when it outgrows the run), an overflow list for points outside the box, per-slot records.
    @usableFromInline var pool: [Entry]
    @usableFromInline var cellStart: [Int32]
    @usableFromInline var cellCount: [Int32]
    @usableFromInline var cellCapacity: [Int32]
    /// Pool entries no cell owns any more (left behind by relocations).
    @usableFromInline var abandoned: Int
    /// Entries whose position lies outside the box (cell index -1).
    @usableFromInline var overflow: [Entry]
    @usableFromInline var slotOfKey: [Key: Int32]
    @usableFromInline var keys: [Key?]
    @usableFromInline var positions: [LonLat]
    /// Cell of each slot, `-1` for the overflow list, `-2` for a free slot.
    @usableFromInline var cellOfSlot: [Int32]
    @usableFromInline var indexInCell: [Int32]
    @usableFromInline var freeSlots: [Int32]

    /// Creates an empty index over a region box.
    /// - Parameters:
    ///   - west, south, east, north: the region box in degrees (points outside it are still accepted).
    ///   - cellSizeMetres: the side of a grid cell; a few to a few dozen points per cell is best.
    public init(west: Double, south: Double, east: Double, north: Double, cellSizeMetres: Double = 500) {
        precondition(west < east && south < north, "region box must have west < east and south < north")
        precondition(cellSizeMetres > 0, "cell size must be positive")
        let metresPerDegree = LonLat.earthRadiusMetres * Double.pi / 180
        let midLat = (south + north) / 2
        self.west = west
        self.south = south
        self.east = east
        self.north = north
        self.cellLat = cellSizeMetres / metresPerDegree
        self.cellLon = cellSizeMetres / (metresPerDegree * max(cos(midLat * .pi / 180), 0.01))
        self.columns = max(1, Int(((east - west) / cellLon).rounded(.up)))
        self.rows = max(1, Int(((north - south) / cellLat).rounded(.up)))
        let poleward = min(max(abs(south), abs(north)), 89.9)
        // The safety margin covers great circles bulging poleward of the parallels (a relative
        // effect of order 1e-5 over a region) and rounding.
        let margin = 0.999
        self.minMetresPerDegreeLon = metresPerDegree * cos(poleward * .pi / 180) * margin
        self.minMetresPerDegreeLat = metresPerDegree * margin
        self.pool = []
        self.cellStart = Array(repeating: 0, count: columns * rows)
        self.cellCount = Array(repeating: 0, count: columns * rows)
        self.cellCapacity = Array(repeating: 0, count: columns * rows)
        self.abandoned = 0
        self.overflow = []
        self.slotOfKey = [:]
        self.keys = []
        self.positions = []
        self.cellOfSlot = []
        self.indexInCell = []
        self.freeSlots = []
    }

    /// How many points the index holds.
    public var count: Int { slotOfKey.count }

    /// Whether the index holds a point for this key.
    public func contains(_ key: Key) -> Bool { slotOfKey[key] != nil }

    /// The stored position of a key.
    public func position(of key: Key) -> LonLat? {
        guard let slot = slotOfKey[key] else { return nil }
        return positions[Int(slot)]
    }

    /// The stored tags of a key.
    public func tags(of key: Key) -> UInt64? {
        guard let slot = slotOfKey[key] else { return nil }
        return entry(slot).tags
    }

    /// Inserts a point or moves it (and replaces its tags).
    @inlinable
    public mutating func upsert(_ key: Key, at position: LonLat, tags: UInt64 = 0) {
        let slot: Int32
        if let existing = slotOfKey[key] {
            slot = existing
        } else {
            if let free = freeSlots.popLast() {
                slot = free
                keys[Int(slot)] = key
                positions[Int(slot)] = position
            } else {
                slot = Int32(keys.count)
                keys.append(key)
                positions.append(position)
                cellOfSlot.append(-2)
                indexInCell.append(0)
            }
            slotOfKey[key] = slot
        }
        place(slot: slot, at: position, tags: tags)
    }

    /// Replaces the tags of a stored point; returns false when the key is absent.
    @inlinable @discardableResult
    public mutating func setTags(_ key: Key, _ tags: UInt64) -> Bool {
        guard let slot = slotOfKey[key] else { return false }
        let s = Int(slot)
        let cell = Int(cellOfSlot[s]), i = Int(indexInCell[s])
        if cell >= 0 { pool[Int(cellStart[cell]) + i].tags = tags } else { overflow[i].tags = tags }
        return true
    }

    /// Removes a point; returns false when the key is absent.
    @discardableResult
    public mutating func remove(_ key: Key) -> Bool {
        guard let slot = slotOfKey.removeValue(forKey: key) else { return false }
        detach(slot: slot)
        cellOfSlot[Int(slot)] = -2
        keys[Int(slot)] = nil
        freeSlots.append(slot)
        return true
    }

    /// Removes every point.
    public mutating func removeAll() {
        pool.removeAll()
        for i in cellStart.indices { cellStart[i] = 0; cellCount[i] = 0; cellCapacity[i] = 0 }
        abandoned = 0
        overflow.removeAll()
        slotOfKey.removeAll()
        keys.removeAll()
        positions.removeAll()
        cellOfSlot.removeAll()
        indexInCell.removeAll()
        freeSlots.removeAll()
    }

    /// Calls `body` for every stored point, in no particular order.
    public func forEach(_ body: (Key, LonLat, UInt64) -> Void) {
        for (key, slot) in slotOfKey { body(key, positions[Int(slot)], entry(slot).tags) }
    }

    // MARK: Queries

    /// The `k` points nearest to `point` on the ground that pass `filter`, nearest first.
    /// Ties in distance are broken by insertion slot, so equal inputs give equal answers.
    /// - Parameter maxDistanceMetres: points further than this are not returned.
    @inlinable
    public func nearest(to point: LonLat, k: Int, maxDistanceMetres: Double = .infinity,
                        where filter: (Key, UInt64) -> Bool = { _, _ in true }) -> [Neighbour] {
        var result: [Neighbour] = []
        nearest(to: point, k: k, maxDistanceMetres: maxDistanceMetres, into: &result, where: filter)
        return result
    }

    /// As `nearest(to:k:maxDistanceMetres:where:)`, writing into `result` (emptied first) so that a
    /// caller on a hot path reuses its storage and the query allocates nothing.
    @inlinable
    public func nearest(to point: LonLat, k: Int, maxDistanceMetres: Double = .infinity,
                        into result: inout [Neighbour],
                        where filter: (Key, UInt64) -> Bool = { _, _ in true }) {
        result.removeAll(keepingCapacity: true)
        guard k > 0, count > 0 else { return }
        let q = Self.unitVector(point)
        let scale = lonScale(for: point)
        let qc = Int(((point.lon - west) / cellLon).rounded(.down))
        let qr = Int(((point.lat - south) / cellLat).rounded(.down))
        // The ring radius beyond which no grid cell remains.
        let lastRing = max(max(qc, columns - 1 - qc), max(qr, rows - 1 - qr))

        withUnsafeTemporaryAllocation(of: KBest.Candidate.self, capacity: k) { storage in
            var best = KBest(storage: storage, limit: Self.chordSquared(forMetres: maxDistanceMetres))

            @inline(__always) func scan(_ buffer: UnsafeBufferPointer<Entry>) {
                var threshold = best.threshold
                for e in buffer {
                    let dx = e.x - q.x, dy = e.y - q.y, dz = e.z - q.z
                    let d2 = dx * dx + dy * dy + dz * dz
                    if d2 > threshold { continue }
                    if let key = keys[Int(e.slot)], filter(key, e.tags) {
                        best.offer(d2, slot: e.slot, tags: e.tags)
                        threshold = best.threshold
                    }
                }
            }

            overflow.withUnsafeBufferPointer { scan($0) }
            // Once every point in the grid has been looked at, further rings hold nothing.
            let inGrid = count - overflow.count
            var seen = 0
            pool.withUnsafeBufferPointer { buffer in
                var r = 0
                while r <= lastRing && seen < inGrid {
                    if r > 0 {
                        // Every cell of ring r lies outside the block of rings < r; its points are
                        // at least the gap from the query point to that block's border away.
                        let gap = gapMetres(point, qc: qc, qr: qr, ring: r, lonScale: scale)
                        if Self.chordSquared(forMetres: gap) > best.threshold { break }
                    }
                    forEachCell(inRing: r, qc: qc, qr: qr) { cell in
                        let start = Int(cellStart[cell]), n = Int(cellCount[cell])
                        seen += n
                        scan(UnsafeBufferPointer(rebasing: buffer[start..<start + n]))
                    }
                    r += 1
                }
            }
            result.reserveCapacity(best.count)
            for i in 0..<best.count {
                let c = storage[i]
                guard let key = keys[Int(c.slot)] else { continue }
                result.append(Neighbour(key: key, position: positions[Int(c.slot)],
                                        distanceMetres: Self.metres(forChordSquared: c.d2), tags: c.tags))
            }
        }
    }

    /// Every point within `radiusMetres` of `point` on the ground that passes `filter`, nearest first.
    @inlinable
    public func within(radiusMetres: Double, of point: LonLat,
                       where filter: (Key, UInt64) -> Bool = { _, _ in true }) -> [Neighbour] {
        guard radiusMetres >= 0, count > 0 else { return [] }
        let q = Self.unitVector(point)
        let limit = Self.chordSquared(forMetres: radiusMetres)
        var found: [(Double, Int32, UInt64)] = []
        @inline(__always) func scan(_ entries: UnsafeBufferPointer<Entry>) {
            for e in entries {
                let dx = e.x - q.x, dy = e.y - q.y, dz = e.z - q.z
                let d2 = dx * dx + dy * dy + dz * dz
                if d2 <= limit, let key = keys[Int(e.slot)], filter(key, e.tags) { found.append((d2, e.slot, e.tags)) }
            }
        }
        overflow.withUnsafeBufferPointer { scan($0) }
        let dLat = radiusMetres / minMetresPerDegreeLat
        let dLon = radiusMetres / lonScale(for: point)
        let c0 = max(0, Int(((point.lon - dLon - west) / cellLon).rounded(.down)))
        let c1 = min(columns - 1, Int(((point.lon + dLon - west) / cellLon).rounded(.down)))
        let r0 = max(0, Int(((point.lat - dLat - south) / cellLat).rounded(.down)))
        let r1 = min(rows - 1, Int(((point.lat + dLat - south) / cellLat).rounded(.down)))
        if c0 <= c1 && r0 <= r1 {
            pool.withUnsafeBufferPointer { buffer in
                for row in r0...r1 {
                    for col in c0...c1 {
                        let cell = row * columns + col
                        let start = Int(cellStart[cell])
                        scan(UnsafeBufferPointer(rebasing: buffer[start..<start + Int(cellCount[cell])]))
                    }
                }
            }
        }
        found.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return neighbours(found)
    }

    // MARK: Internals

    /// Turns (squared chord, slot, tags) triples into neighbours, in the given order.
    @usableFromInline
    func neighbours(_ found: [(Double, Int32, UInt64)]) -> [Neighbour] {
        var result: [Neighbour] = []
        result.reserveCapacity(found.count)
        for (d2, slot, tags) in found {
            guard let key = keys[Int(slot)] else { continue }
            result.append(Neighbour(key: key, position: positions[Int(slot)],
                                    distanceMetres: Self.metres(forChordSquared: d2), tags: tags))
        }
        return result
    }

    /// A lower bound on metres per degree of longitude between a query point and any point of the box.
    @inlinable
    func lonScale(for p: LonLat) -> Double {
        if p.lat >= south && p.lat <= north { return minMetresPerDegreeLon }
        let poleward = min(max(abs(p.lat), abs(south), abs(north)), 89.9)
        return LonLat.earthRadiusMetres * Double.pi / 180 * cos(poleward * .pi / 180) * 0.999
    }

    @usableFromInline
    func entry(_ slot: Int32) -> Entry {
        let s = Int(slot)
        let cell = Int(cellOfSlot[s]), i = Int(indexInCell[s])
        return cell >= 0 ? pool[Int(cellStart[cell]) + i] : overflow[i]
    }

    /// The grid cell of a position, or -1 outside the box.
    @inlinable
    func cellIndex(_ p: LonLat) -> Int32 {
        let c = ((p.lon - west) / cellLon).rounded(.down)
        let r = ((p.lat - south) / cellLat).rounded(.down)
        guard c >= 0, r >= 0, c < Double(columns), r < Double(rows) else { return -1 }
        return Int32(Int(r) * columns + Int(c))
    }

    @inlinable
    mutating func place(slot: Int32, at position: LonLat, tags: UInt64) {
        let s = Int(slot)
        let v = Self.unitVector(position)
        let entry = Entry(x: v.x, y: v.y, z: v.z, tags: tags, slot: slot)
        let newCell = cellIndex(position)
        positions[s] = position
        let oldCell = cellOfSlot[s]
        if oldCell == newCell {
            let i = Int(indexInCell[s])
            if newCell >= 0 { pool[Int(cellStart[Int(newCell)]) + i] = entry } else { overflow[i] = entry }
            return
        }
        if oldCell != -2 { detach(slot: slot) }
        cellOfSlot[s] = newCell
        if newCell >= 0 {
            indexInCell[s] = cellCount[Int(newCell)]
            append(entry, toCell: Int(newCell))
        } else {
            indexInCell[s] = Int32(overflow.count)
            overflow.append(entry)
        }
    }

    /// Swap-removes a slot's entry from its cell (or the overflow list).
    @inlinable
    mutating func detach(slot: Int32) {
        let s = Int(slot)
        let cell = Int(cellOfSlot[s]), i = Int(indexInCell[s])
        if cell >= 0 {
            let start = Int(cellStart[cell])
            let lastIndex = Int(cellCount[cell]) - 1
            cellCount[cell] -= 1
            if i < lastIndex {
                let last = pool[start + lastIndex]
                pool[start + i] = last
                indexInCell[Int(last.slot)] = Int32(i)
            }
        } else if cell == -1 {
            let last = overflow.removeLast()
            if i < overflow.count { overflow[i] = last; indexInCell[Int(last.slot)] = Int32(i) }
        }
    }

    /// Appends an entry to a cell's run of the pool, moving the run to the end of the pool with
    /// twice the room when it is full; compacts the pool when half of it is abandoned.
    @inlinable
    mutating func append(_ entry: Entry, toCell cell: Int) {
        if cellCount[cell] == cellCapacity[cell] {
            let oldStart = Int(cellStart[cell]), count = Int(cellCount[cell])
            let newCapacity = max(4, 2 * count)
            let newStart = pool.count
            for i in 0..<count { pool.append(pool[oldStart + i]) }
            pool.append(contentsOf: repeatElement(entry, count: newCapacity - count))
            abandoned += Int(cellCapacity[cell])
            cellStart[cell] = Int32(newStart)
            cellCapacity[cell] = Int32(newCapacity)
            if abandoned > 1024 && abandoned * 2 > pool.count { compactPool() }
        }
        pool[Int(cellStart[cell]) + Int(cellCount[cell])] = entry
        cellCount[cell] += 1
    }

    /// Rewrites the pool with every cell's run packed, keeping some room in each.
    @usableFromInline
    mutating func compactPool() {
        var packed: [Entry] = []
        packed.reserveCapacity(pool.count - abandoned)
        for cell in cellStart.indices {
            let start = Int(cellStart[cell]), count = Int(cellCount[cell])
            let capacity = count == 0 ? 0 : max(4, count + count / 2)
            let newStart = packed.count
            packed.append(contentsOf: pool[start..<start + count])
            if capacity > count, let filler = packed.last {
                packed.append(contentsOf: repeatElement(filler, count: capacity - count))
            }
            cellStart[cell] = Int32(newStart)
            cellCapacity[cell] = Int32(capacity)
        }
        pool = packed
        abandoned = 0
    }

    /// Calls `body` with the index of every grid cell at Chebyshev distance `ring` from (qc, qr).
    @inlinable
    func forEachCell(inRing ring: Int, qc: Int, qr: Int, _ body: (Int) -> Void) {
        let c0 = qc - ring, c1 = qc + ring, r0 = qr - ring, r1 = qr + ring
        let cLo = max(c0, 0), cHi = min(c1, columns - 1)
        guard cLo <= cHi else { return }
        if ring == 0 {
            if qr >= 0 && qr < rows && qc >= 0 && qc < columns { body(qr * columns + qc) }
            return
        }
        // Bottom and top rows of the ring.
        if r0 >= 0 && r0 < rows { for col in cLo...cHi { body(r0 * columns + col) } }
        if r1 >= 0 && r1 < rows { for col in cLo...cHi { body(r1 * columns + col) } }
        // Left and right columns, without the corners.
        let rLo = max(r0 + 1, 0), rHi = min(r1 - 1, rows - 1)
        guard rLo <= rHi else { return }
        if c0 >= 0 && c0 < columns { for row in rLo...rHi { body(row * columns + c0) } }
        if c1 >= 0 && c1 < columns { for row in rLo...rHi { body(row * columns + c1) } }
    }

    /// A lower bound, in metres, on the ground distance from `p` to any point outside the block of
    /// cells within Chebyshev distance `ring - 1` of (qc, qr).
    @inlinable
    func gapMetres(_ p: LonLat, qc: Int, qr: Int, ring: Int, lonScale: Double) -> Double {
        let inner = ring - 1
        let blockWest = west + Double(qc - inner) * cellLon
        let blockEast = west + Double(qc + inner + 1) * cellLon
        let blockSouth = south + Double(qr - inner) * cellLat
        let blockNorth = south + Double(qr + inner + 1) * cellLat
        let lonGap = min(p.lon - blockWest, blockEast - p.lon) * lonScale
        let latGap = min(p.lat - blockSouth, blockNorth - p.lat) * minMetresPerDegreeLat
        return max(0, min(lonGap, latGap))
    }

    @inlinable
    static func unitVector(_ p: LonLat) -> (x: Double, y: Double, z: Double) {
        let phi = p.lat * .pi / 180, lambda = p.lon * .pi / 180
        let c = cos(phi)
        return (c * cos(lambda), c * sin(lambda), sin(phi))
    }

    /// Squared chord of the unit sphere for a ground distance in metres (monotone in distance).
    @inlinable
    static func chordSquared(forMetres metres: Double) -> Double {
        guard metres.isFinite else { return .infinity }
        let angle = min(metres / LonLat.earthRadiusMetres, Double.pi)
        let chord = 2 * sin(angle / 2)
        return chord * chord
    }

    @inlinable
    static func metres(forChordSquared d2: Double) -> Double {
        2 * LonLat.earthRadiusMetres * asin(min(1, d2.squareRoot() / 2))
    }
}

/// The k smallest (squared chord, slot) candidates seen so far, kept sorted in caller-provided
/// storage; ties broken by slot.
@usableFromInline
struct KBest {
    @usableFromInline
    struct Candidate {
        @usableFromInline var d2: Double
        @usableFromInline var slot: Int32
        @usableFromInline var tags: UInt64
        @inlinable init(d2: Double, slot: Int32, tags: UInt64) { self.d2 = d2; self.slot = slot; self.tags = tags }
    }

    @usableFromInline let storage: UnsafeMutableBufferPointer<Candidate>
    @usableFromInline var count = 0
    @usableFromInline let limit: Double

    @inlinable
    init(storage: UnsafeMutableBufferPointer<Candidate>, limit: Double) {
        self.storage = storage
        self.limit = limit
    }

    /// Candidates beyond this squared chord cannot enter the list.
    @inlinable
    var threshold: Double { count < storage.count ? limit : min(limit, storage[count - 1].d2) }

    @inlinable
    mutating func offer(_ d2: Double, slot: Int32, tags: UInt64) {
        var i = count
        if count == storage.count {
            let last = storage[count - 1]
            if d2 > last.d2 || (d2 == last.d2 && slot > last.slot) { return }
            i = count - 1
        } else {
            count += 1
        }
        // Insertion from the back: k is small, so this beats a heap.
        while i > 0 && (storage[i - 1].d2 > d2 || (storage[i - 1].d2 == d2 && storage[i - 1].slot > slot)) {
            storage[i] = storage[i - 1]
            i -= 1
        }
        storage[i] = Candidate(d2: d2, slot: slot, tags: tags)
    }
}
