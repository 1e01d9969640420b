import Foundation
import DispatchCore

/// A figure read off a simulation report, for comparing and tuning rule sets.
public enum OutcomeMetric: String, Sendable, Hashable, CaseIterable, Codable {
    case grade1WithinTarget = "grade1-within"
    case grade2WithinTarget = "grade2-within"
    case grade1Median = "grade1-median"
    case grade1P90 = "grade1-p90"
    case grade2Median = "grade2-median"
    case grade3Median = "grade3-median"
    case utilisation
    case unfinished

    /// Whether a larger value is better.
    public var higherIsBetter: Bool {
        switch self {
        case .grade1WithinTarget, .grade2WithinTarget: return true
        default: return false
        }
    }

    /// Human label with its unit.
    public var label: String {
        switch self {
        case .grade1WithinTarget: return "Grade 1 within target (%)"
        case .grade2WithinTarget: return "Grade 2 within target (%)"
        case .grade1Median: return "Grade 1 median (min)"
        case .grade1P90: return "Grade 1 90th percentile (min)"
        case .grade2Median: return "Grade 2 median (min)"
        case .grade3Median: return "Grade 3 median (min)"
        case .utilisation: return "fleet utilisation (%)"
        case .unfinished: return "calls unattended at the end"
        }
    }

    /// The figure in display units (percent, minutes, count); nil when the run had none.
    public func value(in report: SimulationReport) -> Double? {
        func grade(_ g: Int) -> GradeSummary? { report.grades.first { $0.grade == g } }
        switch self {
        case .grade1WithinTarget: return grade(1)?.shareWithinTarget.map { $0 * 100 }
        case .grade2WithinTarget: return grade(2)?.shareWithinTarget.map { $0 * 100 }
        case .grade1Median: return grade(1)?.medianSeconds.map { $0 / 60 }
        case .grade1P90: return grade(1)?.p90Seconds.map { $0 / 60 }
        case .grade2Median: return grade(2)?.medianSeconds.map { $0 / 60 }
        case .grade3Median: return grade(3)?.medianSeconds.map { $0 / 60 }
        case .utilisation: return report.fleet.utilisation * 100
        case .unfinished: return Double(report.unfinished)
        }
    }
}

/// Runs several rule sets on the same scenario over replications with common random numbers:
/// replication r uses the same calls (seed + r) for every rule set, so differences come from the
/// rules, not the dice. Runs go in parallel over the machine's cores.
public struct RuleComparison: Sendable {
    /// One rule set's figures over the replications, and its paired difference from the first.
    public struct Row: Sendable, Hashable, Codable {
        public var metric: OutcomeMetric
        public var rules: String
        public var mean: Double
        /// Against the first rule set: mean difference (this − first) and its confidence interval.
        public var difference: Double?
        public var lower: Double?
        public var upper: Double?
        /// Whether the interval excludes zero, and in which direction that is better.
        public var verdict: String?
    }

    public var scenario: String
    public var rulesVersions: [String]
    public var replications: Int
    public var level: Double
    public var rows: [Row]
    /// reports[rule set][replication]
    public var reports: [[SimulationReport]]

    /// Runs every rule set on every replication.
    /// - Parameter makeSetup: the setup for a replication's seed (calls generated from it).
    public static func run(rules: [Rules], replications: Int, baseSeed: UInt64, level: Double = 0.95,
                           metrics: [OutcomeMetric] = OutcomeMetric.allCases, scenario: String,
                           makeSetup: @Sendable (UInt64) throws -> SimulationSetup,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> RuleComparison {
        precondition(!rules.isEmpty && replications >= 2, "need rule sets and at least two replications")
        let setups = try (0..<replications).map { try makeSetup(baseSeed &+ UInt64($0)) }
        let reports = runAll(setups: setups, rules: rules, progress: progress)
        return try summarise(reports: reports, rules: rules, level: level, metrics: metrics, scenario: scenario)
    }

    /// Every (rule set, setup) pair, in parallel; results indexed [rule set][setup].
    public static func runAll(setups: [SimulationSetup], rules: [Rules],
                              progress: (@Sendable (Int, Int) -> Void)? = nil) -> [[SimulationReport]] {
        let jobs = rules.count * setups.count
        let results = ResultSlots<SimulationReport>(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            let k = job / setups.count, r = job % setups.count
            let report = Simulator(setup: setups[r], options: SimulationOptions(policy: .rules(rules[k]))).run().report
            let done = results.set(job, report)
            progress?(done, jobs)
        }
        return (0..<rules.count).map { k in (0..<setups.count).compactMap { results.value(k * setups.count + $0) } }
    }

    /// Paired differences of each rule set against the first.
    public static func summarise(reports: [[SimulationReport]], rules: [Rules], level: Double,
                                 metrics: [OutcomeMetric], scenario: String) throws -> RuleComparison {
        var rows: [Row] = []
        for metric in metrics {
            let base = reports[0].map { metric.value(in: $0) }
            for (k, runs) in reports.enumerated() {
                let values = runs.map { metric.value(in: $0) }
                let present = values.compactMap { $0 }
                guard !present.isEmpty else { continue }
                var row = Row(metric: metric, rules: rules[k].version, mean: present.reduce(0, +) / Double(present.count))
                if k > 0 {
                    let pairs = zip(values, base).compactMap { v, b in v.flatMap { v in b.map { (v, $0) } } }
                    if pairs.count >= 2 {
                        let paired = try PairedComparison(pairs.map(\.0), pairs.map(\.1))
                        let ci = try paired.confidenceInterval(level: level)
                        row.difference = paired.meanDifference
                        row.lower = ci.lower
                        row.upper = ci.upper
                        if ci.lower > 0 || ci.upper < 0 {
                            row.verdict = (ci.lower > 0) == metric.higherIsBetter ? "better" : "worse"
                        } else {
                            row.verdict = "no clear difference"
                        }
                    }
                }
                rows.append(row)
            }
        }
        return RuleComparison(scenario: scenario, rulesVersions: rules.map(\.version), replications: reports[0].count,
                              level: level, rows: rows, reports: reports)
    }

    /// A fixed-width table of the comparison.
    public func table() -> String {
        var t = SummaryTable(title: "\(scenario): \(replications) replications, common random numbers, \(Int(level * 100)) % intervals",
                             columns: [.init("metric", .left), .init("rules", .left), .init("mean"), .init("vs first"),
                                       .init("interval"), .init("verdict", .left)])
        for row in rows {
            t.addRow([row.metric.label, row.rules, String(format: "%.2f", row.mean),
                      row.difference.map { String(format: "%+.2f", $0) } ?? "",
                      row.lower.flatMap { l in row.upper.map { String(format: "%+.2f … %+.2f", l, $0) } } ?? "",
                      row.verdict ?? ""])
        }
        return t.render()
    }
}

/// Fixed slots filled from concurrent jobs.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var values: [Value?]
    private var filled = 0
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    /// Stores a result; returns how many slots are filled.
    func set(_ i: Int, _ value: Value) -> Int {
        lock.lock()
        defer { lock.unlock() }
        values[i] = value
        filled += 1
        return filled
    }

    func value(_ i: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[i]
    }
}
