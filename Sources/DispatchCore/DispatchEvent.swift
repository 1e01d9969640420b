import GeoKit
import RoadNetwork

/// Everything that happens in a control room, as the event log records it. The control-room state
/// is a fold over these events (`ControlRoomState.apply`), in the live service and the simulator alike.
public enum DispatchEvent: Sendable, Hashable {
    /// A unit joins the roster (start of the day, or a new vehicle).
    case unitRegistered(UnitRegistered)
    /// A call handler recorded a 999 call.
    case callReceived(CallReceived)
    /// An incident's grade was changed.
    case incidentGraded(IncidentGraded)
    /// A unit's GPS fix.
    case unitPinged(UnitPinged)
    /// A unit's status changed (officer's radio or phone, or the simulator).
    case unitStatusChanged(UnitStatusChanged)
    /// The recommender ranked units for an incident.
    case recommendationMade(RecommendationMade)
    /// A dispatcher sent a unit to an incident.
    case unitAssigned(UnitAssigned)
    /// A dispatcher chose a unit other than the recommended one, with a reason.
    case recommendationOverridden(RecommendationOverridden)
    /// A unit arrived at an incident.
    case unitArrived(UnitArrived)
    /// An incident was closed.
    case incidentClosed(IncidentClosed)
    /// A planner published a rule set.
    case rulesPublished(RulesPublished)

    /// When it happened.
    public var at: Timestamp {
        switch self {
        case .unitRegistered(let e): return e.at
        case .callReceived(let e): return e.at
        case .incidentGraded(let e): return e.at
        case .unitPinged(let e): return e.at
        case .unitStatusChanged(let e): return e.at
        case .recommendationMade(let e): return e.at
        case .unitAssigned(let e): return e.at
        case .recommendationOverridden(let e): return e.at
        case .unitArrived(let e): return e.at
        case .incidentClosed(let e): return e.at
        case .rulesPublished(let e): return e.at
        }
    }

    /// The event's type name, as the journal stores it.
    public var typeName: String {
        switch self {
        case .unitRegistered: return "UnitRegistered"
        case .callReceived: return "CallReceived"
        case .incidentGraded: return "IncidentGraded"
        case .unitPinged: return "UnitPinged"
        case .unitStatusChanged: return "UnitStatusChanged"
        case .recommendationMade: return "RecommendationMade"
        case .unitAssigned: return "UnitAssigned"
        case .recommendationOverridden: return "RecommendationOverridden"
        case .unitArrived: return "UnitArrived"
        case .incidentClosed: return "IncidentClosed"
        case .rulesPublished: return "RulesPublished"
        }
    }
}

public struct UnitRegistered: Sendable, Hashable, Codable {
    public var callSign: CallSign
    public var kind: UnitKind
    public var capabilities: Capabilities
    public var crew: Int
    public var homeStation: String
    public var district: String
    public var shift: Shift?
    /// Where the unit starts (its station), if known.
    public var position: LonLat?
    /// The status it starts in: available on shift, off duty otherwise.
    public var status: UnitStatus
    public var at: Timestamp

    public init(callSign: CallSign, kind: UnitKind = .responseCar, capabilities: Capabilities = [], crew: Int = 1,
                homeStation: String = "", district: String = "", shift: Shift? = nil, position: LonLat? = nil,
                status: UnitStatus = .available, at: Timestamp) {
        self.callSign = callSign
        self.kind = kind
        self.capabilities = capabilities
        self.crew = crew
        self.homeStation = homeStation
        self.district = district
        self.shift = shift
        self.position = position
        self.status = status
        self.at = at
    }
}

public struct CallReceived: Sendable, Hashable, Codable {
    public var incidentID: String
    public var type: IncidentType
    public var grade: Grade
    public var location: LonLat
    public var district: String?
    public var area: AreaKind
    /// Needs beyond what the rules give for the type (e.g. a call handler asks for a dog).
    public var extraRequirements: Requirements?
    public var at: Timestamp

