/// Why a hypercube model could not be built or solved.
public enum HypercubeError: Error, Sendable, Hashable, CustomStringConvertible {
    case noUnits
    case noAtoms
    case duplicateUnitName(String)
    case duplicateAtomName(String)
    case invalidServiceRate(Double)
    case invalidArrivalRate(atom: String, value: Double)
    /// Every atom has a zero arrival rate.
    case noDemand
    /// A preference list must name every unit exactly once.
    case invalidPreferences(atom: String, reason: String)
    /// Travel times must be given for every atom or none, one finite non-negative time per unit.
    case invalidTravelTimes(atom: String, reason: String)
    /// Infinite-line capacity with λ ≥ Nμ: the queue grows without bound.
    case unstable(offeredLoad: Double, units: Int)
    /// The exact model has 2^N states; beyond the limit use the approximation.
    case tooManyUnitsForExact(units: Int, limit: Int)
    /// A solver parameter outside its working range.
    case invalidSolverSetting(String)
    /// The iteration did not settle within its budget.
    case notConverged(method: String, iterations: Int, change: Double)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .noUnits: return "the model has no units"
        case .noAtoms: return "the model has no atoms (demand zones)"
        case let .duplicateUnitName(name): return "unit name '\(name)' is used twice"
        case let .duplicateAtomName(name): return "atom name '\(name)' is used twice"
        case let .invalidServiceRate(v): return "service rate \(v) must be a positive finite number"
        case let .invalidArrivalRate(atom, v): return "atom '\(atom)': arrival rate \(v) must be a finite number ≥ 0"
        case .noDemand: return "every atom has a zero arrival rate: there is nothing to dispatch"
        case let .invalidPreferences(atom, reason): return "atom '\(atom)': preference list \(reason)"
        case let .invalidTravelTimes(atom, reason): return "atom '\(atom)': travel times \(reason)"
        case let .unstable(a, n):
            return "offered load \(a) Erlangs is not below the \(n) units: with infinite-line capacity the queue "
                + "grows without bound (add units, shorten service, or use zero-line capacity)"
        case let .tooManyUnitsForExact(n, limit):
            return "\(n) units is beyond the exact model's limit of \(limit) (2^N states); use the approximation"
        case let .invalidSolverSetting(reason): return "invalid solver setting: \(reason)"
        case let .notConverged(method, iterations, change):
            return "the \(method) iteration did not converge in \(iterations) iterations (last change \(change))"
        }
    }
}
