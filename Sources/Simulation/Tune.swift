import Foundation
import DispatchCore

/// Searches rule weights for a planner's objective — e.g. the share of Grade 1 calls reached
/// within target — subject to another figure not getting worse (e.g. Grade 2 within target).
///
/// Every candidate is run on the same replications as the baseline (common random numbers), so
/// comparisons are paired. The best feasible candidate is then confirmed on fresh replications,
/// because the best of many noisy estimates is biased upwards (the winner's curse); the
/// confidence intervals reported come from that confirmation.
public struct RuleTuner: Sendable {
    public struct Settings: Sendable {
        public var objective: OutcomeMetric
        public var constraint: OutcomeMetric?
        /// How much worse the constraint may get, in its display units (e.g. 0.5 percentage points).
        public var tolerance: Double
        public var candidates: Int
        public var replications: Int
        public var confirmations: Int
        public var seed: UInt64
        public var level: Double

        public init(objective: OutcomeMetric = .grade1WithinTarget, constraint: OutcomeMetric? = .grade2WithinTarget,
                    tolerance: Double = 0.5, candidates: Int = 16, replications: Int = 4, confirmations: Int = 8,
                    seed: UInt64 = 1, level: Double = 0.95) {
            self.objective = objective
            self.constraint = constraint
            self.tolerance = tolerance
            self.candidates = candidates
            self.replications = replications
            self.confirmations = confirmations
            self.seed = seed
            self.level = level
        }
    }

    /// One candidate's paired figures against the baseline on the search replications.
    public struct Trial: Sendable, Hashable, Codable {
        public var version: String
        public var weights: [String: Double]
        public var crossBorderMaxEtaMinutes: Double
        public var objectiveDifference: Double
        public var constraintDifference: Double?
        public var feasible: Bool
    }

    public struct Result: Sendable {
        public var baseline: Rules
        public var best: Rules
        public var trials: [Trial]
        /// The best against the baseline on fresh replications.
        public var confirmation: RuleComparison
    }

    public let settings: Settings

    public init(settings: Settings) { self.settings = settings }

    /// Candidate rule sets around the baseline: weights scaled by log-uniform factors in ¼…4 and a
    /// cross-border limit from a short list, drawn from a seeded stream.
    public func candidates(around base: Rules) -> [Rules] {
        var rng = SimRandom(seed: settings.seed, stream: "tune")
        func factor() -> Double { exp(log(4) * (2 * rng.uniform() - 1)) }
        return (0..<settings.candidates).map { k in
            var r = base
            r.version = "\(base.version)+tune\(k + 1)"
            r.weights.travel *= factor()
            r.weights.lateness *= factor()
            r.weights.workload *= factor()
            r.weights.cover *= factor()
            r.weights.diversion *= factor()
            r.weights.crossBorder *= factor()
            r.crossBorder.maxEtaSeconds = [10, 15, 20, 30][Int(rng.uniform() * 4) % 4] * 60
            return r
        }
    }

    /// Runs the search.
    public func tune(base: Rules, scenario: String, makeSetup: @Sendable (UInt64) throws -> SimulationSetup,
                     progress: (@Sendable (String) -> Void)? = nil) throws -> Result {
        let s = settings
        let setups = try (0..<s.replications).map { try makeSetup(s.seed &+ UInt64($0)) }
        let pool = [base] + candidates(around: base)
        progress?("searching: \(pool.count) rule sets × \(s.replications) replications")
        let reports = RuleComparison.runAll(setups: setups, rules: pool) { done, total in
            if done % max(1, total / 10) == 0 { progress?("  \(done)/\(total) runs") }
        }
        func values(_ metric: OutcomeMetric, _ k: Int) -> [Double] { reports[k].map { metric.value(in: $0) ?? 0 } }
        func meanDifference(_ metric: OutcomeMetric, _ k: Int) -> Double {
            zip(values(metric, k), values(metric, 0)).map { $0 - $1 }.reduce(0, +) / Double(s.replications)
        }
        var trials: [Trial] = []
        for k in 1..<pool.count {
            let r = pool[k]
            let sign = s.objective.higherIsBetter ? 1.0 : -1.0
            let objective = sign * meanDifference(s.objective, k)
            var constraint: Double?
            var feasible = true
            if let c = s.constraint {
                let d = (c.higherIsBetter ? 1.0 : -1.0) * meanDifference(c, k)
                constraint = d
                feasible = d >= -s.tolerance
            }
            trials.append(Trial(version: r.version,
                                weights: ["travel": r.weights.travel, "lateness": r.weights.lateness, "workload": r.weights.workload,
                                          "cover": r.weights.cover, "diversion": r.weights.diversion, "crossBorder": r.weights.crossBorder],
                                crossBorderMaxEtaMinutes: r.crossBorder.maxEtaSeconds / 60,
                                objectiveDifference: objective, constraintDifference: constraint, feasible: feasible))
        }
        trials.sort { ($0.feasible ? 0 : 1, -$0.objectiveDifference, $0.version) < ($1.feasible ? 0 : 1, -$1.objectiveDifference, $1.version) }
        let bestVersion = trials.first { $0.feasible && $0.objectiveDifference > 0 }?.version
        let best = pool.first { $0.version == bestVersion } ?? base

        // Confirm on fresh replications, seeded beyond the search's.
        progress?("confirming \(best.version) against \(base.version) on \(s.confirmations) fresh replications")
        var metrics = [s.objective]
        if let c = s.constraint { metrics.append(c) }
        metrics += OutcomeMetric.allCases.filter { !metrics.contains($0) }
        let confirmation = try RuleComparison.run(
            rules: [base, best], replications: s.confirmations, baseSeed: s.seed &+ 1_000_000, level: s.level,
            metrics: metrics, scenario: scenario, makeSetup: makeSetup)
        return Result(baseline: base, best: best, trials: trials, confirmation: confirmation)
    }
}
