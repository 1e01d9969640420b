import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Simulation

@Suite("HTML report: comparison page")
struct HTMLReportComparisonTests {
    static func runs() -> [(label: String, report: SimulationReport)] {
        var better = HTMLReportFixture.report(sampleSize: 50, seed: 1)
        better.rulesVersion = "2026.11-cover"
        better.grades[0].shareWithinTarget = 0.914
        better.hourly = better.hourly.map { h in
            var h = h
            h.grade1ShareWithinTarget = h.grade1ShareWithinTarget.map { min(1, $0 + 0.03) }
            return h
        }
        return [("default", HTMLReportFixture.report(sampleSize: 50, seed: 1)), ("cover-first", better)]
    }

    static func rows() throws -> [HTMLReport.ComparisonRow] {
        // Twelve replications on common random numbers.
        var rng = TestRandom(seed: 11)
        let noise = (0..<12).map { _ in 0.03 * rng.normal() }
        let baseline = noise.map { 0.88 + $0 }
        let alternative = noise.enumerated().map { 0.905 + $1 + 0.004 * Double($0 % 3 - 1) }
        let medianBase = noise.map { 590 + 400 * $0 }
        let medianAlt = medianBase.enumerated().map { $1 + ($0 % 2 == 0 ? 4.0 : -4.0) }  // no difference on average
        return [
            .init(metric: "Grade 1 within target", baseline: "default", alternative: "cover-first", measure: .share,
                  higherIsBetter: true, comparison: try PairedComparison(alternative, baseline)),
            .init(metric: "Grade 1 median", baseline: "default", alternative: "cover-first", measure: .seconds,
                  higherIsBetter: false, comparison: try PairedComparison(medianAlt, medianBase)),
            .init(metric: "Grade 2 within target", baseline: "default", alternative: "cover-first", measure: .share,
                  higherIsBetter: true, comparison: try PairedComparison([0.9], [0.91])),
        ]
    }

    @Test func verdictsFollowTheIntervals() throws {
        let rows = try Self.rows()
        #expect(rows[0].verdict(level: 0.95) == "better")
        #expect(rows[1].verdict(level: 0.95) == "no significant difference")
        #expect(rows[2].verdict(level: 0.95) == nil)
        let worse = HTMLReport.ComparisonRow(metric: "m", baseline: "a", alternative: "b", measure: .seconds,
                                             higherIsBetter: false, comparison: try PairedComparison([10, 11, 12], [1, 2, 3]))
        #expect(worse.verdict(level: 0.95) == "worse")
    }

    @Test func pageShowsRunsDifferencesAndOverlaidLines() throws {
        let rows = try Self.rows()
        let html = HTMLReport.renderComparison(runs: Self.runs(), differences: rows)
        let lower = html.lowercased()
        for banned in ["<script", "<link", "src=", "url(", "@import"] { #expect(!lower.contains(banned)) }
        #expect(html.contains("<table id=\"difference-table\">") && html.contains("<table id=\"runs-table\">"))
        let ci = try rows[0].comparison.confidenceInterval()
        #expect(html.contains(HTMLReport.format(.share, ci.lower, difference: true) + " to " + HTMLReport.format(.share, ci.upper, difference: true)))
        #expect(html.contains("<td>better</td>") && html.contains("<td>no significant difference</td>")
                && html.contains("<td>too few replications</td>"))
        #expect(html.contains("88.3 %") && html.contains("91.4 %"))
        let svgs = HTMLReportTests.svgs(html)
        #expect(svgs.count == 1)
        let svg = try #require(svgs.first)
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.contains("class=\"series run0\"") && svg.contains("class=\"series run1\""))
        #expect(svg.contains("stroke=\"#D55E00\" stroke-dasharray=\"7 3\""))
    }

    @Test func differenceFormats() {
        #expect(HTMLReport.format(.share, 0.025, difference: true) == "+2.5 pp")
        #expect(HTMLReport.format(.share, 0.883, difference: false) == "88.3 %")
        #expect(HTMLReport.format(.seconds, -90, difference: true) == "-1.50 min")
        #expect(HTMLReport.format(.count, 3, difference: true) == "+3.0")
    }
}
