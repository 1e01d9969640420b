import RoadNetwork

/// The allocation rules a planner publishes: targets, what each incident type needs, and how the
/// recommender weighs travel time, lateness, workload and district cover.
///
/// A `Rules` value is immutable once built; the live service and the simulator both take it as an
/// argument to every decision, so a rule set's effect can be replayed exactly.
public struct Rules: Sendable, Hashable {
    /// Planner-given version label, recorded with every recommendation.
    public var version: String
    public var name: String
    public var targets: Targets
    /// Grades that travel at emergency (blue-light) speeds.
    public var blueLightGrades: Set<Grade>
    public var incidentTypes: [IncidentType: IncidentTypeRule]
    public var weights: Weights
    public var diversion: Diversion
    public var crossBorder: CrossBorder
    /// A GPS fix older than this is not trusted: the unit is skipped and the reason given.
    public var staleFixSeconds: Double
    public var candidates: CandidateSearch
    public var coverage: CoverageRule

    public init(version: String = "builtin", name: String = "BlueLamp default rules",
                targets: Targets = Targets(), blueLightGrades: Set<Grade> = [.emergency],
                incidentTypes: [IncidentType: IncidentTypeRule] = Rules.defaultIncidentTypes,
                weights: Weights = Weights(), diversion: Diversion = Diversion(),
                crossBorder: CrossBorder = CrossBorder(), staleFixSeconds: Double = 300,
                candidates: CandidateSearch = CandidateSearch(), coverage: CoverageRule = CoverageRule()) {
        self.version = version
        self.name = name
        self.targets = targets
        self.blueLightGrades = blueLightGrades
        self.incidentTypes = incidentTypes
        self.weights = weights
        self.diversion = diversion
        self.crossBorder = crossBorder
        self.staleFixSeconds = staleFixSeconds
        self.candidates = candidates
        self.coverage = coverage
    }

    /// Attendance targets in seconds from the call.
    public struct Targets: Sendable, Hashable {
        public var grade1Urban: Double
        public var grade1Rural: Double
        public var grade2: Double
        public var grade3: Double

        public init(grade1Urban: Double = 15 * 60, grade1Rural: Double = 20 * 60,
                    grade2: Double = 60 * 60, grade3: Double = 48 * 3600) {
            self.grade1Urban = grade1Urban
            self.grade1Rural = grade1Rural
            self.grade2 = grade2
            self.grade3 = grade3
        }

        /// The target for a grade in an area (suburbs take the urban target); nil for Grade 4,
        /// which has no attendance.
        public func seconds(for grade: Grade, area: AreaKind) -> Double? {
            switch grade {
            case .emergency: return area == .rural ? grade1Rural : grade1Urban
            case .priority: return grade2
            case .scheduled: return grade3
            case .resolvedWithoutDeployment: return nil
            }
        }
    }

    /// What an incident type needs and how it is usually graded.
    public struct IncidentTypeRule: Sendable, Hashable {
        public var defaultGrade: Grade
        public var requirements: Requirements
        public init(defaultGrade: Grade, requirements: Requirements = Requirements()) {
            self.defaultGrade = defaultGrade
            self.requirements = requirements
        }
    }

    /// How the parts of a candidate's cost are weighed (all costs are "minutes-equivalent").
    public struct Weights: Sendable, Hashable {
        /// Cost per minute of travel time.
        public var travel: Double
        /// Extra cost per minute of arriving after the target.
        public var lateness: Double
        /// Cost per hour the unit has already been committed this shift (spreads the work).
        public var workload: Double
        /// Cost per percentage point of its district's Grade 1 cover the unit takes away by going.
        public var cover: Double
        /// Cost of taking a unit off a lower-grade job.
        public var diversion: Double
        /// Cost of sending a unit from another district.
        public var crossBorder: Double

        public init(travel: Double = 1, lateness: Double = 4, workload: Double = 0.5, cover: Double = 0.3,
                    diversion: Double = 10, crossBorder: Double = 2) {
            self.travel = travel
            self.lateness = lateness
            self.workload = workload
            self.cover = cover
            self.diversion = diversion
            self.crossBorder = crossBorder
        }
    }

    /// Whether units may be taken off lower-grade jobs for more urgent ones.
    public struct Diversion: Sendable, Hashable {
        public var allowed: Bool
        /// Grades of the job a unit may be taken from.
        public var fromGrades: Set<Grade>
        /// Grades of incidents that may take a unit from another job.
        public var toGrades: Set<Grade>
        /// Whether an emergency may interrupt a refreshment break.
        public var interruptRefreshment: Bool

