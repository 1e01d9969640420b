import ArgumentParser
import Foundation
import RoadNetwork

/// `bluelamp geodata generate`: rebuilds the generated region pack from its seed.
struct GeodataGenerate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate the fictional metropolitan region pack (deterministic from the seed).",
        discussion: """
            Writes the manifest and GeoJSON layers to --out, then builds the road graph with its \
            contraction hierarchies into the cache (--cache, default .bluelamp/cache) so that loading \
            the pack takes well under a second. The same seed always gives byte-identical files.
            """
    )

    @Option(help: "Seed of the region.") var seed: UInt64 = 1
    @Option(help: "Street spacing in town, metres (125 = the shipped pack; 500 = a coarse region for quick tests).")
    var streetSpacing: Double = PackGenerator.defaultStreetSpacing
    @Option(help: "Pack folder to write.") var out: String = "GeoData/packs/\(RegionPack.generatedName)"
    @Option(help: "Road graph cache folder (default: $BLUELAMP_CACHE or .bluelamp/cache).") var cache: String?
    @Flag(help: "Write the pack files only; do not build the road graph cache.") var noGraph = false

    func run() async throws {
        var start = Date()
        let region = PackGenerator(seed: seed, streetSpacingMetres: streetSpacing).generate()
        geodataProgress("generated region (seed \(seed)) in \(geodataSeconds(since: start)): \(region.stats.nodes) road nodes, "
            + "\(region.stats.ways) ways, \(region.stats.roadKilometres) km of road, \(region.bridges.count) bridges")
        let (pack, extras) = try RegionPack.fromGenerated(region)
        let folder = URL(fileURLWithPath: out)
        try pack.write(to: folder, extraFiles: extras)
        print("wrote \(folder.path): \(pack.districts.count) districts, \(pack.stations.count) stations, \(pack.hotSpots.count) hot spots")
        guard !noGraph else { return }
        start = Date()
        let dir = cache.map { URL(fileURLWithPath: $0) } ?? RegionPack.defaultCacheDirectory
        let (router, how, path) = try RegionPack.generatedRouter(seed: seed, streetSpacingMetres: region.streetSpacingMetres,
                                                                 cacheDirectory: dir, rebuild: true)
        print("road graph: \(router.graph.junctionCount) junctions, \(router.graph.roadCount) roads, "
            + "\(router.graph.edgeCount) edges — \(how) at \(path) in \(geodataSeconds(since: start))")
    }
}
