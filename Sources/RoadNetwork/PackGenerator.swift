import Foundation
import GeoKit

/// Generates a fictional metropolitan county the size of the West Midlands, placed over the West
/// Midlands box so British National Grid projections are valid, deterministically from a seed.
///
/// The same seed gives the same region, coordinate for coordinate (coordinates are rounded to 1e-7°).
/// The region has a ~900 km² boundary, 7 districts, 16 towns, 20 police stations, ~100 hot spots
/// weighted toward town centres, a river crossed only at a few bridges, and a road hierarchy
/// (motorways with junctions, A-roads between towns, B-roads, a perturbed residential grid with
/// one-way streets in town centres) as a `RoadNetworkSource`.
public struct PackGenerator: Sendable {
    /// The seed every random choice derives from.
    public let seed: UInt64
    /// Distance between neighbouring residential streets in town (suburbs 2×, countryside 4×).
    /// 125 m (the default) gives ~49,000 road nodes; 500 m gives a coarse region of a few thousand
    /// nodes with the same towns, river, bridges and main roads — quick to contract in tests.
    public let streetSpacingMetres: Double

    /// The default street spacing.
    public static let defaultStreetSpacing = 125.0

    /// The version of the generation recipe; a change to the recipe bumps it, so caches keyed on
    /// (seed, version) are never stale.
    public static let recipeVersion = 1

    /// Creates a value from its parts.
    /// A generator for a seed; `streetSpacingMetres` is clamped to 100…1,000 m.
    public init(seed: UInt64 = 1, streetSpacingMetres: Double = PackGenerator.defaultStreetSpacing) {
        self.seed = seed
        self.streetSpacingMetres = min(max(streetSpacingMetres.isFinite ? streetSpacingMetres : Self.defaultStreetSpacing, 100), 1_000)
    }

    /// Builds the region.
    public func generate() -> GeneratedRegion {
        var rng = SplitMix64(seed: seed ^ 0x426C_7565_4C61_6D70) // "BlueLamp"
        let frame = Frame(centre: LonLat(lon: -1.815, lat: 52.505), rng: &rng)
        let layout = Layout.make(rng: &rng)
        var roads = RoadBuilder(layout: layout, spacing: streetSpacingMetres, rng: &rng)
        roads.build()
        let places = Places.make(layout: layout, roads: roads, rng: &rng)
        return GeneratedRegion.assemble(seed: seed, streetSpacing: streetSpacingMetres, frame: frame, layout: layout, roads: roads, places: places)
    }
}

/// A town of the generated region.
public struct GeneratedTown: Sendable, Hashable, Codable {
    /// Human-readable name.
    public var name: String
    /// Where it is (WGS84 lon/lat).
    public var position: LonLat
    /// The code of the district the town lies in.
    public var districtCode: String
    /// True for the town that gives its district its name.
    public var isDistrictSeat: Bool
}

/// A place where a road crosses the river.
public struct Bridge: Sendable, Hashable, Codable {
    /// Stable identifier.
    public var id: String
    /// Where it is (WGS84 lon/lat).
    public var position: LonLat
    /// The road's name ("M60", "A401", "B4012").
    public var road: String
    /// The class of the road.
    public var roadClass: RoadClass

    /// Creates a value from its parts.
    public init(id: String, position: LonLat, road: String, roadClass: RoadClass) {
        self.id = id
        self.position = position
        self.road = road
        self.roadClass = roadClass
    }
}

/// Figures about a generation run.
public struct GenerationStats: Sendable, Hashable, Codable {
    /// Road nodes in the network.
    public var nodes: Int
    /// Ways in the network.
    public var ways: Int
    /// Directed road segments (a two-way segment counts twice).
    public var directedSegments: Int
    /// Nodes dropped because they were not in the largest strongly connected part.
    public var droppedNodes: Int
    /// Residential and B-road segments removed because they crossed the river away from a bridge.
    public var segmentsRemovedAtRiver: Int
    /// Total length of road, km.
    public var roadKilometres: Double
}

/// Everything the generator makes, in lon/lat.
public struct GeneratedRegion: Sendable {
    /// The generator seed.
    public var seed: UInt64
    /// The street spacing it was generated with, metres.
    public var streetSpacingMetres: Double
    /// The county boundary: a closed ring (first point repeated last), counter-clockwise.
    public var boundary: [LonLat]
    /// The seven districts, each a closed counter-clockwise ring; together they tile the boundary.
    public var districts: [(code: String, name: String, ring: [LonLat])]
    /// Named towns, for labels.
    public var towns: [GeneratedTown]
    /// Police stations.
    public var stations: [(id: String, name: String, position: LonLat)]
    /// Demand hot spots, strongest first where derived from data.
    public var hotSpots: [HotSpot]
    /// The river's name.
    public var riverName: String
    /// The river's course inside the county.
    public var river: [LonLat]
    /// Where roads cross the waterways.
    public var bridges: [Bridge]
    /// The road network, for the graph builder.
    public var roads: RoadNetworkSource
    /// Urban / suburban / rural cells, for the straight-line fallback model.
    public var areas: StraightLineTravelModel.AreaMap
    /// Figures about the run.
    public var stats: GenerationStats
}
