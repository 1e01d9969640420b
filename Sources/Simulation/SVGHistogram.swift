/// A response-time histogram for one grade, bars coloured within / beyond the target, the
/// target marked with a dashed line.
enum SVGHistogram {
    static func render(_ histogram: ResponseHistogram, summary: GradeSummary?, id: String,
                       width: Double = 640, height: Double = 220) -> String {
        let bins = histogram.counts.count
        let binMinutes = histogram.binMinutes > 0 ? histogram.binMinutes : 1
        let span = Double(max(bins, 1)) * binMinutes
        let total = histogram.counts.reduce(0, +)
        let yTicks = SVGPlotFrame.niceTicks(upTo: Double(histogram.counts.max() ?? 0), count: 4)
        var frame = SVGPlotFrame(width: width, height: height, xDomain: 0...span, yDomain: 0...(yTicks.last ?? 1))
        frame.top = 28
        let targetMinutes = summary?.targetSeconds.map { $0 / 60 }

        var description = "Histogram of \(SummaryTable.count(total)) attended Grade \(histogram.grade) incidents "
            + "in \(SVGMarkup.n(binMinutes))-minute bins; the last bin holds every response of "
            + "\(SVGMarkup.n(span - binMinutes)) minutes or more."
        if let summary {
            description += " Median \(SummaryTable.time(summary.medianSeconds)), 90th percentile "
                + "\(SummaryTable.time(summary.p90Seconds)), \(SummaryTable.percent(summary.shareWithinTarget)) within "
                + "the \(SummaryTable.target(summary.targetSeconds)) target."
        }
        var svg = SVGMarkup.open(id: id, width: width, height: height, title: "Grade \(histogram.grade) response times",
                                 description: description, className: "chart histogram")
        svg += frame.yAxis(ticks: yTicks, label: { SummaryTable.count(Int($0)) }, title: "incidents")

        svg += "<g class=\"bars\">"
        for (i, count) in histogram.counts.enumerated() where count > 0 {
            let from = Double(i) * binMinutes, to = from + binMinutes
            let within = targetMinutes.map { to <= $0 + 1e-9 } ?? true
            let last = i == bins - 1
            let x0 = frame.x(from), x1 = frame.x(to), y0 = frame.y(Double(count))
            let label = last ? "\(SVGMarkup.n(from)) min or more" : "\(SVGMarkup.n(from))–\(SVGMarkup.n(to)) min"
            svg += "<rect class=\"bar \(within ? "within" : "beyond")\(last ? " overflow" : "")\" "
                + "x=\"\(SVGMarkup.n(x0 + 0.5))\" y=\"\(SVGMarkup.n(y0))\" width=\"\(SVGMarkup.n(max(0.5, x1 - x0 - 1)))\" "
                + "height=\"\(SVGMarkup.n(frame.plotBottom - y0))\"><title>\(SVGMarkup.escape(label)): "
                + "\(SummaryTable.count(count)) incidents</title></rect>"
        }
        svg += "</g>"

        let ticks = SVGPlotFrame.niceTicks(upTo: span, count: 8).filter { $0 <= span + 1e-9 }
        svg += frame.xAxis(ticks: ticks, label: { SVGMarkup.n($0) }, title: "minutes from call to first unit on scene")

        if let targetMinutes {
            if targetMinutes <= span {
                let tx = frame.x(targetMinutes)
                svg += "<g class=\"target\"><line x1=\"\(SVGMarkup.n(tx))\" x2=\"\(SVGMarkup.n(tx))\" "
                    + "y1=\"\(SVGMarkup.n(frame.plotTop - 4))\" y2=\"\(SVGMarkup.n(frame.plotBottom))\"/>"
                    + SVGMarkup.text(tx + 4, frame.plotTop + 2, "target \(SummaryTable.target(targetMinutes * 60))")
                    + "</g>"
            } else {
                svg += SVGMarkup.text(frame.plotRight, frame.plotTop - 12,
                                      "target \(SummaryTable.target(targetMinutes * 60)) (beyond the chart)",
                                      anchor: "end", className: "note")
            }
        }
        if let summary {
            svg += SVGMarkup.text(frame.plotLeft, frame.plotTop - 12,
                                  "Grade \(histogram.grade): median \(SummaryTable.time(summary.medianSeconds)) · "
                                  + "p90 \(SummaryTable.time(summary.p90Seconds))", className: "chart-label")
        }
        return svg + "</svg>"
    }
}
