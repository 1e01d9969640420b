/// Paired differences a_i − b_i of two equal-length samples: how two rule sets compare when each
/// replication ran both on common random numbers.
public struct PairedComparison: Sendable, Hashable, Codable {
    /// The summary of the differences a_i − b_i.
    public let differences: SummaryStatistics
    /// The mean of the first sample.
    public let meanFirst: Double
    /// The mean of the second sample.
    public let meanSecond: Double

    /// Pairs `first[i]` with `second[i]`; the samples must have the same length (at least one
    /// pair; two for an interval) and hold finite numbers.
    public init(_ first: [Double], _ second: [Double]) throws(StatisticsError) {
        guard first.count == second.count else { throw .lengthMismatch(first: first.count, second: second.count) }
        var diffs = RunningStatistics(), a = RunningStatistics(), b = RunningStatistics()
        for i in first.indices {
            guard first[i].isFinite else { throw .notFinite(index: i, value: first[i]) }
            guard second[i].isFinite else { throw .notFinite(index: i, value: second[i]) }
            diffs.add(first[i] - second[i])
            a.add(first[i])
            b.add(second[i])
        }
        differences = try diffs.summary()
        meanFirst = a.mean
        meanSecond = b.mean
    }

    /// The mean difference (first − second).
    public var meanDifference: Double { differences.mean }

    /// The confidence interval for the mean difference (Student's t, n − 1 degrees of freedom).
    public func confidenceInterval(level: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval {
        try differences.confidenceInterval(level: level)
    }
}
