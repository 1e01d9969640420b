import Foundation

/// What a hypercube model predicts for each unit and atom.
public struct HypercubeSolution: Sendable, Hashable, Codable {
    /// How the figures were obtained.
    public enum Method: String, Sendable, Hashable, Codable {
        case exact, approximate
    }

    /// Exact or approximate.
    public let method: Method
    /// The model's capacity (infinite or zero line).
    public let capacity: HypercubeModel.Capacity
    /// Unit names, in the model's order.
    public let units: [String]
    /// Atom names, in the model's order.
    public let atoms: [String]
    /// ρ_i: the share of time unit i is busy (with infinite-line capacity, time serving queued
    /// calls included). They sum to λ/μ for the infinite line, to λ(1 − P_lost)/μ for the zero line.
    public let workloads: [Double]
    /// f_ij as `dispatchFractions[i][j]`: the share of all dispatches in which unit i serves atom j.
    /// The fractions sum to 1. Queued calls (infinite line) go to whichever unit frees first: each
    /// unit equally likely, as all share one service rate.
    public let dispatchFractions: [[Double]]
    /// The probability that every unit is busy: with infinite-line capacity the share of calls
    /// that queue (Erlang C's P(wait)); with zero-line capacity the share of calls lost (Erlang B).
    public let probabilityAllBusy: Double
    /// Mean number of calls waiting (infinite line only).
    public let meanQueueLength: Double?
    /// Mean wait before a unit is dispatched, in the model's time unit (infinite line only).
    public let meanWaitInQueue: Double?
    /// Mean travel time to each atom's calls, over the units that serve them (when the model has
    /// travel times). Queued calls are taken to be reached from the serving unit's home position.
    public let meanTravelTimeByAtom: [Double]?
    /// Mean travel time of each unit's dispatches.
    public let meanTravelTimeByUnit: [Double]?
    /// Mean travel time over all dispatches.
    public let meanTravelTime: Double?
    /// Exact method only: the probability of each busy set (index bit i set = unit i busy). With
    /// infinite-line capacity the all-busy entry excludes the states with a queue.
    public let stateProbabilities: [Double]?
    /// Sweeps (exact) or workload iterations (approximate) used.
    public let iterations: Int
    /// The last iteration's largest change: how settled the figures are.
    public let finalChange: Double

    /// A solution from its parts (the solvers build these).
    public init(method: Method, capacity: HypercubeModel.Capacity, units: [String], atoms: [String], workloads: [Double],
                dispatchFractions: [[Double]], probabilityAllBusy: Double, meanQueueLength: Double?,
                meanWaitInQueue: Double?, meanTravelTimeByAtom: [Double]?, meanTravelTimeByUnit: [Double]?,
                meanTravelTime: Double?, stateProbabilities: [Double]?, iterations: Int, finalChange: Double) {
        self.method = method
        self.capacity = capacity
        self.units = units
        self.atoms = atoms
        self.workloads = workloads
        self.dispatchFractions = dispatchFractions
        self.probabilityAllBusy = probabilityAllBusy
        self.meanQueueLength = meanQueueLength
        self.meanWaitInQueue = meanWaitInQueue
        self.meanTravelTimeByAtom = meanTravelTimeByAtom
        self.meanTravelTimeByUnit = meanTravelTimeByUnit
        self.meanTravelTime = meanTravelTime
        self.stateProbabilities = stateProbabilities
        self.iterations = iterations
        self.finalChange = finalChange
    }

    /// The share of all dispatches that go to each unit, Σ_j f_ij.
    public var unitDispatchShares: [Double] { dispatchFractions.map { $0.reduce(0, +) } }

    /// The same solution without the state probabilities (which have 2^N entries).
    public func withoutStates() -> HypercubeSolution {
        HypercubeSolution(method: method, capacity: capacity, units: units, atoms: atoms, workloads: workloads,
                          dispatchFractions: dispatchFractions, probabilityAllBusy: probabilityAllBusy,
                          meanQueueLength: meanQueueLength, meanWaitInQueue: meanWaitInQueue,
                          meanTravelTimeByAtom: meanTravelTimeByAtom, meanTravelTimeByUnit: meanTravelTimeByUnit,
                          meanTravelTime: meanTravelTime, stateProbabilities: nil, iterations: iterations,
                          finalChange: finalChange)
    }
}

extension HypercubeModel {
    /// Assembles a solution from workloads, dispatch fractions and P(all busy): adds the queue
    /// figures (infinite line, exact M/M/N) and the travel-time means.
    func solution(method: HypercubeSolution.Method, workloads: [Double], fractions: [[Double]], allBusy: Double,
                  states: [Double]?, iterations: Int, change: Double) -> HypercubeSolution {
        var queueLength: Double?, wait: Double?
        if capacity == .infinite,
           let queue = try? ErlangC(arrivalRate: totalArrivalRate, serviceRate: serviceRate, servers: units.count) {
            queueLength = queue.meanQueueLength
            wait = queue.meanWaitInQueue
        }
        var byAtom: [Double]?, byUnit: [Double]?, overall: Double?
        if hasTravelTimes {
            var atomSums = [Double](repeating: 0, count: atoms.count), atomWeights = atomSums
            var unitSums = [Double](repeating: 0, count: units.count), unitWeights = unitSums
            var total = 0.0, weight = 0.0
            for (j, atom) in atoms.enumerated() {
                guard let times = atom.travelTimes else { continue }
                for i in units.indices {
                    let f = fractions[i][j], t = times[i]
                    atomSums[j] += f * t
                    atomWeights[j] += f
                    unitSums[i] += f * t
                    unitWeights[i] += f
                    total += f * t
                    weight += f
                }
            }
            byAtom = atoms.indices.map { atomWeights[$0] > 0 ? atomSums[$0] / atomWeights[$0] : 0 }
            byUnit = units.indices.map { unitWeights[$0] > 0 ? unitSums[$0] / unitWeights[$0] : 0 }
            overall = weight > 0 ? total / weight : 0
        }
        return HypercubeSolution(method: method, capacity: capacity, units: units, atoms: atoms.map(\.name),
                                 workloads: workloads, dispatchFractions: fractions, probabilityAllBusy: allBusy,
                                 meanQueueLength: queueLength, meanWaitInQueue: wait, meanTravelTimeByAtom: byAtom,
                                 meanTravelTimeByUnit: byUnit, meanTravelTime: overall, stateProbabilities: states,
                                 iterations: iterations, finalChange: change)
    }

    /// log of P(k busy) for k = 0…N in the finite chain (truncated Poisson: a^k/k!, normalised).
    func logBusyCountDistribution() -> [Double] {
        let a = offeredLoad
        let terms = (0...units.count).map { Double($0) * log(a) - lgamma(Double($0) + 1) }
        let top = terms.max() ?? 0
        let logSum = top + log(terms.reduce(0) { $0 + exp($1 - top) })
        return terms.map { $0 - logSum }
    }
}
