/// The machine-readable result of one simulation run. Everything in it is a function of the
/// scenario, the rules and the seed — no wall-clock figures — so the same seed gives
/// byte-identical JSON (`jsonData()`).
public struct SimulationReport: Sendable, Hashable, Codable {
    public var scenario: String
    public var packName: String
    public var rulesVersion: String
    public var seed: UInt64
    /// Simulated seconds, from 0.
    public var durationSeconds: Double
    public var calls: Int
    /// Calls still waiting or on their way when the run ended.
    public var unfinished: Int
    public var grades: [GradeSummary]
    public var districts: [DistrictSummary]
    public var fleet: FleetSummary
    /// By hour of day (0–23), over all simulated days.
    public var hourly: [HourSummary]
    /// Units busy and queue length through the run, at a fixed interval.
    public var timeline: [TimelinePoint]
    /// Response-time histograms per deployed grade (one-minute bins).
    public var histograms: [ResponseHistogram]
    /// A sample of incidents for the map (at most a few thousand, chosen deterministically).
    public var incidentSample: [IncidentPoint]
    public var decisions: DecisionSummary

    public init(scenario: String, packName: String, rulesVersion: String, seed: UInt64, durationSeconds: Double,
                calls: Int, unfinished: Int, grades: [GradeSummary], districts: [DistrictSummary], fleet: FleetSummary,
                hourly: [HourSummary], timeline: [TimelinePoint], histograms: [ResponseHistogram],
                incidentSample: [IncidentPoint], decisions: DecisionSummary) {
        self.scenario = scenario
        self.packName = packName
        self.rulesVersion = rulesVersion
        self.seed = seed
        self.durationSeconds = durationSeconds
        self.calls = calls
        self.unfinished = unfinished
        self.grades = grades
        self.districts = districts
        self.fleet = fleet
        self.hourly = hourly
        self.timeline = timeline
        self.histograms = histograms
        self.incidentSample = incidentSample
        self.decisions = decisions
    }
}

/// Response times for one grade. Response time = first unit on scene − call received.
public struct GradeSummary: Sendable, Hashable, Codable {
    public var grade: Int
    public var calls: Int
    /// Incidents a unit reached within the run.
    public var attended: Int
    /// Target in seconds (Grade 1: the urban target; rural incidents are judged on theirs).
    public var targetSeconds: Double?
    public var medianSeconds: Double?
    public var p90Seconds: Double?
    public var meanSeconds: Double?
    /// Share of attended incidents reached within their target (0…1).
    public var shareWithinTarget: Double?
    /// Mean time from call to dispatch (seconds waiting for a unit).
    public var meanQueueSeconds: Double?
    /// Share of calls that waited for a unit at all.
    public var shareQueued: Double?

    public init(grade: Int, calls: Int, attended: Int, targetSeconds: Double?, medianSeconds: Double?, p90Seconds: Double?,
                meanSeconds: Double?, shareWithinTarget: Double?, meanQueueSeconds: Double?, shareQueued: Double?) {
        self.grade = grade
        self.calls = calls
        self.attended = attended
        self.targetSeconds = targetSeconds
        self.medianSeconds = medianSeconds
        self.p90Seconds = p90Seconds
        self.meanSeconds = meanSeconds
        self.shareWithinTarget = shareWithinTarget
        self.meanQueueSeconds = meanQueueSeconds
        self.shareQueued = shareQueued
    }
}

/// Grade 1 and overall figures for one district.
public struct DistrictSummary: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var calls: Int
    public var grade1Calls: Int
    public var grade1MedianSeconds: Double?
    public var grade1ShareWithinTarget: Double?
    public var grade2ShareWithinTarget: Double?

    public init(code: String, name: String, calls: Int, grade1Calls: Int, grade1MedianSeconds: Double?,
                grade1ShareWithinTarget: Double?, grade2ShareWithinTarget: Double?) {
        self.code = code
        self.name = name
        self.calls = calls
        self.grade1Calls = grade1Calls
        self.grade1MedianSeconds = grade1MedianSeconds
        self.grade1ShareWithinTarget = grade1ShareWithinTarget
        self.grade2ShareWithinTarget = grade2ShareWithinTarget
    }
}

/// How hard the fleet worked.
public struct FleetSummary: Sendable, Hashable, Codable {
    public struct Group: Sendable, Hashable, Codable {
        public var name: String
        public var units: Int
        /// Committed time (en route, at scene, busy) / time on duty.
        public var utilisation: Double
        public var dispatches: Int
        public init(name: String, units: Int, utilisation: Double, dispatches: Int) {
            self.name = name
            self.units = units
            self.utilisation = utilisation
            self.dispatches = dispatches
        }
    }
    /// Distinct units (call signs) that served at some point.
    public var units: Int
    public var utilisation: Double
    public var groups: [Group]
    public var refreshmentBreaks: Int

    public init(units: Int, utilisation: Double, groups: [Group], refreshmentBreaks: Int) {
        self.units = units
        self.utilisation = utilisation
        self.groups = groups
        self.refreshmentBreaks = refreshmentBreaks
    }
}

/// One hour of the day.
public struct HourSummary: Sendable, Hashable, Codable {
    public var hour: Int
    public var calls: Int
    public var grade1ShareWithinTarget: Double?
    public var grade2ShareWithinTarget: Double?
    public init(hour: Int, calls: Int, grade1ShareWithinTarget: Double?, grade2ShareWithinTarget: Double?) {
        self.hour = hour
        self.calls = calls
        self.grade1ShareWithinTarget = grade1ShareWithinTarget
        self.grade2ShareWithinTarget = grade2ShareWithinTarget
    }
}

/// The fleet and the queue at one moment.
public struct TimelinePoint: Sendable, Hashable, Codable {
    public var t: Double
    public var onDuty: Int
    public var busy: Int
    public var queued: Int
    public init(t: Double, onDuty: Int, busy: Int, queued: Int) {
        self.t = t
        self.onDuty = onDuty
        self.busy = busy
        self.queued = queued
    }
}

/// Counts of response times in one-minute bins; the last bin holds everything beyond.
public struct ResponseHistogram: Sendable, Hashable, Codable {
    public var grade: Int
    public var binMinutes: Double
    public var counts: [Int]
    public init(grade: Int, binMinutes: Double, counts: [Int]) {
        self.grade = grade
        self.binMinutes = binMinutes
        self.counts = counts
    }
}

/// An incident on the report's map.
public struct IncidentPoint: Sendable, Hashable, Codable {
    public var lon: Double
    public var lat: Double
    public var grade: Int
    /// Nil when no unit arrived within the run.
    public var responseSeconds: Double?
    public var withinTarget: Bool?
    public init(lon: Double, lat: Double, grade: Int, responseSeconds: Double?, withinTarget: Bool?) {
        self.lon = lon
        self.lat = lat
        self.grade = grade
        self.responseSeconds = responseSeconds
        self.withinTarget = withinTarget
    }
}

/// What the decision code did.
public struct DecisionSummary: Sendable, Hashable, Codable {
    public var recommendations: Int
    public var dispatches: Int
    public var diversions: Int
    public var crossBorderDispatches: Int
    /// Recommendations that found no suitable unit (the incident waited).
    public var noSuitableUnit: Int
    public init(recommendations: Int, dispatches: Int, diversions: Int, crossBorderDispatches: Int, noSuitableUnit: Int) {
        self.recommendations = recommendations
        self.dispatches = dispatches
        self.diversions = diversions
        self.crossBorderDispatches = crossBorderDispatches
        self.noSuitableUnit = noSuitableUnit
    }
}
