import Foundation
import Testing
@testable import Simulation

@Suite("Statistics: Student t")
struct StatisticsStudentTTests {
    /// Two-sided 95 % and 99 % critical values from the standard t table (three decimals).
    @Test(arguments: [
        (0.975, 1.0, 12.706), (0.975, 2.0, 4.303), (0.975, 5.0, 2.571), (0.975, 9.0, 2.262),
        (0.975, 29.0, 2.045), (0.975, 120.0, 1.980), (0.995, 1.0, 63.657), (0.995, 10.0, 3.169),
        (0.95, 4.0, 2.132), (0.90, 15.0, 1.341), (0.9995, 3.0, 12.924),
    ])
    func quantileMatchesTable(p: Double, df: Double, expected: Double) throws {
        let t = try StudentT.quantile(p, df)
        #expect(abs(t - expected) < 0.0006, "t(\(p), \(df)) = \(t), table \(expected)")
    }

    @Test func largeDegreesOfFreedomTendToNormal() throws {
        #expect(abs(try StudentT.quantile(0.975, 1e6) - 1.959966) < 1e-5)
        #expect(abs(try StudentT.quantile(0.975, .infinity) - 1.959964) < 1e-6)
        #expect(abs(try StandardNormal.quantile(0.975) - 1.959963985) < 1e-8)
        #expect(abs(try StandardNormal.quantile(0.001) + 3.090232306) < 1e-8)
    }

    /// One degree of freedom is the Cauchy distribution: an independent closed form.
    @Test(arguments: [0.6, 0.75, 0.9, 0.99, 0.999999, 0.2, 1e-9])
    func cauchyClosedForm(p: Double) throws {
        // t = tan(π(p − ½)) = −cot(πp), written so that small p keeps its digits.
        let exact = -1 / tan(Double.pi * p)
        let t = try StudentT.quantile(p, 1)
        #expect(abs(t - exact) <= 1e-9 * max(1, abs(exact)))
    }

    /// Two degrees of freedom also have a closed form: t = (2p − 1) / √(2p(1 − p)).
    @Test(arguments: [0.55, 0.8, 0.975, 0.9999, 0.01])
    func twoDegreesClosedForm(p: Double) throws {
        let exact = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
        #expect(abs(try StudentT.quantile(p, 2) - exact) <= 1e-10 * max(1, abs(exact)))
    }

    @Test(arguments: [0.3, 3.0, 17.5, 250.0])
    func cdfInvertsQuantile(df: Double) throws {
        for p in stride(from: 0.01, through: 0.99, by: 0.07) {
            let t = try StudentT.quantile(p, df)
            #expect(abs(try StudentT.cdf(t, df) - p) < 1e-12)
        }
        #expect(try StudentT.quantile(0.5, df) == 0)
        #expect(abs(try StudentT.quantile(0.25, df) + (try StudentT.quantile(0.75, df))) < 1e-12)
    }

    @Test func rejectsBadArguments() {
        #expect(throws: StatisticsError.invalidProbability(1)) { try StudentT.quantile(1, 5) }
        #expect(throws: StatisticsError.invalidProbability(0)) { try StudentT.quantile(0, 5) }
        #expect(throws: StatisticsError.invalidDegreesOfFreedom(0)) { try StudentT.quantile(0.9, 0) }
        #expect(throws: StatisticsError.self) { try StudentT.quantile(.nan, 3) }
    }
}

@Suite("Statistics: Welford, summaries and intervals")
struct StatisticsSummaryTests {
    @Test func welfordMatchesTwoPassFormulas() throws {
        // Values with a large common offset: the naive sum-of-squares formula loses every digit here.
        let values = (0..<1000).map { 1e9 + Double(($0 * 7919) % 1000) / 10 }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        let s = try SummaryStatistics(values: values)
        #expect(s.count == 1000)
        #expect(abs(s.mean - mean) < 1e-6)
        let v = try #require(s.variance)
        #expect(abs(v - variance) / variance < 1e-9)
        #expect(s.minimum == 1e9 && s.maximum == 1e9 + 99.9)
    }

