import ArgumentParser
import Foundation
import RoadNetwork

/// `bluelamp geodata build`: makes a region pack from official inputs.
struct GeodataBuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a region pack from a force boundary, ward/district polygons, crime CSVs and an optional OSM extract.",
        discussion: """
            Districts come either from one file each (--district CODE:NAME:FILE, every polygon in the \
            file — e.g. its wards — unioned with GEOS) or from one file grouped by a property \
            (--districts FILE --code-property P --name-property Q). Crime CSVs (police.uk 2011 \
            Easting/Northing layout, current Longitude/Latitude layout, or API export) give the hot \
            spots and the fallback model's urban/suburban/rural map. With --osm the road graph is \
            built and stored in the pack; without it travel times use the straight-line model.

            Example (West Midlands, from ../shared/data/west-midlands):
              bluelamp geodata build --name west-midlands --title "West Midlands Police" \\
                --boundary boundaries/force.geojson \\
                --district E08000025:Birmingham:boundaries/wards/E08000025.json … \\
                --crime crime/2011-02-west-midlands-street.csv --out /tmp/west-midlands
            """
    )

    @Option(help: "Pack name (also a good folder name).") var name: String
    @Option(help: "Human title.") var title: String?
    @Option(help: "Force boundary: police.uk KML or GeoJSON.") var boundary: String
    @Option(help: "A district from one file: CODE:NAME:FILE (repeatable).") var district: [String] = []
    @Option(help: "A GeoJSON file of areas grouped into districts by --code-property.") var districts: String?
    @Option(help: "Property holding the district code (with --districts).") var codeProperty: String?
    @Option(help: "Property holding the district name (with --districts).") var nameProperty: String?
    @Option(help: "A police.uk crime CSV (repeatable).") var crime: [String] = []
    @Option(help: "GeoJSON points of police stations (name, optional id).") var stations: String?
    @Option(help: "An OpenStreetMap extract (.osm.pbf or .osm) for the road graph.") var osm: String?
    @Option(help: "Circuity factor of the fallback model.") var circuity: Double = 1.35
    @Option(help: "Source or licence line to record in the manifest (repeatable).") var source: [String] = []
    @Option(help: "Folder to write the pack to.") var out: String

    func validate() throws {
        if district.isEmpty && districts == nil { throw ValidationError("give --district CODE:NAME:FILE (repeatable) or --districts FILE") }
        if districts != nil && codeProperty == nil { throw ValidationError("--districts needs --code-property") }
        for d in district where d.split(separator: ":", maxSplits: 2).count != 3 {
            throw ValidationError("--district \(d): expected CODE:NAME:FILE")
        }
    }

    func run() async throws {
        let start = Date()
        var sources: [DistrictSourceArgument] = district.map { DistrictSourceArgument($0) }
        if let file = districts { sources.append(.grouped(file, codeProperty ?? "code", nameProperty ?? "name")) }
        var builder = RegionPackBuilder(
            name: name, title: title ?? name, boundary: URL(fileURLWithPath: boundary),
            districts: sources.map(\.source))
        builder.crimeFiles = crime.map { URL(fileURLWithPath: $0) }
        builder.stations = stations.map { URL(fileURLWithPath: $0) }
        builder.osm = osm.map { URL(fileURLWithPath: $0) }
        builder.fallback.circuityFactor = circuity
        builder.sources = source
        geodataProgress("building \(name)…")
        let result = try builder.build()
        try result.write(to: URL(fileURLWithPath: out))
        let r = result.report
        print(String(format: "wrote %@ in %@: boundary %.1f km², %d districts (%.1f km²), %d stations, %d hot spots",
                     out as NSString, geodataSeconds(since: start) as NSString, r.boundaryKm2, result.pack.districts.count,
                     r.districtKm2.values.reduce(0, +), result.pack.stations.count, result.pack.hotSpots.count))
        for c in r.crime { print("  crime: \(c)") }
        if r.crimePoints > 0 {
            print(String(format: "  crime points: %d, %.2f %% inside the boundary, %d inside but in no district; hot spots gather %.1f %%",
                         r.crimePoints, 100 * r.insideShare, r.crimeInBoundaryNoDistrict, 100 * r.hotSpotCapturedShare))
        }
        if let j = r.roadJunctions, let e = r.roadEdges { print("  road graph: \(j) junctions, \(e) edges") }
    }
}

/// One `--district` / `--districts` argument, parsed.
enum DistrictSourceArgument {
    case file(String, String, String)
    case grouped(String, String, String)

    init(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 2).map(String.init)
        self = .file(parts[0], parts.count > 1 ? parts[1] : parts[0], parts.count > 2 ? parts[2] : "")
    }

    var source: RegionPackBuilder.DistrictSource {
        switch self {
        case let .file(code, name, path): return .file(URL(fileURLWithPath: path), code: code, name: name)
        case let .grouped(path, code, name): return .grouped(URL(fileURLWithPath: path), codeProperty: code, nameProperty: name)
        }
    }
}
