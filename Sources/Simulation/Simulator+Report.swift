import Foundation
import DispatchCore

extension Engine {
    /// The run's report: per grade, per district, per hour, fleet, timeline, histograms, map sample.
    func report() -> SimulationReport {
        let callsList = setup.calls
        // Calls before `measureFrom` warm the system up and are not counted.
        let measured = callsList.indices.filter { callsList[$0].time >= setup.measureFrom }
        func responses(_ filter: (Int) -> Bool) -> [Double] {
            measured.compactMap { i in filter(i) ? calls[i].arrivedAt.map { $0 - callsList[i].time } : nil }
        }
        func within(_ i: Int) -> Bool? {
            guard let arrived = calls[i].arrivedAt, let target = calls[i].target else { return nil }
            return arrived - callsList[i].time <= target
        }
        func share(_ indices: [Int]) -> Double? {
            let judged = indices.compactMap(within)
            return judged.isEmpty ? nil : Double(judged.filter { $0 }.count) / Double(judged.count)
        }

        var grades: [GradeSummary] = []
        for grade in Grade.allCases {
            let idx = measured.filter { callsList[$0].grade == grade }
            let times = responses { callsList[$0].grade == grade }.sorted()
            // Waiting for a unit: from the end of call handling to dispatch.
            let waits = idx.compactMap { i in calls[i].dispatchedAt.map { max(0, $0 - callsList[i].time - callsList[i].handlingSeconds) } }
            grades.append(GradeSummary(
                grade: grade.rawValue, calls: idx.count, attended: times.count,
                targetSeconds: rules.targets.seconds(for: grade, area: .urban),
                medianSeconds: percentile(times, 50), p90Seconds: percentile(times, 90),
                meanSeconds: times.isEmpty ? nil : times.reduce(0, +) / Double(times.count),
                shareWithinTarget: grade.needsDeployment ? share(idx) : nil,
                meanQueueSeconds: grade.needsDeployment && !waits.isEmpty ? waits.reduce(0, +) / Double(waits.count) : nil,
                shareQueued: grade.needsDeployment && !idx.isEmpty
                    ? Double(idx.filter { i in
                        calls[i].dispatchedAt.map { $0 > callsList[i].time + callsList[i].handlingSeconds } ?? true
                    }.count) / Double(idx.count)
                    : nil))
        }

        var byDistrict: [String: [Int]] = [:]
        for i in measured { if let d = calls[i].district { byDistrict[d, default: []].append(i) } }
        let districts = setup.districts.map { d -> DistrictSummary in
            let idx = byDistrict[d.code] ?? []
            let g1 = idx.filter { callsList[$0].grade == .emergency }
            let g2 = idx.filter { callsList[$0].grade == .priority }
            let g1Times = g1.compactMap { i in calls[i].arrivedAt.map { $0 - callsList[i].time } }.sorted()
            return DistrictSummary(code: d.code, name: d.name, calls: idx.count, grade1Calls: g1.count,
                                   grade1MedianSeconds: percentile(g1Times, 50), grade1ShareWithinTarget: share(g1),
                                   grade2ShareWithinTarget: share(g2))
        }

        var byHour = Array(repeating: [Int](), count: 24)
        for i in measured {
            let hour = Int(callsList[i].time.truncatingRemainder(dividingBy: 86_400) / 3600) % 24
            byHour[hour].append(i)
        }
        let hourly = byHour.enumerated().map { hour, idx in
            HourSummary(hour: hour, calls: idx.count,
                        grade1ShareWithinTarget: share(idx.filter { callsList[$0].grade == .emergency }),
                        grade2ShareWithinTarget: share(idx.filter { callsList[$0].grade == .priority }))
        }

        // Bins to suit each grade's target: 1 min up to an hour for Grade 1, 2 min up to 3 h for
        // Grade 2, 30 min up to 2 days for Grade 3; the last bin holds the rest.
        let histograms = [(Grade.emergency, 1.0, 60), (.priority, 2.0, 90), (.scheduled, 30.0, 96)].map { grade, width, bins in
            var counts = Array(repeating: 0, count: bins + 1)
            for t in responses({ callsList[$0].grade == grade }) { counts[min(bins, Int(t / 60 / width))] += 1 }
            return ResponseHistogram(grade: grade.rawValue, binMinutes: width, counts: counts)
        }

        var groupCommitted = Array(repeating: 0.0, count: setup.groups.count)
        var groupDuty = Array(repeating: 0.0, count: setup.groups.count)
        var groupDispatches = Array(repeating: 0, count: setup.groups.count)
        var groupUnits = Array(repeating: Set<CallSign>(), count: setup.groups.count)
        for (r, unit) in setup.roster.enumerated() where units[r].onDutyTotal > 0 {
            groupCommitted[unit.group] += units[r].committed
            groupDuty[unit.group] += units[r].onDutyTotal
            groupDispatches[unit.group] += units[r].dispatches
            groupUnits[unit.group].insert(unit.callSign)
        }
        let groups = setup.groups.enumerated().map { g, group in
            FleetSummary.Group(name: group.name, units: groupUnits[g].count,
                               utilisation: groupDuty[g] > 0 ? groupCommitted[g] / groupDuty[g] : 0,
                               dispatches: groupDispatches[g])
        }
        let totalDuty = groupDuty.reduce(0, +)
        let fleet = FleetSummary(units: groupUnits.reduce(0) { $0 + $1.count },
                                 utilisation: totalDuty > 0 ? groupCommitted.reduce(0, +) / totalDuty : 0,
                                 groups: groups, refreshmentBreaks: breaks)

        let step = max(1, Int((Double(measured.count) / Double(max(1, options.mapSampleLimit))).rounded(.up)))
        let sample = stride(from: 0, to: measured.count, by: step).map { measured[$0] }.compactMap { i -> IncidentPoint? in
            let c = callsList[i]
            guard c.grade.needsDeployment else { return nil }
            return IncidentPoint(lon: c.location.lon, lat: c.location.lat, grade: c.grade.rawValue,
                                 responseSeconds: calls[i].arrivedAt.map { $0 - c.time }, withinTarget: within(i))
        }
        let unfinished = measured.filter { callsList[$0].grade.needsDeployment && calls[$0].arrivedAt == nil }.count
        return SimulationReport(
            scenario: setup.name, packName: setup.packName, rulesVersion: recommender == nil ? "fixed-preference" : rules.version,
            seed: setup.seed, durationSeconds: setup.durationSeconds - setup.measureFrom, calls: measured.count, unfinished: unfinished,
            grades: grades, districts: districts, fleet: fleet, hourly: hourly, timeline: timeline, histograms: histograms,
            incidentSample: sample,
            decisions: DecisionSummary(recommendations: recommendations, dispatches: dispatches, diversions: diversions,
                                       crossBorderDispatches: crossBorder, noSuitableUnit: noSuitable))
    }

    func outcome() -> SimulationOutcome {
        SimulationOutcome(
            waits: setup.calls.indices.map { i in
                calls[i].dispatchedAt.map { max(0, $0 - setup.calls[i].time - setup.calls[i].handlingSeconds) }
            },
            responses: setup.calls.indices.map { i in calls[i].arrivedAt.map { $0 - setup.calls[i].time } },
            committedSeconds: units.map(\.committed), onDutySeconds: units.map(\.onDutyTotal),
            zoneDispatches: zoneDispatches, eventsProcessed: events)
    }
}

/// Nearest-rank percentile of sorted values; nil when empty.
func percentile(_ sorted: [Double], _ p: Double) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

extension SimulationReport {
    /// The report as JSON with sorted keys: the same run gives the same bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
