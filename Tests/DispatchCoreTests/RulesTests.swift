import Testing
import Foundation
@testable import DispatchCore

@Suite struct RulesTests {
    static let sample = """
    schema: 1
    version: "2026.11-a"
    name: Test rules
    targets:
      grade1: { urban: 15 min, rural: 20 min }
      grade2: 1 h
      grade3: 48 h
    blueLights: [1, 2]
    incidentTypes:
      firearms: { grade: 1, requires: [armed], crew: 2 }
      dog-search: { grade: 1, requires: [dog] }
      theft: { grade: 3 }
    weights:
      travel: 1.5
      lateness: 3
      workload: 0.25
      cover: 0.1
      diversion: 12
      crossBorder: 1
    diversion:
      allowed: true
      from: [3, 4]
      to: [1]
      interruptRefreshment: false
    crossBorder: { allowed: true, maxEta: 12 min }
    gps: { staleAfter: 2 min }
    candidates: { nearest: 25, within: 30 km }
    coverage: { speed: 45 km/h, circuity: 1.3, moveUpBelow: 0.75 }
    """

    @Test func readsEveryField() throws {
        let r = try Rules.load(yaml: Self.sample)
        #expect(r.version == "2026.11-a")
        #expect(r.targets.grade1Urban == 900 && r.targets.grade1Rural == 1200 && r.targets.grade2 == 3600)
        #expect(r.blueLightGrades == [.emergency, .priority])
        #expect(r.requirements(for: "firearms") == Requirements(capabilities: .armed, minimumCrew: 2))
        #expect(r.requirements(for: "dog-search").capabilities == .dog)
        #expect(r.requirements(for: "unlisted") == Requirements())
        #expect(r.weights.travel == 1.5 && r.weights.diversion == 12)
        #expect(r.diversion.interruptRefreshment == false)
        #expect(r.crossBorder.maxEtaSeconds == 720)
        #expect(r.staleFixSeconds == 120)
        #expect(r.candidates.nearest == 25 && r.candidates.maxStraightLineMetres == 30_000)
        #expect(r.coverage.coverSpeedKmh == 45 && r.coverage.moveUpBelow == 0.75)
    }

    @Test func writesWhatItReads() throws {
        let r = try Rules.load(yaml: Self.sample)
        #expect(try Rules.load(yaml: r.yaml()) == r)
        #expect(try Rules.load(yaml: Rules().yaml()) == Rules())
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var yaml: String
        var line: Int
        var field: String
        var message: String
        var testDescription: String { "\(field): \(message)" }
    }

    @Test(arguments: [
        BadCase(yaml: "name: x\n", line: 1, field: "", message: "missing required field 'version'"),
        BadCase(yaml: "version: a\nweights:\n  travel: fast\n", line: 3, field: "weights.travel", message: "expected a number, got 'fast'"),
        BadCase(yaml: "version: a\nweights:\n  travle: 2\n", line: 3, field: "weights.travle", message: "unknown field 'travle'"),
        BadCase(yaml: "version: a\ntargets:\n  grade2: 60\n", line: 3, field: "targets.grade2", message: "'60' needs a unit"),
        BadCase(yaml: "version: a\nincidentTypes:\n  firearms: { grade: 1, requires: [jetpack] }\n", line: 3,
                field: "incidentTypes.firearms.requires[0]", message: "unknown capability 'jetpack'"),
        BadCase(yaml: "version: a\nincidentTypes:\n  firearms: { grade: 7 }\n", line: 3,
                field: "incidentTypes.firearms.grade", message: "grade must be 1, 2, 3 or 4"),
        BadCase(yaml: "version: a\nweights:\n  lateness: -1\n", line: 3, field: "weights.lateness", message: "outside the allowed range"),
        BadCase(yaml: "version: a\ndiversion:\n  from: [1]\n  to: [1]\n", line: 3, field: "diversion", message: "more urgent grade"),
        BadCase(yaml: "version: a\ntargets:\n  grade1: 90 min\n  grade2: 1 h\n", line: 3, field: "targets", message: "no longer than the Grade 2 target"),
        BadCase(yaml: "version: a\n  bad: [\n", line: 2, field: "", message: "not valid YAML"),
        BadCase(yaml: "version: a\ncandidates: { nearest: 0 }\n", line: 2, field: "candidates.nearest", message: "outside the allowed range"),
        BadCase(yaml: "version: a\ngps: { staleAfter: 1 s }\n", line: 2, field: "gps.staleAfter", message: "would distrust every fix"),
    ])
    func errorsNameTheLineAndTheField(_ c: BadCase) {
        #expect {
            _ = try Rules.load(yaml: c.yaml, document: "test.yaml")
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            let ok = e.line == c.line && e.field == c.field && e.message.contains(c.message)
                && e.description.hasPrefix("test.yaml:\(c.line):")
            if !ok { Issue.record("got \(e)") }
            return ok
        }
    }

    @Test func shippedRuleFilesLoad() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Simulations/rules")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
        #expect(!files.isEmpty)
        for file in files { _ = try Rules.load(contentsOf: file) }
    }

    @Test func durationsParse() {
        #expect(ConfigNode.parseDuration("90 s") == 90)
        #expect(ConfigNode.parseDuration("15m") == 900)
        #expect(ConfigNode.parseDuration("1.5 h") == 5400)
        #expect(ConfigNode.parseDuration("2 days") == 172_800)
        #expect(ConfigNode.parseDuration("fast") == nil)
    }
}
