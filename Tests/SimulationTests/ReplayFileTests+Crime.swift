import Testing
import Foundation
import RoadNetwork
import TestSupport
@testable import Simulation

@Suite struct CrimeReplayTests {
    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func februaryTwentyElevenBecomesAMonthOfCalls() throws {
        let (records, report) = try CrimeCSV.read(contentsOf: SharedData.url("west-midlands/crime/2011-02-west-midlands-street.csv"))
        let calls = try CrimeReplay.calls(from: records, seed: 5)
        // One call per usable record; nothing silently lost.
        #expect(calls.count == records.count)
        #expect(report.kept + report.skippedTotal == report.rows)
        // All within February 2011 (28 days), in time order.
        #expect(calls.allSatisfy { $0.time >= 0 && $0.time < 28 * 86_400 })
        #expect(calls.map(\.time) == calls.map(\.time).sorted())
        // Burglaries: about a fifth in progress (Grade 1).
        let burglaries = records.filter { CrimeReplay.normalise($0.category) == "burglary" }.count
        let inProgress = calls.filter { $0.type == "burglary-in-progress" }.count
        #expect(abs(Double(inProgress) / Double(burglaries) - 0.2) < 0.03)
        // Written and read back as a replay file, unchanged in count and grades.
        let back = try ReplayFile.read(text: ReplayFile.write(calls))
        #expect(back.count == calls.count)
        #expect(back.map(\.grade) == calls.map(\.grade))
        // The same seed gives the same replay.
        #expect(try CrimeReplay.calls(from: records, seed: 5) == calls)
    }
}
