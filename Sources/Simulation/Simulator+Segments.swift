import Foundation
import DispatchCore

extension Simulator {
    /// Runs a long scenario as consecutive segments on all cores at once. Each segment starts a
    /// warm-up of whole days before its share of the calls (so units are already out on jobs, as
    /// they would be), and only its own calls are counted: together the segments cover every call
    /// exactly once. The trajectory differs from one sequential run only through the warm-ups
    /// standing in for the days before each segment.
    /// - Returns: one report per segment, in time order, and the events processed in all.
    public static func runSegmented(setup: SimulationSetup, options: SimulationOptions, segments: Int,
                                    warmUpDays: Int = 1) -> (reports: [SimulationReport], events: Int) {
        let k = max(1, segments)
        let days = (setup.durationSeconds / 86_400).rounded(.up)
        let perSegment = (days / Double(k)).rounded(.up) * 86_400
        let slots = ResultSlots<(SimulationReport, Int)>(count: k)
        DispatchQueue.concurrentPerform(iterations: k) { j in
            let start = Double(j) * perSegment
            let end = min(setup.durationSeconds, start + perSegment)
            guard start < end else { return }
            let offset = max(0, start - Double(warmUpDays) * 86_400)
            var part = setup
            part.calls = setup.calls.filter { $0.time >= offset && $0.time < end }.map { call in
                var c = call
                c.time -= offset
                return c
            }
            part.durationSeconds = end - offset
            part.measureFrom = start - offset
            part.startWeekday = (setup.startWeekday + Int(offset / 86_400)) % 7
            var opts = options
            opts.progress = nil
            let (report, outcome) = Simulator(setup: part, options: opts).run()
            _ = slots.set(j, (report, outcome.eventsProcessed))
        }
        let results = (0..<k).compactMap { slots.value($0) }
        return (results.map(\.0), results.reduce(0) { $0 + $1.1 })
    }
}

extension Array where Element == SimulationReport {
    /// Share of a grade's attended calls within target over several reports (weighted by calls attended).
    public func shareWithinTarget(grade: Int) -> Double? {
        var within = 0.0, attended = 0.0
        for r in self {
            guard let g = r.grades.first(where: { $0.grade == grade }), let share = g.shareWithinTarget else { continue }
            within += share * Double(g.attended)
            attended += Double(g.attended)
        }
        return attended > 0 ? within / attended : nil
    }

    /// Calls counted over several reports.
    public var totalCalls: Int { reduce(0) { $0 + $1.calls } }
}
