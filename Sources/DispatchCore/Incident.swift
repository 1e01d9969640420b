import GeoKit
import RoadNetwork

/// A kind of incident, named as in the rules (`domestic-abuse`, `firearms`, `rta-injury`…).
public struct IncidentType: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try String(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }
    public static func < (a: IncidentType, b: IncidentType) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

/// What an incident needs of the units sent to it.
public struct Requirements: Sendable, Hashable, Codable {
    /// Every capability listed must be present in one unit.
    public var capabilities: Capabilities
    /// The smallest crew that may attend (e.g. two officers for domestic abuse).
    public var minimumCrew: Int

    public init(capabilities: Capabilities = [], minimumCrew: Int = 1) {
        self.capabilities = capabilities
        self.minimumCrew = minimumCrew
    }
}

/// Where an incident stands in its life.
public enum IncidentPhase: String, Sendable, Hashable, Codable {
    /// Waiting for a unit.
    case waiting
    /// A unit is on its way.
    case assigned
    /// A unit has arrived.
    case attended
    /// Finished.
    case closed
}

/// A reported incident: a 999 call graded and located.
public struct Incident: Sendable, Hashable, Identifiable {
    public var id: String
    public var type: IncidentType
    public var grade: Grade
    public var location: LonLat
    /// The location tied to the road network, set when the call is taken.
    public var roadLocation: RoadLocation
    /// The district the location falls in, when known.
    public var district: String?
    public var area: AreaKind
    /// Needs beyond those the rules give for the incident type (the recommender adds the two).
    public var extraRequirements: Requirements
    public var receivedAt: Timestamp
    public var phase: IncidentPhase
    /// Units sent, in order of assignment.
    public var assignedUnits: [CallSign]
    /// When the first unit arrived.
    public var attendedAt: Timestamp?

    public init(id: String, type: IncidentType, grade: Grade, location: LonLat, roadLocation: RoadLocation? = nil,
                district: String? = nil, area: AreaKind = .urban, extraRequirements: Requirements = Requirements(),
                receivedAt: Timestamp) {
        self.id = id
        self.type = type
        self.grade = grade
        self.location = location
        self.roadLocation = roadLocation ?? RoadLocation(point: location)
        self.district = district
        self.area = area
        self.extraRequirements = extraRequirements
        self.receivedAt = receivedAt
        self.phase = .waiting
        self.assignedUnits = []
        self.attendedAt = nil
    }
}

extension Requirements {
    /// Both sets of needs: every capability of either, and the larger crew.
    public func union(_ other: Requirements) -> Requirements {
        Requirements(capabilities: capabilities.union(other.capabilities),
                     minimumCrew: max(minimumCrew, other.minimumCrew))
    }
}
