extension Rules {
    /// The cost of sending `unit` to `incident` with a given ETA, without district cover (which
    /// depends on the other units and is added by the caller). Nil when the rules forbid the pair:
    /// a unit from another district beyond the cross-border limit.
    /// - Parameters:
    ///   - remaining: seconds left to the incident's target, nil without a target.
    ///   - diverted: the unit is taken from another job or a break.
    public func baseCost(eta: Double, unit: ResponseUnit, incident: Incident, remaining: Double?,
                         diverted: Bool) -> (costs: CostBreakdown, crossesBorder: Bool)? {
        guard eta.isFinite else { return nil }
        var costs = CostBreakdown()
        var crosses = false
        if let district = incident.district, !unit.district.isEmpty, unit.district != district {
            guard crossBorder.allowed, eta <= crossBorder.maxEtaSeconds else { return nil }
            crosses = true
            costs.crossBorder = weights.crossBorder
        }
        costs.travel = weights.travel * eta / 60
        if let remaining { costs.lateness = weights.lateness * max(0, eta - remaining) / 60 }
        costs.workload = weights.workload * unit.committedSeconds / 3600
        if diverted { costs.diversion = weights.diversion }
        return (costs, crosses)
    }

    /// The cover cost of a unit leaving, from the share of each district's demand it alone covers.
    /// Summed in district order, so the result never depends on a dictionary's iteration order.
    public func coverCost(_ loss: [String: Double]) -> Double {
        weights.cover * 100 * loss.keys.sorted().reduce(0) { $0 + (loss[$1] ?? 0) }
    }

    /// Everything an incident needs: the rules' needs for its type and the call's extras.
    public func requirements(for incident: Incident) -> Requirements {
        requirements(for: incident.type).union(incident.extraRequirements)
    }

    /// Whether a unit's GPS fix is recent enough to trust at `now`.
    public func trustsFix(of unit: ResponseUnit, at now: Timestamp) -> Bool {
        unit.fix.map { now - $0.at <= staleFixSeconds } ?? false
    }

    /// Seconds left to the incident's target at `now`, nil without a target.
    public func remainingSeconds(for incident: Incident, at now: Timestamp) -> Double? {
        targets.seconds(for: incident.grade, area: incident.area).map { $0 - (now - incident.receivedAt) }
    }
}
