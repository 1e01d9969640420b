import Foundation

/// A position on the WGS84 ellipsoid (EPSG:4326) in degrees: longitude first, as in GeoJSON.
///
/// This is the light-weight value used on hot paths (GPS pings, incident locations, index entries);
/// the full geometry model (`Point`, `Polygon`, …) carries SRIDs and dimensions.
public struct LonLat: Hashable, Sendable, Codable, CustomStringConvertible {
    public var lon: Double
    public var lat: Double

    /// Creates a position without checking it; use `init(validatingLon:lat:)` for untrusted input.
    @inlinable
    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    /// Creates a position from untrusted input, rejecting NaN, infinities and out-of-range values.
    public init(validatingLon lon: Double, lat: Double) throws(CoordinateError) {
        guard lon.isFinite, lat.isFinite else { throw .notFinite(lon: lon, lat: lat) }
        guard (-180...180).contains(lon) else { throw .longitudeOutOfRange(lon) }
        guard (-90...90).contains(lat) else { throw .latitudeOutOfRange(lat) }
        self.init(lon: lon, lat: lat)
    }

    public var description: String { "(\(lon), \(lat))" }

    /// Mean Earth radius in metres (IUGG R1), the sphere used for ground distances.
    public static let earthRadiusMetres: Double = 6_371_008.8

    /// Great-circle distance in metres on the mean-radius sphere (haversine).
    ///
    /// Within a region the size of a police force this differs from the ellipsoidal geodesic by
    /// under 0.5 %, uniformly, so it orders neighbours the same way the ground does.
    @inlinable
    public func groundDistance(to other: LonLat) -> Double {
        let toRad = Double.pi / 180
        let phi1 = lat * toRad, phi2 = other.lat * toRad
        let dPhi = phi2 - phi1
        let dLambda = (other.lon - lon) * toRad
        let s1 = sin(dPhi * 0.5), s2 = sin(dLambda * 0.5)
        let h = s1 * s1 + cos(phi1) * cos(phi2) * s2 * s2
        return 2 * LonLat.earthRadiusMetres * asin(min(1, h.squareRoot()))
    }
}

/// Why a coordinate was rejected.
public enum CoordinateError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFinite(lon: Double, lat: Double)
    case longitudeOutOfRange(Double)
    case latitudeOutOfRange(Double)

    public var description: String {
        switch self {
        case let .notFinite(lon, lat): return "coordinate (\(lon), \(lat)) is not a finite number"
        case let .longitudeOutOfRange(v): return "longitude \(v) is outside -180…180"
        case let .latitudeOutOfRange(v): return "latitude \(v) is outside -90…90"
        }
    }
}
