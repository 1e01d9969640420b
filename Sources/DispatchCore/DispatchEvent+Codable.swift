/// Events encode as `{"type": "CallReceived", "data": {…}}`, the shape the journal stores.
extension DispatchEvent: Codable {
    private enum CodingKeys: String, CodingKey { case type, data }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "UnitRegistered": self = .unitRegistered(try c.decode(UnitRegistered.self, forKey: .data))
        case "CallReceived": self = .callReceived(try c.decode(CallReceived.self, forKey: .data))
        case "IncidentGraded": self = .incidentGraded(try c.decode(IncidentGraded.self, forKey: .data))
        case "UnitPinged": self = .unitPinged(try c.decode(UnitPinged.self, forKey: .data))
        case "UnitStatusChanged": self = .unitStatusChanged(try c.decode(UnitStatusChanged.self, forKey: .data))
        case "RecommendationMade": self = .recommendationMade(try c.decode(RecommendationMade.self, forKey: .data))
        case "UnitAssigned": self = .unitAssigned(try c.decode(UnitAssigned.self, forKey: .data))
        case "RecommendationOverridden":
            self = .recommendationOverridden(try c.decode(RecommendationOverridden.self, forKey: .data))
        case "UnitArrived": self = .unitArrived(try c.decode(UnitArrived.self, forKey: .data))
        case "IncidentClosed": self = .incidentClosed(try c.decode(IncidentClosed.self, forKey: .data))
        case "RulesPublished": self = .rulesPublished(try c.decode(RulesPublished.self, forKey: .data))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown event type '\(type)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(typeName, forKey: .type)
        switch self {
        case .unitRegistered(let e): try c.encode(e, forKey: .data)
        case .callReceived(let e): try c.encode(e, forKey: .data)
        case .incidentGraded(let e): try c.encode(e, forKey: .data)
        case .unitPinged(let e): try c.encode(e, forKey: .data)
        case .unitStatusChanged(let e): try c.encode(e, forKey: .data)
        case .recommendationMade(let e): try c.encode(e, forKey: .data)
        case .unitAssigned(let e): try c.encode(e, forKey: .data)
        case .recommendationOverridden(let e): try c.encode(e, forKey: .data)
        case .unitArrived(let e): try c.encode(e, forKey: .data)
        case .incidentClosed(let e): try c.encode(e, forKey: .data)
        case .rulesPublished(let e): try c.encode(e, forKey: .data)
        }
    }
}
