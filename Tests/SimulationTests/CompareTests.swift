import Testing
import Foundation
import DispatchCore
import RoadNetwork
@testable import Simulation

@Suite struct CompareTests {
    static func makeSetup() throws -> @Sendable (UInt64) throws -> SimulationSetup {
        var scenario = try Scenario.load(contentsOf: ScenarioTests.simulations.appendingPathComponent("saturday-night.yaml"))
        scenario.durationSeconds = 2 * 3600
        let pack = ScenarioTests.pack
        let s = scenario
        return { try SimulationSetup.prepare(s, pack: pack, seed: $0) }
    }

    @Test func identicalRulesDifferByExactlyNothing() throws {
        var a = Rules()
        a.version = "a"
        var b = a
        b.version = "b"
        let result = try RuleComparison.run(rules: [a, b], replications: 3, baseSeed: 10, scenario: "t", makeSetup: try Self.makeSetup())
        let diffs = result.rows.filter { $0.rules == "b" }
        #expect(!diffs.isEmpty)
        for row in diffs {
            #expect(row.difference == 0, "\(row.metric)")
            #expect(row.verdict == "no clear difference")
        }
        // Common random numbers: replication r saw the same calls under both rule sets.
        #expect(zip(result.reports[0], result.reports[1]).allSatisfy { $0.calls == $1.calls })
    }

    @Test func rulesChangeDecisionsAndTheComparisonSaysByHowMuch() throws {
        var base = Rules()
        base.version = "base"
        var strict = base
        strict.version = "no-cross-border"
        strict.crossBorder.allowed = false
        let result = try RuleComparison.run(rules: [base, strict], replications: 4, baseSeed: 20,
                                            metrics: [.grade1WithinTarget, .grade1P90], scenario: "t", makeSetup: try Self.makeSetup())
        // The rule really bites: no cross-border dispatch at all under the strict set.
        #expect(result.reports[1].allSatisfy { $0.decisions.crossBorderDispatches == 0 })
        #expect(result.reports[0].contains { $0.decisions.crossBorderDispatches > 0 })
        // The paired difference is the mean of the per-replication differences, inside its interval.
        let within = try #require(result.rows.first { $0.rules == "no-cross-border" && $0.metric == .grade1WithinTarget })
        let diffs = zip(result.reports[1], result.reports[0]).compactMap { s, b in
            OutcomeMetric.grade1WithinTarget.value(in: s).flatMap { x in OutcomeMetric.grade1WithinTarget.value(in: b).map { x - $0 } }
        }
        let mean = diffs.reduce(0, +) / Double(diffs.count)
        #expect(abs(try #require(within.difference) - mean) < 1e-9)
        #expect(try #require(within.lower) <= mean && mean <= (try #require(within.upper)))
        #expect(result.table().contains("Grade 1 within target"))
    }

    @Test func tuningReportsTrialsAndWritesLoadableRules() throws {
        let tuner = RuleTuner(settings: .init(candidates: 3, replications: 2, confirmations: 2, seed: 4))
        var base = Rules()
        base.version = "base"
        let result = try tuner.tune(base: base, scenario: "t", makeSetup: try Self.makeSetup())
        #expect(result.trials.count == 3)
        #expect(Set(result.trials.map(\.version)).count == 3)
        // Feasible candidates come first, best objective first.
        let feasible = result.trials.filter(\.feasible)
        #expect(feasible.map(\.objectiveDifference) == feasible.map(\.objectiveDifference).sorted(by: >))
        #expect(try Rules.load(yaml: result.best.yaml()) == result.best)
        #expect(result.confirmation.replications == 2)
        // The same settings give the same candidates.
        #expect(tuner.candidates(around: base) == tuner.candidates(around: base))
    }
}
