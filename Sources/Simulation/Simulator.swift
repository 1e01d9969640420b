import Foundation
import GeoKit
import DispatchCore
import RoadNetwork

/// Switches for a run beyond the scenario itself.
public struct SimulationOptions: Sendable {
    public var policy: DispatchPolicy
    /// Zero travel times (queueing validation: service is all on scene).
    public var travelOff: Bool
    /// How often the fleet and the queue are sampled for the timeline.
    public var sampleSeconds: Double
    /// At most this many incidents on the report's map.
    public var mapSampleLimit: Int
    /// Called with the share of simulated time done, about a hundred times per run.
    public var progress: (@Sendable (Double) -> Void)?

    public init(policy: DispatchPolicy, travelOff: Bool = false, sampleSeconds: Double = 600, mapSampleLimit: Int = 3_000,
                progress: (@Sendable (Double) -> Void)? = nil) {
        self.policy = policy
        self.travelOff = travelOff
        self.sampleSeconds = sampleSeconds
        self.mapSampleLimit = mapSampleLimit
        self.progress = progress
    }
}

/// What happened to each call and unit, beyond the report: for validation against queueing theory.
public struct SimulationOutcome: Sendable {
    /// Seconds from call to first dispatch (nil if never dispatched; 0 for Grade 4).
    public var waits: [Double?]
    /// Seconds from call to first arrival.
    public var responses: [Double?]
    /// Per roster unit: seconds committed and seconds on duty.
    public var committedSeconds: [Double]
    public var onDutySeconds: [Double]
    /// Dispatch counts per (zone, roster unit) for calls that have a zone.
    public var zoneDispatches: [[Int]]
    public var eventsProcessed: Int
}

/// The discrete-event simulator: calls and shifts on a virtual clock, every decision taken by the
/// same `DispatchCore` code as the live service (`Recommender` under the rules), every change
/// applied to a `ControlRoomState` through the same events.
public struct Simulator {
    public let setup: SimulationSetup
    public let options: SimulationOptions

    public init(setup: SimulationSetup, options: SimulationOptions) {
        self.setup = setup
        self.options = options
    }

    /// Runs the scenario to its end and reports.
    public func run() -> (report: SimulationReport, outcome: SimulationOutcome) {
        var engine = Engine(setup: setup, options: options)
        engine.run()
        return (engine.report(), engine.outcome())
    }
}

/// The mutable machinery of one run.
struct Engine {
    enum Kind {
        case call(Int)
        case ready(Int)
        case arrive(unit: Int, token: Int)
        case clear(unit: Int, token: Int)
        case shiftStart(unit: Int, end: Double)
        case shiftEnd(unit: Int)
        case breakStart(unit: Int)
        case breakEnd(unit: Int, token: Int)
        case atBase(unit: Int, token: Int)
        case followUpEnd(unit: Int, token: Int)
        case heartbeat
        case sample
    }

    /// Per call: what became of it.
    struct CallRecord {
        var district: String?
        var area: AreaKind
        var target: Double?
        var dispatchedAt: Double?
        var arrivedAt: Double?
        var unit: Int?
    }

    /// Per roster unit: the simulator's side of its day.
    struct UnitRecord {
        var token = 0
        var onDuty = false
        var shiftEnd = 0.0
        var endPending = false
        var breakDue = false
        var dutyStart = 0.0
        var call: Int?
        var committed = 0.0
        var onDutyTotal = 0.0
        var dispatches = 0
    }

    let setup: SimulationSetup
    let options: SimulationOptions
    let rules: Rules
    let recommender: Recommender?
    let preferences: [[Int]]
    let travel: any TravelTimeService
    var state: ControlRoomState
    var queue = EventQueue<Kind>()
    var now = 0.0
    var calls: [CallRecord]
    var units: [UnitRecord]
    let rosterIndex: [CallSign: Int]
    /// Waiting calls (rules policy), most urgent first.
    var waiting: [Int] = []
    /// Waiting calls (fixed preference), first come first served.
    var fifo: [Int] = []
    var fifoHead = 0
    var timeline: [TimelinePoint] = []
    var recommendations = 0, dispatches = 0, diversions = 0, crossBorder = 0, noSuitable = 0, breaks = 0
    var zoneDispatches: [[Int]]
    var events = 0

