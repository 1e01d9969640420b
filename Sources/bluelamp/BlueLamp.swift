import ArgumentParser

/// `bluelamp`: the command-line face of BlueLamp.
@main
struct BlueLamp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bluelamp",
        abstract: "Incident dispatch and officer allocation for police control rooms.",
        subcommands: [
            Bench.self,
            Database.self,
            Roads.self,
            Geodata.self,
            Recommend.self,
            Simulate.self,
            Compare.self,
            Tune.self,
            Replay.self,
            HypercubeCommand.self,
        ]
    )
}
