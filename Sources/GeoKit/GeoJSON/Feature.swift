/// A GeoJSON Feature: a geometry (or none) with properties and an optional id.
public struct Feature: Hashable, Sendable {
    /// The feature's "id": a string or a number.
    public var id: FeatureID?
    /// The geometry; nil for `"geometry": null`.
    public var geometry: Geometry?
    /// The "properties" object; nil for `"properties": null` or when absent.
    public var properties: [String: JSONValue]?

    /// Creates a feature.
    public init(id: FeatureID? = nil, geometry: Geometry?, properties: [String: JSONValue]? = [:]) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    /// A property's value, or nil when absent.
    public subscript(property name: String) -> JSONValue? { properties?[name] }
}

/// A GeoJSON feature id: a string or a number (RFC 7946 §3.2).
public enum FeatureID: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case number(Double)

    public var description: String {
        switch self {
        case let .string(s): return s
        case let .number(n): return OrdinateFormatter.string(n)
        }
    }
}

/// A GeoJSON FeatureCollection.
public struct FeatureCollection: Hashable, Sendable {
    /// The features, in document order.
    public var features: [Feature]

    /// Creates a collection of `features`.
    public init(_ features: [Feature]) {
        self.features = features
    }
}

/// Any GeoJSON document: a bare geometry, a feature or a feature collection.
public enum GeoJSON: Hashable, Sendable {
    case geometry(Geometry)
    case feature(Feature)
    case featureCollection(FeatureCollection)
}
