import Testing
import Foundation
@testable import Simulation
import DispatchCore

@Suite struct SimulatorQueueTests {
    @Test func mmcWaitingMatchesErlangCRoughly() {
        let setup = QueueingSetup.erlang(lambdaPerHour: 8, muPerHour: 2, servers: 5, hours: 4_000, seed: 1)
        let (report, outcome) = Simulator(setup: setup, options: SimulationOptions(policy: .rules(Rules()), travelOff: true)).run()
        let waits = outcome.waits.compactMap { $0 }
        let pWait = Double(waits.filter { $0 > 0 }.count) / Double(waits.count)
        let meanWait = waits.reduce(0, +) / Double(waits.count)
        // Erlang C for λ=8, μ=2, c=5: a = 4.
        let a = 4.0, c = 5.0
        var sum = 0.0, term = 1.0
        for k in 0..<5 { if k > 0 { term *= a / Double(k) }; sum += term }
        let top = term * a / c / (1 - a / c)
        let pc = top / (sum + top)
        let wq = pc / (c * 2 - 8) * 3600
        print("pWait", pWait, "erlang", pc, "meanWait", meanWait, "erlang", wq, "calls", report.calls, "events", outcome.eventsProcessed)
        #expect(abs(pWait - pc) < 0.04)
        #expect(abs(meanWait - wq) / wq < 0.15)
    }
}
