/// Speeds per road class for the two profiles, and how travel times are rounded.
///
/// - `normal`: the tagged `maxspeed` × `maxspeedFactor` where a way has one (traffic, junctions),
///   otherwise the class default (typical UK free-flow speeds).
/// - `emergency` (blue lights): the normal speed × a per-class factor, capped at a per-class
///   physical limit (what a response car can safely hold on that kind of road), and never below
///   the normal speed.
///
/// Travel times are whole deciseconds (`UInt32`) per road, so sums are exact and every query
/// technique (plain Dijkstra, contraction hierarchies, PHAST) gives identical answers.
public struct RoadSpeeds: Sendable, Hashable, Codable {
    /// Normal driving speed in km/h when no `maxspeed` is tagged.
    public var defaultKmh: [RoadClass: Double]
    /// Multiplier on a tagged `maxspeed` for normal driving (0 < f ≤ 1).
    public var maxspeedFactor: Double
    /// Blue-light multiplier on the normal speed, per class.
    public var emergencyFactor: [RoadClass: Double]
    /// Physical cap on blue-light speed in km/h, per class.
    public var emergencyCapKmh: [RoadClass: Double]

    /// Speeds from explicit tables (see `uk` for the defaults).
    public init(defaultKmh: [RoadClass: Double], maxspeedFactor: Double,
                emergencyFactor: [RoadClass: Double], emergencyCapKmh: [RoadClass: Double]) {
        self.defaultKmh = defaultKmh
        self.maxspeedFactor = maxspeedFactor
        self.emergencyFactor = emergencyFactor
        self.emergencyCapKmh = emergencyCapKmh
    }

    /// UK defaults: national limits (70 mph motorways, 60 mph single carriageway, 30 mph built-up)
    /// reduced to typical achieved speeds; blue lights 1.25–1.6× depending on the class.
    public static let uk = RoadSpeeds(
        defaultKmh: [
            .motorway: 105, .motorwayLink: 60, .trunk: 85, .trunkLink: 50,
            .primary: 60, .primaryLink: 45, .secondary: 50, .secondaryLink: 40,
            .tertiary: 45, .tertiaryLink: 35, .unclassified: 40, .residential: 30,
            .livingStreet: 10, .service: 15,
        ],
        maxspeedFactor: 0.9,
        emergencyFactor: [
            .motorway: 1.25, .motorwayLink: 1.3, .trunk: 1.3, .trunkLink: 1.3,
            .primary: 1.4, .primaryLink: 1.3, .secondary: 1.45, .secondaryLink: 1.3,
            .tertiary: 1.45, .tertiaryLink: 1.3, .unclassified: 1.4, .residential: 1.5,
            .livingStreet: 1.6, .service: 1.4,
        ],
        emergencyCapKmh: [
            .motorway: 150, .motorwayLink: 80, .trunk: 130, .trunkLink: 80,
            .primary: 100, .primaryLink: 70, .secondary: 90, .secondaryLink: 60,
            .tertiary: 80, .tertiaryLink: 55, .unclassified: 70, .residential: 55,
            .livingStreet: 25, .service: 30,
        ])

    /// Speed in km/h for a road of this class with an optional tagged limit, under a profile.
    public func kmh(_ roadClass: RoadClass, maxspeedKmh: Double?, profile: SpeedProfile) -> Double {
        var normal = defaultKmh[roadClass] ?? 30
        if let tagged = maxspeedKmh, tagged.isFinite, tagged > 0 {
            normal = tagged * maxspeedFactor
        }
        normal = max(normal, 1)
        switch profile {
        case .normal:
            return normal
        case .emergency:
            let boosted = normal * (emergencyFactor[roadClass] ?? 1)
            let cap = emergencyCapKmh[roadClass] ?? boosted
            // Never slower than normal driving, even where a tagged limit exceeds the cap.
            return max(normal, min(boosted, cap))
        }
    }

    /// Travel time in deciseconds over `metres` at `kmh`, rounded, at least 1.
    public static func deciseconds(metres: Double, kmh: Double) -> UInt32 {
        let ds = (metres / (kmh / 3.6) * 10).rounded()
        guard ds.isFinite else { return UInt32(RoadGraph.maxWeight) }
        return UInt32(min(max(ds, 1), Double(RoadGraph.maxWeight)))
    }
}
