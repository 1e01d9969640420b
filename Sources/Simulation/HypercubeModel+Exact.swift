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
    /// The balance equations are solved by Gauss–Seidel sweeps; after each sweep every layer of
    /// states with k busy units is rescaled to its known total (an aggregation step that removes
    /// the slow between-layer error). Stops when no probability moves by more than `tolerance`
    /// times the largest one.
    public func solveExact(tolerance: Double = 1e-12, maxSweeps: Int = 50_000) throws(HypercubeError) -> HypercubeSolution {
        let n = units.count
        guard n <= Self.exactUnitLimit else { throw .tooManyUnitsForExact(units: n, limit: Self.exactUnitLimit) }
        let stateCount = 1 << n, full = stateCount - 1
        let lambda = totalArrivalRate, mu = serviceRate
        let groups = preferenceGroups()

        // up[b·n + i]: the rate at which state b dispatches unit i.
        var up = [Double](repeating: 0, count: stateCount * n)
        for group in groups where group.rate > 0 {
            for b in 0..<full { up[b * n + Self.firstFree(group.preferences, busy: b)] += group.rate }
        }

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
            for b in 0..<stateCount { previous[b] = p[b] }
            for b in 0..<stateCount {
                p[b] = Self.inflow(into: b, p: p, up: up, n: n, full: full, mu: mu) / Self.outRate(b, full: full, lambda: lambda, mu: mu)
            }
            for k in layerSums.indices { layerSums[k] = 0 }
            for b in 0..<stateCount { layerSums[b.nonzeroBitCount] += p[b] }
            var largest = 0.0, moved = 0.0
            for b in 0..<stateCount {
                let k = b.nonzeroBitCount
                if layerSums[k] > 0 { p[b] *= layer[k] / layerSums[k] }
                largest = max(largest, p[b])
                moved = max(moved, abs(p[b] - previous[b]))
            }
            change = largest > 0 ? moved / largest : 0
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
        var up = [Double](repeating: 0, count: p.count * n)
        for group in preferenceGroups() {
            for b in 0..<full { up[b * n + Self.firstFree(group.preferences, busy: b)] += group.rate }
        }
        var worst = 0.0, scale = 0.0
        for b in 0..<p.count {
            let out = Self.outRate(b, full: full, lambda: totalArrivalRate, mu: serviceRate) * p[b]
            worst = max(worst, abs(Self.inflow(into: b, p: p, up: up, n: n, full: full, mu: serviceRate) - out))
            scale = max(scale, out)
        }
        return scale > 0 ? worst / scale : 0
    }

    /// The first unit of `preferences` not in the busy set `busy` (which must not be all-busy).
    @inline(__always)
    static func firstFree(_ preferences: [Int], busy: Int) -> Int {
        for i in preferences where busy & (1 << i) == 0 { return i }
        return preferences[preferences.count - 1]
    }

    @inline(__always)
    private static func outRate(_ b: Int, full: Int, lambda: Double, mu: Double) -> Double {
        // The all-busy state sends no call upward: its arrivals queue (and the queue drains back
        // into it at the same rate) or are lost.
        (b == full ? 0 : lambda) + Double(b.nonzeroBitCount) * mu
    }

    @inline(__always)
    private static func inflow(into b: Int, p: [Double], up: [Double], n: Int, full: Int, mu: Double) -> Double {
        var total = 0.0
        var bits = b
        while bits != 0 {
            let i = bits.trailingZeroBitCount
            bits &= bits - 1
            let from = b ^ (1 << i)
            total += up[from * n + i] * p[from]
        }
        var free = full ^ b, down = 0.0
        while free != 0 {
            let i = free.trailingZeroBitCount
            free &= free - 1
            down += p[b | (1 << i)]
        }
        return total + mu * down
    }
}
