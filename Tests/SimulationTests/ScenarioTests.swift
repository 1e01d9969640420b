import Testing
import Foundation
import GeoKit
import DispatchCore
import RoadNetwork
import TestSupport
@testable import Simulation

@Suite struct ScenarioTests {
    static let simulations = SharedData.projectRoot.appendingPathComponent("Simulations")

    /// The generated pack with the straight-line travel model (building the road hierarchy in a
    /// debug test would take minutes; the road router has its own tests).
    static let pack: LoadedRegionPack = {
        do {
            return try RegionPack.load(from: SharedData.projectRoot.appendingPathComponent("GeoData/packs/generated-metro"),
                                       useFallback: true)
        } catch { fatalError("the generated pack must load: \(error)") }
    }()

    static func setup(_ file: String, hours: Double, seed: UInt64? = nil) throws -> (SimulationSetup, Rules) {
        var scenario = try Scenario.load(contentsOf: simulations.appendingPathComponent(file))
        scenario.durationSeconds = hours * 3600
        return (try SimulationSetup.prepare(scenario, pack: pack, seed: seed), try Rules.load(contentsOf: scenario.rules))
    }

    @Test(arguments: ["west-midlands-day.yaml", "saturday-night.yaml"])
    func shippedScenariosLoad(_ file: String) throws {
        let scenario = try Scenario.load(contentsOf: Self.simulations.appendingPathComponent(file))
        #expect(FileManager.default.fileExists(atPath: scenario.pack.appendingPathComponent("manifest.json").path))
        #expect(scenario.fleet.contains { $0.capabilities.contains(.armed) })
        #expect(scenario.fleet.contains { $0.capabilities.contains(.dog) })
        #expect(scenario.shifts.count == 3)
        _ = try Rules.load(contentsOf: scenario.rules)
    }

    @Test func theSameSeedGivesByteIdenticalJSON() throws {
        let (setup, rules) = try Self.setup("west-midlands-day.yaml", hours: 8)
        let a = try Simulator(setup: setup, options: SimulationOptions(policy: .rules(rules))).run().report.jsonData()
        let (again, _) = try Self.setup("west-midlands-day.yaml", hours: 8)
        let b = try Simulator(setup: again, options: SimulationOptions(policy: .rules(rules))).run().report.jsonData()
        #expect(a == b)
        let (other, _) = try Self.setup("west-midlands-day.yaml", hours: 8, seed: 7)
        let c = try Simulator(setup: other, options: SimulationOptions(policy: .rules(rules))).run().report.jsonData()
        #expect(a != c)
    }

