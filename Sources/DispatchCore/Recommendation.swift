import RoadNetwork

/// A ranked, explained answer to "which unit should go to this incident?".
public struct Recommendation: Sendable, Hashable, Codable {
    public var incidentID: String
    public var grade: Grade
    public var madeAt: Timestamp
    public var rulesVersion: String
    /// Emergency (blue lights) or normal speeds.
    public var profile: SpeedProfile
    public var requirements: Requirements
    /// The attendance target for the incident, seconds from the call (nil for Grade 4).
    public var targetSeconds: Double?
    /// Time left to the target when the recommendation was made (negative once past it).
    public var remainingSeconds: Double?
    /// Best first.
    public var ranked: [RankedUnit]
    /// How many units were scored.
    public var scored: Int
    /// Units nearer than the ranked ones that were left out, by reason.
    public var passedOver: ExclusionCounts
    /// Set when no unit is suitable: why, and the next best options.
    public var noSuitableUnit: NoSuitableUnit?

    /// The top-ranked unit, if any.
    public var best: RankedUnit? { ranked.first }
}

/// One unit in a recommendation, with its costs and the reasons for its place.
public struct RankedUnit: Sendable, Hashable, Codable {
    public var rank: Int
    public var callSign: CallSign
    public var district: String
    /// The unit's status now: available, refreshment, or committed to a job it would be taken from.
    public var status: UnitStatus
    public var etaSeconds: Double
    public var straightLineMetres: Double
    /// Total cost under the rules (lower is better), and its parts.
    public var cost: Double
    public var costs: CostBreakdown
    /// Seconds to spare before the target (negative: arrives late).
    public var marginSeconds: Double?
    /// Its district's Grade 1 cover now and if it goes (0…1).
    public var coverBefore: Double?
    public var coverAfter: Double?
    /// The incident it would be taken from, for a diversion.
    public var divertedFrom: String?
    public var crossesBorder: Bool
    public var fixAgeSeconds: Double?
    /// Plain-language reasons, one per line.
    public var explanation: [String]
}

/// The parts of a candidate's cost, each in minutes-equivalent as the rules weigh them.
public struct CostBreakdown: Sendable, Hashable, Codable {
    public var travel: Double = 0
    public var lateness: Double = 0
    public var workload: Double = 0
    public var cover: Double = 0
    public var diversion: Double = 0
    public var crossBorder: Double = 0

    public init() {}

    public var total: Double { travel + lateness + workload + cover + diversion + crossBorder }
}

/// Counts of units left out, by reason.
public struct ExclusionCounts: Sendable, Hashable, Codable {
    public var offDuty = 0
    /// En route, at scene or busy, and not divertible under the rules.
    public var committed = 0
    public var refreshment = 0
    public var noFix = 0
    public var staleFix = 0
    public var missingCapability = 0
    public var crewTooSmall = 0
    /// Beyond the straight-line search radius.
    public var tooFar = 0
    public var unreachable = 0
    /// From another district and beyond the cross-border limit.
    public var crossBorder = 0

    public init() {}

    public var total: Int {
        offDuty + committed + refreshment + noFix + staleFix + missingCapability + crewTooSmall + tooFar
            + unreachable + crossBorder
    }

    /// Non-zero counts as "3 lack the capability, 2 have stale GPS…".
    public var summary: String {
        let parts: [(Int, String)] = [
            (offDuty, "off duty"), (committed, "committed to other jobs"), (refreshment, "on refreshment"),
            (noFix, "without a GPS fix"), (staleFix, "with a stale GPS fix"),
            (missingCapability, "lacking a required capability"), (crewTooSmall, "with too small a crew"),
            (tooFar, "beyond the search radius"), (unreachable, "unreachable by road"),
            (crossBorder, "across the district border beyond the limit"),
        ]
        let text = parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return text.isEmpty ? "none" : text.joined(separator: ", ")
    }
}

/// Why no unit can be recommended, and what could be done instead.
public struct NoSuitableUnit: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        case noUnitsOnDuty = "no-units-on-duty"
        case noneAvailable = "none-available"
        case noneWithCapability = "none-with-capability"
        case allStale = "all-stale-gps"
        case allTooFar = "all-too-far"
    }
    public var reason: Reason
    /// One sentence for the dispatcher.
    public var summary: String
    /// Every unit on the roster, by why it cannot go.
    public var excluded: ExclusionCounts
    /// Next best options, best first.
    public var options: [NextBestOption]
}

/// Something a dispatcher could do when no unit is suitable now.
public struct NextBestOption: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Take a unit off a lower-grade job.
        case divert
        /// Wait for a unit about to clear.
        case waitForClearing = "wait-for-clearing"
        /// Send a unit from another district beyond the usual limit.
        case crossBorder = "cross-border"
        /// A unit that lacks something the incident needs (for a supervisor's judgement).
        case partialMatch = "partial-match"
    }
    public var kind: Kind
    public var callSign: CallSign
    /// When it could arrive, seconds from now.
    public var etaSeconds: Double
    public var detail: String
}

/// Formats seconds as "6 min 12 s", "45 s", "1 h 5 min".
public func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "never" }
    let s = Int(abs(seconds).rounded())
    let sign = seconds < 0 ? "-" : ""
    if s < 60 { return "\(sign)\(s) s" }
    if s < 3600 { return s % 60 == 0 ? "\(sign)\(s / 60) min" : "\(sign)\(s / 60) min \(s % 60) s" }
    let m = (s % 3600) / 60
    return m == 0 ? "\(sign)\(s / 3600) h" : "\(sign)\(s / 3600) h \(m) min"
}
