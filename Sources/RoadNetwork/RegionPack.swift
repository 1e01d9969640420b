import Foundation
import GeoKit

/// Everything BlueLamp needs about a place: its boundary, districts (and beats if known), police
/// stations, where demand comes from (hot spots), rivers and bridges, and how travel times are
/// computed (a road graph, or the straight-line fallback model).
///
/// A pack lives in a folder: `manifest.json` plus GeoJSON layers (see `RegionPackManifest`).
/// `RegionPack.load(from:)` reads one and returns it with its `TravelTimeService`.
public struct RegionPack: Sendable {
    /// A police district (a local policing area: a borough or city).
    public struct District: Sendable, Hashable {
        /// Stable code, e.g. ONS `E08000025` or `GV01` in the generated pack.
        public var code: String
        /// Human-readable name.
        public var name: String
        /// Its area (WGS84).
        public var area: MultiPolygon

        /// Creates a value from its parts.
        public init(code: String, name: String, area: MultiPolygon) {
            self.code = code
            self.name = name
            self.area = area
        }
    }

    /// A beat (patrol area) within a district.
    public struct Beat: Sendable, Hashable {
        /// Stable code.
        public var code: String
        /// Human-readable name.
        public var name: String
        /// Code of the district it belongs to.
        public var districtCode: String
        /// Its area (WGS84).
        public var area: MultiPolygon

        /// Creates a value from its parts.
        public init(code: String, name: String, districtCode: String, area: MultiPolygon) {
            self.code = code
            self.name = name
            self.districtCode = districtCode
            self.area = area
        }
    }

    /// A police station: where units start shifts and return to.
    public struct Station: Sendable, Hashable, Codable {
        /// Stable identifier.
        public var id: String
        /// Human-readable name.
        public var name: String
        /// Where it is (WGS84 lon/lat).
        public var position: LonLat
        /// The district it lies in, when known.
        public var districtCode: String?

        /// Creates a value from its parts.
        public init(id: String, name: String, position: LonLat, districtCode: String? = nil) {
            self.id = id
            self.name = name
            self.position = position
            self.districtCode = districtCode
        }
    }

    /// A named town or place, for labels and reports.
    public struct Town: Sendable, Hashable, Codable {
        /// Human-readable name.
        public var name: String
        /// Where it is (WGS84 lon/lat).
        public var position: LonLat
        /// Code of the district it belongs to.
        public var districtCode: String?

        /// Creates a value from its parts.
        public init(name: String, position: LonLat, districtCode: String? = nil) {
            self.name = name
            self.position = position
            self.districtCode = districtCode
        }
    }

    /// A river or canal that roads cross only at bridges.
    public struct Waterway: Sendable, Hashable {
        /// Human-readable name.
        public var name: String
        /// Its course (WGS84).
        public var course: LineString

        /// Creates a value from its parts.
        public init(name: String, course: LineString) {
            self.name = name
            self.course = course
        }
    }

    /// Short machine name, also the folder name (`generated-metro`, `west-midlands`).
    public var name: String
    /// Human title.
    public var title: String
    /// The outer boundary (WGS84).
    public var boundary: MultiPolygon
    /// The districts, in order.
    public var districts: [District]
    /// Beats, when known.
    public var beats: [Beat]
    /// Police stations.
    public var stations: [Station]
    /// Demand hot spots, strongest first where derived from data.
    public var hotSpots: [HotSpot]
    /// Named towns, for labels.
    public var towns: [Town]
    /// Rivers and canals.
    public var waterways: [Waterway]
    /// Where roads cross the waterways.
    public var bridges: [Bridge]
    /// How travel times are computed.
    public var travel: RegionPackManifest.Travel
    /// Where the data came from, with licences.
    public var sources: [String]
    /// Built once: which district holds a point (GeoKit's packed R-tree, exact ring tests).
    let districtIndex: STRTree<Int>
    /// Built once: whether a point is inside the boundary.
    let boundaryIndex: STRTree<Int>

    /// Creates a value from its parts.
    public init(name: String, title: String, boundary: MultiPolygon, districts: [District], beats: [Beat] = [],
                stations: [Station] = [], hotSpots: [HotSpot] = [], towns: [Town] = [], waterways: [Waterway] = [],
                bridges: [Bridge] = [], travel: RegionPackManifest.Travel, sources: [String] = []) {
        self.name = name
        self.title = title
        self.boundary = boundary
        self.districts = districts
        self.beats = beats
        self.stations = stations
        self.hotSpots = hotSpots
        self.towns = towns
        self.waterways = waterways
        self.bridges = bridges
        self.travel = travel
        self.sources = sources
        self.districtIndex = STRTree(areas: districts.enumerated().map { (geometry: $0.element.area.geometry, payload: $0.offset) })
        self.boundaryIndex = STRTree(areas: [(geometry: boundary.geometry, payload: 0)])
    }

    /// The district holding a point, or `nil` outside every district. Where district polygons overlap
    /// (generalised boundaries), the first district in the pack's order wins, so the answer never
    /// depends on the tree's layout.
    public func district(containing point: LonLat) -> District? {
        districtIndex.items(containing: Coordinate(point)).min().map { districts[$0] }
    }

    /// Whether a point is inside the pack's boundary.
    public func contains(_ point: LonLat) -> Bool {
        boundaryIndex.firstItem(containing: Coordinate(point)) != nil
    }
}
