import Foundation
import GeoKit
import DispatchCore
import RoadNetwork

/// A simulation scenario as a planner writes it (see `Simulations/*.yaml`): where, who is on duty,
/// what calls come in, which rules decide, and the seed.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    /// The region pack folder.
    public var pack: URL
    /// The rules document.
    public var rules: URL
    public var seed: UInt64
    public var durationSeconds: Double
    /// Day of the week the run starts on (0 = Monday … 6 = Sunday), for weekly demand profiles.
    public var startWeekday: Int
    /// The shifts of the rota; every shift is covered every day (a 2-2-2 rota with five reliefs).
    public var shifts: [ShiftSpec]
    public var fleet: [FleetGroup]
    public var demand: DemandSpec
    /// A replay file of calls, used instead of the generator when set.
    public var replay: URL?
    public var behaviour: Behaviour

    public init(name: String, description: String = "", pack: URL, rules: URL, seed: UInt64, durationSeconds: Double,
                startWeekday: Int = 2, shifts: [ShiftSpec] = ShiftSpec.twoTwoTwo, fleet: [FleetGroup],
                demand: DemandSpec = DemandSpec(), replay: URL? = nil, behaviour: Behaviour = Behaviour()) {
        self.name = name
        self.description = description
        self.pack = pack
        self.rules = rules
        self.seed = seed
        self.durationSeconds = durationSeconds
        self.startWeekday = startWeekday
        self.shifts = shifts
        self.fleet = fleet
        self.demand = demand
        self.replay = replay
        self.behaviour = behaviour
    }
}

/// One shift of the rota.
public struct ShiftSpec: Sendable, Hashable {
    public var name: String
    /// Start, seconds after midnight.
    public var start: Double
    public var length: Double

    public init(name: String, start: Double, length: Double) {
        self.name = name
        self.start = start
        self.length = length
    }

    /// Earlies, lates and nights of eight hours: a 2-2-2 rota covers each of them every day.
    public static let twoTwoTwo = [
        ShiftSpec(name: "early", start: 7 * 3600, length: 8 * 3600),
        ShiftSpec(name: "late", start: 15 * 3600, length: 8 * 3600),
        ShiftSpec(name: "night", start: 23 * 3600, length: 8 * 3600),
    ]
}

/// A group of like units: so many per shift, with one kind, crew and kit.
public struct FleetGroup: Sendable, Hashable {
    public var name: String
    /// Call-sign prefix; call signs are prefix + shift letter + number, e.g. `RE014`.
    public var prefix: String
    public var kind: UnitKind
    public var perShift: Int
    public var crew: Int
    public var capabilities: Capabilities
    /// Stations the group works from (ids); empty means every station in the pack.
    public var stations: [String]

    public init(name: String, prefix: String, kind: UnitKind = .responseCar, perShift: Int, crew: Int = 2,
                capabilities: Capabilities = [], stations: [String] = []) {
        self.name = name
        self.prefix = prefix
        self.kind = kind
        self.perShift = perShift
        self.crew = crew
        self.capabilities = capabilities
        self.stations = stations
    }
}

/// The call generator's settings: a non-homogeneous Poisson process with hour-of-day and
/// day-of-week profiles, a grade and type mix, and locations from the pack's hot spots.
public struct DemandSpec: Sendable, Hashable {
    public var callsPerDay: Double
    /// 24 relative weights, hour 0 first.
    public var hourly: [Double]
    /// 7 relative weights, Monday first.
    public var weekly: [Double]
    /// Share of calls per grade (1…4).
    public var grades: [Grade: Double]
    /// Incident types per grade with relative weights.
    public var types: [Grade: [WeightedType]]
    /// Share of calls placed around hot spots; the rest anywhere in the region.
    public var hotSpotShare: Double
    /// On-scene time per incident type (lognormal), and the default.
    public var onScene: [IncidentType: OnScene]
    public var defaultOnScene: OnScene
    /// Share of attended incidents that keep the unit busy afterwards (an arrest and custody,
    /// statements, a hospital), and how long that takes (lognormal).
    public var followUpShare: Double
    public var followUp: OnScene
    /// Call handling before a unit can be sent (taking the call, grading it), by grade (lognormal).
    public var handling: [Grade: OnScene]

    public init(callsPerDay: Double = 2_000, hourly: [Double] = DemandSpec.metropolitanHourly,
                weekly: [Double] = DemandSpec.metropolitanWeekly, grades: [Grade: Double] = DemandSpec.metropolitanGrades,
                types: [Grade: [WeightedType]] = DemandSpec.metropolitanTypes, hotSpotShare: Double = 0.75,
                onScene: [IncidentType: OnScene] = DemandSpec.metropolitanOnScene,
                defaultOnScene: OnScene = OnScene(medianSeconds: 40 * 60, sigma: 0.6),
                followUpShare: Double = 0.25, followUp: OnScene = OnScene(medianSeconds: 75 * 60, sigma: 0.6),
                handling: [Grade: OnScene] = DemandSpec.metropolitanHandling) {
        self.callsPerDay = callsPerDay
        self.hourly = hourly
        self.weekly = weekly
        self.grades = grades
        self.types = types
        self.hotSpotShare = hotSpotShare
        self.onScene = onScene
        self.defaultOnScene = defaultOnScene
        self.followUpShare = followUpShare
        self.followUp = followUp
        self.handling = handling
    }

