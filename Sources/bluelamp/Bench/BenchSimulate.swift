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

    @Flag(help: "Skip the one-core year (the longest part).") var noSequentialYear = false

    func run() throws {
        var report = BenchReport(benchmark: "simulate")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var runs: [(label: String, days: Double, repeats: Int, segments: Int)] = [("day", 1, max(1, Int(3 * options.repeats)), 1)]
        if !noSequentialYear { runs.append(("year, one core", days, 1, 1)) }
        runs.append(("year, \(cores) cores (\(cores) segments)", days, 1, cores))
        for run in runs {
            let prepared = try SimulationRunner.prepare(scenarioPath: scenario, rulesPath: nil,
                                                        duration: "\(run.days) days", seed: nil, cache: cache, quiet: true)
            let name = "\(run.label): \(prepared.setup.calls.count) calls, \(prepared.setup.roster.count) units on the roster"
            options.progress("[\(run.label)] \(prepared.setup.calls.count) calls")
            var walls = LatencySamples()
            var events = 0
            var reports: [SimulationReport] = []
            for _ in 0..<run.repeats {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let opts = SimulationOptions(policy: .rules(prepared.rules))
                if run.segments > 1 {
                    (reports, events) = Simulator.runSegmented(setup: prepared.setup, options: opts, segments: run.segments)
                } else {
                    let (r, outcome) = Simulator(setup: prepared.setup, options: opts).run()
                    reports = [r]
                    events = outcome.eventsProcessed
                }
                walls.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            let wall = walls.percentile(50)
            report.add("BlueLamp", name, "wall time", wall, "s", note: run.repeats > 1 ? "median of \(run.repeats) runs" : nil)
            report.add("BlueLamp", name, "events per second", Double(events) / wall, "events/s", note: "\(events) events")
            let recommendations = reports.reduce(0) { $0 + $1.decisions.recommendations }
            report.add("BlueLamp", name, "recommendations per second", Double(recommendations) / wall, "1/s",
                       note: "\(recommendations) recommendations")
            if let g1 = reports.shareWithinTarget(grade: 1) {
                report.add("BlueLamp", name, "Grade 1 within target (simulated)", g1 * 100, "%",
                           note: "\(reports.totalCalls) calls counted")
            }
            if run.label == "day" {
                report.goal("a day under 1 s", measured: String(format: "%.2f s", wall), met: wall < 1)
            } else {
                report.goal("a year under 2 minutes (\(run.label))", measured: String(format: "%.1f s", wall), met: wall < 120)
            }
        }
        report.notes.append("road ETAs from the contraction-hierarchy router on the generated region (scan in ETA order, restricted PHAST)")
        report.notes.append("the multi-core year runs consecutive segments at once, each with a one-day warm-up whose calls are simulated but not counted; every call is counted once")
        try options.emit(report)
    }
}
