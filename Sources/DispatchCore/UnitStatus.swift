/// A unit's status, as officers set it on their radio or phone.
public enum UnitStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case available
    case enRoute = "en-route"
    case atScene = "at-scene"
    /// Committed to other work: custody, statements, a hospital watch.
    case busy
    case refreshment
    case offDuty = "off-duty"

    public var description: String { rawValue }

    /// Whether time in this status counts as committed work (for fairness).
    public var isCommitted: Bool { self == .enRoute || self == .atScene || self == .busy }

    /// The statuses a unit may move to from this one.
    public var allowedNext: Set<UnitStatus> {
        switch self {
        case .offDuty: return [.available]
        // Available units can be sent, stood down for a break, taken for other work, or go off duty.
        case .available: return [.enRoute, .refreshment, .busy, .offDuty]
        // En route: arrive, be stood down, or be diverted (stays en route to another incident).
        case .enRoute: return [.atScene, .available, .enRoute]
        // At scene: clear, or take the job on (an arrest means custody).
        case .atScene: return [.available, .busy, .enRoute]
        case .busy: return [.available, .offDuty, .enRoute]
        // A break can be interrupted for an emergency.
        case .refreshment: return [.available, .enRoute, .offDuty]
        }
    }

    /// Checks a transition, throwing a clear error when it is impossible.
    public func checkTransition(to next: UnitStatus, callSign: CallSign) throws(StatusTransitionError) {
        guard allowedNext.contains(next) else {
            throw StatusTransitionError(callSign: callSign, from: self, to: next,
                                        allowed: allowedNext.map(\.rawValue).sorted())
        }
    }
}

/// An impossible status change, e.g. off duty straight to at scene.
public struct StatusTransitionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var callSign: CallSign
    public var from: UnitStatus
    public var to: UnitStatus
    public var allowed: [String]
    public var description: String {
        "\(callSign) cannot go from \(from) to \(to); from \(from) it may go to: \(allowed.joined(separator: ", "))"
    }
}
