import GeoKit

/// Why an event could not be applied. The state is unchanged when `apply` throws.
public enum DispatchError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownUnit(CallSign)
    case duplicateUnit(CallSign)
    case unknownIncident(String)
    case duplicateIncident(String)
    case incidentClosed(String)
    case invalidCoordinate(String, CoordinateError)
    case invalidTransition(StatusTransitionError)
    case unitNotOnIncident(CallSign, String)
    case invalidRules(ConfigError)
    case invalidField(String)

    public var description: String {
        switch self {
        case .unknownUnit(let c): return "no unit with call sign \(c) is on the roster"
        case .duplicateUnit(let c): return "unit \(c) is already registered and on duty"
        case .unknownIncident(let id): return "no incident \(id)"
        case .duplicateIncident(let id): return "incident \(id) already exists"
        case .incidentClosed(let id): return "incident \(id) is closed"
        case let .invalidCoordinate(what, e): return "\(what): \(e)"
        case .invalidTransition(let e): return e.description
        case let .unitNotOnIncident(c, id): return "\(c) is not assigned to incident \(id)"
        case .invalidRules(let e): return "rules rejected: \(e)"
        case .invalidField(let m): return m
        }
    }
}

/// What `apply` did with an event that was valid.
public enum ApplyOutcome: Sendable, Equatable {
    case applied
    /// Valid but without effect (a duplicate or out-of-order ping), with the reason.
    case ignored(String)
}

