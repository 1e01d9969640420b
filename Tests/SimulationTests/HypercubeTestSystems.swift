import Foundation
@testable import Simulation

/// Hypercube systems for tests, built from seeded geometry, and an independent dense solver.
enum HypercubeTestSystems {
    /// Units and atoms scattered over a unit square; each atom's preference list orders units by
    /// distance (ties by index); rates vary by atom; μ is set so the mean workload is `utilisation`.
    static func scattered(units n: Int, atoms j: Int, utilisation: Double, capacity: HypercubeModel.Capacity,
                          seed: UInt64, patrolGrid: Bool = false) throws -> HypercubeModel {
        var rng = TestRandom(seed: seed)
        // Either anywhere, or one unit per cell of a grid of patrol areas (jittered inside its cell).
        let columns = Int(Double(n).squareRoot().rounded(.up)), rows = (n + columns - 1) / columns
        let unitXY = (0..<n).map { u -> (Double, Double) in
            guard patrolGrid else { return (rng.uniform(), rng.uniform()) }
            return ((Double(u % columns) + 0.25 + 0.5 * rng.uniform()) / Double(columns),
                    (Double(u / columns) + 0.25 + 0.5 * rng.uniform()) / Double(rows))
        }
        var atoms = [HypercubeModel.Atom]()
        for a in 0..<j {
            let (x, y) = (rng.uniform(), rng.uniform())
            let distance = unitXY.map { ((($0.0 - x) * ($0.0 - x) + ($0.1 - y) * ($0.1 - y))).squareRoot() }
            let order = (0..<n).sorted { distance[$0] != distance[$1] ? distance[$0] < distance[$1] : $0 < $1 }
            atoms.append(.init(name: "atom\(a)", arrivalRate: 0.2 + rng.uniform(), preferences: order,
                               travelTimes: distance.map { 120 + $0 * 1200 }))
        }
        let lambda = atoms.reduce(0) { $0 + $1.arrivalRate }
        return try HypercubeModel(units: (0..<n).map { "U\($0)" }, atoms: atoms,
                                  serviceRate: lambda / (utilisation * Double(n)), capacity: capacity)
    }

    /// A ring: atom i prefers unit i, then i+1, i+2, … (mod N), every atom with the same rate.
    static func ring(units n: Int, utilisation: Double, capacity: HypercubeModel.Capacity) throws -> HypercubeModel {
        let atoms = (0..<n).map { i in
            HypercubeModel.Atom(name: "beat\(i)", arrivalRate: 1, preferences: (0..<n).map { (i + $0) % n })
        }
        return try HypercubeModel(units: (0..<n).map { "U\($0)" }, atoms: atoms,
                                  serviceRate: Double(n) / (utilisation * Double(n)), capacity: capacity)
    }

    /// Steady-state probabilities of the finite 2^N chain by Gaussian elimination on the full
    /// generator (one balance equation replaced by Σp = 1). Written independently of the solver.
    static func denseStates(_ model: HypercubeModel) -> [Double] {
        let n = model.units.count, s = 1 << n, full = s - 1
        var q = [[Double]](repeating: [Double](repeating: 0, count: s), count: s)  // q[to][from]
        for from in 0..<s {
            if from != full {
                for atom in model.atoms {
                    guard let unit = atom.preferences.first(where: { from & (1 << $0) == 0 }) else { continue }
                    q[from | (1 << unit)][from] += atom.arrivalRate
                    q[from][from] -= atom.arrivalRate
                }
            }
            for unit in 0..<n where from & (1 << unit) != 0 {
                q[from & ~(1 << unit)][from] += model.serviceRate
                q[from][from] -= model.serviceRate
            }
        }
        var rhs = [Double](repeating: 0, count: s)
        q[0] = [Double](repeating: 1, count: s)
        rhs[0] = 1
        for col in 0..<s {
            let pivot = (col..<s).max { abs(q[$0][col]) < abs(q[$1][col]) } ?? col
            q.swapAt(col, pivot)
            rhs.swapAt(col, pivot)
            for row in 0..<s where row != col && q[row][col] != 0 {
                let factor = q[row][col] / q[col][col]
                for c in col..<s { q[row][c] -= factor * q[col][c] }
                rhs[row] -= factor * rhs[col]
            }
        }
        return (0..<s).map { rhs[$0] / q[$0][$0] }
    }
}
