import Foundation
import GeoKit
@testable import Simulation

/// A hand-built `SimulationReport` with the shape and scale of a day on a large metropolitan force
/// (about 2,000 calls, ~180 units), for the report and summary tests until the engine produces one.
enum HTMLReportFixture {
    static let defaultDistricts: [(code: String, name: String)] = [
        ("BM", "Birmingham"), ("CV", "Coventry"), ("DY", "Dudley"), ("SW", "Sandwell"),
        ("SH", "Solihull"), ("WS", "Walsall"), ("WV", "Wolverhampton"),
    ]

    /// Where incidents happen: weighted centres (lon, lat, spread in degrees).
    static let defaultCentres: [(lon: Double, lat: Double, spread: Double)] = [
        (-1.890, 52.480, 0.030), (-1.510, 52.407, 0.020), (-2.080, 52.510, 0.015), (-1.990, 52.500, 0.015),
        (-1.780, 52.413, 0.015), (-1.980, 52.586, 0.015), (-2.128, 52.586, 0.018),
    ]

    /// Calls per hour of day (sums to 2,013).
    static let callsByHour = [52, 40, 33, 27, 24, 25, 38, 62, 84, 95, 101, 104,
                              106, 104, 103, 108, 116, 122, 125, 121, 114, 102, 85, 122]

