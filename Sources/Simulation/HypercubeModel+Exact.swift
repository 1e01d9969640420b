import Foundation

extension HypercubeModel {
    /// The exact model refuses more units than this: 2^N states with N rates each.
    public static let exactUnitLimit = 18

    /// Solves the 2^N-state chain exactly (Larson 1974).
    ///
    /// A state is the set of busy units (bit i = unit i). From a state that is not all-busy,
    /// a call from atom j (rate λ_j) makes the first free unit in j's list busy; each busy unit frees
    /// at rate μ. With full preference lists every call finds a unit while one is free, so the
    /// number of busy units is a birth–death process whose distribution is known in closed form
    /// (truncated Poisson); the all-busy state joins the M/M/N queue tail for the infinite line.
    ///
    /// The balance equations are solved by successive over-relaxation (Gauss–Seidel sweeps with
    /// `relaxation` ω; 1 is plain Gauss–Seidel, 1.4 took a half to a third of its sweeps on every
    /// system we tried); after each sweep every layer of states with k busy units is rescaled to
    /// its known total (an aggregation step that removes the slow between-layer error). Stops when
    /// no probability moves by more than `tolerance` times the largest one.
    public func solveExact(tolerance: Double = 1e-12, relaxation: Double = 1.4,
                           maxSweeps: Int = 50_000) throws(HypercubeError) -> HypercubeSolution {
        let n = units.count
        guard n <= Self.exactUnitLimit else { throw .tooManyUnitsForExact(units: n, limit: Self.exactUnitLimit) }
        guard relaxation > 0, relaxation < 2 else { throw .invalidSolverSetting("relaxation \(relaxation) must lie in (0, 2)") }
        let stateCount = 1 << n, full = stateCount - 1
        let lambda = totalArrivalRate, mu = serviceRate
        let groups = preferenceGroups()

        let inRate = Self.inflowRates(groups: groups, n: n)

        // Known layer totals, and a start spreading each evenly over its states.
        let layer = logBusyCountDistribution().map { exp($0) }
        let logChoose = (0...n).map { lgamma(Double(n) + 1) - lgamma(Double($0) + 1) - lgamma(Double(n - $0) + 1) }
        var p = (0..<stateCount).map { b -> Double in
            let k = b.nonzeroBitCount
            return layer[k] / exp(logChoose[k])
        }
        var previous = p
        var layerSums = [Double](repeating: 0, count: n + 1)
        var sweeps = 0, change = Double.infinity
        while change > tolerance {
            guard sweeps < maxSweeps else { throw .notConverged(method: "exact", iterations: sweeps, change: change) }
            sweeps += 1
            change = p.withUnsafeMutableBufferPointer { p in
                previous.withUnsafeMutableBufferPointer { previous in
                    inRate.withUnsafeBufferPointer { inRate in
                        layerSums.withUnsafeMutableBufferPointer { layerSums in
                            Self.sweep(p: p, previous: previous, inRate: inRate, layer: layer, layerSums: layerSums,
                                       n: n, lambda: lambda, mu: mu, omega: relaxation)
                        }
                    }
                }
            }
        }

        // Normalise: the finite chain sums to 1; the infinite line adds the geometric queue tail.
        var tail = 0.0
        if capacity == .infinite {
            let r = lambda / (Double(n) * mu)
            tail = p[full] * r / (1 - r)
            let total = 1 + tail
            for b in 0..<stateCount { p[b] /= total }
            tail /= total
        }
        let allBusy = p[full] + tail

        var workloads = [Double](repeating: tail, count: n)
        for b in 0..<stateCount where p[b] > 0 {
            var bits = b
            while bits != 0 {
                workloads[bits.trailingZeroBitCount] += p[b]
                bits &= bits - 1
            }
        }

        // f_ij: calls from j that find a free unit, plus (infinite line) queued calls shared evenly.
        let served = capacity == .infinite ? lambda : lambda * (1 - p[full])
        var fractions = [[Double]](repeating: [Double](repeating: 0, count: atoms.count), count: n)
        for group in groups {
            var firstFreeMass = [Double](repeating: 0, count: n)
            for b in 0..<full { firstFreeMass[Self.firstFree(group.preferences, busy: b)] += p[b] }
            for j in group.atoms {
                let rate = atoms[j].arrivalRate
                for i in 0..<n {
                    var f = rate * firstFreeMass[i]
                    if capacity == .infinite { f += rate * allBusy / Double(n) }
                    fractions[i][j] = served > 0 ? f / served : 0
                }
            }
        }
        return solution(method: .exact, workloads: workloads, fractions: fractions, allBusy: allBusy,
                        states: p, iterations: sweeps, change: change)
    }

