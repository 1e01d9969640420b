/// Count, mean, sample variance and standard error of a sample, with Student-t confidence
/// intervals for its mean.
public struct SummaryStatistics: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Number of observations (at least one).
    public let count: Int
    /// The sample mean.
    public let mean: Double
    /// Sample variance (divisor n − 1); nil with fewer than two observations.
    public let variance: Double?
    /// The smallest observation.
    public let minimum: Double
    /// The largest observation.
    public let maximum: Double

    /// The summary of an accumulator; it needs at least one observation (so that every figure is
    /// a finite number, safe to encode as JSON).
    public init(_ accumulator: RunningStatistics) throws(StatisticsError) {
        guard accumulator.count > 0 else { throw .tooFewObservations(needed: 1, got: 0) }
        count = accumulator.count
        mean = accumulator.mean
        variance = accumulator.variance
        minimum = accumulator.minimum
        maximum = accumulator.maximum
    }

    /// The summary of at least one value; a NaN or infinite value is an error naming its position.
    public init(values: [Double]) throws(StatisticsError) {
        var acc = RunningStatistics()
        for (i, v) in values.enumerated() {
            guard v.isFinite else { throw .notFinite(index: i, value: v) }
            acc.add(v)
        }
        try self.init(acc)
    }

    /// Sample standard deviation; nil with fewer than two observations.
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }

    /// Standard error of the mean, s / √n; nil with fewer than two observations.
    public var standardError: Double? { variance.map { ($0 / Double(count)).squareRoot() } }

    /// The two-sided confidence interval for the mean at `level` (e.g. 0.95), from Student's t
    /// with n − 1 degrees of freedom. Needs at least two observations.
    public func confidenceInterval(level: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        guard count >= 2, let se = standardError else { throw .tooFewObservations(needed: 2, got: count) }
        let t = try StudentT.quantile(0.5 + level / 2, Double(count - 1))
        return ConfidenceInterval(estimate: mean, halfWidth: t * se, level: level)
    }

    /// `n=… mean=… sd=…`.
    public var description: String {
        var text = "n=\(count) mean=\(mean)"
        if let sd = standardDeviation { text += " sd=\(sd)" }
        return text
    }
}

/// A two-sided confidence interval around an estimate.
public struct ConfidenceInterval: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The point estimate at the interval's centre.
    public let estimate: Double
    /// Half the interval's width: the "±" figure.
    public let halfWidth: Double
    /// The confidence level, e.g. 0.95.
    public let level: Double

    /// An interval estimate ± halfWidth at a confidence level.
    public init(estimate: Double, halfWidth: Double, level: Double) {
        self.estimate = estimate
        self.halfWidth = halfWidth
        self.level = level
    }

    /// The lower end.
    public var lower: Double { estimate - halfWidth }
    /// The upper end.
    public var upper: Double { estimate + halfWidth }

    /// True when `value` lies within the interval (ends included).
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// True when zero lies outside the interval: for a difference, a significant one at this level.
    public var excludesZero: Bool { !contains(0) }

    /// `estimate ± halfWidth (level CI lower…upper)`.
    public var description: String {
        "\(estimate) ± \(halfWidth) (\(level * 100)% CI \(lower)…\(upper))"
    }
}
