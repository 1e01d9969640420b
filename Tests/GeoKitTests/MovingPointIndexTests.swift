import Testing
import GeoKit

/// Seeded draws for reproducible inputs.
typealias SeededRandom = SplitMix64

@Suite struct MovingPointIndexTests {
    // The West Midlands box.
    static let west = -2.21, south = 52.34, east = -1.42, north = 52.67

    static func randomPoint(_ rng: inout SeededRandom, margin: Double = 0) -> LonLat {
        LonLat(lon: Double.random(in: (west - margin)...(east + margin), using: &rng),
               lat: Double.random(in: (south - margin)...(north + margin), using: &rng))
    }

    /// The brute-force answer: every point passing the filter, by ground distance then key.
    static func bruteForce(_ points: [Int: (LonLat, UInt64)], from q: LonLat, k: Int,
                           filter: (Int, UInt64) -> Bool) -> [(Int, Double)] {
        var all: [(Int, Double)] = []
        for (key, value) in points where filter(key, value.1) {
            all.append((key, q.groundDistance(to: value.0)))
        }
        all.sort(by: Self.byDistanceThenKey)
        return Array(all.prefix(k))
    }

    static func byDistanceThenKey(_ a: (Int, Double), _ b: (Int, Double)) -> Bool {
        a.1 != b.1 ? a.1 < b.1 : a.0 < b.0
    }

    @Test(arguments: [50.0, 400.0, 3_000.0])
    func nearestEqualsBruteForceAcrossCellBordersAndBoxEdges(cellSize: Double) {
        var rng = SeededRandom(seed: 7)
        var index = MovingPointIndex<Int>(west: Self.west, south: Self.south, east: Self.east,
                                          north: Self.north, cellSizeMetres: cellSize)
        var truth: [Int: (LonLat, UInt64)] = [:]
        // Some points outside the box too: they must still be found.
        for key in 0..<2_000 {
            let p = Self.randomPoint(&rng, margin: key % 10 == 0 ? 0.3 : 0)
            let tags: UInt64 = key % 3 == 0 ? 0 : 1
            index.upsert(key, at: p, tags: tags)
            truth[key] = (p, tags)
        }
        let available: (Int, UInt64) -> Bool = { _, tags in tags == 1 }
        // Queries inside, on the edges and corners, and far outside the box.
        var queries = (0..<300).map { _ in Self.randomPoint(&rng, margin: 0.5) }
        queries += [LonLat(lon: Self.west, lat: Self.south), LonLat(lon: Self.east, lat: Self.north),
                    LonLat(lon: Self.west, lat: Self.north), LonLat(lon: 10, lat: 60), LonLat(lon: -1.8, lat: -10)]
        for q in queries {
            let got = index.nearest(to: q, k: 5, where: available)
            let want = Self.bruteForce(truth, from: q, k: 5, filter: available)
            #expect(got.map(\.key) == want.map(\.0), "query \(q)")
            for (g, w) in zip(got, want) { #expect(abs(g.distanceMetres - w.1) < 0.01) }
        }
    }

    @Test func updatesRemovalsAndReinsertionsKeepAnswersExact() {
        var rng = SeededRandom(seed: 11)
        var index = MovingPointIndex<Int>(west: Self.west, south: Self.south, east: Self.east,
                                          north: Self.north, cellSizeMetres: 300)
        var truth: [Int: (LonLat, UInt64)] = [:]
        for step in 0..<20_000 {
            let key = Int.random(in: 0..<500, using: &rng)
            switch step % 7 {
            case 0:
                #expect(index.remove(key) == (truth.removeValue(forKey: key) != nil))
            case 1:
                // A small move, as between two GPS pings: usually the same cell.
                if let (p, tags) = truth[key] {
                    let moved = LonLat(lon: p.lon + Double.random(in: -0.001...0.001, using: &rng),
                                       lat: p.lat + Double.random(in: -0.001...0.001, using: &rng))
                    index.upsert(key, at: moved, tags: tags)
                    truth[key] = (moved, tags)
                }
            case 2:
                let tags = UInt64.random(in: 0...3, using: &rng)
                #expect(index.setTags(key, tags) == (truth[key] != nil))
                if let (p, _) = truth[key] { truth[key] = (p, tags) }
            default:
                let p = Self.randomPoint(&rng, margin: 0.05)
                let tags = UInt64.random(in: 0...3, using: &rng)
                index.upsert(key, at: p, tags: tags)
                truth[key] = (p, tags)
            }
            if step % 500 == 0 {
                #expect(index.count == truth.count)
                let q = Self.randomPoint(&rng)
                let filter: (Int, UInt64) -> Bool = { key, tags in tags & 1 == 1 && key % 5 != 0 }
                #expect(index.nearest(to: q, k: 8, where: filter).map(\.key)
                        == Self.bruteForce(truth, from: q, k: 8, filter: filter).map(\.0))
            }
        }
        for (key, (p, tags)) in truth {
            #expect(index.position(of: key) == p)
            #expect(index.tags(of: key) == tags)
        }
    }