    init(setup: SimulationSetup, options: SimulationOptions) {
        self.setup = setup
        self.options = options
        switch options.policy {
        case .rules(let r):
            rules = r
            recommender = Recommender(rules: r)
            preferences = []
        case .fixedPreference(let p):
            rules = Rules()
            recommender = nil
            preferences = p
        }
        travel = options.travelOff ? ZeroTravel() as any TravelTimeService : setup.travel
        state = ControlRoomState(west: setup.bounds.west, south: setup.bounds.south, east: setup.bounds.east,
                                 north: setup.bounds.north, travel: travel, demand: setup.demandPoints,
                                 coverRadiusMetres: rules.coverage.radiusMetres(forSeconds: rules.targets.grade1Urban),
                                 retainsClosedIncidents: false)
        let targets = rules.targets
        calls = setup.calls.map { call in
            let area = setup.areaOf(call.location)
            return CallRecord(district: setup.districtOf(call.location), area: area,
                              target: targets.seconds(for: call.grade, area: area))
        }
        units = Array(repeating: UnitRecord(), count: setup.roster.count)
        rosterIndex = Dictionary(setup.roster.enumerated().map { ($1.callSign, $0) }, uniquingKeysWith: { a, _ in a })
        let zones = (setup.calls.compactMap(\.zone).max() ?? -1) + 1
        zoneDispatches = Array(repeating: Array(repeating: 0, count: setup.roster.count), count: zones)
    }

    // MARK: Running

    mutating func run() {
        for (i, call) in setup.calls.enumerated() { queue.push(call.time, .call(i)) }
        scheduleShifts()
        queue.push(0, .sample)
        let heartbeat = min(setup.behaviour.heartbeatSeconds, rules.staleFixSeconds / 2)
        if heartbeat.isFinite && heartbeat > 0 { queue.push(heartbeat, .heartbeat) }
        let duration = setup.durationSeconds
        var nextProgress = 0.0
        while let (t, kind) = queue.pop() {
            guard t <= duration else { break }
            now = t
            events += 1
            if let progress = options.progress, t >= nextProgress {
                progress(t / duration)
                nextProgress = t + duration / 100
            }
            handle(kind)
        }
        now = duration
        for r in units.indices where units[r].onDuty { closeDuty(r) }
        options.progress?(1)
    }

    /// Shift starts for every unit: the shifts that cover time 0 (including last night's), and
    /// every later one that starts before the end.
    mutating func scheduleShifts() {
        let days = Int((setup.durationSeconds / 86_400).rounded(.up))
        for (r, unit) in setup.roster.enumerated() {
            guard let s = unit.shift else {
                queue.push(0, .shiftStart(unit: r, end: .infinity))
                continue
            }
            let shift = setup.shifts[s]
            for day in -1...days {
                let start = Double(day) * 86_400 + shift.start
                let end = start + shift.length
                guard end > 0, start < setup.durationSeconds else { continue }
                queue.push(max(0, start), .shiftStart(unit: r, end: end))
            }
        }
    }

    mutating func handle(_ kind: Kind) {
        switch kind {
        case .call(let i): callArrives(i)
        case .ready(let i): callReady(i)
        case let .arrive(r, token): if token == units[r].token { arrive(r) }
        case let .clear(r, token): if token == units[r].token { clear(r) }
        case let .shiftStart(r, end): startShift(r, end: end)
        case .shiftEnd(let r): endShift(r)
        case .breakStart(let r): startBreak(r)
        case let .breakEnd(r, token): if token == units[r].token { endBreak(r) }
        case let .atBase(r, token): if token == units[r].token { reachBase(r) }
        case let .followUpEnd(r, token): if token == units[r].token { endFollowUp(r) }
        case .heartbeat: heartbeat()
        case .sample: sample()
        }
    }

