import Foundation
import Testing
@testable import Simulation

@Suite("Hypercube: exact model")
struct HypercubeExactTests {
    /// One unit is the M/M/1 queue (infinite line) or the M/M/1/1 loss system (zero line).
    @Test(arguments: [0.2, 0.6, 0.95])
    func oneUnitIsMM1(rho: Double) throws {
        let atoms = [HypercubeModel.Atom(name: "a", arrivalRate: rho * 0.5, preferences: [0]),
                     HypercubeModel.Atom(name: "b", arrivalRate: rho * 1.5, preferences: [0])]
        let queue = try HypercubeModel(units: ["car"], atoms: atoms, serviceRate: 2, capacity: .infinite).solveExact()
        #expect(abs(queue.workloads[0] - rho) < 1e-10)
        #expect(abs(queue.probabilityAllBusy - rho) < 1e-10)
        #expect(abs(try #require(queue.meanQueueLength) - rho * rho / (1 - rho)) < 1e-9)
        #expect(abs(queue.dispatchFractions[0][0] - 0.25) < 1e-12 && abs(queue.dispatchFractions[0][1] - 0.75) < 1e-12)
        let loss = try HypercubeModel(units: ["car"], atoms: atoms, serviceRate: 2, capacity: .zero).solveExact()
        #expect(abs(loss.probabilityAllBusy - rho / (1 + rho)) < 1e-10)
        #expect(abs(loss.workloads[0] - rho / (1 + rho)) < 1e-10)
    }

    /// P(all busy) of the infinite-line model is Erlang C's P(wait), and of the zero-line model
    /// Erlang B, whatever the geography.
    @Test(arguments: [(3, 0.5), (5, 0.8), (8, 0.3), (10, 0.9), (12, 0.7)])
    func allBusyIsErlang(units: Int, utilisation: Double) throws {
        let model = try HypercubeTestSystems.scattered(units: units, atoms: 2 * units, utilisation: utilisation,
                                                       capacity: .infinite, seed: UInt64(units))
        let solved = try model.solveExact()
        let erlang = try ErlangC(arrivalRate: model.totalArrivalRate, serviceRate: model.serviceRate, servers: units)
        #expect(abs(solved.probabilityAllBusy - erlang.probabilityOfWaiting) < 1e-9)
        // No call is lost: the workloads carry the whole offered load.
        #expect(abs(solved.workloads.reduce(0, +) - model.offeredLoad) < 1e-8)
        let fSum = solved.dispatchFractions.flatMap { $0 }.reduce(0, +)
        #expect(abs(fSum - 1) < 1e-9)

        let lossModel = try HypercubeTestSystems.scattered(units: units, atoms: 2 * units, utilisation: utilisation,
                                                           capacity: .zero, seed: UInt64(units))
        let loss = try lossModel.solveExact()
        let blocked = try ErlangC.erlangB(offeredLoad: lossModel.offeredLoad, servers: units)
        #expect(abs(loss.probabilityAllBusy - blocked) < 1e-9)
        #expect(abs(loss.workloads.reduce(0, +) - lossModel.offeredLoad * (1 - blocked)) < 1e-8)
    }

