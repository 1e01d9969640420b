import GeoKit
import RoadNetwork

/// The geography drawn on the report's map: the region's boundary and its districts, in WGS84
/// lon/lat (x = longitude, y = latitude).
public struct ReportMap: Sendable, Hashable {
    /// One district: its code (as in `DistrictSummary.code`), name and outline.
    public struct District: Sendable, Hashable {
        /// As in `DistrictSummary.code`.
        public var code: String
        /// Shown as the district's label.
        public var name: String
        /// The outline in lon/lat.
        public var geometry: MultiPolygon

        /// A district from its parts.
        public init(code: String, name: String, geometry: MultiPolygon) {
            self.code = code
            self.name = name
            self.geometry = geometry
        }
    }

    /// The region's outline, drawn over the districts.
    public var boundary: MultiPolygon?
    /// The districts, filled in soft tints and labelled.
    public var districts: [District]

    /// A map from its parts.
    public init(boundary: MultiPolygon?, districts: [District]) {
        self.boundary = boundary
        self.districts = districts
    }

    /// The boundary and districts of a region pack.
    public init(pack: RegionPack) {
        boundary = pack.boundary
        districts = pack.districts.map { District(code: $0.code, name: $0.name, geometry: $0.area) }
    }

    /// The boundary and districts of a generated region.
    public init(region: GeneratedRegion) {
        boundary = MultiPolygon([Polygon(region.boundary)], srid: 4326)
        districts = region.districts.map {
            District(code: $0.code, name: $0.name, geometry: MultiPolygon([Polygon($0.ring)], srid: 4326))
        }
    }
}
