import Foundation
import GeoKit

/// The seeded workload of `bench spatial`: units spread uniformly over the West Midlands box, 70 %
/// available, a stream of GPS pings (every unit pings once per round, in a random order, moving up
/// to ~150 m), query points, and the brute-force answer to every query.
struct SpatialWorkload {
    static let west = -2.21, south = 52.34, east = -1.42, north = 52.67
    /// The tag bit that marks a unit available.
    static let availableTag: UInt64 = 1
    static let k = 5

    let units: Int
    /// Positions before the pings.
    let initial: [LonLat]
    let available: [Bool]
    /// The ping stream: unit id and its new position, in order.
    let updateIDs: [Int]
    let updatePositions: [LonLat]
    /// Positions after the whole ping stream (what every subject holds when queried).
    let final: [LonLat]
    /// Warm-up queries, then measured queries.
    let warmup: [LonLat]
    let queries: [LonLat]
    /// For each measured query, the ground distances of the k nearest available units, ascending.
    let truth: [[Double]]
    /// How long a subject may spend on measured queries once it has done 500 of them.
    let queryBudgetSeconds: Double

    init(units: Int, rounds: Int, warmupCount: Int, queryCount: Int, queryBudgetSeconds: Double, seed: UInt64) {
        self.queryBudgetSeconds = queryBudgetSeconds
        var random = SpatialRandom(seed: seed &+ UInt64(units))
        self.units = units
        let initial = (0..<units).map { _ in SpatialWorkload.randomPoint(&random) }
        self.initial = initial
        let available = (0..<units).map { _ in random.unit() < 0.7 }
        self.available = available
        var current = initial
        var ids: [Int] = []
        var positions: [LonLat] = []
        ids.reserveCapacity(rounds * units)
        positions.reserveCapacity(rounds * units)
        var order = Array(0..<units)
        for _ in 0..<rounds {
            random.shuffle(&order)
            for id in order {
                // A step of up to ~150 m in a random direction, kept inside the box.
                let p = current[id]
                let dLat = (random.unit() * 2 - 1) * 0.00135
                let dLon = (random.unit() * 2 - 1) * 0.0022
                let moved = LonLat(lon: min(max(p.lon + dLon, SpatialWorkload.west), SpatialWorkload.east),
                                   lat: min(max(p.lat + dLat, SpatialWorkload.south), SpatialWorkload.north))
                current[id] = moved
                ids.append(id)
                positions.append(moved)
            }
        }
        self.updateIDs = ids
        self.updatePositions = positions
        self.final = current
        self.warmup = (0..<warmupCount).map { _ in SpatialWorkload.randomPoint(&random) }
        let queries = (0..<queryCount).map { _ in SpatialWorkload.randomPoint(&random) }
        self.queries = queries
        let availableIDs = (0..<units).filter { available[$0] }
        self.truth = queries.map { q in
            SpatialWorkload.kSmallest(availableIDs.map { current[$0].groundDistance(to: q) }, k: SpatialWorkload.k)
        }
    }

    /// Whether a subject's answer (unit ids, nearest first) is the true k nearest on the ground:
    /// the true distances of the returned units equal the brute-force k smallest within 1 cm (so a
    /// tie may be broken either way).
    func isExact(_ answer: [Int], query index: Int) -> Bool {
        let expected = truth[index]
        guard answer.count == expected.count, Set(answer).count == answer.count,
              answer.allSatisfy({ $0 >= 0 && $0 < units && available[$0] }) else { return false }
        let distances = answer.map { final[$0].groundDistance(to: queries[index]) }.sorted()
        return zip(distances, expected).allSatisfy { abs($0 - $1) <= 0.01 }
    }

    /// Whether a subject that began its measured queries at `began` and has done `done` of them
    /// may do another (always for the first 500; then while within the time budget).
    func mayQuery(began: UInt64, done: Int) -> Bool {
        done < 500 || Double(spatialNow() - began) / 1e9 < queryBudgetSeconds
    }

    static func randomPoint(_ random: inout SpatialRandom) -> LonLat {
        LonLat(lon: west + random.unit() * (east - west), lat: south + random.unit() * (north - south))
    }

    static func kSmallest(_ values: [Double], k: Int) -> [Double] {
        var best: [Double] = []
        best.reserveCapacity(k + 1)
        for v in values where best.count < k || v < best[best.count - 1] {
            let at = best.firstIndex { $0 > v } ?? best.count
            best.insert(v, at: at)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// The box's area in square metres (for choosing the grid cell size).
    static var areaSquareMetres: Double {
        let widthMetres = LonLat(lon: west, lat: (south + north) / 2).groundDistance(to: LonLat(lon: east, lat: (south + north) / 2))
        let heightMetres = LonLat(lon: west, lat: south).groundDistance(to: LonLat(lon: west, lat: north))
        return widthMetres * heightMetres
    }
}

/// The workload's draws, from GeoKit's seeded `SplitMix64`.
struct SpatialRandom {
    private var base: SplitMix64

    init(seed: UInt64) { base = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { base.next() }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func shuffle(_ values: inout [Int]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, Int(next() % UInt64(i + 1)))
        }
    }
}

/// Nanoseconds on the monotonic clock.
@inline(__always)
func spatialNow() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// What one subject measured at one size.
struct SpatialMeasurement {
    var updatesPerSecond: Double
    var updateCount: Int
    var latencies: LatencySamples
    var exact: Int
    var queryCount: Int
    /// Shown beside the update figure (e.g. the grid cell size).
    var detail: String = ""
    var notes: [String] = []

    var exactShare: Double { queryCount == 0 ? 0 : Double(exact) / Double(queryCount) }
}
