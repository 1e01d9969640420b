/// The method of batch means for one long, autocorrelated run: the run (after a warm-up) is cut
/// into equal consecutive batches whose means are nearly independent, and the interval for the
/// long-run mean comes from those batch means.
public struct BatchMeans: Sendable, Hashable, Codable {
    /// Values per batch.
    public let batchSize: Int
    /// Values left out: the warm-up, plus the remainder that did not fill a batch (taken from the
    /// start, right after the warm-up, where the run is least settled).
    public let discarded: Int
    /// Each batch's mean, in run order.
    public let means: [Double]
    /// The summary of the batch means; its confidence interval is the one to quote.
    public let summary: SummaryStatistics

    /// Lag-1 autocorrelation of the batch means; near zero (say below 0.2) when the batches are
    /// long enough to be treated as independent. Nil with fewer than three batches.
    public var lag1Autocorrelation: Double? {
        guard means.count >= 3, let variance = summary.variance, variance > 0 else { return nil }
        let m = summary.mean
        var sum = 0.0
        for i in 1..<means.count { sum += (means[i - 1] - m) * (means[i] - m) }
        return sum / Double(means.count - 1) / variance
    }

    /// The confidence interval for the long-run mean.
    public func confidenceInterval(level: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval {
        try summary.confidenceInterval(level: level)
    }
}

extension Statistics {
    /// Batch means of `values` in `batches` batches, after dropping `warmUp` values from the start.
    public static func batchMeans(_ values: [Double], batches: Int, warmUp: Int = 0) throws(StatisticsError) -> BatchMeans {
        guard warmUp >= 0, warmUp < values.count || values.isEmpty else {
            throw .invalidWarmUp(warmUp: warmUp, values: values.count)
        }
        let usable = values.count - warmUp
        guard batches >= 2, usable >= batches else { throw .invalidBatchCount(batches: batches, values: usable) }
        let size = usable / batches
        let start = warmUp + usable - size * batches
        var means = [Double]()
        means.reserveCapacity(batches)
        for b in 0..<batches {
            var acc = RunningStatistics()
            for i in (start + b * size)..<(start + (b + 1) * size) {
                guard values[i].isFinite else { throw .notFinite(index: i, value: values[i]) }
                acc.add(values[i])
            }
            means.append(acc.mean)
        }
        return BatchMeans(batchSize: size, discarded: start, means: means, summary: try SummaryStatistics(values: means))
    }
}
