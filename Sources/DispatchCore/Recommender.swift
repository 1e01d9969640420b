import Foundation
import GeoKit
import RoadNetwork

/// Ranks units for an incident under a rule set: candidates from the spatial index, road ETAs from
/// the travel-time service, filters for status, capability, crew and GPS freshness, costs weighed
/// by the rules, and plain-language reasons. A pure function of (incident, state, rules, time).
public struct Recommender: Sendable {
    public let rules: Rules

    public init(rules: Rules) { self.rules = rules }

    /// One candidate on its way through scoring.
    struct Candidate {
        var handle: Int32
        var straightLine: Double
        var divertedFrom: String?
        var eta: Double = .infinity
        var costs = CostBreakdown()
        var crossesBorder = false
        var coverLoss: [String: Double] = [:]
    }

    /// Ranks suitable units for `incident` at time `now`, best first, at most `maxResults` of them.
    /// - Parameter explain: write the plain-language reasons and, when nothing is suitable, survey
    ///   the whole roster for why not and what else could be done. The ranking is the same either
    ///   way; the simulator turns it off for speed.
    public func recommend(for incident: Incident, in state: ControlRoomState, at now: Timestamp,
                          maxResults: Int = 5, explain: Bool = true) -> Recommendation {
        let requirements = rules.requirements(for: incident)
        let profile: SpeedProfile = rules.usesBlueLights(incident.grade) ? .emergency : .normal
        let target = rules.targets.seconds(for: incident.grade, area: incident.area)
        let remaining = rules.remainingSeconds(for: incident, at: now)
        let divertible = rules.diversion.allowed && rules.diversion.toGrades.contains(incident.grade)
        let readyMask = ControlRoomState.statusMask(.available)
            | (divertible && rules.diversion.interruptRefreshment ? ControlRoomState.statusMask(.refreshment) : 0)

        var passedOver = ExclusionCounts()
        let units = state.units

        // Suitability apart from status: capability, crew, a fresh fix.
        func suitable(_ handle: Int32, _ tags: UInt64, counting: Bool) -> Bool {
            if !ControlRoomState.capabilities(inTags: tags).isSuperset(of: requirements.capabilities) {
                if counting { passedOver.missingCapability += 1 }
                return false
            }
            if ControlRoomState.crew(inTags: tags) < requirements.minimumCrew {
                if counting { passedOver.crewTooSmall += 1 }
                return false
            }
            guard rules.trustsFix(of: units[Int(handle)], at: now) else {
                if counting { passedOver.staleFix += 1 }
                return false
            }
            return true
        }
        func ready(_ handle: Int32, _ tags: UInt64, counting: Bool) -> Bool {
            if tags & readyMask == 0 {
                if counting {
                    switch units[Int(handle)].status {
                    case .offDuty: passedOver.offDuty += 1
                    case .refreshment: passedOver.refreshment += 1
                    default: passedOver.committed += 1
                    }
                }
                return false
            }
            return suitable(handle, tags, counting: counting)
        }

        // 1. Ready units, nearest first in a straight line; ties at the edge are all kept so the
        //    answer never depends on the order units were registered in.
        let radius = rules.candidates.maxStraightLineMetres
        var near = state.index.nearest(to: incident.location, k: rules.candidates.nearest, maxDistanceMetres: radius) {
            ready($0, $1, counting: true)
        }
        if near.count == rules.candidates.nearest, let edge = near.last?.distanceMetres {
            near = state.index.within(radiusMetres: edge, of: incident.location) { ready($0, $1, counting: false) }
        }
        var candidates = near.map { Candidate(handle: $0.key, straightLine: $0.distanceMetres) }

        // 2. Units on lower-grade jobs that the rules let this incident take.
        if divertible {
            let busyMask = ControlRoomState.statusMask(.enRoute, .atScene)
            let diverted = state.index.nearest(to: incident.location, k: max(3, rules.candidates.nearest / 4),
                                               maxDistanceMetres: radius) { handle, tags in
                guard tags & busyMask != 0, let job = units[Int(handle)].incidentID, job != incident.id,
                      let other = state.incidents[job], rules.diversion.fromGrades.contains(other.grade) else { return false }
                return suitable(handle, tags, counting: false)
            }
            candidates += diverted.map {
                Candidate(handle: $0.key, straightLine: $0.distanceMetres, divertedFrom: units[Int($0.key)].incidentID)
            }
        }

        // 3–4. Road ETAs, soonest first, scored as they come; stop once no later unit can make
        //      the list. Every part of the cost other than travel and lateness is ≥ 0, and those
        //      two grow with the ETA, so the cost at the current ETA bounds all later units.
        // Units from other districts: dropped here when the rules forbid them; when every candidate
        // is one, nothing beyond the cross-border limit can count, so the scan stops there.
        func crossesBorder(_ c: Candidate) -> Bool {
            guard let district = incident.district else { return false }
            let home = units[Int(c.handle)].district
            return !home.isEmpty && home != district
        }
        if !rules.crossBorder.allowed {
            let before = candidates.count
            candidates.removeAll(where: crossesBorder)
            passedOver.crossBorder += before - candidates.count
        }
        let scanLimit: Double? = !candidates.isEmpty && candidates.allSatisfy(crossesBorder) ? rules.crossBorder.maxEtaSeconds : nil
        let origins = candidates.map { c in
            units[Int(c.handle)].roadLocation ?? RoadLocation(point: units[Int(c.handle)].fix?.position ?? incident.location)
        }
        var best: [Candidate] = []
        let keep = max(1, maxResults)
        var scored = 0
        var reached = 0
        var stoppedEarly = false
        func rankedBefore(_ a: Candidate, _ b: Candidate) -> Bool {
            (a.costs.total, units[Int(a.handle)].callSign) < (b.costs.total, units[Int(b.handle)].callSign)
        }
        state.travel.scanTravelTimes(from: origins, to: incident.roadLocation, profile: profile, limit: scanLimit) { i, eta in
            reached += 1
            if best.count >= keep, let worst = best.last {
                var bound = rules.weights.travel * eta / 60
                if let remaining { bound += rules.weights.lateness * max(0, eta - remaining) / 60 }
                if bound > worst.costs.total {
                    stoppedEarly = true
                    return false
                }
            }
            var c = candidates[i]
            c.eta = eta
            let unit = units[Int(c.handle)]
            guard let (costs, crosses) = rules.baseCost(eta: eta, unit: unit, incident: incident, remaining: remaining,
                                                        diverted: c.divertedFrom != nil || unit.status == .refreshment) else {
                passedOver.crossBorder += 1
                return true
            }
            c.costs = costs
            c.crossesBorder = crosses
            if rules.weights.cover > 0, unit.status == .available, let p = unit.fix?.position {
                c.coverLoss = state.coverage.coverLost(ifUnitLeaves: p)
                c.costs.cover = rules.coverCost(c.coverLoss)
            }
            scored += 1
            if best.count < keep || best.last.map({ rankedBefore(c, $0) }) == true {
                let at = best.firstIndex { rankedBefore(c, $0) } ?? best.count
                best.insert(c, at: at)
                if best.count > keep { best.removeLast() }
            }
            return true
        }
        // Units the scan never reached are unreachable by road, or beyond the cross-border limit
        // when the scan had one (unless it stopped early).
        if !stoppedEarly {
            if scanLimit != nil { passedOver.crossBorder += candidates.count - reached } else {
                passedOver.unreachable += candidates.count - reached
            }
        }

        let ranked = best.enumerated().map { rank, c in
            rankedUnit(c, rank: rank + 1, unit: units[Int(c.handle)], incident: incident, state: state,
                       requirements: requirements, profile: profile, remaining: remaining, target: target, now: now,
                       explain: explain)
        }
        var recommendation = Recommendation(
            incidentID: incident.id, grade: incident.grade, madeAt: now, rulesVersion: rules.version,
            profile: profile, requirements: requirements, targetSeconds: target, remainingSeconds: remaining,
            ranked: ranked, scored: scored, passedOver: passedOver, noSuitableUnit: nil)
        if ranked.isEmpty && explain {
            recommendation.noSuitableUnit = explainNone(incident: incident, state: state, requirements: requirements,
                                                        profile: profile, scoringExclusions: passedOver, now: now)
        }
        return recommendation
    }

