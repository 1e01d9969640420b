import Foundation
import GeoKit
import DispatchCore
import RoadNetwork

/// Turns police.uk street-level crimes into a replay of calls.
///
/// police.uk publishes where and in which month a crime was recorded, never when the call came in
/// or how it was graded. The conversion therefore assumes, and says so:
/// - one call per recorded crime;
/// - the call falls on a day drawn uniformly within the crime's month, at an hour drawn from the
///   metropolitan hour-of-day profile (`DemandSpec.metropolitanHourly`), minute and second uniform;
///   time 0 is midnight at the start of the earliest month in the input;
/// - the grade and incident type follow the crime category with fixed shares (`CrimeReplay.mapping`:
///   e.g. burglary is 20 % "in progress" Grade 1, 80 % a Grade 3 report);
/// - on-scene times are left to the scenario's on-scene model.
/// Draws use their own seeded streams, so the same files and seed give the same replay.
public enum CrimeReplay {
    /// Shares of (grade, type) for a crime category.
    public struct Outcome: Sendable, Hashable {
        public var grade: Grade
        public var type: IncidentType
        public var share: Double
        public init(_ grade: Grade, _ type: IncidentType, _ share: Double) {
            self.grade = grade
            self.type = type
            self.share = share
        }
    }

    /// Category (normalised: lower case, hyphens) → outcomes. Unlisted categories become Grade 3 "other".
    public static let mapping: [String: [Outcome]] = [
        "anti-social-behaviour": [Outcome(.priority, "anti-social-behaviour", 0.3), Outcome(.scheduled, "anti-social-behaviour", 0.7)],
        "violent-crime": [Outcome(.emergency, "violence-in-progress", 0.3), Outcome(.priority, "domestic-abuse", 0.35),
                          Outcome(.scheduled, "assault-report", 0.35)],
        "violence-and-sexual-offences": [Outcome(.emergency, "violence-in-progress", 0.3), Outcome(.priority, "domestic-abuse", 0.35),
                                         Outcome(.scheduled, "assault-report", 0.35)],
        "robbery": [Outcome(.emergency, "violence-in-progress", 0.5), Outcome(.priority, "concern-for-welfare", 0.5)],
        "burglary": [Outcome(.emergency, "burglary-in-progress", 0.2), Outcome(.scheduled, "burglary-report", 0.8)],
        "public-order": [Outcome(.emergency, "violence-in-progress", 0.3), Outcome(.priority, "anti-social-behaviour", 0.7)],
        "possession-of-weapons": [Outcome(.emergency, "violence-in-progress", 0.5), Outcome(.priority, "concern-for-welfare", 0.5)],
        "shoplifting": [Outcome(.priority, "theft", 0.2), Outcome(.scheduled, "theft", 0.8)],
        "vehicle-crime": [Outcome(.scheduled, "theft", 1)],
        "other-theft": [Outcome(.scheduled, "theft", 1)],
        "theft-from-the-person": [Outcome(.priority, "theft", 0.3), Outcome(.scheduled, "theft", 0.7)],
        "bicycle-theft": [Outcome(.scheduled, "theft", 1)],
        "criminal-damage-arson": [Outcome(.scheduled, "criminal-damage", 1)],
        "drugs": [Outcome(.scheduled, "drugs", 1)],
        "other-crime": [Outcome(.scheduled, "other", 1)],
    ]

    /// "Violent crime" → "violent-crime".
    public static func normalise(_ category: String) -> String {
        category.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
    }

    /// Calls from crime records, in time order.
    public static func calls(from records: [CrimeCSV.Record], seed: UInt64,
                             onScene: DemandSpec = DemandSpec()) throws -> [SimCall] {
        var times = SimRandom(seed: seed, stream: "crime-times")
        var kinds = SimRandom(seed: seed, stream: "crime-grades")
        var scenes = SimRandom(seed: seed, stream: "crime-on-scene")
        let hourly = cumulativeSums(DemandSpec.metropolitanHourly)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        func monthStart(_ month: String) throws -> Date {
            let parts = month.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m),
                  let date = calendar.date(from: DateComponents(year: y, month: m, day: 1)) else {
                throw ReplayError(file: "crime", line: 0, column: "Month", message: "'\(month)' is not a YYYY-MM month")
            }
            return date
        }
        let starts = try Dictionary(Set(records.map(\.month)).map { ($0, try monthStart($0)) }, uniquingKeysWith: { a, _ in a })
        guard let origin = starts.values.min() else { return [] }
        var calls: [SimCall] = []
        calls.reserveCapacity(records.count)
        for record in records {
            guard let start = starts[record.month] else { continue }
            let days = calendar.range(of: .day, in: .month, for: start)?.count ?? 30
            let day = Double(Int(times.uniform() * Double(days)))
            let hour = Double(times.pick(cumulative: hourly))
            let t = start.timeIntervalSince(origin) + day * 86_400 + hour * 3600 + times.uniform() * 3600
            let outcomes = mapping[normalise(record.category)] ?? [Outcome(.scheduled, "other", 1)]
            let chosen = outcomes[kinds.pick(cumulative: cumulativeSums(outcomes.map(\.share)))]
            let model = onScene.onScene[chosen.type] ?? onScene.defaultOnScene
            let scene = min(12 * 3600, max(60, scenes.lognormal(median: model.medianSeconds, sigma: model.sigma)))
            calls.append(SimCall(time: t, location: record.position, grade: chosen.grade, type: chosen.type, onSceneSeconds: scene))
        }
        return calls.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }
}
