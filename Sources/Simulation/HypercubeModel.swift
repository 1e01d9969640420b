/// Larson's hypercube queueing model of a fleet of response units serving demand zones ("atoms").
///
/// Each unit is free or busy; a call from atom j goes to the first *free* unit in j's preference
/// list; service (travel, on scene, back) is exponential at a common rate μ. With infinite-line
/// capacity a call that finds every unit busy waits in a first-come-first-served queue and the next
/// unit to free takes it, whatever its atom; with zero-line capacity such a call is lost (passed to
/// another service).
///
/// - Exact: the 2^N-state Markov chain of R. C. Larson, "A hypercube queuing model for facility
///   location and redistricting in urban emergency services", Computers & Operations Research
///   1(1), 67–95 (1974).
/// - Approximate: R. C. Larson, "Approximating the performance of urban emergency service
///   systems", Operations Research 23(5), 845–868 (1975) — N equations in the unit workloads with
///   correction factors Q(N, ρ, j), for fleets too large for the exact chain.
///
/// Rates may be in any time unit as long as arrival and service rates share it.
public struct HypercubeModel: Sendable, Hashable, Codable {
    /// What happens to a call that finds every unit busy.
    public enum Capacity: String, Sendable, Hashable, Codable, CaseIterable {
        /// It waits in an unlimited FCFS queue.
        case infinite
        /// It is lost.
        case zero
    }

    /// How to solve the model.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case exact, approximate
        /// Exact up to `HypercubeModel.autoExactLimit` units, the approximation beyond.
        case auto
    }

    /// A demand zone.
    public struct Atom: Sendable, Hashable, Codable {
        /// The atom's name (a beat, a ward, a grid cell).
        public var name: String
        /// Calls per unit time, λ_j ≥ 0.
        public var arrivalRate: Double
        /// Unit indices in dispatch order: every unit exactly once.
        public var preferences: [Int]
        /// Travel time from each unit's home position (indexed by unit) to this atom, if known.
        public var travelTimes: [Double]?

        /// An atom; `HypercubeModel.init` validates it.
        public init(name: String, arrivalRate: Double, preferences: [Int], travelTimes: [Double]? = nil) {
            self.name = name
            self.arrivalRate = arrivalRate
            self.preferences = preferences
            self.travelTimes = travelTimes
        }
    }

    /// Unit names; a unit's index is its bit in a state.
    public let units: [String]
    /// The demand zones.
    public let atoms: [Atom]
    /// μ: services per unit time per unit (service includes travel).
    public let serviceRate: Double
    /// What happens to calls that find every unit busy.
    public let capacity: Capacity

    /// `Method.auto` solves exactly up to this many units.
    public static let autoExactLimit = 15

    /// A validated model: unique names, non-negative rates with some demand, complete preference
    /// lists, travel times for every atom or none, and (infinite line) λ < Nμ.
    public init(units: [String], atoms: [Atom], serviceRate: Double, capacity: Capacity) throws(HypercubeError) {
        guard !units.isEmpty else { throw .noUnits }
        guard !atoms.isEmpty else { throw .noAtoms }
        var seen = Set<String>()
        for u in units where !seen.insert(u).inserted { throw .duplicateUnitName(u) }
        seen.removeAll()
        for a in atoms where !seen.insert(a.name).inserted { throw .duplicateAtomName(a.name) }
        guard serviceRate.isFinite, serviceRate > 0 else { throw .invalidServiceRate(serviceRate) }
        let withTravel = atoms.filter { $0.travelTimes != nil }.count
        for atom in atoms {
            guard atom.arrivalRate.isFinite, atom.arrivalRate >= 0 else {
                throw .invalidArrivalRate(atom: atom.name, value: atom.arrivalRate)
            }
            try Self.checkPreferences(atom, unitCount: units.count, names: units)
            if withTravel > 0 {
                guard let times = atom.travelTimes else {
                    throw .invalidTravelTimes(atom: atom.name, reason: "are missing (other atoms have them: give all or none)")
                }
                guard times.count == units.count else {
                    throw .invalidTravelTimes(atom: atom.name, reason: "list \(times.count) values for \(units.count) units")
                }
                if let bad = times.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                    throw .invalidTravelTimes(atom: atom.name, reason: "from \(units[bad]) is \(times[bad]); it must be finite and ≥ 0")
                }
            }
        }
        let lambda = atoms.reduce(0) { $0 + $1.arrivalRate }
        guard lambda > 0 else { throw .noDemand }
        if capacity == .infinite, lambda / serviceRate >= Double(units.count) {
            throw .unstable(offeredLoad: lambda / serviceRate, units: units.count)
        }
        self.units = units
        self.atoms = atoms
        self.serviceRate = serviceRate
        self.capacity = capacity
    }

    private static func checkPreferences(_ atom: Atom, unitCount: Int, names: [String]) throws(HypercubeError) {
        var listed = [Bool](repeating: false, count: unitCount)
        for i in atom.preferences {
            guard i >= 0, i < unitCount else {
                throw .invalidPreferences(atom: atom.name, reason: "names unit index \(i), outside 0..<\(unitCount)")
            }
            guard !listed[i] else { throw .invalidPreferences(atom: atom.name, reason: "names \(names[i]) twice") }
            listed[i] = true
        }
        let missing = listed.indices.filter { !listed[$0] }.map { names[$0] }
        guard missing.isEmpty else {
            throw .invalidPreferences(atom: atom.name, reason: "leaves out \(missing.joined(separator: ", ")); every unit must be listed")
        }
    }

    /// Total arrival rate λ.
    public var totalArrivalRate: Double { atoms.reduce(0) { $0 + $1.arrivalRate } }

    /// Offered load λ/μ in Erlangs: the mean number of busy units with no losses.
    public var offeredLoad: Double { totalArrivalRate / serviceRate }

    /// True when the atoms carry travel times.
    public var hasTravelTimes: Bool { atoms.first?.travelTimes != nil }

    /// Solves by `method` (`.auto`: exact up to `autoExactLimit` units).
    public func solve(method: Method = .auto) throws(HypercubeError) -> HypercubeSolution {
        switch method {
        case .exact: return try solveExact()
        case .approximate: return try solveApproximate()
        case .auto: return units.count <= Self.autoExactLimit ? try solveExact() : try solveApproximate()
        }
    }

    /// Atoms sharing a preference list, with their summed rate: the chain only sees these.
    func preferenceGroups() -> [(preferences: [Int], rate: Double, atoms: [Int])] {
        var index: [[Int]: Int] = [:]
        var groups: [(preferences: [Int], rate: Double, atoms: [Int])] = []
        for (j, atom) in atoms.enumerated() {
            if let g = index[atom.preferences] {
                groups[g].rate += atom.arrivalRate
                groups[g].atoms.append(j)
            } else {
                index[atom.preferences] = groups.count
                groups.append((atom.preferences, atom.arrivalRate, [j]))
            }
        }
        return groups
    }
}