    // MARK: Explanations

    private func rankedUnit(_ c: Candidate, rank: Int, unit: ResponseUnit, incident: Incident, state: ControlRoomState,
                            requirements: Requirements, profile: SpeedProfile, remaining: Double?, target: Double?,
                            now: Timestamp, explain: Bool) -> RankedUnit {
        guard explain else {
            return RankedUnit(rank: rank, callSign: unit.callSign, district: unit.district, status: unit.status,
                              etaSeconds: c.eta, straightLineMetres: c.straightLine, cost: c.costs.total, costs: c.costs,
                              marginSeconds: remaining.map { $0 - c.eta }, coverBefore: nil, coverAfter: nil,
                              divertedFrom: c.divertedFrom, crossesBorder: c.crossesBorder,
                              fixAgeSeconds: unit.fixAge(at: now), explanation: [])
        }
        var lines: [String] = []
        lines.append("ETA \(formatDuration(c.eta)) by road (\(profile == .emergency ? "blue lights" : "normal speeds")), \(formatDistance(c.straightLine)) as the crow flies")
        var margin: Double?
        if let remaining, let target {
            margin = remaining - c.eta
            let targetText = "the \(incident.grade) target of \(formatDuration(target))"
            if c.eta <= remaining {
                lines.append("arrives \(formatDuration(remaining - c.eta)) inside \(targetText)")
            } else {
                lines.append("arrives \(formatDuration(c.eta - remaining)) after \(targetText)")
            }
        }
        if !requirements.capabilities.isEmpty || requirements.minimumCrew > 1 {
            var need: [String] = []
            if !requirements.capabilities.isEmpty { need.append("has \(requirements.capabilities)") }
            if requirements.minimumCrew > 1 { need.append("crew of \(unit.crew) (needs \(requirements.minimumCrew))") }
            lines.append(need.joined(separator: ", "))
        }
        var before: Double?
        var after: Double?
        if unit.status == .available, !unit.district.isEmpty, state.coverage.districtWeight[unit.district] != nil {
            let b = state.coverage.cover(of: unit.district)
            let a = b - (c.coverLoss[unit.district] ?? 0)
            before = b
            after = a
            lines.append("\(unit.district) keeps \(percent(a)) of its Grade 1 cover (\(percent(b)) now)")
        }
        if let job = c.divertedFrom, let other = state.incidents[job] {
            lines.append("taken from \(other.grade) incident \(job) (\(other.type))")
        } else if unit.status == .refreshment {
            lines.append("interrupts a refreshment break")
        }
        if c.crossesBorder { lines.append("comes from \(unit.district), across the district border") }
        if unit.committedSeconds > 0 { lines.append("already committed \(formatDuration(unit.committedSeconds)) this shift") }
        let age = unit.fixAge(at: now)
        return RankedUnit(rank: rank, callSign: unit.callSign, district: unit.district, status: unit.status,
                          etaSeconds: c.eta, straightLineMetres: c.straightLine, cost: c.costs.total, costs: c.costs,
                          marginSeconds: margin, coverBefore: before, coverAfter: after, divertedFrom: c.divertedFrom,
                          crossesBorder: c.crossesBorder, fixAgeSeconds: age, explanation: lines)
    }

