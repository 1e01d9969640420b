import Foundation

extension HypercubeModel {
    /// Solves by Larson's approximate procedure (Larson 1975, the "A-hypercube"): N equations in
    /// the unit workloads ρ_i instead of 2^N states, so it works for fleets of hundreds.
    ///
    /// The probability that a call from atom j finds the first k units of its list busy and the
    /// next, unit n, free is taken as Q(N, ρ, k) · ρ_{j1} ⋯ ρ_{jk} · (1 − ρ_n): the product of the
    /// units' workloads as if they were independent, times Larson's correction factor
    ///
    ///     Q(N, ρ, k) = Σ_{m=k}^{N−1} P_m · C(N−k−1, m−k) / C(N, m) / (ρ^k (1 − ρ)),
    ///
    /// where P_m is the probability of m busy units in the aggregate M/M/N (infinite line) or
    /// M/M/N/N (zero line) system and ρ the mean workload. Q makes the product exact when every
    /// busy set of a given size is equally likely (it is 1 for k = 0). The workloads then solve
    ///
    ///     ρ_n = (1 − ρ_n) V_n + ρ P_Q,  V_n = Σ_j Σ_k [j's (k+1)-th unit is n] (λ_j/μ) Q(N, ρ, k) Π_{l≤k} ρ_{jl},
    ///
    /// with P_Q the Erlang C probability that all are busy (queued calls shared evenly; the term is
    /// absent for the zero line), iterated from ρ_n = ρ until no workload moves by more than
    /// `tolerance`. Dispatch fractions follow from the same products, normalised per atom so that
    /// each atom's fractions add up to its share of the calls (the approximation leaves them a
    /// fraction of a percent off). P(all busy), mean queue and wait are exact (Erlang B / C).
    public func solveApproximate(tolerance: Double = 1e-10, maxIterations: Int = 10_000) throws(HypercubeError) -> HypercubeSolution {
        let n = units.count, lambda = totalArrivalRate
        let (logBusy, allBusy, rho) = aggregateBusyCounts()
        let logQ = Self.logCorrectionFactors(logBusy: logBusy, meanWorkload: rho)
        let groups = preferenceGroups().filter { $0.rate > 0 }
        let queuedShare = capacity == .infinite ? rho * allBusy : 0

        var workloads = [Double](repeating: rho, count: n)
        var iterations = 0, change = Double.infinity
        var v = [Double](repeating: 0, count: n)
        while change > tolerance {
            guard iterations < maxIterations else {
                throw .notConverged(method: "approximate", iterations: iterations, change: change)
            }
            iterations += 1
            for i in 0..<n { v[i] = 0 }
            let logWorkloads = workloads.map { log($0) }
            for group in groups {
                let load = group.rate / serviceRate
                var logProduct = 0.0
                for (k, unit) in group.preferences.enumerated() {
                    let term = exp(logQ[k] + logProduct)
                    // P(the first k of the list busy) only falls along the list: once negligible, stop.
                    if term < Self.negligible { break }
                    v[unit] += load * term
                    logProduct += logWorkloads[unit]
                }
            }
            for i in 0..<n { v[i] = (v[i] + queuedShare) / (1 + v[i]) }
            // Conservation: the workloads carry the whole served load, N·ρ. Rescaling to it keeps
            // the iteration from running away on large fleets, where Q grows like e^{ck} deep in
            // the lists and the plain iteration diverges to all-busy.
            let scale = Double(n) * rho / v.reduce(0, +)
            change = 0
            for i in 0..<n {
                let updated = min(v[i] * scale, Self.workloadCeiling)
                change = max(change, abs(updated - workloads[i]))
                workloads[i] = updated
            }
        }

        // Dispatch fractions from the same products.
        let freeShare = 1 - allBusy  // of calls from any atom, the share that finds a unit free
        let served = capacity == .infinite ? lambda : lambda * freeShare
        var fractions = [[Double]](repeating: [Double](repeating: 0, count: atoms.count), count: n)
        for group in groups {
            var mass = [Double](repeating: 0, count: n)
            var logProduct = 0.0
            for (k, unit) in group.preferences.enumerated() {
                let term = exp(logQ[k] + logProduct)
                if term < Self.negligible { break }
                mass[unit] = term * (1 - workloads[unit])
                logProduct += log(workloads[unit])
            }
            let total = mass.reduce(0, +)
            for j in group.atoms {
                let rate = atoms[j].arrivalRate
                for i in 0..<n {
                    var f = total > 0 ? rate * freeShare * mass[i] / total : 0
                    if capacity == .infinite { f += rate * allBusy / Double(n) }
                    fractions[i][j] = f / served
                }
            }
        }
        return solution(method: .approximate, workloads: workloads, fractions: fractions, allBusy: allBusy,
                        states: nil, iterations: iterations, change: change)
    }

    /// Terms Q·Πρ below this are left out: they cannot move a workload in its 15th digit.
    static let negligible = 1e-20

    /// Workloads are kept below this, so that 1 − ρ_n stays positive.
    static let workloadCeiling = 1 - 1e-9

    /// log P(m busy) for m = 0…N−1, P(all busy) and the mean workload ρ of the aggregate system:
    /// M/M/N for the infinite line (ρ = λ/(Nμ), P(all busy) = Erlang C), M/M/N/N for the zero line
    /// (ρ = λ(1 − B)/(Nμ), P(all busy) = Erlang B).
    func aggregateBusyCounts() -> (logBusy: [Double], allBusy: Double, meanWorkload: Double) {
        let n = units.count, a = offeredLoad
        switch capacity {
        case .zero:
            let logP = logBusyCountDistribution()
            let blocked = exp(logP[n])
            return (Array(logP[0..<n]), blocked, a * (1 - blocked) / Double(n))
        case .infinite:
            let rho = a / Double(n)
            // P_m ∝ a^m/m! for m < N; the states m ≥ N together weigh a^N/N! · 1/(1 − ρ).
            var terms = (0..<n).map { Double($0) * log(a) - lgamma(Double($0) + 1) }
            let logTail = Double(n) * log(a) - lgamma(Double(n) + 1) - log1p(-rho)
            terms.append(logTail)
            let top = terms.max() ?? 0
            let logSum = top + log(terms.reduce(0) { $0 + exp($1 - top) })
            return (terms.dropLast().map { $0 - logSum }, exp(logTail - logSum), rho)
        }
    }

    /// log Q(N, ρ, k) for k = 0…N−1 from log P(m busy), m = 0…N−1.
    static func logCorrectionFactors(logBusy: [Double], meanWorkload rho: Double) -> [Double] {
        let n = logBusy.count
        func logChoose(_ top: Int, _ bottom: Int) -> Double {
            lgamma(Double(top) + 1) - lgamma(Double(bottom) + 1) - lgamma(Double(top - bottom) + 1)
        }
        return (0..<n).map { k -> Double in
            let terms = (k..<n).map { m in logBusy[m] + logChoose(n - k - 1, m - k) - logChoose(n, m) }
            let top = terms.max() ?? -.infinity
            guard top.isFinite else { return -.infinity }
            let logSum = top + log(terms.reduce(0) { $0 + exp($1 - top) })
            return logSum - Double(k) * log(rho) - log1p(-rho)
        }
    }
}
