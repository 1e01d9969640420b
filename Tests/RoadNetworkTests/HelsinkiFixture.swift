import Foundation
import GeoKit
import TestSupport
@testable import RoadNetwork

/// The real Helsinki extracts, imported and built once per test process.
enum Helsinki {
    static let url = SharedData.url("osm/helsinki.osm.pbf")
    static let smallURL = SharedData.url("osm/helsinki-small.osm.pbf")

    static let imported: OSMImport? = try? OSMImporter.importFile(at: url)
    static let graph: RoadGraph? = imported.flatMap { try? RoadGraph(source: $0.source) }
    static let router: RoadRouter? = graph.map { RoadRouter(graph: $0) }

    /// Seeded random points over the extract's road area.
    static func points(_ count: Int, seed: UInt64, in graph: RoadGraph) -> [LonLat] {
        let lons = graph.junctionCoordinates.map(\.lon), lats = graph.junctionCoordinates.map(\.lat)
        let west = lons.min() ?? 0, east = lons.max() ?? 0, south = lats.min() ?? 0, north = lats.max() ?? 0
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            LonLat(lon: Double.random(in: west...east, using: &rng), lat: Double.random(in: south...north, using: &rng))
        }
    }
}
