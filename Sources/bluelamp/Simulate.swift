import ArgumentParser
import Foundation
import DispatchCore
import RoadNetwork
import Simulation

/// `bluelamp simulate SCENARIO`: replays a scenario through the real decision code.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario (Simulations/*.yaml) through the dispatch rules on a virtual clock.",
        discussion: """
        Prints a progress bar (stderr) and a summary table; writes the JSON metrics and a self-contained \
        HTML report when asked. The same seed gives byte-identical JSON.
        """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Seed (default: the scenario's).") var seed: UInt64?
    @Option(help: "Rules file instead of the scenario's.") var rules: String?
    @Option(help: "Simulated duration instead of the scenario's, e.g. '2 h' or '365 days'.") var duration: String?
    @Option(help: "Write the JSON metrics here ('-' for stdout).") var json: String?
    @Option(help: "Write the HTML report here.") var html: String?
    @Option(help: "Road graph cache folder (default: $BLUELAMP_CACHE or .bluelamp/cache).") var cache: String?
    @Flag(help: "No progress bar.") var quiet = false

    func run() throws {
        let prepared = try SimulationRunner.prepare(scenarioPath: scenario, rulesPath: rules, duration: duration,
                                                    seed: seed, cache: cache, quiet: quiet)
        let started = Date()
        let bar = ProgressBar(enabled: !quiet, label: prepared.setup.name)
        let (report, outcome) = Simulator(setup: prepared.setup, options: SimulationOptions(
            policy: .rules(prepared.rules), progress: { bar.update($0) })).run()
        bar.finish()
        let wall = Date().timeIntervalSince(started)
        if json != "-" {
            print(report.summaryTable())
            print(String(format: "%d calls, %d events in %.2f s of wall time (%.0f events/s)", report.calls,
                         outcome.eventsProcessed, wall, Double(outcome.eventsProcessed) / max(wall, 1e-9)))
        }
        if let json {
            let data = try report.jsonData()
            if json == "-" { FileHandle.standardOutput.write(data); print() } else {
                try data.write(to: URL(fileURLWithPath: json))
                FileHandleOutput.standardError.write("wrote \(json)\n")
            }
        }
        if let html {
            try SimulationRunner.writeHTML(report, pack: prepared.pack, to: html)
            FileHandleOutput.standardError.write("wrote \(html)\n")
        }
    }
}

/// Loading scenarios, packs and rules for the simulation commands.
enum SimulationRunner {
    struct Prepared {
        var scenario: Scenario
        var rules: Rules
        var pack: LoadedRegionPack
        var setup: SimulationSetup
    }

    static func prepare(scenarioPath: String, rulesPath: String?, duration: String?, seed: UInt64?, cache: String?,
                        quiet: Bool) throws -> Prepared {
        var scenario = try Scenario.load(contentsOf: URL(fileURLWithPath: scenarioPath))
        if let duration {
            guard let seconds = ConfigNode.parseDuration(duration.lowercased()), seconds > 0 else {
                throw ValidationError("--duration: expected a duration such as '2 h' or '365 days', got '\(duration)'")
            }
            scenario.durationSeconds = seconds
        }
        if let rulesPath { scenario.rules = URL(fileURLWithPath: rulesPath) }
        let rules = try Rules.load(contentsOf: scenario.rules)
        if !quiet { FileHandleOutput.standardError.write("loading region pack \(scenario.pack.path)…\n") }
        let pack = try RegionPack.load(from: scenario.pack, cacheDirectory: cache.map { URL(fileURLWithPath: $0) })
        let setup = try SimulationSetup.prepare(scenario, pack: pack, seed: seed)
        if !quiet {
            FileHandleOutput.standardError.write(
                "\(setup.calls.count) calls over \(formatDuration(scenario.durationSeconds)), \(setup.roster.count) units on the roster, rules \(rules.version)\n")
        }
        return Prepared(scenario: scenario, rules: rules, pack: pack, setup: setup)
    }

    static func writeHTML(_ report: SimulationReport, pack: LoadedRegionPack, to path: String) throws {
        let map = ReportMap(boundary: pack.pack.boundary, districts: pack.pack.districts.map {
            ReportMap.District(code: $0.code, name: $0.name, geometry: $0.area)
        })
        let html = HTMLReport.render(report: report, map: map)
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
    }
}

/// A one-line progress bar on stderr; on a terminal it redraws in place, otherwise it prints every 10 %.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let label: String
    private let tty: Bool
    private var lastTenth = -1
    private let lock = NSLock()

    init(enabled: Bool, label: String) {
        self.enabled = enabled
        self.label = label
        self.tty = isatty(2) == 1
    }

    func update(_ fraction: Double) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let f = min(max(fraction, 0), 1)
        if tty {
            let width = 30
            let filled = Int(f * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandleOutput.standardError.write("\r\(label) [\(bar)] \(Int(f * 100))%")
        } else if Int(f * 10) > lastTenth {
            lastTenth = Int(f * 10)
            FileHandleOutput.standardError.write("\(label): \(lastTenth * 10)%\n")
        }
    }

    func finish() {
        guard enabled, tty else { return }
        FileHandleOutput.standardError.write("\n")
    }
}