    @Test func everyCallIsAccountedFor() throws {
        let (setup, rules) = try Self.setup("saturday-night.yaml", hours: 6)
        let (report, outcome) = Simulator(setup: setup, options: SimulationOptions(policy: .rules(rules))).run()
        #expect(report.calls == setup.calls.count)
        #expect(report.grades.map(\.calls).reduce(0, +) == report.calls)
        let deployable = setup.calls.filter { $0.grade.needsDeployment }.count
        let attended = report.grades.map(\.attended).reduce(0, +)
        #expect(attended + report.unfinished == deployable)
        // A call is attended after it is dispatched, never before.
        for (w, r) in zip(outcome.waits, outcome.responses) { if let r { #expect(w.map { $0 <= r } ?? false) } }
        #expect(report.decisions.dispatches >= attended)
    }

    @Test func badScenariosAreRejectedWithLineAndField() {
        let bad: [(String, Int, String)] = [
            ("name: x\npack: p\nrules: r\nseed: 1\nduration: 1 h\nfleet: []\n", 6, "fleet"),
            ("name: x\npack: p\nrules: r\nseed: -4\nduration: 1 h\nfleet: []\n", 4, "seed"),
            ("name: x\npack: p\nrules: r\nseed: 1\nduration: 1 h\nfleet:\n  - { name: a, prefix: A, perShift: 2, kind: hovercraft }\n", 7, "fleet[0].kind"),
            ("name: x\npack: p\nrules: r\nseed: 1\nduration: 1 h\nfleet:\n  - { name: a, prefix: A, perShift: 2 }\ndemand:\n  hourly: [1, 2]\n", 9, "demand.hourly"),
        ]
        for (yaml, line, field) in bad {
            #expect {
                _ = try Scenario.load(yaml: yaml, document: "s.yaml", relativeTo: URL(fileURLWithPath: "/tmp"))
            } throws: { error in
                guard let e = error as? ConfigError else { return false }
                return e.line == line && e.field == field
            }
        }
    }
}

@Suite struct CallGeneratorTests {
    @Test func followsTheProfilesAndTheMix() throws {
        let pack = ScenarioTests.pack.pack
        let box = try #require(pack.boundary.boundingBox)
        let generator = CallGenerator(demand: DemandSpec(callsPerDay: 2_000), hotSpots: pack.hotSpots,
                                      bounds: (box.minX, box.minY, box.maxX, box.maxY),
                                      isInside: { pack.district(containing: $0) != nil })
        let calls = generator.calls(duration: 7 * 86_400, startWeekday: 0, seed: 3)
        // About 2,000 a day (Poisson: within 3 %).
        #expect(abs(Double(calls.count) / 7 - 2_000) < 60)
        #expect(calls.map(\.time) == calls.map(\.time).sorted())
        // Quiet at 04:00, busy at 17:00, in the ratio of the profile.
        func inHour(_ h: Int) -> Int { calls.filter { Int($0.time.truncatingRemainder(dividingBy: 86_400) / 3600) == h }.count }
        let ratio = Double(inHour(17)) / Double(inHour(4))
        let expected = DemandSpec.metropolitanHourly[17] / DemandSpec.metropolitanHourly[4]
        #expect(abs(ratio - expected) / expected < 0.25)
        // The grade mix.
        for (grade, share) in DemandSpec.metropolitanGrades {
            let got = Double(calls.filter { $0.grade == grade }.count) / Double(calls.count)
            #expect(abs(got - share) < 0.015, "\(grade): \(got) vs \(share)")
        }
        // Every call inside the region, on-scene times positive.
        #expect(calls.allSatisfy { pack.district(containing: $0.location) != nil && $0.onSceneSeconds >= 60 })
        // Same seed, same calls.
        #expect(generator.calls(duration: 86_400, startWeekday: 0, seed: 3) == Array(calls.prefix { $0.time < 86_400 }))
    }
}

@Suite struct ReplayFileTests {
    @Test func writesAndReadsBack() throws {
        let calls = [
            SimCall(time: 12.5, location: LonLat(lon: -1.9, lat: 52.48), grade: .emergency, type: "firearms",
                    extraCapabilities: [.dog], onSceneSeconds: 3_600),
            SimCall(time: 90, location: LonLat(lon: -1.5, lat: 52.4), grade: .scheduled, type: "theft", onSceneSeconds: 1_800),
        ]
        let back = try ReplayFile.read(text: ReplayFile.write(calls))
        #expect(back.map(\.grade) == calls.map(\.grade))
        #expect(back.map(\.type) == calls.map(\.type))
        #expect(back.map(\.extraCapabilities) == calls.map(\.extraCapabilities))
        #expect(zip(back, calls).allSatisfy { abs($0.time - $1.time) < 0.1 && abs($0.onSceneSeconds - $1.onSceneSeconds) < 6 })
        #expect(zip(back, calls).allSatisfy { $0.location.groundDistance(to: $1.location) < 0.2 })
    }

    @Test func readsEastingNorthingAndDateTimes() throws {
        let text = """
        time,easting,northing,grade,type
        2011-02-01T08:30:00Z,406800,286900,1,burglary-in-progress
        2011-02-01T00:15:00Z,433000,279000,3,theft
        """
        let calls = try ReplayFile.read(text: text)
        #expect(calls.map(\.time) == [900, 30_600])
        // Easting 406,800 / northing 286,900 is central Birmingham.
        #expect(calls[1].location.groundDistance(to: LonLat(lon: -1.9013, lat: 52.4800)) < 10)
    }

    @Test(arguments: [
        ("time,lon,lat,grade,type\n10,-1.9,52.5,7,theft\n", 2, "grade"),
        ("time,lon,lat,grade,type\n10,-1.9,152.5,1,theft\n", 2, "lon/lat"),
        ("time,lon,lat,grade,type\n10,-1.9,52.5,1,theft\nsoon,-1.9,52.5,1,theft\n", 3, "time"),
        ("time,lon,lat,grade,type,capabilities\n10,-1.9,52.5,1,theft,jetpack\n", 2, "capabilities"),
        ("time,lon,lat,type\n10,-1.9,52.5,theft\n", 1, "grade"),
        ("time,lon,lat,grade,type\n10,,52.5,1,theft\n", 2, "lon/lat"),
    ])
    func badRowsNameTheirLine(text: String, line: Int, column: String) {
        #expect {
            _ = try ReplayFile.read(text: text)
        } throws: { error in
            guard let e = error as? ReplayError else { return false }
            return e.line == line && e.column == column
        }
    }
}

@Suite struct SegmentedRunTests {
    @Test func segmentsCountEveryCallOnce() throws {
        let (setup, rules) = try ScenarioTests.setup("west-midlands-day.yaml", hours: 72)
        let (reports, events) = Simulator.runSegmented(setup: setup, options: SimulationOptions(policy: .rules(rules)), segments: 3)
        #expect(reports.count == 3)
        #expect(reports.totalCalls == setup.calls.count)
        #expect(reports.allSatisfy { abs($0.durationSeconds - 86_400) < 1 })
        #expect(events > setup.calls.count)
        let share = try #require(reports.shareWithinTarget(grade: 1))
        #expect(share > 0 && share <= 1)
    }
}
