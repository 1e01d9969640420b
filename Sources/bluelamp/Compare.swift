import ArgumentParser
import Foundation
import DispatchCore
import RoadNetwork
import Simulation

/// `bluelamp compare SCENARIO --rules A --rules B`: paired comparison of rule sets.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run two or more rule sets on one scenario over replications (common random numbers) and print paired differences with confidence intervals."
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(name: .customLong("rules"), help: "A rules file; give two or more. The first is the baseline.") var rulesFiles: [String] = []
    @Option(help: "Replications (each a fresh set of calls, the same for every rule set).") var replications = 10
    @Option(help: "Simulated duration per replication instead of the scenario's, e.g. '24 h'.") var duration: String?
    @Option(help: "Confidence level.") var level = 0.95
    @Option(help: "Road graph cache folder.") var cache: String?
    @Flag(help: "Print one JSON object instead of the table.") var json = false

    func validate() throws {
        guard rulesFiles.count >= 2 else { throw ValidationError("give at least two --rules files to compare") }
        guard replications >= 2 else { throw ValidationError("--replications must be at least 2 for a confidence interval") }
        guard level > 0.5 && level < 1 else { throw ValidationError("--level must be between 0.5 and 1, e.g. 0.95") }
    }

    func run() throws {
        let prepared = try SimulationRunner.prepare(scenarioPath: scenario, rulesPath: nil, duration: duration, seed: nil,
                                                    cache: cache, quiet: json)
        let rules = try rulesFiles.map { try Rules.load(contentsOf: URL(fileURLWithPath: $0)) }
        guard Set(rules.map(\.version)).count == rules.count else {
            throw ValidationError("the rule sets must have different versions to tell them apart: \(rules.map(\.version))")
        }
        let scenarioValue = prepared.scenario, pack = prepared.pack
        let quiet = json
        let result = try RuleComparison.run(
            rules: rules, replications: replications, baseSeed: scenarioValue.seed, level: level,
            scenario: scenarioValue.name,
            makeSetup: { try SimulationSetup.prepare(scenarioValue, pack: pack, seed: $0) },
            progress: { done, total in if !quiet { FileHandleOutput.standardError.write("\r\(done)/\(total) runs") } })
        if !quiet { FileHandleOutput.standardError.write("\n") }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            struct Output: Encodable { var scenario: String; var replications: Int; var level: Double; var rows: [RuleComparison.Row] }
            print(String(decoding: try encoder.encode(Output(scenario: result.scenario, replications: result.replications,
                                                             level: result.level, rows: result.rows)), as: UTF8.self))
        } else {
            print(result.table())
        }
    }
}

/// `bluelamp tune SCENARIO`: searches rule weights for an objective under a constraint.
struct Tune: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search rule weights to improve one figure without another getting worse; confirm the best on fresh replications."
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Baseline rules (default: the scenario's).") var rules: String?
    @Option(help: "Figure to improve: \(OutcomeMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
    var objective: String = OutcomeMetric.grade1WithinTarget.rawValue
    @Option(help: "Figure that must not get worse ('none' for no constraint).") var constraint: String = OutcomeMetric.grade2WithinTarget.rawValue
    @Option(help: "How much worse the constraint may get, in its units (percentage points, minutes).") var tolerance = 0.5
    @Option(help: "Candidate rule sets to try.") var candidates = 12
    @Option(help: "Replications per candidate in the search.") var replications = 3
    @Option(help: "Fresh replications to confirm the best.") var confirmations = 6
    @Option(help: "Simulated duration per replication instead of the scenario's.") var duration: String?
    @Option(help: "Search seed.") var seed: UInt64 = 1
    @Option(help: "Write the best rules here (YAML).") var out: String?
    @Option(help: "Road graph cache folder.") var cache: String?

    func run() throws {
        guard let objectiveMetric = OutcomeMetric(rawValue: objective) else {
            throw ValidationError("unknown --objective '\(objective)'; one of: \(OutcomeMetric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var constraintMetric: OutcomeMetric?
        if constraint != "none" {
            guard let c = OutcomeMetric(rawValue: constraint) else {
                throw ValidationError("unknown --constraint '\(constraint)'; 'none' or one of: \(OutcomeMetric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            constraintMetric = c
        }
        guard replications >= 2, confirmations >= 2, candidates >= 1 else {
            throw ValidationError("need at least 1 candidate and 2 replications and confirmations")
        }
        let prepared = try SimulationRunner.prepare(scenarioPath: scenario, rulesPath: rules, duration: duration, seed: nil,
                                                    cache: cache, quiet: false)
        let scenarioValue = prepared.scenario, pack = prepared.pack
        let tuner = RuleTuner(settings: .init(objective: objectiveMetric, constraint: constraintMetric, tolerance: tolerance,
                                              candidates: candidates, replications: replications, confirmations: confirmations,
                                              seed: seed))
        let result = try tuner.tune(base: prepared.rules, scenario: scenarioValue.name,
                                    makeSetup: { try SimulationSetup.prepare(scenarioValue, pack: pack, seed: $0) },
                                    progress: { FileHandleOutput.standardError.write($0 + "\n") })
        var table = SummaryTable(title: "Candidates (search replications; objective and constraint as gains over the baseline)",
                                 columns: [.init("rules", .left), .init("objective +"), .init("constraint +"), .init("feasible", .left),
                                           .init("travel"), .init("lateness"), .init("workload"), .init("cover"),
                                           .init("diversion"), .init("crossBorder"), .init("border ETA")])
        for t in result.trials.prefix(10) {
            let w = t.weights
            table.addRow([t.version, String(format: "%+.2f", t.objectiveDifference),
                          t.constraintDifference.map { String(format: "%+.2f", $0) } ?? "", t.feasible ? "yes" : "no",
                          String(format: "%.2f", w["travel"] ?? 0), String(format: "%.2f", w["lateness"] ?? 0),
                          String(format: "%.2f", w["workload"] ?? 0), String(format: "%.2f", w["cover"] ?? 0),
                          String(format: "%.2f", w["diversion"] ?? 0), String(format: "%.2f", w["crossBorder"] ?? 0),
                          String(format: "%.0f min", t.crossBorderMaxEtaMinutes)])
        }
        print(table.render())
        if result.best.version == result.baseline.version {
            print("No candidate improved \(objectiveMetric.label) within the constraint; the baseline stands.")
        } else {
            print("Best: \(result.best.version). Confirmation on fresh replications:")
        }
        print(result.confirmation.table())
        if let out {
            try Data(result.best.yaml().utf8).write(to: URL(fileURLWithPath: out))
            FileHandleOutput.standardError.write("wrote \(out)\n")
        }
    }
}
