import ArgumentParser

/// `bluelamp bench NAME`: performance benchmarks with peers measured in the same run.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark: a readable table, or one JSON object with --json.",
        subcommands: [
            BenchRoads.self,
            GeometryBench.self,
            BenchRecommend.self,
            BenchSimulate.self,
            BenchSpatial.self,
        ]
    )
}

/// Options every benchmark takes.
struct BenchOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object on stdout instead of a table.")
    var json = false

    @Option(name: .long, help: "Scale the number of repetitions (1 = default).")
    var repeats: Double = 1

    /// Where progress goes: stderr, so that stdout stays one JSON object.
    func progress(_ message: String) {
        FileHandleOutput.standardError.write(message + "\n")
    }

    /// Prints the finished report in the chosen form.
    func emit(_ report: BenchReport) throws {
        if json { print(try report.jsonString()) } else { print(report.table()) }
    }
}
