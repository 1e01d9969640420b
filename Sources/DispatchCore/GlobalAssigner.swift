import RoadNetwork

/// A plan for several waiting incidents at once: which unit goes where, and who waits.
public struct AssignmentPlan: Sendable, Hashable, Codable {
    public struct Pair: Sendable, Hashable, Codable {
        public var incidentID: String
        public var callSign: CallSign
        public var etaSeconds: Double
        public var cost: Double
    }
    public var pairs: [Pair]
    /// Incidents left waiting (no suitable free unit, or outranked), most urgent first.
    public var waiting: [String]
    /// The rules' measure of the plan: the cost of every pair plus a waiting penalty per incident
    /// left waiting (the penalties rank grades so that a Grade 1 never waits for a lower grade).
    public var objective: Double
}

/// The costs of every (incident, free unit) pair under a rule set, and the waiting penalties.
public struct AssignmentProblem: Sendable {
    public let incidents: [Incident]
    /// Handles of the free units considered (available, with a fresh fix).
    public let unitHandles: [Int32]
    /// Row-major `incidents × units`; nil where the unit is unsuitable or the rules forbid the pair.
    public let costs: [Double?]
    public let etas: [Double]
    /// Penalty for leaving an incident waiting, per incident.
    public let waitPenalty: [Double]

    public func cost(_ i: Int, _ u: Int) -> Double? { costs[i * unitHandles.count + u] }

    /// The objective of a set of (incident row, unit column) pairs.
    public func objective(of pairs: [(Int, Int)]) -> Double {
        var total = 0.0
        var served = Set<Int>()
        for (i, u) in pairs {
            total += cost(i, u) ?? .infinity
            served.insert(i)
        }
        for i in incidents.indices where !served.contains(i) { total += waitPenalty[i] }
        return total
    }
}

/// Assigns free units to several waiting incidents at once by minimum total cost under the rules —
/// the same costs the single-incident recommender uses — with waiting penalties that never let a
/// Grade 1 wait while a lower grade takes a unit it could have had.
public struct GlobalAssigner: Sendable {
    public let rules: Rules

    public init(rules: Rules) { self.rules = rules }

    /// Builds the cost matrix: one one-to-many ETA query per incident over the free units.
    public func problem(incidents: [Incident], in state: ControlRoomState, at now: Timestamp) -> AssignmentProblem {
        let incidents = incidents.filter { $0.grade.needsDeployment }
            .sorted { ($0.grade, $0.receivedAt, $0.id) < ($1.grade, $1.receivedAt, $1.id) }
        let units = state.units
        var handles: [Int32] = []
        var origins: [RoadLocation] = []
        for (h, unit) in units.enumerated() {
            guard unit.status == .available, rules.trustsFix(of: unit, at: now), let fix = unit.fix else { continue }
            handles.append(Int32(h))
            origins.append(unit.roadLocation ?? RoadLocation(point: fix.position))
        }
        // Cover a unit takes away by going depends only on the unit, so it is computed once.
        let coverCosts: [Double] = handles.map { h in
            guard rules.weights.cover > 0, let p = units[Int(h)].fix?.position else { return 0 }
            return rules.coverCost(state.coverage.coverLost(ifUnitLeaves: p))
        }
        var costs = [Double?](repeating: nil, count: incidents.count * handles.count)
        var etas = [Double](repeating: .infinity, count: incidents.count * handles.count)
        var worst = 0.0
        for (i, incident) in incidents.enumerated() where !handles.isEmpty {
            let requirements = rules.requirements(for: incident)
            let profile: SpeedProfile = rules.usesBlueLights(incident.grade) ? .emergency : .normal
            let times = state.travel.travelTimes(from: origins, to: incident.roadLocation, profile: profile, limit: nil)
            let remaining = rules.remainingSeconds(for: incident, at: now)
            for (u, h) in handles.enumerated() {
                let unit = units[Int(h)]
                etas[i * handles.count + u] = times[u]
                guard unit.meets(requirements),
                      let (base, _) = rules.baseCost(eta: times[u], unit: unit, incident: incident,
                                                     remaining: remaining, diverted: false) else { continue }
                let c = base.total + coverCosts[u]
                costs[i * handles.count + u] = c
                worst = max(worst, c)
            }
        }
        // Waiting penalties: each grade's exceeds the next lower grade's by more than twice any
        // pair's cost, so swapping a unit from a lower grade to a waiting higher grade always pays.
        let step = 2 * worst + 1
        let penalty = incidents.map { Double(4 - $0.grade.rawValue) * step }
        return AssignmentProblem(incidents: incidents, unitHandles: handles, costs: costs, etas: etas, waitPenalty: penalty)
    }

    /// The minimum-cost plan.
    public func assign(incidents: [Incident], in state: ControlRoomState, at now: Timestamp) -> AssignmentPlan {
        let p = problem(incidents: incidents, in: state, at: now)
        return plan(p, pairs: optimalPairs(p), state: state)
    }

    /// The greedy baseline: incidents in order of urgency each take their cheapest free unit.
    public func greedy(incidents: [Incident], in state: ControlRoomState, at now: Timestamp) -> AssignmentPlan {
        let p = problem(incidents: incidents, in: state, at: now)
        return plan(p, pairs: greedyPairs(p), state: state)
    }

    /// Optimal (row, column) pairs: rows are incidents; columns are units, then one "wait" column
    /// per incident.
    public func optimalPairs(_ p: AssignmentProblem) -> [(Int, Int)] {
        let n = p.incidents.count, m = p.unitHandles.count
        guard n > 0 else { return [] }
        let columns = m + n
        // Forbidden pairs cost more than waiting at the highest penalty, so they are never chosen.
        let forbidden = (p.waitPenalty.max() ?? 0) * 2 + 1
        var costs = [Double](repeating: 0, count: n * columns)
        for i in 0..<n {
            for u in 0..<m { costs[i * columns + u] = p.cost(i, u) ?? forbidden }
            for w in 0..<n { costs[i * columns + m + w] = p.waitPenalty[i] }
        }
        let columnOfRow = MinCostAssignment.solve(costs: costs, rows: n, columns: columns)
        return columnOfRow.enumerated().compactMap { i, col in
            col < m && p.cost(i, col) != nil ? (i, col) : nil
        }
    }

    /// Greedy (row, column) pairs in order of urgency.
    public func greedyPairs(_ p: AssignmentProblem) -> [(Int, Int)] {
        var taken = Set<Int>()
        var pairs: [(Int, Int)] = []
        for i in p.incidents.indices {
            var best: (Int, Double)?
            for u in p.unitHandles.indices where !taken.contains(u) {
                guard let c = p.cost(i, u) else { continue }
                if best.map({ c < $0.1 }) ?? true { best = (u, c) }
            }
            if let (u, _) = best { taken.insert(u); pairs.append((i, u)) }
        }
        return pairs
    }

    private func plan(_ p: AssignmentProblem, pairs: [(Int, Int)], state: ControlRoomState) -> AssignmentPlan {
        let served = Set(pairs.map(\.0))
        let m = p.unitHandles.count
        return AssignmentPlan(
            pairs: pairs.map { i, u in
                AssignmentPlan.Pair(incidentID: p.incidents[i].id, callSign: state.units[Int(p.unitHandles[u])].callSign,
                                    etaSeconds: p.etas[i * m + u], cost: p.cost(i, u) ?? .infinity)
            },
            waiting: p.incidents.indices.filter { !served.contains($0) }.map { p.incidents[$0].id },
            objective: p.objective(of: pairs))
    }
}
