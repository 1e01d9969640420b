import GeoKit
import RoadNetwork

/// A unit's radio call sign, e.g. `BW21` — the identity dispatchers use.
public struct CallSign: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ value: String) { self.rawValue = value }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try String(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }
    public static func < (a: CallSign, b: CallSign) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

/// What sort of resource a unit is.
public enum UnitKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A marked response car (immediate response vehicle).
    case responseCar = "response-car"
    case van
    case armedResponse = "armed-response"
    case dogUnit = "dog-unit"
    case roadsPolicing = "roads-policing"
    case motorcycle
    /// Officers on foot or cycle: short range.
    case foot
}

/// A shift: when a unit comes on and goes off duty.
public struct Shift: Sendable, Hashable, Codable {
    public var start: Timestamp
    public var end: Timestamp
    public init(start: Timestamp, end: Timestamp) {
        self.start = start
        self.end = end
    }
    public func contains(_ t: Timestamp) -> Bool { t >= start && t < end }
}

/// A GPS fix: where a unit said it was, and when.
public struct PositionFix: Sendable, Hashable, Codable {
    public var position: LonLat
    public var at: Timestamp
    public init(position: LonLat, at: Timestamp) {
        self.position = position
        self.at = at
    }
}

/// An officer or vehicle that can be sent to incidents.
public struct ResponseUnit: Sendable, Hashable, Identifiable {
    public var id: CallSign { callSign }
    public var callSign: CallSign
    public var kind: UnitKind
    public var capabilities: Capabilities
    public var crew: Int
    public var homeStation: String
    public var district: String
    public var shift: Shift?

    public var status: UnitStatus
    public var statusSince: Timestamp
    /// The incident the unit is working on (en route or at scene), if any.
    public var incidentID: String?
    /// The latest GPS fix, if any.
    public var fix: PositionFix?
    /// The fix tied to the road network.
    public var roadLocation: RoadLocation?
    /// Seconds spent committed (en route, at scene, busy) in the current shift — for fairness.
    public var committedSeconds: Double
    /// When the unit expects to clear its current job, if it said so (for "wait for a unit clearing").
    public var expectedClearAt: Timestamp?

    public init(callSign: CallSign, kind: UnitKind = .responseCar, capabilities: Capabilities = [], crew: Int = 1,
                homeStation: String = "", district: String = "", shift: Shift? = nil,
                status: UnitStatus = .available, statusSince: Timestamp = 0) {
        self.callSign = callSign
        self.kind = kind
        self.capabilities = capabilities
        self.crew = crew
        self.homeStation = homeStation
        self.district = district
        self.shift = shift
        self.status = status
        self.statusSince = statusSince
        self.incidentID = nil
        self.fix = nil
        self.roadLocation = nil
        self.committedSeconds = 0
        self.expectedClearAt = nil
    }

    /// How old the GPS fix is at `now`, or nil with no fix.
    public func fixAge(at now: Timestamp) -> Double? { fix.map { now - $0.at } }

    /// Whether the unit meets an incident's requirements.
    public func meets(_ requirements: Requirements) -> Bool {
        capabilities.isSuperset(of: requirements.capabilities) && crew >= requirements.minimumCrew
    }
}
