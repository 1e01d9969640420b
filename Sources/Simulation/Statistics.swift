/// Statistics for simulation output: a streaming accumulator, summaries with Student-t confidence
/// intervals, paired differences (common random numbers) and batch means for one long run.
public enum Statistics {}

/// A streaming mean and variance by Welford's method: one pass, numerically stable, mergeable.
///
/// Non-finite values are not folded in (they would poison every figure); they are counted in
/// `nonFiniteCount` so that nothing is lost silently.
public struct RunningStatistics: Sendable, Hashable, Codable {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = 0
    /// Sum of squared deviations from the running mean.
    public private(set) var sumOfSquaredDeviations: Double = 0
    public private(set) var minimum: Double = .infinity
    public private(set) var maximum: Double = -.infinity
    /// Values offered to `add` that were NaN or infinite, and so left out.
    public private(set) var nonFiniteCount: Int = 0

    /// An empty accumulator.
    public init() {}

    /// An accumulator holding `values`.
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { add(v) }
    }

    /// Folds one observation in.
    public mutating func add(_ x: Double) {
        guard x.isFinite else {
            nonFiniteCount += 1
            return
        }
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        sumOfSquaredDeviations += delta * (x - mean)
        minimum = Swift.min(minimum, x)
        maximum = Swift.max(maximum, x)
    }

    /// Folds another accumulator in (Chan et al.'s parallel update): the result equals adding
    /// both streams' values to one accumulator.
    public mutating func merge(_ other: RunningStatistics) {
        nonFiniteCount += other.nonFiniteCount
        guard other.count > 0 else { return }
        guard count > 0 else {
            let rejected = nonFiniteCount
            self = other
            nonFiniteCount = rejected
            return
        }
        let n = Double(count), m = Double(other.count)
        let delta = other.mean - mean
        let total = n + m
        mean += delta * m / total
        sumOfSquaredDeviations += other.sumOfSquaredDeviations + delta * delta * n * m / total
        count += other.count
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    /// The sample variance (divisor n − 1); nil with fewer than two observations.
    public var variance: Double? {
        count >= 2 ? Swift.max(0, sumOfSquaredDeviations / Double(count - 1)) : nil
    }

    /// The summary of what was added so far; needs at least one observation.
    public func summary() throws(StatisticsError) -> SummaryStatistics { try SummaryStatistics(self) }
}