    @Test func mergeEqualsOneStream() throws {
        let a = (0..<37).map { sin(Double($0)) * 10 }
        let b = (0..<91).map { cos(Double($0) * 0.3) * 3 + 5 }
        var left = RunningStatistics(a)
        left.merge(RunningStatistics(b))
        let whole = RunningStatistics(a + b)
        #expect(left.count == whole.count)
        #expect(abs(left.mean - whole.mean) < 1e-12)
        #expect(abs(try #require(left.variance) - (try #require(whole.variance))) < 1e-10)
        var empty = RunningStatistics()
        empty.merge(whole)
        #expect(empty == whole)
    }

    @Test func nonFiniteValuesAreCountedNotFolded() throws {
        var acc = RunningStatistics([1, 2, .nan, 3, .infinity])
        #expect(acc.count == 3 && acc.nonFiniteCount == 2 && acc.mean == 2)
        acc.add(4)
        #expect(acc.count == 4)
        #expect(throws: StatisticsError.notFinite(index: 2, value: .infinity)) {
            try SummaryStatistics(values: [1, 2, .infinity])
        }
    }

    @Test func confidenceIntervalUsesStudentT() throws {
        // n = 10, mean 5.5, sd = √(55/6): half-width = t(0.975, 9) · sd / √10.
        let s = try SummaryStatistics(values: (1...10).map(Double.init))
        let ci = try s.confidenceInterval(level: 0.95)
        let expected = 2.262157 * (55.0 / 6).squareRoot() / 10.0.squareRoot()
        #expect(abs(ci.halfWidth - expected) < 1e-5)
        #expect(ci.contains(5.5) && !ci.contains(3.3) && ci.excludesZero)
        #expect(abs(ci.lower - (5.5 - expected)) < 1e-5)
        let wider = try s.confidenceInterval(level: 0.99)
        #expect(wider.halfWidth > ci.halfWidth)
    }

    @Test func summariesNeedAnObservation() {
        #expect(throws: StatisticsError.tooFewObservations(needed: 1, got: 0)) { try SummaryStatistics(values: []) }
        #expect(throws: StatisticsError.tooFewObservations(needed: 1, got: 0)) { try RunningStatistics([.nan]).summary() }
        #expect(throws: StatisticsError.tooFewObservations(needed: 1, got: 0)) { try PairedComparison([], []) }
    }

    @Test func intervalNeedsTwoObservationsAndAValidLevel() throws {
        let one = try SummaryStatistics(values: [4])
        #expect(one.variance == nil && one.standardError == nil)
        #expect(throws: StatisticsError.tooFewObservations(needed: 2, got: 1)) { try one.confidenceInterval() }
        let two = try SummaryStatistics(values: [4, 6])
        #expect(throws: StatisticsError.invalidLevel(95)) { try two.confidenceInterval(level: 95) }
    }

    /// Coverage: over many seeded normal samples, the 90 % interval covers the true mean about 90 %
    /// of the time (binomial sd of the share over 4,000 trials ≈ 0.5 %).
    @Test func intervalsCoverAtTheirLevel() throws {
        var rng = TestRandom(seed: 42)
        var covered = 0
        let trials = 4000
        for _ in 0..<trials {
            let sample = (0..<6).map { _ in 3 + 2 * rng.normal() }
            if try SummaryStatistics(values: sample).confidenceInterval(level: 0.9).contains(3) { covered += 1 }
        }
        let share = Double(covered) / Double(trials)
        #expect(abs(share - 0.9) < 0.02, "coverage \(share)")
    }

    @Test(arguments: [(0.5, 3.0), (0.0, 1.0), (1.0, 5.0), (0.9, 4.6), (0.25, 2.0)])
    func quantileInterpolates(p: Double, expected: Double) throws {
        #expect(abs(try Statistics.quantile([5, 1, 4, 2, 3], p) - expected) < 1e-12)
    }

    @Test func quantileRejectsEmptyAndBadInput() {
        #expect(throws: StatisticsError.tooFewObservations(needed: 1, got: 0)) { try Statistics.quantile([], 0.5) }
        #expect(throws: StatisticsError.invalidProbability(1.5)) { try Statistics.quantile([1], 1.5) }
        #expect {
            try Statistics.quantile([1, .nan], 0.5)
        } throws: { error in
            guard case StatisticsError.notFinite(index: 1, let value) = error else { return false }
            return value.isNaN
        }
    }
}