    /// Call handling: an emergency is passed to dispatch within a minute or two; lower grades
    /// take longer to assess.
    public static let metropolitanHandling: [Grade: OnScene] = [
        .emergency: OnScene(medianSeconds: 75, sigma: 0.4),
        .priority: OnScene(medianSeconds: 180, sigma: 0.5),
        .scheduled: OnScene(medianSeconds: 420, sigma: 0.6),
    ]

    /// An incident type with its relative weight.
    public struct WeightedType: Sendable, Hashable {
        public var type: IncidentType
        public var weight: Double
        public init(_ type: IncidentType, _ weight: Double) {
            self.type = type
            self.weight = weight
        }
    }

    /// Lognormal on-scene time.
    public struct OnScene: Sendable, Hashable {
        public var medianSeconds: Double
        public var sigma: Double
        public init(medianSeconds: Double, sigma: Double) {
            self.medianSeconds = medianSeconds
            self.sigma = sigma
        }
    }

    /// Calls by hour of day for a large urban force: quiet before dawn, a rise through the day,
    /// a peak in the evening (relative weights).
    public static let metropolitanHourly: [Double] = [
        3.6, 3.0, 2.5, 2.0, 1.7, 1.6, 1.9, 2.6, 3.4, 4.0, 4.3, 4.5,
        4.7, 4.8, 4.9, 5.1, 5.4, 5.6, 5.6, 5.5, 5.3, 5.0, 4.6, 4.2,
    ]
    /// Calls by day of week, Monday first: Friday and Saturday busiest.
    public static let metropolitanWeekly: [Double] = [0.97, 0.95, 0.96, 0.98, 1.06, 1.10, 0.98]
    /// Grade mix of emergency and priority demand.
    public static let metropolitanGrades: [Grade: Double] = [.emergency: 0.18, .priority: 0.42, .scheduled: 0.28, .resolvedWithoutDeployment: 0.12]
    public static let metropolitanTypes: [Grade: [WeightedType]] = [
        .emergency: [WeightedType("violence-in-progress", 0.34), WeightedType("burglary-in-progress", 0.16), WeightedType("rta-injury", 0.17),
                     WeightedType("concern-for-welfare", 0.25), WeightedType("suspect-search", 0.05), WeightedType("firearms", 0.03)],
        .priority: [WeightedType("domestic-abuse", 0.30), WeightedType("concern-for-welfare", 0.22), WeightedType("mental-health", 0.14),
                    WeightedType("missing-person", 0.10), WeightedType("anti-social-behaviour", 0.16), WeightedType("traffic-offence", 0.08)],
        .scheduled: [WeightedType("theft", 0.35), WeightedType("burglary-report", 0.30), WeightedType("criminal-damage", 0.20), WeightedType("anti-social-behaviour", 0.15)],
        .resolvedWithoutDeployment: [WeightedType("advice", 1.0)],
    ]
    public static let metropolitanOnScene: [IncidentType: OnScene] = [
        "violence-in-progress": OnScene(medianSeconds: 75 * 60, sigma: 0.6),
        "domestic-abuse": OnScene(medianSeconds: 90 * 60, sigma: 0.5),
        "firearms": OnScene(medianSeconds: 120 * 60, sigma: 0.5),
        "rta-injury": OnScene(medianSeconds: 70 * 60, sigma: 0.5),
        "missing-person": OnScene(medianSeconds: 80 * 60, sigma: 0.7),
        "theft": OnScene(medianSeconds: 35 * 60, sigma: 0.5),
        "burglary-report": OnScene(medianSeconds: 50 * 60, sigma: 0.5),
        "anti-social-behaviour": OnScene(medianSeconds: 30 * 60, sigma: 0.6),
    ]
}

/// How units behave between calls.
public struct Behaviour: Sendable, Hashable {
    public enum AfterClearing: String, Sendable, Hashable {
        /// Drive back to the home station (available all the way, at the scene until they arrive).
        case returnToStation = "return-to-station"
        /// Resume patrol where the job ended.
        case stay
    }
    public var afterClearing: AfterClearing
    /// A refreshment break this long after this much of the shift (if free then, else when next free).
    public var refreshmentAfter: Double
    public var refreshmentLength: Double
    /// How often idle units' phones report their position.
    public var heartbeatSeconds: Double

    public init(afterClearing: AfterClearing = .returnToStation, refreshmentAfter: Double = 4 * 3600,
                refreshmentLength: Double = 45 * 60, heartbeatSeconds: Double = 120) {
        self.afterClearing = afterClearing
        self.refreshmentAfter = refreshmentAfter
        self.refreshmentLength = refreshmentLength
        self.heartbeatSeconds = heartbeatSeconds
    }
}
