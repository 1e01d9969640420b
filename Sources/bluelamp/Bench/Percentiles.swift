/// Latency samples and their percentiles (nearest-rank on the sorted samples).
struct LatencySamples {
    private(set) var values: [Double] = []

    init(capacity: Int = 0) { values.reserveCapacity(capacity) }

    mutating func add(_ v: Double) { values.append(v) }

    var count: Int { values.count }

    /// The p-th percentile, p in 0…100.
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var mean: Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
}
