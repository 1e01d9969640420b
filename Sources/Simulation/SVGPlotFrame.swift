import Foundation

/// A chart's plot area inside its SVG: margins, linear scales for x and y, axes with "nice" ticks.
struct SVGPlotFrame {
    var width: Double
    var height: Double
    var left = 56.0, right = 16.0, top = 16.0, bottom = 40.0
    var xDomain: ClosedRange<Double>
    var yDomain: ClosedRange<Double>

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    func x(_ value: Double) -> Double {
        let span = xDomain.upperBound - xDomain.lowerBound
        return plotLeft + (span > 0 ? (value - xDomain.lowerBound) / span : 0) * (plotRight - plotLeft)
    }

    func y(_ value: Double) -> Double {
        let span = yDomain.upperBound - yDomain.lowerBound
        return plotBottom - (span > 0 ? (value - yDomain.lowerBound) / span : 0) * (plotBottom - plotTop)
    }

    /// Horizontal grid lines and labels at `ticks` on the left axis, and the axis title.
    func yAxis(ticks: [Double], label: (Double) -> String, title: String) -> String {
        var out = "<g class=\"axis y-axis\">"
        for t in ticks {
            let yy = y(t)
            out += "<line class=\"grid\" x1=\"\(SVGMarkup.n(plotLeft))\" x2=\"\(SVGMarkup.n(plotRight))\" "
                + "y1=\"\(SVGMarkup.n(yy))\" y2=\"\(SVGMarkup.n(yy))\"/>"
            out += SVGMarkup.text(plotLeft - 6, yy + 4, label(t), anchor: "end")
        }
        let mid = (plotTop + plotBottom) / 2
        out += "<text class=\"axis-title\" transform=\"translate(14 \(SVGMarkup.n(mid))) rotate(-90)\" text-anchor=\"middle\">"
            + SVGMarkup.escape(title) + "</text>"
        return out + "</g>"
    }

    /// The bottom axis line with labelled ticks at `ticks`, and the axis title.
    func xAxis(ticks: [Double], label: (Double) -> String, title: String) -> String {
        var out = "<g class=\"axis x-axis\">"
        out += "<line class=\"baseline\" x1=\"\(SVGMarkup.n(plotLeft))\" x2=\"\(SVGMarkup.n(plotRight))\" "
            + "y1=\"\(SVGMarkup.n(plotBottom))\" y2=\"\(SVGMarkup.n(plotBottom))\"/>"
        for t in ticks {
            let xx = x(t)
            out += "<line class=\"tick\" x1=\"\(SVGMarkup.n(xx))\" x2=\"\(SVGMarkup.n(xx))\" "
                + "y1=\"\(SVGMarkup.n(plotBottom))\" y2=\"\(SVGMarkup.n(plotBottom + 4))\"/>"
            out += SVGMarkup.text(xx, plotBottom + 16, label(t), anchor: "middle")
        }
        out += SVGMarkup.text((plotLeft + plotRight) / 2, height - 6, title, anchor: "middle", className: "axis-title")
        return out + "</g>"
    }

    /// Ticks 0, step, 2·step … covering `maximum`, with the step of 1, 2 or 5 × 10^k nearest to
    /// `maximum / count`.
    static func niceTicks(upTo maximum: Double, count: Int = 5) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let rough = maximum / Double(max(1, count))
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.min { abs(log($0 / rough)) < abs(log($1 / rough)) } ?? magnitude
        let steps = Int((maximum / step).rounded(.up))
        return (0...max(1, steps)).map { Double($0) * step }
    }
}
