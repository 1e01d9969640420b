extension SimulationReport {
    /// The run's summary as fixed-width text for the terminal: the run, then per grade (calls,
    /// median and 90th percentile response, share within target, share queued), per district,
    /// fleet utilisation, and what the decision code did.
    public func summaryTable() -> String {
        typealias T = SummaryTable
        var sections = [String]()
        sections.append("""
            Scenario \(scenario) · pack \(packName) · rules \(rulesVersion) · seed \(seed)
            Simulated \(T.span(durationSeconds)) · \(T.count(calls)) calls · \(T.count(unfinished)) unfinished
            """)

        var grades = T(title: "Response by grade", columns: [
            .init("grade", .left), .init("calls"), .init("attended"), .init("median"), .init("p90"),
            .init("mean"), .init("target"), .init("within target"), .init("queued"), .init("mean queue"),
        ])
        for g in self.grades.sorted(by: { $0.grade < $1.grade }) {
            grades.addRow(["Grade \(g.grade)", T.count(g.calls), T.count(g.attended), T.time(g.medianSeconds),
                           T.time(g.p90Seconds), T.time(g.meanSeconds), T.target(g.targetSeconds),
                           T.percent(g.shareWithinTarget), T.percent(g.shareQueued), T.time(g.meanQueueSeconds)])
        }
        sections.append(grades.render())

        if !districts.isEmpty {
            var table = T(title: "By district", columns: [
                .init("code", .left), .init("district", .left), .init("calls"), .init("G1 calls"),
                .init("G1 median"), .init("G1 within"), .init("G2 within"),
            ])
            for d in districts {
                table.addRow([d.code, d.name, T.count(d.calls), T.count(d.grade1Calls), T.time(d.grade1MedianSeconds),
                              T.percent(d.grade1ShareWithinTarget), T.percent(d.grade2ShareWithinTarget)])
            }
            sections.append(table.render())
        }

        var fleetTable = T(title: "Fleet: \(T.count(fleet.units)) units, utilisation \(T.percent(fleet.utilisation)), "
                                + "\(T.count(fleet.refreshmentBreaks)) refreshment breaks",
                           columns: [.init("group", .left), .init("units"), .init("utilisation"), .init("dispatches")])
        for g in fleet.groups {
            fleetTable.addRow([g.name, T.count(g.units), T.percent(g.utilisation), T.count(g.dispatches)])
        }
        sections.append(fleetTable.render())

        let d = decisions
        sections.append("Decisions: \(T.count(d.recommendations)) recommendations, \(T.count(d.dispatches)) dispatches, "
                        + "\(T.count(d.diversions)) diversions, \(T.count(d.crossBorderDispatches)) cross-border, "
                        + "\(T.count(d.noSuitableUnit)) with no suitable unit")
        return sections.joined(separator: "\n\n") + "\n"
    }
}
