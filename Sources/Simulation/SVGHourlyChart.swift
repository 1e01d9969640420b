/// Share of Grade 1 and Grade 2 incidents reached within target, by hour of day, against the
/// force's goal share (a dashed line).
enum SVGHourlyChart {
    struct Series {
        var name: String
        var className: String
        /// Share by hour (0–23); missing hours are gaps.
        var values: [Int: Double]
        /// Explicit colour and dash pattern (the report's own two series are styled by CSS class).
        var color: String? = nil
        var dash: String? = nil
    }

    /// Grade 1 and Grade 2 of one run.
    static func render(_ hourly: [HourSummary], goalShare: Double, id: String,
                       width: Double = 640, height: Double = 260) -> String {
        render(series: [
            Series(name: "Grade 1", className: "series g1", values: values(hourly, \.grade1ShareWithinTarget)),
            Series(name: "Grade 2", className: "series g2", values: values(hourly, \.grade2ShareWithinTarget)),
        ], goalShare: goalShare, id: id, title: "Share within target by hour of day", width: width, height: height)
    }

    static func values(_ hourly: [HourSummary], _ share: KeyPath<HourSummary, Double?>) -> [Int: Double] {
        Dictionary(hourly.compactMap { h in h[keyPath: share].map { (h.hour, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    static func render(series: [Series], goalShare: Double, id: String, title: String,
                       width: Double = 640, height: Double = 260) -> String {
        // The y axis starts at the 10 % step below the lowest share (and the goal), so that
        // differences near the goal are visible; its labels say where it starts.
        let lowest = min(goalShare, series.flatMap { $0.values.values }.min() ?? goalShare)
        let floor = max(0, ((lowest - 0.05) * 10).rounded(.down) / 10)
        var frame = SVGPlotFrame(width: width, height: height, xDomain: -0.5...23.5, yDomain: floor...1)
        frame.top = 34
        func worst(_ s: Series) -> String {
            guard let (hour, share) = s.values.min(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }) else {
                return "\(s.name): no incidents"
            }
            let below = s.values.values.filter { $0 < goalShare }.count
            return "\(s.name): lowest \(SummaryTable.percent(share)) at \(hourLabel(hour)), \(below) of \(s.values.count) hours below the goal"
        }
        let description = "Share of incidents reached within their target for each hour of the day, against the "
            + "\(SummaryTable.percent(goalShare, digits: 0)) goal. " + series.map(worst).joined(separator: "; ") + "."
        var svg = SVGMarkup.open(id: id, width: width, height: height, title: title,
                                 description: description, className: "chart hourly")
        let step = 1 - floor > 0.5 ? 0.2 : 0.1
        svg += frame.yAxis(ticks: stride(from: floor, through: 1.0 + 1e-9, by: step).map { $0 },
                           label: { SummaryTable.percent($0, digits: 0) }, title: "within target")
        svg += frame.xAxis(ticks: stride(from: 0.0, through: 21, by: 3).map { $0 }, label: { hourLabel(Int($0)) },
                           title: "hour of day (call received)")

        let gy = frame.y(goalShare)
        svg += "<g class=\"goal\"><line x1=\"\(SVGMarkup.n(frame.plotLeft))\" x2=\"\(SVGMarkup.n(frame.plotRight))\" "
            + "y1=\"\(SVGMarkup.n(gy))\" y2=\"\(SVGMarkup.n(gy))\"/>"
            + SVGMarkup.text(frame.plotRight - 4, gy - 5, "goal \(SummaryTable.percent(goalShare, digits: 0))", anchor: "end")
            + "</g>"

        for s in series {
            var d = "", previous: Int?
            for hour in 0..<24 {
                guard let v = s.values[hour] else { previous = nil; continue }
                d += (previous == hour - 1 ? "L" : "M") + "\(SVGMarkup.n(frame.x(Double(hour)))) \(SVGMarkup.n(frame.y(v)))"
                previous = hour
            }
            svg += "<g class=\"\(s.className)\"><path d=\"\(d)\"\(stroke(s))/>"
            for hour in 0..<24 {
                guard let v = s.values[hour] else { continue }
                svg += "<circle cx=\"\(SVGMarkup.n(frame.x(Double(hour))))\" cy=\"\(SVGMarkup.n(frame.y(v)))\" r=\"3\"\(fill(s))>"
                    + "<title>\(s.name), \(hourLabel(hour)): \(SummaryTable.percent(v))</title></circle>"
            }
            svg += "</g>"
        }
        // Legend along the top.
        svg += "<g class=\"legend\">"
        var lx = frame.plotLeft
        for s in series {
            svg += "<g class=\"\(s.className)\"><line x1=\"\(SVGMarkup.n(lx))\" x2=\"\(SVGMarkup.n(lx + 22))\" y1=\"14\" y2=\"14\"\(stroke(s))/>"
                + "<circle cx=\"\(SVGMarkup.n(lx + 11))\" cy=\"14\" r=\"3\"\(fill(s))/></g>"
                + SVGMarkup.text(lx + 28, 18, s.name)
            lx += 40 + 6.5 * Double(s.name.count)
        }
        svg += "<line class=\"goal-key\" x1=\"\(SVGMarkup.n(lx))\" x2=\"\(SVGMarkup.n(lx + 22))\" y1=\"14\" y2=\"14\"/>"
            + SVGMarkup.text(lx + 28, 18, "goal share") + "</g>"
        return svg + "</svg>"
    }

    private static func stroke(_ s: Series) -> String {
        (s.color.map { " stroke=\"\($0)\"" } ?? "") + (s.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
    }

    private static func fill(_ s: Series) -> String { s.color.map { " fill=\"\($0)\"" } ?? "" }

    static func hourLabel(_ hour: Int) -> String { hour < 10 ? "0\(hour):00" : "\(hour):00" }
}
