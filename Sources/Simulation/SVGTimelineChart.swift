/// Units on duty and busy (top panel) and calls waiting (bottom panel) through the run.
enum SVGTimelineChart {
    /// At most this many points are drawn; longer timelines are bucketed, keeping each bucket's
    /// peak so that no busy spell or queue disappears from the chart.
    static let maximumPoints = 1200

    static func render(_ timeline: [TimelinePoint], durationSeconds: Double, id: String,
                       width: Double = 640, height: Double = 330) -> String {
        let points = downsample(timeline.sorted { $0.t < $1.t })
        let end = max(durationSeconds, points.last?.t ?? 0, 1)
        let unitTicks = SVGPlotFrame.niceTicks(upTo: Double(points.map(\.onDuty).max() ?? 0), count: 4)
        let queueTicks = SVGPlotFrame.niceTicks(upTo: Double(points.map(\.queued).max() ?? 0), count: 2)
        var upper = SVGPlotFrame(width: width, height: height, xDomain: 0...end, yDomain: 0...(unitTicks.last ?? 1))
        upper.top = 30
        upper.bottom = 130
        var lower = SVGPlotFrame(width: width, height: height, xDomain: 0...end, yDomain: 0...(queueTicks.last ?? 1))
        lower.top = height - 100
        lower.bottom = 40

        let peakBusy = timeline.max { $0.busy < $1.busy }
        let peakQueue = timeline.max { $0.queued < $1.queued }
        var description = "Units on duty and units committed to incidents over the run, and the number of incidents "
            + "waiting for a unit."
        if let peakBusy { description += " Peak busy: \(peakBusy.busy) of \(peakBusy.onDuty) units at \(clock(peakBusy.t, end: end))." }
        if let peakQueue { description += " Longest queue: \(peakQueue.queued) incidents at \(clock(peakQueue.t, end: end))." }
        var svg = SVGMarkup.open(id: id, width: width, height: height, title: "Units busy and queue length over the run",
                                 description: description, className: "chart timeline")
        svg += upper.yAxis(ticks: unitTicks, label: { SummaryTable.count(Int($0)) }, title: "units")
        svg += lower.yAxis(ticks: queueTicks, label: { SummaryTable.count(Int($0)) }, title: "waiting")

        func line(_ frame: SVGPlotFrame, _ value: (TimelinePoint) -> Int) -> String {
            points.enumerated().map { i, p in
                (i == 0 ? "M" : "L") + "\(SVGMarkup.n(frame.x(p.t))) \(SVGMarkup.n(frame.y(Double(value(p)))))"
            }.joined()
        }
        func area(_ frame: SVGPlotFrame, _ value: (TimelinePoint) -> Int) -> String {
            guard let first = points.first, let last = points.last else { return "" }
            return line(frame, value) + "L\(SVGMarkup.n(frame.x(last.t))) \(SVGMarkup.n(frame.plotBottom))"
                + "L\(SVGMarkup.n(frame.x(first.t))) \(SVGMarkup.n(frame.plotBottom))Z"
        }
        if !points.isEmpty {
            svg += "<path class=\"area busy\" d=\"\(area(upper, \.busy))\"><title>units busy</title></path>"
            svg += "<path class=\"line on-duty\" d=\"\(line(upper, \.onDuty))\"><title>units on duty</title></path>"
            svg += "<path class=\"area queued\" d=\"\(area(lower, \.queued))\"><title>incidents waiting</title></path>"
        }
        let ticks = timeTicks(end: end)
        svg += lower.xAxis(ticks: ticks, label: { clock($0, end: end) }, title: "time in the run")
        svg += "<line class=\"baseline\" x1=\"\(SVGMarkup.n(upper.plotLeft))\" x2=\"\(SVGMarkup.n(upper.plotRight))\" "
            + "y1=\"\(SVGMarkup.n(upper.plotBottom))\" y2=\"\(SVGMarkup.n(upper.plotBottom))\"/>"
        svg += "<g class=\"legend\">"
            + "<rect class=\"area busy\" x=\"\(SVGMarkup.n(upper.plotLeft))\" y=\"8\" width=\"14\" height=\"10\"/>"
            + SVGMarkup.text(upper.plotLeft + 20, 17, "busy")
            + "<line class=\"line on-duty\" x1=\"\(SVGMarkup.n(upper.plotLeft + 80))\" x2=\"\(SVGMarkup.n(upper.plotLeft + 100))\" y1=\"13\" y2=\"13\"/>"
            + SVGMarkup.text(upper.plotLeft + 106, 17, "on duty")
            + "<rect class=\"area queued\" x=\"\(SVGMarkup.n(upper.plotLeft + 180))\" y=\"8\" width=\"14\" height=\"10\"/>"
            + SVGMarkup.text(upper.plotLeft + 200, 17, "incidents waiting (lower panel)")
            + "</g>"
        return svg + "</svg>"
    }

    /// Peaks per bucket when there are more than `maximumPoints` points.
    static func downsample(_ points: [TimelinePoint]) -> [TimelinePoint] {
        guard points.count > maximumPoints else { return points }
        let size = (points.count + maximumPoints - 1) / maximumPoints
        return stride(from: 0, to: points.count, by: size).map { start in
            let bucket = points[start..<min(start + size, points.count)]
            return TimelinePoint(t: bucket.first?.t ?? 0, onDuty: bucket.map(\.onDuty).max() ?? 0,
                                 busy: bucket.map(\.busy).max() ?? 0, queued: bucket.map(\.queued).max() ?? 0)
        }
    }

    /// Tick times: every 3 h up to a day, 6 h up to two days, 12 h up to four, then whole days.
    static func timeTicks(end: Double) -> [Double] {
        let hours = end / 3600
        let step: Double
        switch hours {
        case ...1: step = 600
        case ...6: step = 3600
        case ...24: step = 3 * 3600
        case ...48: step = 6 * 3600
        case ...96: step = 12 * 3600
        default: step = SVGPlotFrame.niceTicks(upTo: hours / 24, count: 8).dropFirst().first.map { $0 * 86400 } ?? 86400
        }
        return stride(from: 0, through: end + 1e-6, by: step).map { $0 }
    }

    /// "06:00" within a day-long run, "d2 06:00" in longer ones, "day 12" beyond four days.
    static func clock(_ t: Double, end: Double) -> String {
        let minutes = Int((t / 60).rounded())
        let day = minutes / 1440, hh = (minutes % 1440) / 60, mm = minutes % 60
        let time = (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)"
        if end <= 86400 { return minutes == 1440 ? "24:00" : time }
        if end <= 4 * 86400 { return "d\(day + 1) \(time)" }
        return "day \(day + 1)"
    }
}
