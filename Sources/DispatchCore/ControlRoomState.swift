import GeoKit
import RoadNetwork

/// The control room at one moment: units, incidents, the spatial index of units and district
/// cover — a fold over `DispatchEvent`s (see `apply`). Decisions read it; only events change it.
public struct ControlRoomState: Sendable {
    /// Road travel times; also snaps every fix and incident to the road network as it arrives.
    public let travel: any TravelTimeService
    /// The time of the latest event applied.
    public private(set) var now: Timestamp = 0
    /// Units by dense handle (the key of the spatial index).
    public private(set) var units: [ResponseUnit] = []
    public private(set) var handleOf: [CallSign: Int32] = [:]
    public private(set) var incidents: [String: Incident] = [:]
    /// Every unit with a fix, keyed by handle, tagged with status, capabilities and crew.
    public private(set) var index: MovingPointIndex<Int32>
    public private(set) var coverage: CoverageModel
    /// The version of the last rules published through the event log.
    public private(set) var rulesVersion: String?
    /// The latest ranking given for each open incident (for audit and overrides).
    public private(set) var lastRecommendation: [String: [CallSign]] = [:]
    /// Pings dropped as duplicates or older than the unit's latest fix.
    public private(set) var ignoredPings = 0
    public private(set) var overrides = 0
    /// Whether closed incidents are kept (the live service) or dropped (long simulations).
    public let retainsClosedIncidents: Bool

    /// Creates an empty control room for a region.
    /// - Parameters:
    ///   - region: the box the spatial index is tuned for (points outside still work).
    ///   - demand: where Grade 1 demand comes from, for district cover.
    ///   - coverRadiusMetres: straight-line cover radius (`Rules.coverage.radiusMetres(forSeconds:)`).
    public init(west: Double, south: Double, east: Double, north: Double, travel: any TravelTimeService,
                demand: [DemandPoint] = [], coverRadiusMetres: Double = 7_500, cellSizeMetres: Double = 1_000,
                retainsClosedIncidents: Bool = true) {
        self.travel = travel
        self.index = MovingPointIndex(west: west, south: south, east: east, north: north, cellSizeMetres: cellSizeMetres)
        self.coverage = CoverageModel(points: demand, radiusMetres: coverRadiusMetres,
                                      west: west, south: south, east: east, north: north)
        self.retainsClosedIncidents = retainsClosedIncidents
    }

    /// A unit by call sign.
    public func unit(_ callSign: CallSign) -> ResponseUnit? {
        handleOf[callSign].map { units[Int($0)] }
    }

    /// Open incidents without a unit, most urgent first (grade, then time of call, then id).
    public var waitingIncidents: [Incident] {
        incidents.values.filter { $0.phase == .waiting && $0.grade.needsDeployment }
            .sorted { ($0.grade, $0.receivedAt, $0.id) < ($1.grade, $1.receivedAt, $1.id) }
    }

    /// The tag word the spatial index filters on: capabilities in bits 0–47, one bit per status in
    /// 48–55, crew size in 56–59.
    public static func tags(for unit: ResponseUnit) -> UInt64 {
        (unit.capabilities.rawValue & 0xFFFF_FFFF_FFFF)
            | (UInt64(1) << (48 + UInt64(statusBit(unit.status))))
            | (UInt64(min(max(unit.crew, 0), 15)) << 56)
    }

    /// The status bit of a tag word for a status.
    public static func statusMask(_ statuses: UnitStatus...) -> UInt64 {
        statuses.reduce(0) { $0 | (UInt64(1) << (48 + UInt64(statusBit($1)))) }
    }

    static func statusBit(_ status: UnitStatus) -> Int {
        switch status {
        case .available: return 0
        case .enRoute: return 1
        case .atScene: return 2
        case .busy: return 3
        case .refreshment: return 4
        case .offDuty: return 5
        }
    }

    /// Capabilities and crew read back from a tag word.
    public static func capabilities(inTags tags: UInt64) -> Capabilities { Capabilities(rawValue: tags & 0xFFFF_FFFF_FFFF) }
    public static func crew(inTags tags: UInt64) -> Int { Int((tags >> 56) & 0xF) }

    // MARK: Internal mutation helpers used by the fold.

    mutating func setUnit(_ handle: Int32, _ unit: ResponseUnit) {
        let old = units[Int(handle)]
        units[Int(handle)] = unit
        // Keep the spatial index and the cover counts in step with status and position.
        let wasCounted = old.status == .available ? old.fix?.position : nil
        let isCounted = unit.status == .available ? unit.fix?.position : nil
        if wasCounted != isCounted {
            if let p = wasCounted { coverage.remove(unitAt: p) }
            if let p = isCounted { coverage.add(unitAt: p) }
        }
        if let fix = unit.fix {
            let tags = Self.tags(for: unit)
            if old.fix?.position != fix.position || Self.tags(for: old) != tags || !index.contains(handle) {
                index.upsert(handle, at: fix.position, tags: tags)
            }
        }
    }

    mutating func appendUnit(_ unit: ResponseUnit) -> Int32 {
        let handle = Int32(units.count)
        units.append(unit)
        handleOf[unit.callSign] = handle
        return handle
    }

    mutating func setIncident(_ incident: Incident) { incidents[incident.id] = incident }
    mutating func removeIncident(_ id: String) {
        incidents.removeValue(forKey: id)
        lastRecommendation.removeValue(forKey: id)
    }
    mutating func setNow(_ t: Timestamp) { now = max(now, t) }
    mutating func noteIgnoredPing() { ignoredPings += 1 }
    mutating func noteOverride() { overrides += 1 }
    mutating func setRulesVersion(_ v: String) { rulesVersion = v }
    mutating func setLastRecommendation(_ id: String, _ ranked: [CallSign]) { lastRecommendation[id] = ranked }
    mutating func replaceCoverage(radiusMetres: Double) {
        var fresh = CoverageModel(points: coverage.points, radiusMetres: radiusMetres,
                                  west: index.west, south: index.south, east: index.east, north: index.north)
        for u in units where u.status == .available { if let p = u.fix?.position { fresh.add(unitAt: p) } }
        coverage = fresh
    }
}