    static func report(districts: [(code: String, name: String)] = defaultDistricts,
                       centres: [(lon: Double, lat: Double, spread: Double)] = defaultCentres,
                       sampleSize: Int = 900, seed: UInt64 = 2026) -> SimulationReport {
        var rng = TestRandom(seed: seed)
        let grades = [
            GradeSummary(grade: 1, calls: 412, attended: 410, targetSeconds: 900, medianSeconds: 588, p90Seconds: 924,
                         meanSeconds: 636, shareWithinTarget: 0.883, meanQueueSeconds: 24, shareQueued: 0.061),
            GradeSummary(grade: 2, calls: 861, attended: 851, targetSeconds: 3600, medianSeconds: 1590, p90Seconds: 3480,
                         meanSeconds: 1805, shareWithinTarget: 0.912, meanQueueSeconds: 540, shareQueued: 0.27),
            GradeSummary(grade: 3, calls: 498, attended: 470, targetSeconds: 172_800, medianSeconds: 11_160,
                         p90Seconds: 71_280, meanSeconds: 24_300, shareWithinTarget: 0.986, meanQueueSeconds: 9_800,
                         shareQueued: 0.64),
            GradeSummary(grade: 4, calls: 242, attended: 0, targetSeconds: nil, medianSeconds: nil, p90Seconds: nil,
                         meanSeconds: nil, shareWithinTarget: nil, meanQueueSeconds: nil, shareQueued: nil),
        ]
        let weights = [0.36, 0.14, 0.11, 0.12, 0.08, 0.10, 0.09]
        let districtRows = districts.enumerated().map { i, d -> DistrictSummary in
            let w = i < weights.count ? weights[i] : 0.05
            let share1 = min(0.97, 0.84 + 0.02 * Double(i % 4))
            return DistrictSummary(code: d.code, name: d.name, calls: Int(2013 * w), grade1Calls: Int(412 * w),
                                   grade1MedianSeconds: 540 + 25 * Double(i), grade1ShareWithinTarget: share1,
                                   grade2ShareWithinTarget: 0.88 + 0.01 * Double(i % 5))
        }
        let fleet = FleetSummary(units: 186, utilisation: 0.412, groups: [
            .init(name: "Response (double-crewed)", units: 120, utilisation: 0.46, dispatches: 1430),
            .init(name: "Neighbourhood", units: 40, utilisation: 0.28, dispatches: 260),
            .init(name: "Armed response", units: 10, utilisation: 0.21, dispatches: 38),
            .init(name: "Dogs", units: 6, utilisation: 0.18, dispatches: 21),
            .init(name: "Roads policing", units: 10, utilisation: 0.33, dispatches: 22),
        ], refreshmentBreaks: 170)

        // Evenings are worst; one hour has no Grade 2 incidents to show the gap in the line.
        let hourly = (0..<24).map { h -> HourSummary in
            let evening = h >= 17 && h <= 23 ? 0.07 : 0
            return HourSummary(hour: h, calls: callsByHour[h],
                               grade1ShareWithinTarget: 0.93 - evening - 0.01 * Double(h % 3),
                               grade2ShareWithinTarget: h == 4 ? nil : 0.95 - evening * 0.8 - 0.01 * Double(h % 2))
        }

        // Every five minutes: shifts change at 07:00, 15:00 and 23:00; the queue builds in the evening.
        let timeline = stride(from: 0.0, through: 86_400, by: 300).map { t -> TimelinePoint in
            let hour = t / 3600
            let onDuty = 150 + (hour >= 7 && hour < 23 ? 40 : 0) + ((hour >= 14.5 && hour < 15.5) ? 30 : 0)
            let demand = Double(callsByHour[min(23, Int(hour))]) / 125
            let busy = min(onDuty - 4, Int(Double(onDuty) * (0.18 + 0.55 * demand)))
            let queued = hour >= 18 && hour < 22 ? Int(6 + 5 * sin((hour - 18) * .pi / 4)) : (demand > 0.85 ? 2 : 0)
            return TimelinePoint(t: t, onDuty: onDuty, busy: busy, queued: queued)
        }

        let histograms = [
            histogram(grade: 1, median: 588, spread: 0.45, count: 410, bins: 41),
            histogram(grade: 2, median: 1590, spread: 0.7, count: 851, bins: 121),
            histogram(grade: 3, median: 11_160, spread: 1.2, count: 470, bins: 121),
        ]

        var sample = [IncidentPoint]()
        for i in 0..<sampleSize {
            let c = centres[(i * 7 + Int(rng.next() % 5)) % centres.count]
            let lon = c.lon + c.spread * rng.normal() / cos(c.lat * .pi / 180)
            let lat = c.lat + c.spread * rng.normal()
            let roll = rng.uniform()
            // Grade 4 is resolved without deployment, so it has no place on the response map.
            let grade = roll < 0.23 ? 1 : roll < 0.72 ? 2 : 3
            let median: Double = grade == 1 ? 588 : grade == 2 ? 1590 : 11_160
            var response: Double? = grade == 4 ? nil : median * exp((grade == 1 ? 0.45 : 0.8) * rng.normal())
            if grade != 4, rng.uniform() < 0.01 { response = nil }
            let target: Double? = grade == 1 ? 900 : grade == 2 ? 3600 : grade == 3 ? 172_800 : nil
            let within = response.flatMap { r in target.map { r <= $0 } }
            sample.append(IncidentPoint(lon: lon, lat: lat, grade: grade, responseSeconds: response, withinTarget: within))
        }

        return SimulationReport(
            scenario: "west-midlands-day", packName: "generated-west-midlands-seed-1", rulesVersion: "2026.11-default",
            seed: 20_261_125, durationSeconds: 86_400, calls: 2013, unfinished: 4, grades: grades, districts: districtRows,
            fleet: fleet, hourly: hourly, timeline: timeline, histograms: histograms, incidentSample: sample,
            decisions: DecisionSummary(recommendations: 1802, dispatches: 1771, diversions: 23, crossBorderDispatches: 148,
                                       noSuitableUnit: 87))
    }

    /// Counts of a lognormal response time in one-minute bins; the last bin takes the rest.
    static func histogram(grade: Int, median: Double, spread: Double, count: Int, bins: Int) -> ResponseHistogram {
        func cdf(_ minutes: Double) -> Double {
            minutes <= 0 ? 0 : StandardNormal.cdf(log(minutes * 60 / median) / spread)
        }
        var counts = (0..<(bins - 1)).map { Int((Double(count) * (cdf(Double($0 + 1)) - cdf(Double($0)))).rounded()) }
        counts.append(max(0, count - counts.reduce(0, +)))
        return ResponseHistogram(grade: grade, binMinutes: 1, counts: counts)
    }
}
