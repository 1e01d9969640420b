import ArgumentParser
import Foundation
import RoadNetwork

/// `bluelamp geodata build`: makes a region pack from official inputs.
struct GeodataBuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a region pack from a force boundary, ward/district polygons, crime CSVs and an optional OSM extract."
    )

    func run() async throws {
        throw ValidationError("geodata build is not available yet")
    }
}
