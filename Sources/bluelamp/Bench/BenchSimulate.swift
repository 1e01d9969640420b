import ArgumentParser
import Foundation
import DispatchCore
import RoadNetwork
import Simulation

/// `bluelamp bench simulate`: a day and a year of the day scenario, road travel included.
struct BenchSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Wall time and events per second for a simulated day (≈2,000 calls) and year (≈730,000 calls)."
    )

    @OptionGroup var options: BenchOptions
    @Option(help: "Scenario.") var scenario = "Simulations/west-midlands-day.yaml"
    @Option(help: "Days in the long run.") var days = 365.0
    @Option(help: "Road graph cache folder.") var cache: String?

    func run() throws {
        var report = BenchReport(benchmark: "simulate")
        for (label, duration, repeats) in [("day", 1.0, max(1, Int(3 * options.repeats))), ("year", days, 1)] {
            let prepared = try SimulationRunner.prepare(scenarioPath: scenario, rulesPath: nil,
                                                        duration: "\(duration) days", seed: nil, cache: cache, quiet: true)
            let name = "\(label): \(prepared.setup.calls.count) calls, \(prepared.setup.roster.count) units on the roster"
            options.progress("[\(label)] \(prepared.setup.calls.count) calls")
            var walls = LatencySamples()
            var events = 0
            var simReport: SimulationReport?
            for _ in 0..<repeats {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let (r, outcome) = Simulator(setup: prepared.setup, options: SimulationOptions(policy: .rules(prepared.rules))).run()
                walls.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                events = outcome.eventsProcessed
                simReport = r
            }
            let wall = walls.percentile(50)
            report.add("BlueLamp", name, "wall time", wall, "s", note: repeats > 1 ? "median of \(repeats) runs" : nil)
            report.add("BlueLamp", name, "events per second", Double(events) / wall, "events/s", note: "\(events) events")
            if let r = simReport {
                report.add("BlueLamp", name, "recommendations per second", Double(r.decisions.recommendations) / wall, "1/s",
                           note: "\(r.decisions.recommendations) recommendations, \(r.decisions.dispatches) dispatches")
                if let g1 = r.grades.first(where: { $0.grade == 1 })?.shareWithinTarget {
                    report.add("BlueLamp", name, "Grade 1 within target (simulated)", g1 * 100, "%")
                }
            }
            if label == "day" {
                report.goal("a day under 1 s", measured: String(format: "%.2f s", wall), met: wall < 1)
            } else {
                report.goal("a year under 2 minutes", measured: String(format: "%.1f s", wall), met: wall < 120)
            }
        }
        report.notes.append("one core per run; road ETAs from the contraction-hierarchy router (PHAST many-to-one) on the generated region")
        try options.emit(report)
    }
}
