extension HTMLReport {
    /// An HTML table: caption, column headers (numeric columns right-aligned), rows of text cells.
    static func table(caption: String, headers: [(String, numeric: Bool)], rows: [[String]], id: String? = nil) -> String {
        var out = "<table\(id.map { " id=\"\($0)\"" } ?? "")><caption>\(SVGMarkup.escape(caption))</caption><thead><tr>"
        for (header, numeric) in headers {
            out += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(SVGMarkup.escape(header))</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                let numeric = i < headers.count && headers[i].numeric
                if i == 0 {
                    out += "<th scope=\"row\"\(numeric ? " class=\"num\"" : "")>\(SVGMarkup.escape(cell))</th>"
                } else {
                    out += "<td\(numeric ? " class=\"num\"" : "")>\(SVGMarkup.escape(cell))</td>"
                }
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    static func gradeTable(_ report: SimulationReport) -> String {
        typealias T = SummaryTable
        let rows = report.grades.sorted { $0.grade < $1.grade }.map { g in
            ["Grade \(g.grade)", T.count(g.calls), T.count(g.attended), T.time(g.medianSeconds), T.time(g.p90Seconds),
             T.time(g.meanSeconds), T.target(g.targetSeconds), T.percent(g.shareWithinTarget), T.percent(g.shareQueued),
             T.time(g.meanQueueSeconds)]
        }
        return table(caption: "Response by grade", headers: [
            ("Grade", false), ("Calls", true), ("Attended", true), ("Median", true), ("90th percentile", true), ("Mean", true),
            ("Target", true), ("Within target", true), ("Queued", true), ("Mean wait for a unit", true),
        ], rows: rows, id: "grade-table")
    }

    static func districtTable(_ report: SimulationReport) -> String {
        typealias T = SummaryTable
        let rows = report.districts.map { d in
            [d.name, d.code, T.count(d.calls), T.count(d.grade1Calls), T.time(d.grade1MedianSeconds),
             T.percent(d.grade1ShareWithinTarget), T.percent(d.grade2ShareWithinTarget)]
        }
        return table(caption: "By district", headers: [
            ("District", false), ("Code", false), ("Calls", true), ("Grade 1 calls", true), ("Grade 1 median", true),
            ("Grade 1 within target", true), ("Grade 2 within target", true),
        ], rows: rows, id: "district-table")
    }

    static func fleetTable(_ report: SimulationReport) -> String {
        typealias T = SummaryTable
        var rows = report.fleet.groups.map { g in [g.name, T.count(g.units), T.percent(g.utilisation), T.count(g.dispatches)] }
        rows.append(["All units", T.count(report.fleet.units), T.percent(report.fleet.utilisation),
                     T.count(report.fleet.groups.reduce(0) { $0 + $1.dispatches })])
        return table(caption: "Fleet (utilisation = committed time / time on duty; "
                     + "\(T.count(report.fleet.refreshmentBreaks)) refreshment breaks)",
                     headers: [("Group", false), ("Units", true), ("Utilisation", true), ("Dispatches", true)],
                     rows: rows, id: "fleet-table")
    }

    static func decisionTable(_ report: SimulationReport) -> String {
        typealias T = SummaryTable
        let d = report.decisions
        return table(caption: "Decisions", headers: [("Decision", false), ("Count", true)], rows: [
            ["Recommendations made", T.count(d.recommendations)],
            ["Units dispatched", T.count(d.dispatches)],
            ["Diversions from lower-grade incidents", T.count(d.diversions)],
            ["Dispatches across a district border", T.count(d.crossBorderDispatches)],
            ["Recommendations with no suitable unit (incident waited)", T.count(d.noSuitableUnit)],
        ], id: "decision-table")
    }

    static func hourlyTable(_ report: SimulationReport) -> String {
        typealias T = SummaryTable
        let rows = report.hourly.sorted { $0.hour < $1.hour }.map { h in
            [SVGHourlyChart.hourLabel(h.hour), T.count(h.calls), T.percent(h.grade1ShareWithinTarget), T.percent(h.grade2ShareWithinTarget)]
        }
        return table(caption: "By hour of day", headers: [
            ("Hour", false), ("Calls", true), ("Grade 1 within target", true), ("Grade 2 within target", true),
        ], rows: rows, id: "hourly-table")
    }
}
