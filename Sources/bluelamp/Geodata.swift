import ArgumentParser
import Foundation

/// `bluelamp geodata …`: region packs — generate the shipped one, build one from official data, describe one.
struct Geodata: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geodata",
        abstract: "Region packs: generate the shipped pack, build one from official inputs, describe one.",
        subcommands: [GeodataGenerate.self, GeodataBuild.self, GeodataInfo.self]
    )
}

/// Prints to standard error (progress), keeping standard output for results.
func geodataProgress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Seconds since `start`, formatted.
func geodataSeconds(since start: Date) -> String {
    String(format: "%.2f s", Date().timeIntervalSince(start))
}
