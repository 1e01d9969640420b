import GeoKit

/// A place where demand (calls, crimes) concentrates, with a relative weight.
///
/// Call generators draw incident locations around hot spots in proportion to their weights,
/// scattered over about `radiusMetres`. Only ratios of weights matter.
public struct HotSpot: Sendable, Hashable, Codable {
    /// Stable identifier within a pack, e.g. `HS007`.
    public var id: String
    /// A readable label (a street or town centre), when known.
    public var name: String?
    /// Where it is (WGS84 lon/lat).
    public var position: LonLat
    /// Relative demand (e.g. the number of crimes it gathers).
    public var weight: Double
    /// Typical distance of the demand from `position` (root-mean-square), in metres.
    public var radiusMetres: Double

    /// Creates a value from its parts.
    public init(id: String, name: String? = nil, position: LonLat, weight: Double, radiusMetres: Double) {
        self.id = id
        self.name = name
        self.position = position
        self.weight = weight
        self.radiusMetres = radiusMetres
    }
}
