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
        public var name: String
        public var area: MultiPolygon

        public init(code: String, name: String, area: MultiPolygon) {
            self.code = code
            self.name = name
            self.area = area
        }
    }

    /// A beat (patrol area) within a district.
    public struct Beat: Sendable, Hashable {
        public var code: String
        public var name: String
        public var districtCode: String
        public var area: MultiPolygon

        public init(code: String, name: String, districtCode: String, area: MultiPolygon) {
            self.code = code
            self.name = name
            self.districtCode = districtCode
            self.area = area
        }
    }

    /// A police station: where units start shifts and return to.
    public struct Station: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var position: LonLat
        /// The district it lies in, when known.
        public var districtCode: String?

        public init(id: String, name: String, position: LonLat, districtCode: String? = nil) {
            self.id = id
            self.name = name
            self.position = position
            self.districtCode = districtCode
        }
    }

    /// A named town or place, for labels and reports.
    public struct Town: Sendable, Hashable, Codable {
        public var name: String
        public var position: LonLat
        public var districtCode: String?

        public init(name: String, position: LonLat, districtCode: String? = nil) {
            self.name = name
            self.position = position
            self.districtCode = districtCode
        }
    }

    /// A river or canal that roads cross only at bridges.
    public struct Waterway: Sendable, Hashable {
        public var name: String
        public var course: LineString

        public init(name: String, course: LineString) {
            self.name = name
            self.course = course
        }
    }

    /// Short machine name, also the folder name (`generated-metro`, `west-midlands`).
    public var name: String
    /// Human title.
    public var title: String
    public var boundary: MultiPolygon
    public var districts: [District]
    public var beats: [Beat]
    public var stations: [Station]
    public var hotSpots: [HotSpot]
    public var towns: [Town]
    public var waterways: [Waterway]
    public var bridges: [Bridge]
    /// How travel times are computed.
    public var travel: RegionPackManifest.Travel
    /// Where the data came from, with licences.
    public var sources: [String]
    /// Built once: which district holds a point.
    let districtIndex: PolygonIndex
    /// Built once: whether a point is inside the boundary.
    let boundaryIndex: PolygonIndex

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
        self.districtIndex = PolygonIndex(districts.map(\.area))
        self.boundaryIndex = PolygonIndex([boundary])
    }

    /// The district holding a point, or `nil` outside every district.
    public func district(containing point: LonLat) -> District? {
        districtIndex.firstContaining(point).map { districts[$0] }
    }

    /// Whether a point is inside the pack's boundary.
    public func contains(_ point: LonLat) -> Bool {
        boundaryIndex.firstContaining(point) != nil
    }
}
