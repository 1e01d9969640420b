extension HTMLReport {
    /// One paired difference for the comparison page: a measure of an alternative rule set against
    /// a baseline, replication by replication on common random numbers.
    public struct ComparisonRow: Sendable, Hashable {
        /// How the measure's values read.
        public enum Measure: Sendable, Hashable {
            /// A share in 0…1, shown as a percentage (differences in percentage points).
            case share
            /// A time in seconds, shown in minutes.
            case seconds
            case count
        }

        /// e.g. "Grade 1 within target".
        public var metric: String
        /// The baseline rule set's label.
        public var baseline: String
        /// The alternative rule set's label.
        public var alternative: String
        /// How the values read.
        public var measure: Measure
        /// True when a larger value is better (shares within target); false for times.
        public var higherIsBetter: Bool
        /// `PairedComparison(alternativeValues, baselineValues)`: differences are alternative − baseline.
        public var comparison: PairedComparison

        /// A row from its parts.
        public init(metric: String, baseline: String, alternative: String, measure: Measure, higherIsBetter: Bool,
                    comparison: PairedComparison) {
            self.metric = metric
            self.baseline = baseline
            self.alternative = alternative
            self.measure = measure
            self.higherIsBetter = higherIsBetter
            self.comparison = comparison
        }

        /// "better", "worse" or "no significant difference" at `level`; nil with too few replications.
        public func verdict(level: Double) -> String? {
            guard let ci = try? comparison.confidenceInterval(level: level) else { return nil }
            guard ci.excludesZero else { return "no significant difference" }
            return (ci.estimate > 0) == higherIsBetter ? "better" : "worse"
        }
    }

    /// The Okabe–Ito colours and dash patterns for up to eight runs on one chart.
    static let runStyles: [(color: String, dash: String?)] = [
        ("#0072B2", nil), ("#D55E00", "7 3"), ("#009E73", "2 3"), ("#CC79A7", "10 3 2 3"),
        ("#E69F00", "4 4"), ("#56B4E9", "1 2"), ("#000000", "12 4"), ("#F0E442", "6 2 2 2"),
    ]

    /// A self-contained page comparing rule sets on one scenario: the runs' figures side by side,
    /// Grade 1 within target by hour for every run on one chart, and — when given — the paired
    /// differences over replications with their confidence intervals.
    public static func renderComparison(runs: [(label: String, report: SimulationReport)],
                                        differences: [ComparisonRow] = [], level: Double = 0.95,
                                        options: Options = Options()) -> String {
        typealias T = SummaryTable
        let scenario = runs.first?.report.scenario ?? "no runs"
        let title = options.title ?? "Rule comparison: \(scenario)"
        var body = "<header><h1>\(SVGMarkup.escape(title))</h1><p class=\"meta\">"
            + SVGMarkup.escape("\(runs.count) rule sets on the same scenario and seeds: "
                               + runs.map { "\($0.label) (rules \($0.report.rulesVersion))" }.joined(separator: ", "))
            + "</p></header>\n<main>\n"

        if !differences.isEmpty {
            let rows = differences.map { row -> [String] in
                let ci = try? row.comparison.confidenceInterval(level: level)
                let interval = ci.map { "\(format(row.measure, $0.lower, difference: true)) to \(format(row.measure, $0.upper, difference: true))" }
                return [row.metric, "\(row.alternative) vs \(row.baseline)", T.count(row.comparison.differences.count),
                        format(row.measure, row.comparison.meanSecond, difference: false),
                        format(row.measure, row.comparison.meanFirst, difference: false),
                        format(row.measure, row.comparison.meanDifference, difference: true),
                        interval ?? T.missing, row.verdict(level: level) ?? "too few replications"]
            }
            let levelText = T.percent(level, digits: 0)
            body += section(id: "differences", heading: "Paired differences",
                            "<p>Each replication ran every rule set on the same random numbers; a difference is "
                            + "significant when its \(SVGMarkup.escape(levelText)) confidence interval (Student's t) excludes zero.</p>"
                            + table(caption: "Alternative − baseline over replications", headers: [
                                ("Measure", false), ("Compared", false), ("Replications", true), ("Baseline", true),
                                ("Alternative", true), ("Difference", true), ("\(levelText) interval", true), ("Verdict", false),
                            ], rows: rows, id: "difference-table"))
        }

        var figureRows: [[String]] = []
        func addRow(_ name: String, _ value: (SimulationReport) -> String) {
            figureRows.append([name] + runs.map { value($0.report) })
        }
        for grade in [1, 2] {
            addRow("Grade \(grade) within target") { r in T.percent(r.grades.first { $0.grade == grade }?.shareWithinTarget) }
            addRow("Grade \(grade) median") { r in T.time(r.grades.first { $0.grade == grade }?.medianSeconds) }
            addRow("Grade \(grade) 90th percentile") { r in T.time(r.grades.first { $0.grade == grade }?.p90Seconds) }
            addRow("Grade \(grade) queued") { r in T.percent(r.grades.first { $0.grade == grade }?.shareQueued) }
        }
        addRow("Fleet utilisation") { T.percent($0.fleet.utilisation) }
        addRow("Diversions") { T.count($0.decisions.diversions) }
        addRow("Cross-border dispatches") { T.count($0.decisions.crossBorderDispatches) }
        addRow("Calls") { T.count($0.calls) }
        body += section(id: "runs", heading: "The runs side by side",
                        table(caption: "One run per rule set", headers: [("Measure", false)] + runs.map { ($0.label, true) },
                              rows: figureRows, id: "runs-table"))

        let series = runs.enumerated().map { i, run in
            SVGHourlyChart.Series(name: run.label, className: "series run\(i)",
                                  values: SVGHourlyChart.values(run.report.hourly, \.grade1ShareWithinTarget),
                                  color: runStyles[i % runStyles.count].color, dash: runStyles[i % runStyles.count].dash)
        }
        body += section(id: "hourly", heading: "Grade 1 within target by hour",
                        figure(SVGHourlyChart.render(series: series, goalShare: options.goalShare, id: "comparison-hourly",
                                                     title: "Grade 1 share within target by hour, per rule set", width: 900),
                               caption: "One line per rule set (colour and dash pattern); the dashed grey line is the goal share."))
        body += "</main>\n<footer><p>Generated by BlueLamp. Same scenario, seeds and rules give the same page.</p></footer>"
        return page(title: title, body: body)
    }

    /// A value or a difference in the measure's units (shares as % or percentage points).
    static func format(_ measure: ComparisonRow.Measure, _ value: Double, difference: Bool) -> String {
        let sign = difference && value > 0 ? "+" : ""
        switch measure {
        case .share: return sign + SummaryTable.number(value * 100, digits: 1) + (difference ? " pp" : " %")
        case .seconds: return sign + SummaryTable.number(value / 60, digits: 2) + " min"
        case .count: return sign + SummaryTable.number(value, digits: 1)
        }
    }
}