    /// Why no unit is suitable, counted over the whole roster, with the next best options.
    private func explainNone(incident: Incident, state: ControlRoomState, requirements: Requirements,
                             profile: SpeedProfile, scoringExclusions: ExclusionCounts, now: Timestamp) -> NoSuitableUnit {
        var all = ExclusionCounts()
        var onDuty = 0, capable = 0, capableReady = 0
        var optionHandles: [(Int32, NextBestOption.Kind, String, Double)] = []   // handle, kind, detail, wait before travel
        for (h, unit) in state.units.enumerated() {
            let handle = Int32(h)
            if unit.status == .offDuty { all.offDuty += 1; continue }
            onDuty += 1
            let missing = requirements.capabilities.subtracting(unit.capabilities)
            let hasFix = rules.trustsFix(of: unit, at: now)
            if !missing.isEmpty || unit.crew < requirements.minimumCrew {
                if missing.isEmpty { all.crewTooSmall += 1 } else { all.missingCapability += 1 }
                if unit.status == .available && hasFix {
                    let lack = missing.isEmpty ? "crew of \(unit.crew), needs \(requirements.minimumCrew)" : "lacks \(missing)"
                    optionHandles.append((handle, .partialMatch, lack, 0))
                }
                continue
            }
            capable += 1
            switch unit.status {
            case .enRoute, .atScene, .busy:
                all.committed += 1
                guard hasFix else { continue }
                if let job = unit.incidentID, let other = state.incidents[job], other.grade > incident.grade {
                    let allowed = rules.diversion.allowed && rules.diversion.fromGrades.contains(other.grade)
                        && rules.diversion.toGrades.contains(incident.grade)
                    optionHandles.append((handle, .divert,
                                          "on \(other.grade) incident \(job)" + (allowed ? "" : " (the rules do not allow this diversion)"), 0))
                }
                if let clear = unit.expectedClearAt {
                    optionHandles.append((handle, .waitForClearing, "expects to clear in \(formatDuration(max(0, clear - now)))",
                                          max(0, clear - now)))
                }
            case .refreshment:
                all.refreshment += 1
            case .available:
                capableReady += 1
                if unit.fix == nil { all.noFix += 1 } else if !hasFix { all.staleFix += 1 } else {
                    optionHandles.append((handle, .crossBorder, "from \(unit.district)", 0))
                }
            case .offDuty:
                break
            }
        }
        all.unreachable = scoringExclusions.unreachable
        all.crossBorder = scoringExclusions.crossBorder
        let freshReady = capableReady - all.noFix - all.staleFix
        all.tooFar = max(0, freshReady - all.unreachable - all.crossBorder)

        let needText = requirements.capabilities.isEmpty
            ? "a crew of \(requirements.minimumCrew)" : "\(requirements.capabilities)" + (requirements.minimumCrew > 1 ? " and a crew of \(requirements.minimumCrew)" : "")
        let reason: NoSuitableUnit.Reason
        let summary: String
        if onDuty == 0 {
            reason = .noUnitsOnDuty
            summary = "No unit is on duty."
        } else if capable == 0 {
            reason = .noneWithCapability
            summary = "No unit on duty has \(needText), which \(incident.type) needs."
        } else if capableReady == 0 {
            reason = .noneAvailable
            summary = "All \(capable) units with \(needText) are committed or on a break."
        } else if freshReady <= 0 {
            reason = .allStale
            summary = "The \(capableReady) available units with \(needText) have no recent GPS fix (older than \(formatDuration(rules.staleFixSeconds)))."
        } else {
            reason = .allTooFar
            summary = "The \(freshReady) available units with \(needText) are too far: beyond the search radius, unreachable, or across the border beyond the limit."
        }

        // ETAs for the options in one query; keep the five soonest.
        let origins = optionHandles.map { state.units[Int($0.0)].roadLocation ?? RoadLocation(point: incident.location) }
        let etas = origins.isEmpty ? [] : state.travel.travelTimes(from: origins, to: incident.roadLocation,
                                                                   profile: profile, limit: nil)
        var options: [NextBestOption] = []
        for (i, (handle, kind, detail, wait)) in optionHandles.enumerated() where etas[i].isFinite {
            // Cross-border options only make sense when the unit really is from elsewhere.
            if kind == .crossBorder && (incident.district == nil || state.units[Int(handle)].district == incident.district) { continue }
            options.append(NextBestOption(kind: kind, callSign: state.units[Int(handle)].callSign,
                                          etaSeconds: wait + etas[i], detail: detail))
        }
        options.sort { ($0.etaSeconds, $0.callSign) < ($1.etaSeconds, $1.callSign) }
        return NoSuitableUnit(reason: reason, summary: summary, excluded: all, options: Array(options.prefix(5)))
    }
}

func percent(_ v: Double) -> String { "\(Int((v * 100).rounded()))%" }

func formatDistance(_ metres: Double) -> String {
    metres < 1000 ? "\(Int(metres.rounded())) m" : String(format: "%.1f km", metres / 1000)
}
