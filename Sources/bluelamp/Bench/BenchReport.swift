import Foundation

/// Writes to a standard stream without buffering surprises.
enum FileHandleOutput {
    case standardError
    func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// One measured figure: who was measured, under which scenario, what, how much, in which unit.
struct BenchFigure: Codable, Sendable {
    /// "BlueLamp" or a peer's name ("PostGIS", "Redis", "pgRouting").
    var subject: String
    /// The scenario, e.g. "10000 units".
    var scenario: String
    /// What was measured, e.g. "knn5 p99".
    var metric: String
    var value: Double
    /// e.g. "µs", "ops/s", "ms", "MiB".
    var unit: String
    /// Extra context, e.g. exactness against brute force.
    var note: String?
}

/// BlueLamp's figure against a peer's figure for the same metric and scenario.
struct BenchRatio: Codable, Sendable {
    var scenario: String
    var metric: String
    var peer: String
    /// How many times better BlueLamp is (> 1 means BlueLamp wins), whatever the metric's direction.
    var ratio: Double
    /// Human wording of the ratio, e.g. "PostGIS p99 / BlueLamp p99".
    var meaning: String
}

/// A stated goal and whether this run met it.
struct BenchGoal: Codable, Sendable {
    var goal: String
    var measured: String
    var met: Bool
}

/// The result of one `bluelamp bench NAME` run.
struct BenchReport: Codable, Sendable {
    var benchmark: String
    var startedAt: String
    var machine: String
    var figures: [BenchFigure] = []
    var ratios: [BenchRatio] = []
    var goals: [BenchGoal] = []
    var notes: [String] = []

    init(benchmark: String) {
        self.benchmark = benchmark
        self.startedAt = ISO8601DateFormatter().string(from: Date())
        let info = ProcessInfo.processInfo
        self.machine = "\(info.activeProcessorCount) cores, \(info.physicalMemory >> 30) GiB, \(info.operatingSystemVersionString)"
    }

    mutating func add(_ subject: String, _ scenario: String, _ metric: String, _ value: Double, _ unit: String, note: String? = nil) {
        figures.append(BenchFigure(subject: subject, scenario: scenario, metric: metric, value: value, unit: unit, note: note))
    }

    /// Looks a figure up.
    func value(_ subject: String, _ scenario: String, _ metric: String) -> Double? {
        figures.first { $0.subject == subject && $0.scenario == scenario && $0.metric == metric }?.value
    }

    /// Adds the ratio of a peer's figure to BlueLamp's; `lowerIsBetter` for latencies and times.
    mutating func compare(peer: String, scenario: String, metric: String, lowerIsBetter: Bool) {
        guard let mine = value("BlueLamp", scenario, metric), let theirs = value(peer, scenario, metric),
              mine > 0, theirs > 0 else { return }
        let ratio = lowerIsBetter ? theirs / mine : mine / theirs
        let meaning = lowerIsBetter ? "\(peer) \(metric) / BlueLamp \(metric)" : "BlueLamp \(metric) / \(peer) \(metric)"
        ratios.append(BenchRatio(scenario: scenario, metric: metric, peer: peer, ratio: ratio, meaning: meaning))
    }

    mutating func goal(_ goal: String, measured: String, met: Bool) {
        goals.append(BenchGoal(goal: goal, measured: measured, met: met))
    }

    func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A plain-text table: figures grouped by scenario, then ratios and goals.
    func table() -> String {
        var out = "bluelamp bench \(benchmark) — \(startedAt) — \(machine)\n\n"
        out += TextTable(header: ["scenario", "subject", "metric", "value", "unit", "note"],
                         rows: figures.map { [$0.scenario, $0.subject, $0.metric, formatNumber($0.value), $0.unit, $0.note ?? ""] }).render()
        if !ratios.isEmpty {
            out += "\nRatios (> 1 means BlueLamp is better):\n"
            out += TextTable(header: ["scenario", "metric", "peer", "ratio", "meaning"],
                             rows: ratios.map { [$0.scenario, $0.metric, $0.peer, String(format: "%.1f×", $0.ratio), $0.meaning] }).render()
        }
        if !goals.isEmpty {
            out += "\nGoals:\n"
            out += TextTable(header: ["goal", "measured", "met"],
                             rows: goals.map { [$0.goal, $0.measured, $0.met ? "yes" : "NO"] }).render()
        }
        for note in notes { out += "\nnote: \(note)" }
        return out + "\n"
    }
}

/// Formats a figure with sensible precision for a table.
func formatNumber(_ v: Double) -> String {
    if !v.isFinite { return "\(v)" }
    let a = abs(v)
    if a >= 1_000_000 { return String(format: "%.3g M", v / 1_000_000) }
    if a >= 10_000 { return String(format: "%.0f", v) }
    if a >= 100 { return String(format: "%.1f", v) }
    if a >= 1 { return String(format: "%.2f", v) }
    return String(format: "%.3g", v)
}

/// A minimal fixed-width text table.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    func render() -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var out = line(header) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
