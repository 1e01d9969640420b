import Testing
import Foundation
import DispatchCore
@testable import Simulation

/// The simulator against queueing theory: with travel switched off and exponential on-scene times
/// it is an M/M/c queue (Erlang C); with fixed dispatch preferences per zone it is Larson's
/// hypercube. Each figure must fall inside the simulation's 99 % confidence interval.
@Suite struct SimulatorValidationTests {
    /// Rules for a queueing test: GPS freshness plays no part.
    static let queueRules = Rules(staleFixSeconds: 1e12)

    struct ErlangCase: Sendable, CustomTestStringConvertible {
        var lambda: Double
        var mu: Double
        var servers: Int
        var hours: Double
        var testDescription: String { "λ=\(lambda)/h μ=\(mu)/h c=\(servers)" }
    }

    @Test(arguments: [
        ErlangCase(lambda: 8, mu: 2, servers: 5, hours: 10_000),
        ErlangCase(lambda: 3, mu: 1, servers: 4, hours: 20_000),
        ErlangCase(lambda: 18, mu: 1.5, servers: 15, hours: 6_000),
    ])
    func waitingMatchesErlangC(_ c: ErlangCase) throws {
        var setup = QueueingSetup.erlang(lambdaPerHour: c.lambda, muPerHour: c.mu, servers: c.servers, hours: c.hours, seed: 42)
        setup.behaviour.heartbeatSeconds = .infinity
        let (_, outcome) = Simulator(setup: setup, options: SimulationOptions(policy: .rules(Self.queueRules), travelOff: true)).run()
        // Calls in time order; the first 5 % are a warm-up from an empty system.
        let waits = outcome.waits.compactMap { $0 }
        #expect(waits.count > 15_000, "enough calls for a tight interval")
        let warmUp = waits.count / 20
        let waited = try Statistics.batchMeans(waits.map { $0 > 0 ? 1 : 0 }, batches: 20, warmUp: warmUp)
            .confidenceInterval(level: 0.99)
        let meanWait = try Statistics.batchMeans(waits.map { $0 / 3600 }, batches: 20, warmUp: warmUp)
            .confidenceInterval(level: 0.99)
        let theory = try ErlangC(arrivalRate: c.lambda, serviceRate: c.mu, servers: c.servers)
        #expect(waited.contains(theory.probabilityOfWaiting), "P(wait): simulated \(waited), Erlang C \(theory.probabilityOfWaiting)")
        #expect(meanWait.contains(theory.meanWaitInQueue), "mean wait (h): simulated \(meanWait), Erlang C \(theory.meanWaitInQueue)")
        // The interval is tight enough to mean something.
        #expect(waited.halfWidth < 0.05)
    }
}

@Suite struct SimulatorHypercubeTests {
    /// Four units, three demand zones with their own rates and fixed preference lists.
    static let zoneRates = [1.1, 0.8, 0.5]   // calls per hour
    static let preferences = [[0, 1, 2, 3], [1, 2, 0, 3], [3, 2, 1, 0]]
    static let mu = 1.0                       // per hour

    @Test func workloadsAndDispatchFractionsMatchLarsonsHypercube() throws {
        let model = try HypercubeModel(
            units: ["U000", "U001", "U002", "U003"],
            atoms: Self.zoneRates.indices.map {
                HypercubeModel.Atom(name: "zone \($0)", arrivalRate: Self.zoneRates[$0], preferences: Self.preferences[$0])
            },
            serviceRate: Self.mu, capacity: .infinite)
        let exact = try model.solve(method: .exact)

        let replications = 10
        let hours = 3_000.0
        var workloads = Array(repeating: [Double](), count: 4)
        var fractions = Array(repeating: Array(repeating: [Double](), count: 3), count: 4)
        for rep in 0..<replications {
            var setup = QueueingSetup.erlang(lambdaPerHour: Self.zoneRates.reduce(0, +), muPerHour: Self.mu, servers: 4,
                                             hours: hours, seed: 1_000 + UInt64(rep), zones: 3, zoneWeights: Self.zoneRates)
            setup.behaviour.heartbeatSeconds = .infinity
            let (_, outcome) = Simulator(setup: setup, options: SimulationOptions(
                policy: .fixedPreference(Self.preferences), travelOff: true)).run()
            let total = Double(outcome.zoneDispatches.joined().reduce(0, +))
            #expect(total > 5_000)
            for i in 0..<4 {
                workloads[i].append(outcome.committedSeconds[i] / (hours * 3600))
                for j in 0..<3 { fractions[i][j].append(Double(outcome.zoneDispatches[j][i]) / total) }
            }
        }
        for i in 0..<4 {
            let ci = try SummaryStatistics(values: workloads[i]).confidenceInterval(level: 0.99)
            #expect(ci.contains(exact.workloads[i]), "unit \(i) workload: simulated \(ci), hypercube \(exact.workloads[i])")
            for j in 0..<3 {
                let f = try SummaryStatistics(values: fractions[i][j]).confidenceInterval(level: 0.99)
                #expect(f.contains(exact.dispatchFractions[i][j]),
                        "f[\(i)][\(j)]: simulated \(f), hypercube \(exact.dispatchFractions[i][j])")
            }
        }
        // The preferences matter: unit 0 (first choice of the busiest zone) works hardest, and
        // the model says so too.
        #expect(exact.workloads[0] > exact.workloads[2])
    }
}

@Suite struct QueueOrderTests {
    /// One unit, busy; a Grade 3 call, then a Grade 2, then a Grade 1 wait. When the unit clears
    /// it takes the Grade 1 first, then the Grade 2, then the Grade 3 — whatever the order of calls.
    @Test func waitingCallsAreServedInGradeOrder() {
        var setup = QueueingSetup.erlang(lambdaPerHour: 1, muPerHour: 1, servers: 1, hours: 10, seed: 1)
        let at = QueueingSetup.centre
        setup.calls = [
            SimCall(time: 0, location: at, grade: .priority, type: "concern-for-welfare", onSceneSeconds: 3_600),
            SimCall(time: 60, location: at, grade: .scheduled, type: "theft", onSceneSeconds: 600),
            SimCall(time: 120, location: at, grade: .priority, type: "concern-for-welfare", onSceneSeconds: 600),
            SimCall(time: 180, location: at, grade: .emergency, type: "concern-for-welfare", onSceneSeconds: 600),
        ]
        setup.behaviour.heartbeatSeconds = .infinity
        var rules = Rules(staleFixSeconds: 1e12)
        rules.diversion.allowed = false
        let (_, outcome) = Simulator(setup: setup, options: SimulationOptions(policy: .rules(rules), travelOff: true)).run()
        // Dispatch times: the first call at once; then Grade 1 at 1 h, Grade 2 at 1 h 10, Grade 3 at 1 h 20.
        let dispatchedAt = zip(outcome.waits, setup.calls).map { w, c in w.map { $0 + c.time } }
        #expect(dispatchedAt == [0, 4_800, 4_200, 3_600])
    }
}