        public init(allowed: Bool = true, fromGrades: Set<Grade> = [.scheduled, .resolvedWithoutDeployment],
                    toGrades: Set<Grade> = [.emergency], interruptRefreshment: Bool = true) {
            self.allowed = allowed
            self.fromGrades = fromGrades
            self.toGrades = toGrades
            self.interruptRefreshment = interruptRefreshment
        }
    }

    /// How far across district borders to look.
    public struct CrossBorder: Sendable, Hashable {
        public var allowed: Bool
        /// A unit from another district is a candidate only if it can arrive within this many seconds.
        public var maxEtaSeconds: Double
        public init(allowed: Bool = true, maxEtaSeconds: Double = 30 * 60) {
            self.allowed = allowed
            self.maxEtaSeconds = maxEtaSeconds
        }
    }

    /// How many units the spatial index hands to the road router per incident.
    public struct CandidateSearch: Sendable, Hashable {
        /// The nearest this many suitable units (straight line) get road ETAs.
        public var nearest: Int
        /// Units further than this in a straight line are not considered.
        public var maxStraightLineMetres: Double
        public init(nearest: Int = 40, maxStraightLineMetres: Double = 40_000) {
            self.nearest = nearest
            self.maxStraightLineMetres = maxStraightLineMetres
        }
    }

    /// How district cover is measured.
    public struct CoverageRule: Sendable, Hashable {
        /// Average road speed (km/h) used to turn the Grade 1 target into a cover radius.
        public var coverSpeedKmh: Double
        /// Road distance is this many times the straight line, on average.
        public var circuity: Double
        /// Suggest move-ups when a district's cover falls below this share.
        public var moveUpBelow: Double
        public init(coverSpeedKmh: Double = 40, circuity: Double = 1.35, moveUpBelow: Double = 0.8) {
            self.coverSpeedKmh = coverSpeedKmh
            self.circuity = circuity
            self.moveUpBelow = moveUpBelow
        }

        /// Straight-line radius reachable within `seconds` under this rule.
        public func radiusMetres(forSeconds seconds: Double) -> Double {
            seconds * coverSpeedKmh / 3.6 / circuity
        }
    }

    /// Requirements for an incident type; types the rules do not list need one officer, no kit.
    public func requirements(for type: IncidentType) -> Requirements {
        incidentTypes[type]?.requirements ?? Requirements()
    }

    /// The speed profile a unit drives at for this grade.
    public func usesBlueLights(_ grade: Grade) -> Bool { blueLightGrades.contains(grade) }

    /// Incident types a large metropolitan force meets daily, with typical needs.
    public static let defaultIncidentTypes: [IncidentType: IncidentTypeRule] = [
        "firearms": IncidentTypeRule(defaultGrade: .emergency, requirements: Requirements(capabilities: .armed, minimumCrew: 2)),
        "violence-in-progress": IncidentTypeRule(defaultGrade: .emergency, requirements: Requirements(minimumCrew: 2)),
        "domestic-abuse": IncidentTypeRule(defaultGrade: .priority, requirements: Requirements(minimumCrew: 2)),
        "burglary-in-progress": IncidentTypeRule(defaultGrade: .emergency),
        "rta-injury": IncidentTypeRule(defaultGrade: .emergency),
        "concern-for-welfare": IncidentTypeRule(defaultGrade: .priority),
        "mental-health": IncidentTypeRule(defaultGrade: .priority),
        "missing-person": IncidentTypeRule(defaultGrade: .priority),
        "suspect-search": IncidentTypeRule(defaultGrade: .emergency, requirements: Requirements(capabilities: .dog)),
        "anti-social-behaviour": IncidentTypeRule(defaultGrade: .scheduled),
        "theft": IncidentTypeRule(defaultGrade: .scheduled),
        "burglary-report": IncidentTypeRule(defaultGrade: .scheduled),
        "criminal-damage": IncidentTypeRule(defaultGrade: .scheduled),
        "traffic-offence": IncidentTypeRule(defaultGrade: .priority, requirements: Requirements(capabilities: .roadsPolicing)),
        "advice": IncidentTypeRule(defaultGrade: .resolvedWithoutDeployment),
    ]
}
