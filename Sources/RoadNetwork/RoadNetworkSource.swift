import GeoKit

/// The road classes a response vehicle may use, from OpenStreetMap's `highway=*` values.
public enum RoadClass: String, Sendable, Hashable, CaseIterable, Codable {
    case motorway, motorwayLink = "motorway_link"
    case trunk, trunkLink = "trunk_link"
    case primary, primaryLink = "primary_link"
    case secondary, secondaryLink = "secondary_link"
    case tertiary, tertiaryLink = "tertiary_link"
    case unclassified, residential
    case livingStreet = "living_street"
    case service
}

/// Which way traffic may flow along a way, relative to the order of its nodes.
public enum Oneway: String, Sendable, Hashable, Codable {
    case no, forward, backward
}

/// One routable way: an ordered list of node ids with the attributes that set its speed.
public struct RoadWay: Sendable, Hashable {
    public var id: Int64
    public var nodes: [Int64]
    public var roadClass: RoadClass
    public var oneway: Oneway
    /// Tagged speed limit in km/h, when the source has one.
    public var maxspeedKmh: Double?
    public var name: String?

    public init(id: Int64, nodes: [Int64], roadClass: RoadClass, oneway: Oneway = .no,
                maxspeedKmh: Double? = nil, name: String? = nil) {
        self.id = id
        self.nodes = nodes
        self.roadClass = roadClass
        self.oneway = oneway
        self.maxspeedKmh = maxspeedKmh
        self.name = name
    }
}

/// A turn restriction at a via node, from an OSM `type=restriction` relation.
public struct TurnRestriction: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case prohibitory, mandatory }
    public var fromWay: Int64
    public var viaNode: Int64
    public var toWay: Int64
    /// `.prohibitory` for `no_*` (this turn is banned), `.mandatory` for `only_*` (the only turn allowed).
    public var kind: Kind

    public init(fromWay: Int64, viaNode: Int64, toWay: Int64, kind: Kind) {
        self.fromWay = fromWay
        self.viaNode = viaNode
        self.toWay = toWay
        self.kind = kind
    }
}

/// Everything the graph builder needs about a road network: what the OSM importers produce and
/// what the region-pack generator synthesises.
public struct RoadNetworkSource: Sendable {
    /// Positions of the nodes the ways refer to.
    public var nodes: [Int64: LonLat]
    public var ways: [RoadWay]
    public var restrictions: [TurnRestriction]

    public init(nodes: [Int64: LonLat] = [:], ways: [RoadWay] = [], restrictions: [TurnRestriction] = []) {
        self.nodes = nodes
        self.ways = ways
        self.restrictions = restrictions
    }
}
