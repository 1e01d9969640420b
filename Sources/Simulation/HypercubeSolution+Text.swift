extension HypercubeSolution {
    /// Workloads and dispatch fractions as fixed-width text, for a model whose time unit is the
    /// second (as `HypercubeDocument` builds it): rates shown per hour, times in minutes.
    public func table(model: HypercubeModel, title: String? = nil) -> String {
        typealias T = SummaryTable
        var out = [String]()
        let capacityText = capacity == .infinite ? "infinite-line capacity (calls queue)" : "zero-line capacity (calls are lost)"
        out.append("Hypercube\(title.map { ": \($0)" } ?? "") — \(method.rawValue), \(capacityText)")
        out.append("\(units.count) units, \(atoms.count) atoms, \(T.number(model.totalArrivalRate * 3600)) calls/h, "
                   + "mean service \(T.minutes(1 / model.serviceRate)), offered load \(T.number(model.offeredLoad)) Erlangs")
        if capacity == .infinite {
            out.append("All units busy: \(T.percent(probabilityAllBusy)) of calls queue; mean queue "
                       + "\(T.number(meanQueueLength, digits: 3)) calls, mean wait \(T.minutes(meanWaitInQueue, digits: 2))")
        } else {
            out.append("All units busy: \(T.percent(probabilityAllBusy)) of calls are lost")
        }
        if let meanTravelTime { out.append("Mean travel time \(T.minutes(meanTravelTime))") }
        out.append("Solved in \(iterations) \(method == .exact ? "sweeps" : "iterations"), last change \(finalChange)")

        var unitTable = T(title: "\nUnits", columns: [.init("unit", .left), .init("workload"), .init("dispatches"), .init("mean travel")])
        let shares = unitDispatchShares
        for i in units.indices {
            unitTable.addRow([units[i], T.percent(workloads[i]), T.percent(shares[i]), T.minutes(meanTravelTimeByUnit?[i])])
        }
        out.append(unitTable.render())

        var columns: [T.Column] = [.init("atom", .left), .init("calls/h")]
        columns += units.map { T.Column($0) }
        columns.append(.init("mean travel"))
        var atomTable = T(title: "\nDispatch fractions f_ij (% of all dispatches: unit i to atom j)", columns: columns)
        for (j, atom) in model.atoms.enumerated() {
            var row = [atom.name, T.number(atom.arrivalRate * 3600)]
            row += units.indices.map { T.number(dispatchFractions[$0][j] * 100, digits: 2) }
            row.append(T.minutes(meanTravelTimeByAtom?[j]))
            atomTable.addRow(row)
        }
        out.append(atomTable.render())
        return out.joined(separator: "\n") + "\n"
    }
}
