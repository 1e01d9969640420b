/// A response-time histogram for one grade, bars coloured within / beyond the target, the
/// target marked with a dashed line.
enum SVGHistogram {
    static func render(_ histogram: ResponseHistogram, summary: GradeSummary?, id: String,
                       width: Double = 640, height: Double = 220) -> String {
        let binMinutes = histogram.binMinutes > 0 ? histogram.binMinutes : 1
        let targetMinutes = summary?.targetSeconds.map { $0 / 60 }
        let shown = visibleBins(histogram.counts, binMinutes: binMinutes, targetMinutes: targetMinutes)
        let counts = Array(histogram.counts.prefix(shown))
        let bins = counts.count
        let hasOverflow = shown == histogram.counts.count
        let span = Double(max(bins, 1)) * binMinutes
        let total = counts.reduce(0, +)
        let yTicks = SVGPlotFrame.niceTicks(upTo: Double(counts.max() ?? 0), count: 4)
        var frame = SVGPlotFrame(width: width, height: height, xDomain: 0...span, yDomain: 0...(yTicks.last ?? 1))
        frame.top = 28

        var description = "Histogram of \(SummaryTable.count(total)) attended Grade \(histogram.grade) incidents "
            + "in \(SVGMarkup.n(binMinutes))-minute bins; "
            + (hasOverflow ? "the last bin holds every response of \(SVGMarkup.n(span - binMinutes)) minutes or more."
                           : "no response took \(SVGMarkup.n(span)) minutes or more.")
        if let summary {
            description += " Median \(SummaryTable.time(summary.medianSeconds)), 90th percentile "
                + "\(SummaryTable.time(summary.p90Seconds)), \(SummaryTable.percent(summary.shareWithinTarget)) within "
                + "the \(SummaryTable.target(summary.targetSeconds)) target."
        }
        var svg = SVGMarkup.open(id: id, width: width, height: height, title: "Grade \(histogram.grade) response times",
                                 description: description, className: "chart histogram")
        svg += frame.yAxis(ticks: yTicks, label: { SummaryTable.count(Int($0)) }, title: "incidents")

        svg += "<g class=\"bars\">"
        for (i, count) in counts.enumerated() where count > 0 {
            let from = Double(i) * binMinutes, to = from + binMinutes
            let within = targetMinutes.map { to <= $0 + 1e-9 } ?? true
            let last = hasOverflow && i == bins - 1
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

    /// How many bins to draw: all of them when the overflow bin holds anything; otherwise up to
    /// the last non-empty bin (and the target, when it lies within the histogram) with a tenth
    /// more room, rounded up to five bins — so that a run whose responses all fall in the first
    /// quarter of the range does not draw three empty quarters.
    static func visibleBins(_ counts: [Int], binMinutes: Double, targetMinutes: Double?) -> Int {
        guard let lastFilled = counts.lastIndex(where: { $0 > 0 }), counts.last == 0 else { return counts.count }
        var end = lastFilled + 1
        if let targetMinutes {
            let targetBins = Int((targetMinutes / binMinutes).rounded(.up))
            if targetBins < counts.count { end = max(end, targetBins) }
        }
        end = Int((Double(end) * 1.1).rounded(.up))
        end = (end + 4) / 5 * 5
        return min(max(end, 1), counts.count)
    }
}
