import Foundation

/// The M/M/c queue (Erlang C): Poisson arrivals at rate λ, c identical servers with exponential
/// service at rate μ each, an unlimited first-come-first-served queue.
///
/// Computed through the Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)), which stays within
/// [0, 1] at every step, so it is stable for thousands of servers where factorials overflow.
/// Rates may be in any time unit as long as both use the same one; times come out in that unit.
public struct ErlangC: Sendable, Hashable, Codable {
    /// λ: calls per unit time.
    public let arrivalRate: Double
    /// μ: services per unit time per server.
    public let serviceRate: Double
    /// c: the number of servers.
    public let servers: Int
    /// Offered load a = λ/μ, in Erlangs.
    public let offeredLoad: Double
    /// Probability that all c servers are busy in an M/M/c/c loss system with the same load.
    public let erlangB: Double
    /// Probability that an arriving call has to wait: C(c, a).
    public let probabilityOfWaiting: Double

    /// Largest number of servers accepted.
    public static let maximumServers = 1_000_000

    /// The queue for λ, μ and c; throws for non-positive or non-finite rates, no servers, or an
    /// unstable system (λ ≥ cμ: the queue would grow without bound).
    public init(arrivalRate: Double, serviceRate: Double, servers: Int) throws(ErlangCError) {
        guard arrivalRate.isFinite, arrivalRate > 0 else { throw .invalidRate(name: "arrival rate", value: arrivalRate) }
        guard serviceRate.isFinite, serviceRate > 0 else { throw .invalidRate(name: "service rate", value: serviceRate) }
        guard servers >= 1, servers <= Self.maximumServers else { throw .invalidServers(servers) }
        let a = arrivalRate / serviceRate
        guard a < Double(servers) else { throw .unstable(offeredLoad: a, servers: servers) }
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.servers = servers
        self.offeredLoad = a
        let b = Self.recursion(a, servers)
        self.erlangB = b
        let c = Double(servers)
        self.probabilityOfWaiting = c * b / (c - a * (1 - b))
    }

    /// Erlang B: the probability that all `servers` are busy (the share of calls lost) in an
    /// M/M/c/c loss system with `offeredLoad` Erlangs.
    public static func erlangB(offeredLoad: Double, servers: Int) throws(ErlangCError) -> Double {
        guard offeredLoad.isFinite, offeredLoad > 0 else { throw .invalidRate(name: "offered load", value: offeredLoad) }
        guard servers >= 1, servers <= maximumServers else { throw .invalidServers(servers) }
        return recursion(offeredLoad, servers)
    }

    private static func recursion(_ a: Double, _ c: Int) -> Double {
        var b = 1.0
        for k in 1...c { b = a * b / (Double(k) + a * b) }
        return b
    }

    /// Server utilisation ρ = λ / (cμ): the share of time each server is busy.
    public var utilisation: Double { offeredLoad / Double(servers) }

    /// Mean time a call waits before service starts, Wq = C / (cμ − λ).
    public var meanWaitInQueue: Double { probabilityOfWaiting / (Double(servers) * serviceRate - arrivalRate) }

    /// Mean number of calls waiting, Lq = λ·Wq.
    public var meanQueueLength: Double { arrivalRate * meanWaitInQueue }

    /// Mean time from arrival to the end of service, W = Wq + 1/μ.
    public var meanTimeInSystem: Double { meanWaitInQueue + 1 / serviceRate }

    /// Mean number of calls present (waiting or in service), L = λ·W.
    public var meanNumberInSystem: Double { arrivalRate * meanTimeInSystem }

    /// Mean wait of the calls that do wait, 1 / (cμ − λ).
    public var meanWaitOfThoseWaiting: Double { 1 / (Double(servers) * serviceRate - arrivalRate) }

    /// P(Wq > t) = C · e^{−(cμ − λ)t}: the share of calls waiting longer than t.
    public func probabilityWaitExceeds(_ t: Double) -> Double {
        t < 0 ? 1 : probabilityOfWaiting * exp(-(Double(servers) * serviceRate - arrivalRate) * t)
    }
}

/// Why a queueing model could not be evaluated.
public enum ErlangCError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A rate (or load) that is not a positive finite number.
    case invalidRate(name: String, value: Double)
    /// A server count below 1 or beyond `ErlangC.maximumServers`.
    case invalidServers(Int)
    /// λ ≥ cμ: the queue grows without bound and no steady state exists.
    case unstable(offeredLoad: Double, servers: Int)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case let .invalidRate(name, value):
            return "\(name) \(value) must be a positive finite number"
        case let .invalidServers(n):
            return "server count \(n) must be between 1 and \(ErlangC.maximumServers)"
        case let .unstable(a, c):
            return "unstable: offered load \(a) Erlangs is not below the \(c) servers (λ must be < cμ)"
        }
    }
}
