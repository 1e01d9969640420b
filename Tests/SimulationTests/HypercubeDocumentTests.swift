import DispatchCore
import Foundation
import Testing
import TestSupport
@testable import Simulation

@Suite("Hypercube: YAML documents and the text table")
struct HypercubeDocumentTests {
    static let small = """
        name: Two cars
        capacity: zero
        method: exact
        meanServiceTime: 30 min
        units: [North, South]
        atoms:
          - name: Uplands
            callsPerHour: 1.5
            preferences: [North, South]
            travel: { North: 4 min, South: 10 min }
          - name: Lowlands
            callsPerHour: 0.5
            preferences: [South, North]
            travel: { South: 5 min, North: 12 min }
        """

    @Test func readsAModelInSeconds() throws {
        let doc = try HypercubeDocument.load(yaml: Self.small)
        #expect(doc.name == "Two cars" && doc.method == .exact && doc.model.capacity == .zero)
        #expect(doc.model.units == ["North", "South"])
        #expect(abs(doc.model.serviceRate - 1.0 / 1800) < 1e-15)
        #expect(abs(doc.model.atoms[0].arrivalRate - 1.5 / 3600) < 1e-15)
        #expect(doc.model.atoms[1].preferences == [1, 0])
        #expect(doc.model.atoms[1].travelTimes == [720, 300])
        #expect(abs(doc.model.offeredLoad - 1.0) < 1e-12)
    }

    /// The shipped example parses, solves exactly and by approximation, and prints its tables.
    @Test func shippedExample() throws {
        let url = SharedData.projectRoot.appendingPathComponent("Simulations/hypercube/example.yaml")
        let doc = try HypercubeDocument.load(yaml: String(contentsOf: url, encoding: .utf8), document: "example.yaml")
        #expect(doc.model.units.count == 6 && doc.model.atoms.count == 12)
        let exact = try doc.model.solve(method: doc.method)
        #expect(exact.method == .exact)
        #expect(abs(exact.workloads.reduce(0, +) - doc.model.offeredLoad) < 1e-8)
        let approx = try doc.model.solve(method: .approximate)
        #expect(HypercubeApproximationTests.gaps(exact, approx).workload < 0.03)
        let text = exact.table(model: doc.model, title: doc.name)
        #expect(text.contains("Night turn") && text.contains("exact, infinite-line capacity"))
        for unit in doc.model.units { #expect(text.contains(unit)) }
        for atom in doc.model.atoms { #expect(text.contains(atom.name)) }
        // The busiest unit's workload, as printed.
        let busiest = try #require(exact.workloads.indices.max { exact.workloads[$0] < exact.workloads[$1] })
        #expect(text.contains(SummaryTable.percent(exact.workloads[busiest])))
    }

    @Test(arguments: [
        ("units: [A, B]\nmeanServiceTime: 30 min\natoms:\n  - { name: x, callsPerHour: 1, preferences: [A, C] }\n",
         4, "atoms[0].preferences[1]", "unknown unit 'C'"),
        ("units: [A, B]\nmeanServiceTime: 30 min\natoms:\n  - { name: x, callsPerHour: 1, preferences: [A] }\n",
         4, "atoms[0].preferences", "missing: B"),
        ("units: [A, B]\nmeanServiceTime: 30 min\natoms:\n  - { name: x, callsPerHour: 1, preferences: [A, A] }\n",
         4, "atoms[0].preferences[1]", "appears twice"),
        ("units: [A, A]\nmeanServiceTime: 30 min\natoms: []\n", 1, "units[1]", "listed twice"),
        ("units: [A]\nmeanServiceTime: 30\natoms: []\n", 2, "meanServiceTime", "needs a unit"),
        ("units: [A]\nmeanServiceTime: 30 min\ncapacity: some\natoms: []\n", 3, "capacity", "not one of: infinite, zero"),
        ("units: [A]\nmeanServiceTime: 30 min\natoms:\n  - { name: x, callsPerHour: -1, preferences: [A] }\n",
         4, "atoms[0].callsPerHour", "cannot be negative"),
        ("units: [A]\nmeanServiceTime: 90 min\natoms:\n  - { name: x, callsPerHour: 1, preferences: [A] }\n",
         2, "meanServiceTime", "queue grows without bound"),
        ("units: [A, B]\nmeanServiceTime: 30 min\natoms:\n  - { name: x, callsPerHour: 1, preferences: [A, B], travel: { A: 3 min } }\n",
         4, "atoms[0].travel", "missing for: B"),
        ("units: [A]\nmeanServiceTime: 30 min\natoms:\n  - { name: x, callsPerHour: 1, preferences: [A], travel: { A: 3 min } }\n"
            + "  - { name: y, callsPerHour: 1, preferences: [A] }\n", 5, "atoms[1]", "no travel times but others do"),
        ("units: [A]\nmeanServiceTime: 30 min\nspeed: 3\natoms: []\n", 3, "speed", "unknown field 'speed'"),
    ])
    func errorsNameTheLineAndField(yaml: String, line: Int, field: String, message: String) {
        #expect {
            try HypercubeDocument.load(yaml: yaml, document: "bad.yaml")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.line == line && error.field == field && error.message.contains(message)
        }
    }
}