@Suite("Statistics: paired differences and batch means")
struct StatisticsComparisonTests {
    @Test func pairedDifferencesRemoveTheCommonNoise() throws {
        // Common random numbers: both rule sets see the same large replication noise; B is 0.5 better.
        var rng = TestRandom(seed: 7)
        let noise = (0..<20).map { _ in 10 * rng.normal() }
        let a = noise.map { 60 + $0 }
        let b = noise.enumerated().map { 59.5 + $1 + 0.1 * Double($0 % 3 - 1) }
        let paired = try PairedComparison(a, b)
        let ci = try paired.confidenceInterval()
        #expect(abs(paired.meanDifference - 0.5) < 0.05)
        #expect(ci.excludesZero && ci.contains(0.5))
        // Unpaired, the same data cannot tell the two apart.
        let unpaired = try SummaryStatistics(values: a).confidenceInterval().halfWidth
        #expect(unpaired > 10 * ci.halfWidth)
        #expect(abs(paired.meanFirst - paired.meanSecond - paired.meanDifference) < 1e-9)
    }

    @Test func pairedRejectsMismatchedOrBadSamples() {
        #expect(throws: StatisticsError.lengthMismatch(first: 3, second: 2)) { try PairedComparison([1, 2, 3], [1, 2]) }
        #expect(throws: StatisticsError.notFinite(index: 1, value: .infinity)) {
            try PairedComparison([1, 2], [1, .infinity])
        }
        #expect(throws: StatisticsError.tooFewObservations(needed: 2, got: 1)) {
            try PairedComparison([1], [2]).confidenceInterval()
        }
    }

    @Test func batchMeansSplitAfterWarmUp() throws {
        let values = (0..<103).map(Double.init)
        let bm = try Statistics.batchMeans(values, batches: 10, warmUp: 3)
        #expect(bm.batchSize == 10 && bm.discarded == 3)
        #expect(bm.means.first == 7.5 && bm.means.last == 97.5)
        #expect(bm.summary.count == 10)
        #expect(abs(bm.summary.mean - 52.5) < 1e-12)
        let odd = try Statistics.batchMeans(values, batches: 4)
        #expect(odd.batchSize == 25 && odd.discarded == 3)
    }

    /// An AR(1) series x_t = 0.9 x_{t−1} + ε_t: its long-run variance is 1 / (1 − 0.9)² = 100, so the
    /// mean of n values has standard deviation 10 / √n. Batch means must estimate that spread
    /// (the naive i.i.d. interval is about 4× too narrow) and centre on the true mean.
    @Test func batchMeansOnAutocorrelatedRun() throws {
        var rng = TestRandom(seed: 3)
        var x = 0.0
        var series = [Double]()
        for _ in 0..<200_000 {
            x = 0.9 * x + rng.normal()
            series.append(10 + x)
        }
        let bm = try Statistics.batchMeans(series, batches: 20, warmUp: 1000)
        let ci = try bm.confidenceInterval()
        let trueSD = 10 / Double(bm.batchSize * 20).squareRoot()
        let expectedHalfWidth = 2.093 * trueSD
        #expect(abs(ci.estimate - 10) < 4 * trueSD)
        #expect(ci.halfWidth > 0.6 * expectedHalfWidth && ci.halfWidth < 1.5 * expectedHalfWidth,
                "half-width \(ci.halfWidth), theory \(expectedHalfWidth)")
        #expect(abs(try #require(bm.lag1Autocorrelation)) < 0.5)
        // The naive i.i.d. interval is far too narrow for this series.
        let naive = try SummaryStatistics(values: series).confidenceInterval().halfWidth
        #expect(naive < ci.halfWidth / 2.5)
    }

    @Test func batchMeansRejectsImpossibleSplits() {
        #expect(throws: StatisticsError.invalidBatchCount(batches: 1, values: 10)) {
            try Statistics.batchMeans((0..<10).map(Double.init), batches: 1)
        }
        #expect(throws: StatisticsError.invalidBatchCount(batches: 5, values: 3)) {
            try Statistics.batchMeans([1, 2, 3], batches: 5)
        }
        #expect(throws: StatisticsError.invalidWarmUp(warmUp: 4, values: 4)) {
            try Statistics.batchMeans([1, 2, 3, 4], batches: 2, warmUp: 4)
        }
    }
}