    /// Applies an event the simulator itself generated; one that the fold rejects is a bug in the
    /// simulator, not bad input, so it stops the run with the reason.
    @discardableResult
    mutating func apply(_ event: DispatchEvent) -> ApplyOutcome {
        do { return try state.apply(event) } catch {
            preconditionFailure("simulator produced an invalid \(event.typeName) at \(now): \(error)")
        }
    }

    func incidentID(_ i: Int) -> String { "C\(i)" }

    func callSign(_ r: Int) -> CallSign { setup.roster[r].callSign }

    func unitState(_ r: Int) -> ResponseUnit? { state.unit(callSign(r)) }

    // MARK: Calls and dispatch

    mutating func callArrives(_ i: Int) {
        let call = setup.calls[i]
        let record = calls[i]
        apply(.callReceived(CallReceived(
            incidentID: incidentID(i), type: call.type, grade: call.grade, location: call.location,
            district: record.district, area: record.area,
            extraRequirements: call.extraCapabilities.isEmpty ? nil : Requirements(capabilities: call.extraCapabilities),
            at: now)))
        guard call.grade.needsDeployment else {
            calls[i].dispatchedAt = now
            apply(.incidentClosed(IncidentClosed(incidentID: incidentID(i), outcome: "resolved without deployment", at: now)))
            return
        }
        if call.handlingSeconds > 0 {
            queue.push(now + call.handlingSeconds, .ready(i))
        } else {
            callReady(i)
        }
    }

    /// The call handler has finished: the incident can be dispatched.
    mutating func callReady(_ i: Int) {
        let call = setup.calls[i]
        guard state.incidents[incidentID(i)] != nil else { return }
        if recommender != nil {
            if !tryRecommend(i) { insertWaiting(i) }
        } else {
            let zone = call.zone ?? 0
            if let r = preferences[zone].first(where: { isFree($0) }) {
                dispatch(i, unit: r, eta: eta(from: r, to: i), divertedFrom: nil)
            } else {
                fifo.append(i)
            }
        }
    }

    func isFree(_ r: Int) -> Bool { units[r].onDuty && unitState(r)?.status == .available }

    /// Asks the recommender; dispatches its first choice. Returns false when nothing is suitable.
    mutating func tryRecommend(_ i: Int) -> Bool {
        guard let recommender, let incident = state.incidents[incidentID(i)] else { return false }
        recommendations += 1
        let r = recommender.recommend(for: incident, in: state, at: now, maxResults: 1, explain: false)
        guard let best = r.best, let unit = rosterIndex[best.callSign] else {
            noSuitable += 1
            return false
        }
        if best.crossesBorder { crossBorder += 1 }
        let divertedFrom = best.divertedFrom.flatMap { Int($0.dropFirst()) }
        dispatch(i, unit: unit, eta: best.etaSeconds, divertedFrom: divertedFrom)
        return true
    }

    mutating func dispatch(_ i: Int, unit r: Int, eta: Double, divertedFrom: Int?) {
        apply(.unitAssigned(UnitAssigned(incidentID: incidentID(i), callSign: callSign(r), by: "simulator", at: now)))
        dispatches += 1
        units[r].dispatches += 1
        if let zone = setup.calls[i].zone, zone < zoneDispatches.count { zoneDispatches[zone][r] += 1 }
        if let j = divertedFrom {
            diversions += 1
            calls[j].unit = nil
            insertWaiting(j)
        }
        units[r].token += 1
        units[r].call = i
        if calls[i].dispatchedAt == nil { calls[i].dispatchedAt = now }
        calls[i].unit = r
        queue.push(now + max(0, eta), .arrive(unit: r, token: units[r].token))
    }

    func eta(from r: Int, to i: Int) -> Double {
        guard !options.travelOff, let location = unitState(r)?.roadLocation, let incident = state.incidents[incidentID(i)] else { return 0 }
        let profile: SpeedProfile = rules.usesBlueLights(setup.calls[i].grade) ? .emergency : .normal
        return travel.travelTime(from: location, to: incident.roadLocation, profile: profile)
    }

