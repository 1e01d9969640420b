import ArgumentParser
import Foundation
import RoadNetwork
import Simulation

/// `bluelamp replay`: make replay files of calls for the simulator.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make replay files (CSV of calls) for scenarios.",
        subcommands: [ReplayFromCrime.self]
    )
}

/// `bluelamp replay from-crime FILE… --out replay.csv`.
struct ReplayFromCrime: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "from-crime",
        abstract: "Turn police.uk street-crime CSVs into a replay: one call per crime.",
        discussion: """
        police.uk gives the month and place of each crime, not the call time or grade. Each crime becomes one \
        call on a uniformly drawn day of its month, at an hour drawn from the metropolitan hour-of-day profile; \
        grade and type follow the crime category (e.g. burglary: 20 % in progress, Grade 1; 80 % a Grade 3 report). \
        Time 0 is midnight at the start of the earliest month. Rows without usable coordinates are skipped and counted.
        """
    )

    @Argument(help: "police.uk CSV files (2011 Easting/Northing layout, current layout, or API export).") var files: [String]
    @Option(help: "Output replay CSV.") var out: String
    @Option(help: "Seed for the drawn times and grades.") var seed: UInt64 = 1

    func run() throws {
        var records: [CrimeCSV.Record] = []
        for file in files {
            let (r, report) = try CrimeCSV.read(contentsOf: URL(fileURLWithPath: file))
            records += r
            FileHandleOutput.standardError.write("\(report)\n")
        }
        let calls = try CrimeReplay.calls(from: records, seed: seed)
        try Data(ReplayFile.write(calls).utf8).write(to: URL(fileURLWithPath: out))
        var byGrade: [Int: Int] = [:]
        for c in calls { byGrade[c.grade.rawValue, default: 0] += 1 }
        let span = (calls.last?.time ?? 0) / 86_400
        print("\(calls.count) calls over \(String(format: "%.1f", span)) days written to \(out); by grade: "
              + byGrade.keys.sorted().map { "G\($0) \(byGrade[$0] ?? 0)" }.joined(separator: ", "))
    }
}
