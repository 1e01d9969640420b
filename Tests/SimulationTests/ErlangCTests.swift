import Foundation
import Testing
@testable import Simulation

@Suite("Erlang C: the M/M/c queue")
struct ErlangCTests {
    /// One server is the M/M/1 queue: P(wait) = ρ, Wq = ρ / (μ − λ), Lq = ρ² / (1 − ρ).
    @Test(arguments: [0.1, 0.5, 0.9, 0.99])
    func oneServerIsMM1(rho: Double) throws {
        let q = try ErlangC(arrivalRate: rho * 2, serviceRate: 2, servers: 1)
        #expect(abs(q.probabilityOfWaiting - rho) < 1e-12)
        #expect(abs(q.meanWaitInQueue - rho / (2 - rho * 2)) < 1e-9)
        #expect(abs(q.meanQueueLength - rho * rho / (1 - rho)) < 1e-9)
        #expect(abs(q.meanNumberInSystem - rho / (1 - rho)) < 1e-9)
    }

    /// Textbook values: Gross & Harris's M/M/3 example (λ = 6, μ = 3: p0 = 1/9, W = 0.4815 h);
    /// a = 2 on 3 servers, C = 4/9; the call-centre staple a = 10 Erlangs on 11 agents, C ≈ 0.68212.
    @Test func textbookExamples() throws {
        let gh = try ErlangC(arrivalRate: 6, serviceRate: 3, servers: 3)
        #expect(abs(gh.probabilityOfWaiting - 4.0 / 9) < 1e-12)
        #expect(abs(gh.meanTimeInSystem - 0.4814815) < 1e-6)
        #expect(abs(gh.meanQueueLength - 8.0 / 9) < 1e-12)
        #expect(abs(gh.utilisation - 2.0 / 3) < 1e-15)

        let centre = try ErlangC(arrivalRate: 10, serviceRate: 1, servers: 11)
        #expect(abs(centre.probabilityOfWaiting - 0.682118) < 1e-6)
        #expect(abs(centre.meanWaitInQueue - 0.682118) < 1e-6)  // C / (cμ − λ) with cμ − λ = 1
        // Erlang B table: 2 Erlangs on 5 circuits blocks 3.67 %.
        #expect(abs(try ErlangC.erlangB(offeredLoad: 2, servers: 5) - 0.036697) < 1e-6)
    }

    /// Large fleets against an independent log-space evaluation of the defining sums.
    @Test(arguments: [(280.0, 300), (95.0, 100), (499.0, 500), (30.0, 200)])
    func largeFleetsMatchLogSpaceFormula(load: Double, servers: Int) throws {
        let q = try ErlangC(arrivalRate: load / 60, serviceRate: 1.0 / 60, servers: servers)
        let logTerms = (0..<servers).map { Double($0) * log(load) - lgamma(Double($0) + 1) }
        let logLast = Double(servers) * log(load) - lgamma(Double(servers) + 1) + log(Double(servers) / (Double(servers) - load))
        let top = logTerms.max() ?? 0
        let sumBelow = logTerms.map { exp($0 - top) }.reduce(0, +)
        let last = exp(logLast - top)
        let expected = last / (sumBelow + last)
        #expect(abs(q.probabilityOfWaiting - expected) < 1e-9 * max(1, expected), "\(q.probabilityOfWaiting) vs \(expected)")
        #expect(q.probabilityOfWaiting.isFinite && q.probabilityOfWaiting >= 0 && q.probabilityOfWaiting <= 1)
    }

    @Test func waitingTimeTail() throws {
        let q = try ErlangC(arrivalRate: 10, serviceRate: 1, servers: 12)
        #expect(q.probabilityWaitExceeds(0) == q.probabilityOfWaiting)
        #expect(abs(q.probabilityWaitExceeds(1) - q.probabilityOfWaiting * exp(-2)) < 1e-15)
        #expect(q.probabilityWaitExceeds(-1) == 1)
        #expect(abs(q.meanWaitOfThoseWaiting * q.probabilityOfWaiting - q.meanWaitInQueue) < 1e-15)
    }

    @Test func rejectsUnstableAndBadInputs() {
        #expect(throws: ErlangCError.unstable(offeredLoad: 3, servers: 3)) {
            try ErlangC(arrivalRate: 9, serviceRate: 3, servers: 3)
        }
        #expect(throws: ErlangCError.unstable(offeredLoad: 4, servers: 3)) {
            try ErlangC(arrivalRate: 12, serviceRate: 3, servers: 3)
        }
        #expect(throws: ErlangCError.invalidServers(0)) { try ErlangC(arrivalRate: 1, serviceRate: 3, servers: 0) }
        #expect(throws: ErlangCError.invalidRate(name: "arrival rate", value: -1)) {
            try ErlangC(arrivalRate: -1, serviceRate: 3, servers: 2)
        }
        #expect(throws: ErlangCError.invalidRate(name: "service rate", value: .infinity)) {
            try ErlangC(arrivalRate: 1, serviceRate: .infinity, servers: 2)
        }
        #expect(throws: ErlangCError.self) { try ErlangC(arrivalRate: .nan, serviceRate: 1, servers: 2) }
        #expect(throws: ErlangCError.invalidRate(name: "offered load", value: 0)) {
            try ErlangC.erlangB(offeredLoad: 0, servers: 2)
        }
    }
}