    /// The largest relative imbalance |inflow − outflow| / outflow over the states of a solution's
    /// finite chain: a check of the balance equations independent of how they were solved.
    public func balanceResidual(of solution: HypercubeSolution) -> Double? {
        guard let p = solution.stateProbabilities, p.count == 1 << units.count else { return nil }
        let n = units.count, full = p.count - 1
        let inRate = Self.inflowRates(groups: preferenceGroups(), n: n)
        var worst = 0.0, scale = 0.0
        for b in 0..<p.count {
            var inflow = 0.0
            for i in 0..<n {
                let bit = 1 << i
                inflow += b & bit != 0 ? inRate[b * n + i] * p[b ^ bit] : serviceRate * p[b | bit]
            }
            let out = ((b == full ? 0 : totalArrivalRate) + Double(b.nonzeroBitCount) * serviceRate) * p[b]
            worst = max(worst, abs(inflow - out))
            scale = max(scale, out)
        }
        return scale > 0 ? worst / scale : 0
    }

    /// `inRate[b·n + i]` for i in b: the rate at which state b − i dispatches unit i (moving to b).
    /// Indexed by the destination so that a sweep reads it in order.
    static func inflowRates(groups: [(preferences: [Int], rate: Double, atoms: [Int])], n: Int) -> [Double] {
        let full = (1 << n) - 1
        var inRate = [Double](repeating: 0, count: (1 << n) * n)
        for group in groups where group.rate > 0 {
            for b in 0..<full {
                let i = firstFree(group.preferences, busy: b)
                inRate[(b | (1 << i)) * n + i] += group.rate
            }
        }
        return inRate
    }

    /// One over-relaxed Gauss–Seidel sweep over all states, then the layer rescaling; returns the largest change
    /// relative to the largest probability.
    private static func sweep(p: UnsafeMutableBufferPointer<Double>, previous: UnsafeMutableBufferPointer<Double>,
                              inRate: UnsafeBufferPointer<Double>, layer: [Double],
                              layerSums: UnsafeMutableBufferPointer<Double>, n: Int, lambda: Double, mu: Double,
                              omega: Double) -> Double {
        let stateCount = p.count, full = stateCount - 1
        for b in 0..<stateCount { previous[b] = p[b] }
        for k in 0..<layerSums.count { layerSums[k] = 0 }
        for b in 0..<stateCount {
            var arrivals = 0.0, completions = 0.0
            let row = b * n
            for i in 0..<n {
                let bit = 1 << i
                if b & bit != 0 {
                    arrivals += inRate[row + i] * p[b ^ bit]
                } else {
                    completions += p[b | bit]
                }
            }
            let busy = b.nonzeroBitCount
            // The all-busy state sends no call upward: its arrivals queue (and the queue drains
            // back into it at the same rate) or are lost.
            let out = (b == full ? 0 : lambda) + Double(busy) * mu
            let gs = (arrivals + mu * completions) / out
            // Over-relaxation can overshoot below zero early on; the solution itself is positive.
            p[b] = max(0, omega * gs + (1 - omega) * p[b])
            layerSums[busy] += p[b]
        }
        var largest = 0.0, moved = 0.0
        for b in 0..<stateCount {
            let k = b.nonzeroBitCount
            if layerSums[k] > 0 { p[b] *= layer[k] / layerSums[k] }
            largest = max(largest, p[b])
            moved = max(moved, abs(p[b] - previous[b]))
        }
        return largest > 0 ? moved / largest : 0
    }

    /// The first unit of `preferences` not in the busy set `busy` (which must not be all-busy).
    @inline(__always)
    static func firstFree(_ preferences: [Int], busy: Int) -> Int {
        for i in preferences where busy & (1 << i) == 0 { return i }
        return preferences[preferences.count - 1]
    }
}
