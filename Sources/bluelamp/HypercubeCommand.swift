import ArgumentParser
import DispatchCore
import Foundation
import Simulation

extension HypercubeModel.Method: ExpressibleByArgument {}

/// `bluelamp hypercube FILE.yaml`: Larson's hypercube queueing model as a planning tool — unit
/// workloads, dispatch fractions and travel times for a fleet over its beats.
struct HypercubeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hypercube",
        abstract: "Solve Larson's hypercube queueing model: workloads and dispatch fractions for units over beats.",
        discussion: "FILE is YAML; see Simulations/hypercube/example.yaml. Rates are calls per hour, times need units."
    )

    @Argument(help: "The model (YAML).")
    var file: String

    @Option(help: "Override the file's method: exact, approximate or auto.")
    var method: HypercubeModel.Method?

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Flag(help: "Include the 2^N state probabilities in the JSON (exact method only).")
    var states = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw HypercubeFileError(description: "cannot read \(file): \(error.localizedDescription)")
        }
        // Both errors describe themselves (file:line:column for the document); ArgumentParser prints them.
        let document = try HypercubeDocument.load(yaml: text, document: url.lastPathComponent)
        let solution = try document.model.solve(method: method ?? document.method)
        if json {
            let output = HypercubeOutput(name: document.name, timeUnit: "s", offeredLoad: document.model.offeredLoad,
                                         callsPerHour: document.model.totalArrivalRate * 3600,
                                         meanServiceSeconds: 1 / document.model.serviceRate,
                                         solution: states ? solution : solution.withoutStates())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        } else {
            print(solution.table(model: document.model, title: document.name), terminator: "")
        }
    }
}

/// The JSON form of a solved hypercube file.
struct HypercubeOutput: Codable {
    var name: String?
    /// The unit of every time in `solution` (mean wait, travel times).
    var timeUnit: String
    var offeredLoad: Double
    var callsPerHour: Double
    var meanServiceSeconds: Double
    var solution: HypercubeSolution
}

/// A hypercube file that could not be read.
struct HypercubeFileError: Error, CustomStringConvertible {
    var description: String
}