    mutating func insertWaiting(_ i: Int) {
        let key = (setup.calls[i].grade, setup.calls[i].time, i)
        var lo = 0, hi = waiting.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let m = waiting[mid]
            if (setup.calls[m].grade, setup.calls[m].time, m) < key { lo = mid + 1 } else { hi = mid }
        }
        waiting.insert(i, at: lo)
    }

    /// A unit became free: the most urgent waiting call it can serve gets a recommendation.
    mutating func unitFreed(_ r: Int) {
        if recommender != nil {
            guard let unit = unitState(r) else { return }
            var k = 0
            while k < waiting.count {
                let i = waiting[k]
                // Every waiting call already failed with the units free before; only this one is new.
                let meets = state.incidents[incidentID(i)].map { unit.meets(rules.requirements(for: $0)) } ?? false
                if meets && tryRecommend(i) {
                    // A diversion may have put another call back in the queue: find this one again.
                    if let index = waiting.firstIndex(of: i) { waiting.remove(at: index) }
                    if !isFree(r) { return }
                    k = 0
                    continue
                }
                k += 1
            }
        } else if fifoHead < fifo.count, isFree(r) {
            let i = fifo[fifoHead]
            fifoHead += 1
            dispatch(i, unit: r, eta: eta(from: r, to: i), divertedFrom: nil)
        }
    }

    // MARK: Units

    mutating func arrive(_ r: Int) {
        guard let i = units[r].call else { return }
        let call = setup.calls[i]
        apply(.unitArrived(UnitArrived(incidentID: incidentID(i), callSign: callSign(r),
                                       expectedClearAt: now + call.onSceneSeconds, at: now)))
        apply(.unitPinged(UnitPinged(callSign: callSign(r), position: call.location, at: now)))
        if calls[i].arrivedAt == nil { calls[i].arrivedAt = now }
        queue.push(now + call.onSceneSeconds, .clear(unit: r, token: units[r].token))
    }

    mutating func clear(_ r: Int) {
        guard let i = units[r].call else { return }
        apply(.incidentClosed(IncidentClosed(incidentID: incidentID(i), at: now)))
        units[r].call = nil
        units[r].token += 1
        let followUp = setup.calls[i].followUpSeconds
        if followUp > 0 {
            apply(.unitStatusChanged(UnitStatusChanged(callSign: callSign(r), status: .busy,
                                                       expectedClearAt: now + followUp, at: now)))
            queue.push(now + followUp, .followUpEnd(unit: r, token: units[r].token))
            return
        }
        becameFree(r)
    }

    /// Custody or statements done: the unit is free again.
    mutating func endFollowUp(_ r: Int) {
        guard unitState(r)?.status == .busy else { return }
        apply(.unitStatusChanged(UnitStatusChanged(callSign: callSign(r), status: .available, at: now)))
        units[r].token += 1
        becameFree(r)
    }

    /// After a job: off duty if the shift is over, a break if one is due, else back to work.
    mutating func becameFree(_ r: Int) {
        if units[r].endPending {
            goOffDuty(r)
            return
        }
        if units[r].breakDue && now < units[r].shiftEnd - 3600 {
            takeBreak(r)
            return
        }
        units[r].breakDue = false
        if setup.behaviour.afterClearing == .returnToStation, let here = unitState(r)?.fix?.position {
            let base = setup.roster[r].base
            // Driving back at an average 30 km/h over the road distance (1.35 × the straight line):
            // the unit is available all the way, and counted at the scene until it gets there.
            let back = options.travelOff ? 0 : here.groundDistance(to: base) * 1.35 / (30 / 3.6)
            queue.push(now + back, .atBase(unit: r, token: units[r].token))
        }
        unitFreed(r)
    }

    mutating func reachBase(_ r: Int) {
        guard units[r].onDuty, unitState(r)?.status == .available else { return }
        apply(.unitPinged(UnitPinged(callSign: callSign(r), position: setup.roster[r].base, at: now)))
    }

    mutating func startShift(_ r: Int, end: Double) {
        let unit = setup.roster[r]
        if units[r].onDuty { return }
        apply(.unitRegistered(UnitRegistered(
            callSign: unit.callSign, kind: unit.kind, capabilities: unit.capabilities, crew: unit.crew,
            homeStation: unit.station, district: unit.district, shift: Shift(start: now, end: end),
            position: unit.base, status: .available, at: now)))
        units[r].onDuty = true
        units[r].shiftEnd = end
        units[r].endPending = false
        units[r].breakDue = false
        units[r].dutyStart = now
        units[r].token += 1
        if end.isFinite { queue.push(end, .shiftEnd(unit: r)) }
        let breakAt = now + setup.behaviour.refreshmentAfter
        if breakAt.isFinite && breakAt < end - 3600 { queue.push(breakAt, .breakStart(unit: r)) }
        unitFreed(r)
    }

    mutating func endShift(_ r: Int) {
        guard units[r].onDuty else { return }
        switch unitState(r)?.status {
        case .available, .refreshment: goOffDuty(r)
        default: units[r].endPending = true
        }
    }

    mutating func goOffDuty(_ r: Int) {
        closeDuty(r)
        apply(.unitStatusChanged(UnitStatusChanged(callSign: callSign(r), status: .offDuty, at: now)))
        units[r].onDuty = false
        units[r].token += 1
    }

    /// Adds the unit's committed and on-duty time so far to its totals.
    mutating func closeDuty(_ r: Int) {
        guard let unit = unitState(r) else { return }
        var committed = unit.committedSeconds
        if unit.status.isCommitted { committed += now - unit.statusSince }
        units[r].committed += committed
        units[r].onDutyTotal += now - units[r].dutyStart
    }

    mutating func startBreak(_ r: Int) {
        guard units[r].onDuty else { return }
        if unitState(r)?.status == .available { takeBreak(r) } else { units[r].breakDue = true }
    }

    mutating func takeBreak(_ r: Int) {
        apply(.unitStatusChanged(UnitStatusChanged(callSign: callSign(r), status: .refreshment, at: now)))
        breaks += 1
        units[r].breakDue = false
        units[r].token += 1
        queue.push(now + setup.behaviour.refreshmentLength, .breakEnd(unit: r, token: units[r].token))
    }

    mutating func endBreak(_ r: Int) {
        guard unitState(r)?.status == .refreshment else { return }
        apply(.unitStatusChanged(UnitStatusChanged(callSign: callSign(r), status: .available, at: now)))
        if units[r].endPending || now >= units[r].shiftEnd { goOffDuty(r); return }
        unitFreed(r)
    }

    /// Idle phones report in: every unit on duty whose fix is getting old pings where it is.
    mutating func heartbeat() {
        let interval = min(setup.behaviour.heartbeatSeconds, rules.staleFixSeconds / 2)
        for r in units.indices where units[r].onDuty {
            guard let fix = unitState(r)?.fix, now - fix.at >= interval else { continue }
            apply(.unitPinged(UnitPinged(callSign: callSign(r), position: fix.position, at: now)))
        }
        queue.push(now + interval, .heartbeat)
    }

    mutating func sample() {
        var onDuty = 0, busy = 0
        for r in units.indices where units[r].onDuty {
            onDuty += 1
            if let s = unitState(r)?.status, s.isCommitted { busy += 1 }
        }
        timeline.append(TimelinePoint(t: now, onDuty: onDuty, busy: busy, queued: waiting.count + fifo.count - fifoHead))
        queue.push(now + options.sampleSeconds, .sample)
    }
}

/// Travel that takes no time: for validating the queueing behaviour alone.
struct ZeroTravel: TravelTimeService {
    func locate(_ point: LonLat) -> RoadLocation { RoadLocation(point: point) }
    func travelTimes(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile,
                     limit: Double?) -> [Double] {
        origins.map { _ in 0 }
    }
    func travelTime(from origin: RoadLocation, to destination: RoadLocation, profile: SpeedProfile) -> Double { 0 }
}
