extension Statistics {
    /// The p-quantile of `values` by linear interpolation between order statistics (Hyndman and
    /// Fan's type 7, the default of R and NumPy): the median is `quantile(v, 0.5)`.
    public static func quantile(_ values: [Double], _ p: Double) throws(StatisticsError) -> Double {
        for (i, v) in values.enumerated() where !v.isFinite { throw .notFinite(index: i, value: v) }
        return try quantile(sorted: values.sorted(), p)
    }

    /// The p-quantile of values already sorted ascending (not checked), 0 ≤ p ≤ 1.
    public static func quantile(sorted values: [Double], _ p: Double) throws(StatisticsError) -> Double {
        guard !values.isEmpty else { throw .tooFewObservations(needed: 1, got: 0) }
        guard p >= 0, p <= 1 else { throw .invalidProbability(p) }
        let h = Double(values.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, values.count - 1)
        return values[lower] + (h - Double(lower)) * (values[upper] - values[lower])
    }
}