    /// A rotation-symmetric system gives every unit the same workload.
    @Test(arguments: [HypercubeModel.Capacity.infinite, .zero])
    func symmetricSystemHasEqualWorkloads(capacity: HypercubeModel.Capacity) throws {
        let solved = try HypercubeTestSystems.ring(units: 7, utilisation: 0.6, capacity: capacity).solveExact()
        let first = solved.workloads[0]
        for w in solved.workloads { #expect(abs(w - first) < 1e-10) }
        if capacity == .infinite { #expect(abs(first - 0.6) < 1e-10) }
    }

    /// The Gauss–Seidel solution equals a dense direct solve of the same chain.
    @Test(arguments: [(2, 0.4, UInt64(11)), (4, 0.75, 12), (5, 0.5, 13), (6, 0.95, 14)])
    func matchesDenseSolve(units: Int, utilisation: Double, seed: UInt64) throws {
        let model = try HypercubeTestSystems.scattered(units: units, atoms: 9, utilisation: utilisation,
                                                       capacity: .zero, seed: seed)
        let solved = try model.solveExact()
        let dense = HypercubeTestSystems.denseStates(model)
        let states = try #require(solved.stateProbabilities)
        for (a, b) in zip(states, dense) { #expect(abs(a - b) < 1e-10) }
        #expect(try #require(model.balanceResidual(of: solved)) < 1e-9)
    }

    /// Dispatch fractions follow the preference rule: state by state, from the dense solution.
    @Test func dispatchFractionsFromStates() throws {
        let model = try HypercubeTestSystems.scattered(units: 4, atoms: 6, utilisation: 0.7, capacity: .infinite, seed: 5)
        let solved = try model.solveExact()
        let dense = HypercubeTestSystems.denseStates(model)
        // Finite-chain probabilities, renormalised with the queue tail of the infinite line.
        let r = model.offeredLoad / 4
        let total = 1 + dense[15] * r / (1 - r)
        let allBusy = dense[15] / (1 - r) / total
        for (j, atom) in model.atoms.enumerated() {
            var expected = [Double](repeating: atom.arrivalRate * allBusy / 4, count: 4)
            for state in 0..<15 {
                let unit = try #require(atom.preferences.first { state & (1 << $0) == 0 })
                expected[unit] += atom.arrivalRate * dense[state] / total
            }
            for i in 0..<4 {
                #expect(abs(solved.dispatchFractions[i][j] - expected[i] / model.totalArrivalRate) < 1e-10)
            }
        }
        // Each atom's fractions add up to its share of the calls.
        for (j, atom) in model.atoms.enumerated() {
            let sum = (0..<4).reduce(0) { $0 + solved.dispatchFractions[$1][j] }
            #expect(abs(sum - atom.arrivalRate / model.totalArrivalRate) < 1e-12)
        }
    }

    @Test func travelTimesAreDispatchWeighted() throws {
        let atoms = [HypercubeModel.Atom(name: "north", arrivalRate: 1, preferences: [0, 1], travelTimes: [300, 900]),
                     HypercubeModel.Atom(name: "south", arrivalRate: 3, preferences: [1, 0], travelTimes: [1200, 240])]
        let solved = try HypercubeModel(units: ["N1", "S1"], atoms: atoms, serviceRate: 4, capacity: .infinite).solveExact()
        let f = solved.dispatchFractions
        let north = (f[0][0] * 300 + f[1][0] * 900) / (f[0][0] + f[1][0])
        #expect(abs(try #require(solved.meanTravelTimeByAtom)[0] - north) < 1e-9)
        let overall = f[0][0] * 300 + f[1][0] * 900 + f[0][1] * 1200 + f[1][1] * 240
        #expect(abs(try #require(solved.meanTravelTime) - overall) < 1e-9)
        // The home unit serves most of its own atom's calls.
        #expect(f[0][0] > f[1][0] && f[1][1] > f[0][1])
        #expect(north > 300 && north < 900)
    }

    /// Over-relaxation changes how fast the sweeps settle, not where.
    @Test(arguments: [1.0, 1.2, 1.6])
    func relaxationDoesNotChangeTheAnswer(omega: Double) throws {
        let model = try HypercubeTestSystems.scattered(units: 7, atoms: 20, utilisation: 0.8, capacity: .infinite, seed: 31)
        let reference = try model.solveExact()
        let other = try model.solveExact(relaxation: omega)
        for i in 0..<7 { #expect(abs(other.workloads[i] - reference.workloads[i]) < 1e-10) }
        #expect(throws: HypercubeError.invalidSolverSetting("relaxation 2.0 must lie in (0, 2)")) {
            try model.solveExact(relaxation: 2)
        }
    }

    /// Sixteen units (65,536 states) in well under a few seconds, still balanced.
    @Test func sixteenUnits() throws {
        let model = try HypercubeTestSystems.scattered(units: 16, atoms: 40, utilisation: 0.6, capacity: .infinite, seed: 99)
        let solved = try model.solveExact()
        #expect(abs(solved.workloads.reduce(0, +) - model.offeredLoad) < 1e-7)
        #expect(try #require(model.balanceResidual(of: solved)) < 1e-8)
    }
}

@Suite("Hypercube: Larson's approximation")
struct HypercubeApproximationTests {
    /// Larson (1975) reports the approximation within a few percent of the exact model. Seeded
    /// asymmetric systems of 4 to 10 units, one per patrol area, 3 atoms per unit with rates
    /// varying six-fold: workloads within 3 points (mean relative error under 2 %), dispatch
    /// fractions within half a point, mean travel time within 3 %.
    @Test(arguments: [(4, 0.3), (5, 0.5), (6, 0.7), (7, 0.85), (8, 0.5), (9, 0.8), (10, 0.6)])
    func closeToExact(units: Int, utilisation: Double) throws {
        for capacity in HypercubeModel.Capacity.allCases {
            let model = try HypercubeTestSystems.scattered(units: units, atoms: 3 * units, utilisation: utilisation,
                                                           capacity: capacity, seed: UInt64(100 + units), patrolGrid: true)
            let exact = try model.solveExact()
            let approx = try model.solveApproximate()
            let gap = Self.gaps(exact, approx)
            let label = "\(capacity) N=\(units) ρ=\(utilisation)"
            #expect(gap.workload < 0.03, "\(label): workloads off by \(gap.workload)")
            #expect(gap.meanRelative < 0.02, "\(label): mean relative workload error \(gap.meanRelative)")
            #expect(gap.fraction < 0.005, "\(label): fractions off by \(gap.fraction)")
            #expect(abs(approx.probabilityAllBusy - exact.probabilityAllBusy) < 1e-9)
            let travel = try #require(approx.meanTravelTime), exactTravel = try #require(exact.meanTravelTime)
            #expect(abs(travel - exactTravel) / exactTravel < 0.03)
        }
    }

    /// Irregular layouts (units placed anywhere, some nearly idle) are harder for the
    /// approximation, but workloads stay within a few points.
    @Test(arguments: [(5, 0.5), (8, 0.7), (10, 0.6)])
    func irregularLayouts(units: Int, utilisation: Double) throws {
        let model = try HypercubeTestSystems.scattered(units: units, atoms: 3 * units, utilisation: utilisation,
                                                       capacity: .infinite, seed: UInt64(200 + units))
        let gap = Self.gaps(try model.solveExact(), try model.solveApproximate())
        #expect(gap.workload < 0.04 && gap.fraction < 0.005, "\(gap)")
    }

    /// Largest absolute workload gap, mean relative workload gap, largest dispatch-fraction gap.
    static func gaps(_ exact: HypercubeSolution, _ approx: HypercubeSolution) -> (workload: Double, meanRelative: Double, fraction: Double) {
        var worst = 0.0, relative = 0.0, fraction = 0.0
        for i in exact.workloads.indices {
            worst = max(worst, abs(approx.workloads[i] - exact.workloads[i]))
            relative += abs(approx.workloads[i] - exact.workloads[i]) / exact.workloads[i]
            for j in exact.atoms.indices {
                fraction = max(fraction, abs(approx.dispatchFractions[i][j] - exact.dispatchFractions[i][j]))
            }
        }
        return (worst, relative / Double(exact.workloads.count), fraction)
    }

    @Test(arguments: [HypercubeModel.Capacity.infinite, .zero])
    func exactOnSymmetricSystems(capacity: HypercubeModel.Capacity) throws {
        let model = try HypercubeTestSystems.ring(units: 6, utilisation: 0.7, capacity: capacity)
        let approx = try model.solveApproximate()
        let exact = try model.solveExact()
        for i in 0..<6 { #expect(abs(approx.workloads[i] - exact.workloads[i]) < 1e-9) }
    }

    /// The correction factor for the first choice is 1: the chance the first unit is free is 1 − ρ.
    @Test(arguments: [(5, 0.4), (40, 0.85), (300, 0.9)])
    func firstCorrectionFactorIsOne(units: Int, rho: Double) throws {
        let model = try HypercubeTestSystems.ring(units: units, utilisation: rho, capacity: .infinite)
        let (logBusy, _, mean) = model.aggregateBusyCounts()
        let logQ = HypercubeModel.logCorrectionFactors(logBusy: logBusy, meanWorkload: mean)
        #expect(abs(exp(logQ[0]) - 1) < 1e-9)
        #expect(logQ.allSatisfy { !$0.isNaN })
    }

    /// A large fleet: 200 units over 400 atoms (where the unscaled iteration runs away to all-busy),
    /// consistent with Erlang C and carrying the offered load.
    @Test func largeFleet() throws {
        let model = try HypercubeTestSystems.scattered(units: 200, atoms: 400, utilisation: 0.75, capacity: .infinite, seed: 8)
        let solved = try model.solve(method: .auto)
        #expect(solved.method == .approximate)
        let erlang = try ErlangC(arrivalRate: model.totalArrivalRate, serviceRate: model.serviceRate, servers: 200)
        #expect(abs(solved.probabilityAllBusy - erlang.probabilityOfWaiting) < 1e-12)
        #expect(abs(solved.workloads.reduce(0, +) - model.offeredLoad) / model.offeredLoad < 1e-6)
        #expect(solved.iterations < 1000)
        #expect(abs(solved.dispatchFractions.flatMap { $0 }.reduce(0, +) - 1) < 1e-9)
        #expect(solved.workloads.allSatisfy { $0 > 0 && $0 < 1 })
    }
}

@Suite("Hypercube: model validation")
struct HypercubeValidationTests {
    let atom = HypercubeModel.Atom(name: "a", arrivalRate: 1, preferences: [0, 1])

    @Test func rejectsBadModels() {
        #expect(throws: HypercubeError.noUnits) { try HypercubeModel(units: [], atoms: [atom], serviceRate: 1, capacity: .zero) }
        #expect(throws: HypercubeError.noAtoms) { try HypercubeModel(units: ["x"], atoms: [], serviceRate: 1, capacity: .zero) }
        #expect(throws: HypercubeError.duplicateUnitName("x")) {
            try HypercubeModel(units: ["x", "x"], atoms: [atom], serviceRate: 1, capacity: .zero)
        }
        #expect(throws: HypercubeError.invalidPreferences(atom: "b", reason: "leaves out y; every unit must be listed")) {
            try HypercubeModel(units: ["x", "y"], atoms: [.init(name: "b", arrivalRate: 1, preferences: [0])],
                               serviceRate: 1, capacity: .zero)
        }
        #expect(throws: HypercubeError.invalidPreferences(atom: "b", reason: "names x twice")) {
            try HypercubeModel(units: ["x", "y"], atoms: [.init(name: "b", arrivalRate: 1, preferences: [0, 0])],
                               serviceRate: 1, capacity: .zero)
        }
        #expect(throws: HypercubeError.invalidArrivalRate(atom: "b", value: -2)) {
            try HypercubeModel(units: ["x", "y"], atoms: [.init(name: "b", arrivalRate: -2, preferences: [0, 1])],
                               serviceRate: 1, capacity: .zero)
        }
        #expect(throws: HypercubeError.noDemand) {
            try HypercubeModel(units: ["x", "y"], atoms: [.init(name: "b", arrivalRate: 0, preferences: [0, 1])],
                               serviceRate: 1, capacity: .zero)
        }
        #expect(throws: HypercubeError.unstable(offeredLoad: 2, units: 2)) {
            try HypercubeModel(units: ["x", "y"], atoms: [.init(name: "b", arrivalRate: 2, preferences: [0, 1])],
                               serviceRate: 1, capacity: .infinite)
        }
        #expect(throws: HypercubeError.invalidServiceRate(0)) {
            try HypercubeModel(units: ["x", "y"], atoms: [atom], serviceRate: 0, capacity: .zero)
        }
    }

    @Test func travelTimesAllOrNone() {
        let withTravel = HypercubeModel.Atom(name: "t", arrivalRate: 1, preferences: [1, 0], travelTimes: [60, 30])
        #expect(throws: HypercubeError.self) {
            try HypercubeModel(units: ["x", "y"], atoms: [withTravel, atom], serviceRate: 1, capacity: .zero)
        }
        let short = HypercubeModel.Atom(name: "s", arrivalRate: 1, preferences: [1, 0], travelTimes: [60])
        #expect(throws: HypercubeError.invalidTravelTimes(atom: "s", reason: "list 1 values for 2 units")) {
            try HypercubeModel(units: ["x", "y"], atoms: [short], serviceRate: 1, capacity: .zero)
        }
    }

    @Test func exactRefusesHugeFleets() throws {
        let model = try HypercubeTestSystems.ring(units: 19, utilisation: 0.5, capacity: .zero)
        #expect(throws: HypercubeError.tooManyUnitsForExact(units: 19, limit: 18)) { try model.solveExact() }
        #expect(try model.solve().method == .approximate)
    }
}