extension ControlRoomState {
    /// Folds one event into the state. Invalid events throw and leave the state unchanged;
    /// duplicate or out-of-order pings are ignored and say so.
    @discardableResult
    public mutating func apply(_ event: DispatchEvent) throws(DispatchError) -> ApplyOutcome {
        let outcome: ApplyOutcome
        switch event {
        case .unitRegistered(let e): outcome = try register(e)
        case .callReceived(let e): outcome = try receive(e)
        case .incidentGraded(let e):
            guard var incident = incidents[e.incidentID] else { throw .unknownIncident(e.incidentID) }
            guard incident.phase != .closed else { throw .incidentClosed(e.incidentID) }
            incident.grade = e.grade
            setIncident(incident)
            outcome = .applied
        case .unitPinged(let e): outcome = try ping(e)
        case .unitStatusChanged(let e): outcome = try changeStatus(e)
        case .recommendationMade(let e):
            guard incidents[e.incidentID] != nil else { throw .unknownIncident(e.incidentID) }
            setLastRecommendation(e.incidentID, e.ranked)
            outcome = .applied
        case .unitAssigned(let e): outcome = try assign(e)
        case .recommendationOverridden(let e):
            guard incidents[e.incidentID] != nil else { throw .unknownIncident(e.incidentID) }
            guard handleOf[e.chosen] != nil else { throw .unknownUnit(e.chosen) }
            guard !e.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidField("an override needs a reason")
            }
            noteOverride()
            outcome = .applied
        case .unitArrived(let e): outcome = try arrive(e)
        case .incidentClosed(let e): outcome = try close(e)
        case .rulesPublished(let e):
            let rules: Rules
            do { rules = try Rules.load(yaml: e.document, document: "rules \(e.version)") } catch { throw .invalidRules(error) }
            setRulesVersion(rules.version)
            let radius = rules.coverage.radiusMetres(forSeconds: rules.targets.grade1Urban)
            if radius != coverage.radiusMetres { replaceCoverage(radiusMetres: radius) }
            outcome = .applied
        }
        setNow(event.at)
        return outcome
    }

    private mutating func register(_ e: UnitRegistered) throws(DispatchError) -> ApplyOutcome {
        guard e.crew >= 1 else { throw .invalidField("\(e.callSign): crew must be at least 1") }
        var unit = ResponseUnit(callSign: e.callSign, kind: e.kind, capabilities: e.capabilities, crew: e.crew,
                                homeStation: e.homeStation, district: e.district, shift: e.shift,
                                status: e.status, statusSince: e.at)
        if let p = e.position {
            let valid: LonLat
            do { valid = try LonLat(validatingLon: p.lon, lat: p.lat) } catch { throw .invalidCoordinate("\(e.callSign) position", error) }
            unit.fix = PositionFix(position: valid, at: e.at)
            unit.roadLocation = travel.locate(valid)
        }
        if let handle = handleOf[e.callSign] {
            // A unit may be registered again (a new shift, new kit) only while off duty.
            let existing = units[Int(handle)]
            guard existing.status == .offDuty else { throw .duplicateUnit(e.callSign) }
            unit.committedSeconds = 0
            if unit.fix == nil { unit.fix = existing.fix; unit.roadLocation = existing.roadLocation }
            setUnit(handle, unit)
        } else {
            let handle = appendUnit(ResponseUnit(callSign: e.callSign, status: .offDuty))
            setUnit(handle, unit)
        }
        return .applied
    }

    private mutating func receive(_ e: CallReceived) throws(DispatchError) -> ApplyOutcome {
        guard incidents[e.incidentID] == nil else { throw .duplicateIncident(e.incidentID) }
        guard !e.incidentID.isEmpty else { throw .invalidField("an incident needs an id") }
        let location: LonLat
        do { location = try LonLat(validatingLon: e.location.lon, lat: e.location.lat) } catch {
            throw .invalidCoordinate("incident \(e.incidentID) location", error)
        }
        let incident = Incident(id: e.incidentID, type: e.type, grade: e.grade, location: location,
                                roadLocation: travel.locate(location), district: e.district, area: e.area,
                                extraRequirements: e.extraRequirements ?? Requirements(), receivedAt: e.at)
        setIncident(incident)
        return .applied
    }

    private mutating func ping(_ e: UnitPinged) throws(DispatchError) -> ApplyOutcome {
        guard let handle = handleOf[e.callSign] else { throw .unknownUnit(e.callSign) }
        let position: LonLat
        do { position = try LonLat(validatingLon: e.position.lon, lat: e.position.lat) } catch {
            throw .invalidCoordinate("ping from \(e.callSign)", error)
        }
        var unit = units[Int(handle)]
        if let fix = unit.fix {
            if e.at < fix.at {
                noteIgnoredPing()
                return .ignored("ping from \(e.callSign) at \(e.at) is older than its latest fix at \(fix.at)")
            }
            if e.at == fix.at {
                noteIgnoredPing()
                return .ignored("duplicate ping from \(e.callSign) at \(e.at)")
            }
        }
        // A unit standing still keeps its road location: no need to snap it again.
        if unit.fix?.position != position || unit.roadLocation == nil { unit.roadLocation = travel.locate(position) }
        unit.fix = PositionFix(position: position, at: e.at)
        setUnit(handle, unit)
        return .applied
    }

    private mutating func changeStatus(_ e: UnitStatusChanged) throws(DispatchError) -> ApplyOutcome {
        guard let handle = handleOf[e.callSign] else { throw .unknownUnit(e.callSign) }
        var unit = units[Int(handle)]
        if e.status == .enRoute && unit.status != .enRoute {
            throw .invalidField("\(e.callSign): a unit goes en route by being assigned to an incident (UnitAssigned)")
        }
        if e.status == .atScene && unit.status != .atScene {
            throw .invalidField("\(e.callSign): a unit arrives at scene through UnitArrived, naming the incident")
        }
        do { try unit.status.checkTransition(to: e.status, callSign: e.callSign) } catch { throw .invalidTransition(error) }
        if e.status == .offDuty, let id = unit.incidentID {
            throw .invalidField("\(e.callSign) must clear incident \(id) before going off duty")
        }
        transition(&unit, to: e.status, at: e.at)
        unit.expectedClearAt = e.expectedClearAt
        if e.status == .available || e.status == .refreshment || e.status == .offDuty {
            detachFromIncident(&unit, diverted: false)
        }
        setUnit(handle, unit)
        return .applied
    }

    private mutating func assign(_ e: UnitAssigned) throws(DispatchError) -> ApplyOutcome {
        guard let handle = handleOf[e.callSign] else { throw .unknownUnit(e.callSign) }
        guard var incident = incidents[e.incidentID] else { throw .unknownIncident(e.incidentID) }
        guard incident.phase != .closed else { throw .incidentClosed(e.incidentID) }
        var unit = units[Int(handle)]
        if unit.incidentID == e.incidentID { return .ignored("\(e.callSign) is already assigned to \(e.incidentID)") }
        do { try unit.status.checkTransition(to: .enRoute, callSign: e.callSign) } catch { throw .invalidTransition(error) }
        detachFromIncident(&unit, diverted: true)
        transition(&unit, to: .enRoute, at: e.at)
        unit.incidentID = e.incidentID
        unit.expectedClearAt = nil
        incident.assignedUnits.append(e.callSign)
        if incident.phase == .waiting { incident.phase = .assigned }
        setIncident(incident)
        setUnit(handle, unit)
        return .applied
    }

    private mutating func arrive(_ e: UnitArrived) throws(DispatchError) -> ApplyOutcome {
        guard let handle = handleOf[e.callSign] else { throw .unknownUnit(e.callSign) }
        guard var incident = incidents[e.incidentID] else { throw .unknownIncident(e.incidentID) }
        var unit = units[Int(handle)]
        guard unit.incidentID == e.incidentID, unit.status == .enRoute else { throw .unitNotOnIncident(e.callSign, e.incidentID) }
        transition(&unit, to: .atScene, at: e.at)
        unit.expectedClearAt = e.expectedClearAt
        if incident.attendedAt == nil { incident.attendedAt = e.at }
        if incident.phase != .closed { incident.phase = .attended }
        setIncident(incident)
        setUnit(handle, unit)
        return .applied
    }

    private mutating func close(_ e: IncidentClosed) throws(DispatchError) -> ApplyOutcome {
        guard var incident = incidents[e.incidentID] else { throw .unknownIncident(e.incidentID) }
        guard incident.phase != .closed else { return .ignored("incident \(e.incidentID) is already closed") }
        // Units still on the incident are released.
        for callSign in incident.assignedUnits {
            guard let handle = handleOf[callSign] else { continue }
            var unit = units[Int(handle)]
            guard unit.incidentID == e.incidentID else { continue }
            transition(&unit, to: .available, at: e.at)
            unit.incidentID = nil
            unit.expectedClearAt = nil
            setUnit(handle, unit)
        }
        incident.phase = .closed
        if retainsClosedIncidents { setIncident(incident) } else { removeIncident(e.incidentID) }
        return .applied
    }

    /// Moves a unit to a status, accounting the committed time it leaves behind.
    private func transition(_ unit: inout ResponseUnit, to status: UnitStatus, at t: Timestamp) {
        if unit.status.isCommitted { unit.committedSeconds += max(0, t - unit.statusSince) }
        unit.status = status
        unit.statusSince = t
    }

    /// Takes a unit off its incident. An incident left with no unit goes back to the queue when the
    /// unit was diverted elsewhere or stood down before anyone arrived; after attendance, a unit
    /// clearing leaves it attended, awaiting closure.
    private mutating func detachFromIncident(_ unit: inout ResponseUnit, diverted: Bool) {
        guard let id = unit.incidentID else { return }
        unit.incidentID = nil
        guard var incident = incidents[id] else { return }
        incident.assignedUnits.removeAll { $0 == unit.callSign }
        let stillOn = incident.assignedUnits.contains { other in
            handleOf[other].map { units[Int($0)].incidentID == id } ?? false
        }
        if !stillOn && incident.phase != .closed && (diverted || incident.attendedAt == nil) {
            incident.phase = .waiting
        }
        setIncident(incident)
    }
}
