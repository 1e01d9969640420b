/// Why a statistic could not be computed from the data given.
public enum StatisticsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The computation needs at least `needed` observations.
    case tooFewObservations(needed: Int, got: Int)
    /// A confidence level outside (0, 1).
    case invalidLevel(Double)
    /// A probability outside (0, 1) where a quantile was asked for.
    case invalidProbability(Double)
    /// Degrees of freedom that are not positive (or NaN).
    case invalidDegreesOfFreedom(Double)
    /// Paired samples of different lengths.
    case lengthMismatch(first: Int, second: Int)
    /// A value that is NaN or infinite, at its position in the input.
    case notFinite(index: Int, value: Double)
    /// A batch count that cannot split the values (fewer than 2 batches, or batches of no value).
    case invalidBatchCount(batches: Int, values: Int)
    /// A warm-up longer than the data.
    case invalidWarmUp(warmUp: Int, values: Int)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case let .tooFewObservations(needed, got):
            return "needs at least \(needed) observations, got \(got)"
        case let .invalidLevel(level):
            return "confidence level \(level) is not between 0 and 1 (e.g. 0.95)"
        case let .invalidProbability(p):
            return "probability \(p) is not strictly between 0 and 1"
        case let .invalidDegreesOfFreedom(df):
            return "degrees of freedom \(df) must be a positive number"
        case let .lengthMismatch(first, second):
            return "paired samples must have the same length, got \(first) and \(second)"
        case let .notFinite(index, value):
            return "value \(value) at position \(index) is not a finite number"
        case let .invalidBatchCount(batches, values):
            return "cannot split \(values) values into \(batches) batches (need at least 2 batches of at least 1 value)"
        case let .invalidWarmUp(warmUp, values):
            return "a warm-up of \(warmUp) values leaves nothing of \(values) values"
        }
    }
}