    @Test func withinRadiusEqualsBruteForce() {
        var rng = SeededRandom(seed: 3)
        var index = MovingPointIndex<Int>(west: Self.west, south: Self.south, east: Self.east,
                                          north: Self.north, cellSizeMetres: 700)
        var truth: [Int: (LonLat, UInt64)] = [:]
        for key in 0..<3_000 {
            let p = Self.randomPoint(&rng, margin: 0.02)
            index.upsert(key, at: p, tags: 0)
            truth[key] = (p, 0)
        }
        for radius in [0.0, 250, 1_500, 8_000] {
            for _ in 0..<40 {
                let q = Self.randomPoint(&rng, margin: 0.1)
                let got = index.within(radiusMetres: radius, of: q)
                let want = Self.bruteForce(truth, from: q, k: truth.count, filter: { _, _ in true })
                    .filter { $0.1 <= radius }
                let gotKeys: [Int] = got.map { $0.key }
                let gotDistances: [Double] = got.map { $0.distanceMetres }
                #expect(Set(gotKeys) == Set(want.map { $0.0 }), "radius \(radius) at \(q)")
                #expect(gotDistances == gotDistances.sorted())
            }
        }
    }

    @Test func answersDoNotDependOnInsertionOrderForDistinctDistances() {
        var rng = SeededRandom(seed: 5)
        let points = (0..<400).map { ($0, Self.randomPoint(&rng)) }
        var a = MovingPointIndex<Int>(west: Self.west, south: Self.south, east: Self.east, north: Self.north)
        var b = a
        for (k, p) in points { a.upsert(k, at: p) }
        for (k, p) in points.reversed() { b.upsert(k, at: p) }
        let q = LonLat(lon: -1.9, lat: 52.48)
        #expect(a.nearest(to: q, k: 10).map(\.key) == b.nearest(to: q, k: 10).map(\.key))
    }

    @Test func maxDistanceAndEmptyIndex() {
        var index = MovingPointIndex<String>(west: Self.west, south: Self.south, east: Self.east, north: Self.north)
        let q = LonLat(lon: -1.9, lat: 52.48)
        #expect(index.nearest(to: q, k: 5).isEmpty)
        index.upsert("ALPHA1", at: LonLat(lon: -1.9, lat: 52.49))   // ≈ 1.1 km north
        index.upsert("BRAVO2", at: LonLat(lon: -1.9, lat: 52.58))   // ≈ 11 km north
        #expect(index.nearest(to: q, k: 5, maxDistanceMetres: 5_000).map(\.key) == ["ALPHA1"])
        #expect(index.nearest(to: q, k: 5).map(\.key) == ["ALPHA1", "BRAVO2"])
        #expect(index.nearest(to: q, k: 5, where: { key, _ in key.hasPrefix("B") }).map(\.key) == ["BRAVO2"])
        let d = index.nearest(to: q, k: 1)[0].distanceMetres
        #expect(abs(d - q.groundDistance(to: LonLat(lon: -1.9, lat: 52.49))) < 1e-6)
    }
}
