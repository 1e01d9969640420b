import GeoKit

/// A routable road network in compact flat arrays, built from a `RoadNetworkSource`.
///
/// Three layers:
/// - **junctions**: the OSM nodes where roads meet or end (coordinates, OSM ids);
/// - **roads**: chains of way segments between two junctions, with their geometry, class, length,
///   allowed directions and a travel time per profile in deciseconds. Snapping anchors are road
///   indices; a road's *arcs* are its directions (`2·road` from `roadFrom` to `roadTo`,
///   `2·road + 1` back);
/// - **route nodes and edges** (CSR): junctions split at turn-restriction via nodes, one copy per
///   incoming arc, each copy with only the arcs allowed after that arc. Every arc has exactly one
///   head route node; it may have several tail route nodes (one per copy that allows it).
///
/// Only the largest strongly connected component is kept (see `buildReport`), so every snapped
/// point can reach every other. Build one with `RoadGraph(source:speeds:)`.
public struct RoadGraph: Sendable {
    /// Largest travel time of a single road, deciseconds (about 310 days): keeps sums in `UInt32`.
    public static let maxWeight: UInt32 = 1 << 28
    /// "Unreachable" in internal deciseconds arrays.
    static let unreachable: UInt32 = 0x7FFF_FFFF

    // Junctions.
    /// Position of each junction.
    public internal(set) var junctionCoordinates: [LonLat]
    /// OSM (or generator) id of each junction.
    public internal(set) var junctionIds: [Int64]

    // Roads.
    var roadFrom: [Int32]
    var roadTo: [Int32]
    var roadClassIndex: [UInt8]
    /// Bit 0: drivable from `roadFrom` to `roadTo`; bit 1: drivable back.
    var roadDirections: [UInt8]
    var roadLength: [Float]
    var roadWayId: [Int64]
    /// Deciseconds per road, indexed by `SpeedProfile` (normal, emergency).
    var roadWeight: [[UInt32]]
    /// Geometry: road `r` runs through `shapePoints[shapeStart[r] ..< shapeStart[r + 1]]`.
    var shapeStart: [Int32]
    var shapePoints: [LonLat]

    // Route graph.
    var routeNodeJunction: [Int32]
    var edgeStart: [Int32]
    var edgeHead: [Int32]
    var edgeArc: [Int32]
    /// Head route node of each arc, -1 when the arc is not drivable.
    var arcHead: [Int32]
    var arcTailStart: [Int32]
    var arcTails: [Int32]

    /// The speeds the travel times were computed with.
    public internal(set) var speeds: RoadSpeeds
    /// What the builder kept, dropped and skipped.
    public internal(set) var buildReport: RoadGraphBuildReport

    /// Number of junctions.
    public var junctionCount: Int { junctionCoordinates.count }
    /// Number of roads (snappable chains between junctions).
    public var roadCount: Int { roadFrom.count }
    /// Number of route nodes (junctions after turn-restriction splitting).
    public var routeNodeCount: Int { routeNodeJunction.count }
    /// Number of directed route edges.
    public var edgeCount: Int { edgeHead.count }
    /// Number of drivable arcs (road directions).
    public var arcCount: Int { arcHead.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// A read-only view of one road.
    public struct Road: Sendable, Hashable {
        /// Junction at the start of the geometry.
        public var from: Int
        /// Junction at the end of the geometry.
        public var to: Int
        public var roadClass: RoadClass
        /// Drivable from `from` to `to`.
        public var forward: Bool
        /// Drivable from `to` to `from`.
        public var backward: Bool
        /// Length along the geometry on the ground.
        public var lengthMetres: Double
        /// The OSM (or generator) way the road comes from.
        public var wayId: Int64
        /// The road's points, from `from` to `to`.
        public var geometry: [LonLat]
        /// Travel time along the whole road, deciseconds, per profile.
        public var deciseconds: [SpeedProfile: UInt32]
    }

    /// The road at `index` (0 ..< roadCount).
    public func road(_ index: Int) -> Road {
        let s = Int(shapeStart[index]), e = Int(shapeStart[index + 1])
        return Road(from: Int(roadFrom[index]), to: Int(roadTo[index]),
                    roadClass: RoadClass.allCases[Int(roadClassIndex[index])],
                    forward: roadDirections[index] & 1 != 0, backward: roadDirections[index] & 2 != 0,
                    lengthMetres: Double(roadLength[index]), wayId: roadWayId[index],
                    geometry: Array(shapePoints[s..<e]),
                    deciseconds: [.normal: roadWeight[0][index], .emergency: roadWeight[1][index]])
    }

    /// Deciseconds of road `road` under `profile`.
    @inline(__always)
    func weight(road: Int, profile: SpeedProfile) -> UInt32 {
        roadWeight[profile.index][road]
    }

    /// Approximate bytes held by the graph's arrays.
    public var memoryBytes: Int {
        junctionCoordinates.count * 16 + junctionIds.count * 8
            + roadFrom.count * (4 + 4 + 1 + 1 + 4 + 8 + 4) + roadWeight.reduce(0) { $0 + $1.count * 4 }
            + shapeStart.count * 4 + shapePoints.count * 16
            + routeNodeJunction.count * 4 + edgeStart.count * 4 + edgeHead.count * 8
            + arcHead.count * 4 + arcTailStart.count * 4 + arcTails.count * 4
    }
}

extension SpeedProfile {
    /// Position in per-profile arrays.
    @inline(__always)
    var index: Int { self == .normal ? 0 : 1 }
}

/// What the graph builder did with its input: every dropped or skipped item is counted here.
public struct RoadGraphBuildReport: Sendable, Hashable, Codable {
    /// Ways that produced at least one road.
    public var waysUsed = 0
    /// Ways with fewer than two usable nodes.
    public var waysTooShort = 0
    /// Node references without a position; the segments touching them were dropped.
    public var missingNodeReferences = 0
    /// Turn restrictions applied at a via node.
    public var restrictionsApplied = 0
    /// Turn restrictions whose ways do not meet at the via node as drivable arcs.
    public var restrictionsUnmatched = 0
    /// Strongly connected components other than the largest (dropped).
    public var componentsDropped = 0
    /// Roads dropped because they are outside the largest component.
    public var roadsDropped = 0
    /// Road directions dropped (one-way remnants) because they leave or enter the largest component only one way.
    public var arcsDropped = 0
    /// Junctions dropped with them.
    public var junctionsDropped = 0

    /// An empty report.
    public init() {}
}

/// Why a graph could not be built or loaded.
public enum RoadGraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input has no road a car may use (after filtering), or nothing is connected.
    case noRoutableRoads(String)
    /// A graph file is not a BlueLamp graph, or is from another version, or is damaged.
    case badFile(String)

    /// The error in words.
    public var description: String {
        switch self {
        case let .noRoutableRoads(detail): return "no routable roads: \(detail)"
        case let .badFile(detail): return "bad road graph file: \(detail)"
        }
    }
}
