import Foundation
import RoadNetwork

/// The pgRouting peer of `bluelamp bench roads`: the same graph's edges loaded into PostGIS with
/// the same weights, asked the same one-to-many question with `pgr_dijkstraCost`.
/// Needs `Storage`'s local cluster (`LocalPostgres`); until it is on `main` this reports why not.
enum BenchRoadsPgRouting {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static func measure(router: RoadRouter, units: [RoadLocation], incidents: [RoadLocation], scenario: String,
                        options: BenchOptions, report: inout BenchReport) async throws {
        throw Unavailable(description: "the Storage module's LocalPostgres is not available in this build yet")
    }
}