    public init(incidentID: String, type: IncidentType, grade: Grade, location: LonLat, district: String? = nil,
                area: AreaKind = .urban, extraRequirements: Requirements? = nil, at: Timestamp) {
        self.incidentID = incidentID
        self.type = type
        self.grade = grade
        self.location = location
        self.district = district
        self.area = area
        self.extraRequirements = extraRequirements
        self.at = at
    }
}

public struct IncidentGraded: Sendable, Hashable, Codable {
    public var incidentID: String
    public var grade: Grade
    public var at: Timestamp
    public init(incidentID: String, grade: Grade, at: Timestamp) {
        self.incidentID = incidentID
        self.grade = grade
        self.at = at
    }
}

public struct UnitPinged: Sendable, Hashable, Codable {
    public var callSign: CallSign
    public var position: LonLat
    public var at: Timestamp
    public init(callSign: CallSign, position: LonLat, at: Timestamp) {
        self.callSign = callSign
        self.position = position
        self.at = at
    }
}

public struct UnitStatusChanged: Sendable, Hashable, Codable {
    public var callSign: CallSign
    public var status: UnitStatus
    /// When the unit expects to clear (at scene or busy), if it said.
    public var expectedClearAt: Timestamp?
    public var at: Timestamp
    public init(callSign: CallSign, status: UnitStatus, expectedClearAt: Timestamp? = nil, at: Timestamp) {
        self.callSign = callSign
        self.status = status
        self.expectedClearAt = expectedClearAt
        self.at = at
    }
}

public struct RecommendationMade: Sendable, Hashable, Codable {
    public var incidentID: String
    /// Call signs in ranked order.
    public var ranked: [CallSign]
    public var rulesVersion: String
    public var at: Timestamp
    public init(incidentID: String, ranked: [CallSign], rulesVersion: String, at: Timestamp) {
        self.incidentID = incidentID
        self.ranked = ranked
        self.rulesVersion = rulesVersion
        self.at = at
    }
}

public struct UnitAssigned: Sendable, Hashable, Codable {
    public var incidentID: String
    public var callSign: CallSign
    /// Who sent it ("recommender", a dispatcher's id, or "simulator").
    public var by: String
    public var at: Timestamp
    public init(incidentID: String, callSign: CallSign, by: String = "dispatcher", at: Timestamp) {
        self.incidentID = incidentID
        self.callSign = callSign
        self.by = by
        self.at = at
    }
}

public struct RecommendationOverridden: Sendable, Hashable, Codable {
    public var incidentID: String
    public var recommended: CallSign?
    public var chosen: CallSign
    public var reason: String
    public var by: String
    public var at: Timestamp
    public init(incidentID: String, recommended: CallSign?, chosen: CallSign, reason: String, by: String, at: Timestamp) {
        self.incidentID = incidentID
        self.recommended = recommended
        self.chosen = chosen
        self.reason = reason
        self.by = by
        self.at = at
    }
}

public struct UnitArrived: Sendable, Hashable, Codable {
    public var incidentID: String
    public var callSign: CallSign
    public var expectedClearAt: Timestamp?
    public var at: Timestamp
    public init(incidentID: String, callSign: CallSign, expectedClearAt: Timestamp? = nil, at: Timestamp) {
        self.incidentID = incidentID
        self.callSign = callSign
        self.expectedClearAt = expectedClearAt
        self.at = at
    }
}

public struct IncidentClosed: Sendable, Hashable, Codable {
    public var incidentID: String
    public var outcome: String
    public var at: Timestamp
    public init(incidentID: String, outcome: String = "resolved", at: Timestamp) {
        self.incidentID = incidentID
        self.outcome = outcome
        self.at = at
    }
}

public struct RulesPublished: Sendable, Hashable, Codable {
    public var version: String
    /// The whole rules document, so that a replay of the journal uses exactly these rules.
    public var document: String
    public var at: Timestamp
    public init(version: String, document: String, at: Timestamp) {
        self.version = version
        self.document = document
        self.at = at
    }
}
