import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GeoKit
import RoadNetwork
import Testing
@testable import Simulation

@Suite("HTML report: a self-contained page")
struct HTMLReportTests {
    static let report = HTMLReportFixture.report()
    static let map = ReportMap(boundary: nil, districts: HTMLReportFixture.defaultDistricts.enumerated().map { i, d in
        // Seven squares in a row, 0.1° on a side, over the West Midlands.
        let lon = -2.2 + 0.1 * Double(i), lat = 52.4
        return .init(code: d.code, name: d.name, geometry: MultiPolygon([Polygon([
            LonLat(lon: lon, lat: lat), LonLat(lon: lon + 0.1, lat: lat),
            LonLat(lon: lon + 0.1, lat: lat + 0.1), LonLat(lon: lon, lat: lat + 0.1),
        ])], srid: 4326))
    })
    static let page = HTMLReport.render(report: report, map: map)

    /// Every `<svg>…</svg>` fragment of a page.
    static func svgs(_ html: String) -> [String] {
        var out = [String](), rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest[start.lowerBound...].range(of: "</svg>") {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func nothingExternal() {
        let lower = Self.page.lowercased()
        for banned in ["<script", "<link", "src=", "@import", "url(", "<img", "<iframe", "<object", "@font-face"] {
            #expect(!lower.contains(banned), "the page must not contain \(banned)")
        }
        // The only address on the page is the SVG namespace, which is a name, not a fetch.
        let addresses = Self.occurrences(of: "http", in: lower)
        #expect(addresses == Self.occurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", in: lower))
        #expect(Self.page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(Self.page.contains("<meta charset=\"utf-8\">") && Self.page.contains("@media print"))
    }

    @Test func chartsAreAccessibleAndWellFormed() throws {
        let svgs = Self.svgs(Self.page)
        // Three histograms (grades 1–3), the hourly chart, the timeline and the map.
        #expect(svgs.count == 6)
        for svg in svgs {
            let id = try #require(svg.split(separator: "\"").dropFirst().first.map(String.init))
            #expect(svg.contains("role=\"img\""))
            #expect(svg.contains("aria-labelledby=\"\(id)-title \(id)-desc\""))
            #expect(svg.contains("<title id=\"\(id)-title\">") && svg.contains("<desc id=\"\(id)-desc\">"))
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG \(id) is not well-formed XML: \(String(describing: parser.parserError))")
        }
        for id in ["histogram-grade-1", "histogram-grade-2", "histogram-grade-3", "hourly-chart", "timeline-chart", "incident-map"] {
            #expect(Self.page.contains("<svg id=\"\(id)\""))
        }
        for table in ["grade-table", "district-table", "fleet-table", "decision-table", "hourly-table"] {
            #expect(Self.page.contains("<table id=\"\(table)\"><caption>"))
        }
    }

    @Test func mapDrawsDistrictsIncidentsAndLegend() throws {
        let svg = try #require(Self.svgs(Self.page).first { $0.contains("id=\"incident-map\"") })
        #expect(Self.occurrences(of: "<path class=\"district\"", in: svg) == 7)
        #expect(Self.occurrences(of: "<circle class=\"incident ", in: svg) == Self.report.incidentSample.count)
        #expect(Self.occurrences(of: "class=\"legend-item\"", in: svg) == SVGColorScale.bins.count + 1)
        // The legend's counts add up to the sample.
        var total = 0
        for bin in SVGColorScale.bins + [SVGColorScale.notReached] {
            let marker = "\(bin.label) ("
            let after = try #require(svg.range(of: marker)).upperBound
            let digits = svg[after...].prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)
            total += try #require(Int(String(digits)))
        }
        #expect(total == Self.report.incidentSample.count)
        for d in HTMLReportFixture.defaultDistricts { #expect(svg.contains(">\(d.name)</text>")) }
    }

    @Test(arguments: [(nil as Double?, 6), (60, 6), (299, 0), (300, 1), (899, 2), (900, 3), (1799, 3), (1800, 4),
                      (3600, 5), (86_400, 5)])
    func responseTimeColours(seconds: Double?, bin: Int) {
        let expected = seconds == nil ? SVGColorScale.bins.count : (seconds == 60 ? 0 : bin)
        #expect(SVGColorScale.binIndex(seconds: seconds) == expected)
    }

    /// Equirectangular with cos(latitude): 1 km east spans the same pixels as 1 km north; north is up.
    @Test func projectionKeepsShapesAndFitsTheBox() {
        let box = BoundingBox(minX: -2.21, minY: 52.34, maxX: -1.42, maxY: 52.67)
        let p = SVGMap.Projection(box: box, left: 10, top: 10, width: 600, height: 400)
        let centre = LonLat(lon: -1.815, lat: 52.505)
        let east = LonLat(lon: centre.lon + 0.01 / cos(52.505 * .pi / 180), lat: centre.lat)
        let north = LonLat(lon: centre.lon, lat: centre.lat + 0.01)
        let c = p(lon: centre.lon, lat: centre.lat), e = p(lon: east.lon, lat: east.lat), n = p(lon: north.lon, lat: north.lat)
        #expect(abs((e.x - c.x) - (c.y - n.y)) < 1e-9)
        #expect(n.y < c.y && e.x > c.x)
        #expect(abs(c.x - 310) < 1e-9 && abs(c.y - 210) < 1e-9)
        for corner in [(box.minX, box.minY), (box.maxX, box.maxY)] {
            let q = p(lon: corner.0, lat: corner.1)
            #expect(q.x >= 10 - 1e-9 && q.x <= 610 + 1e-9 && q.y >= 10 - 1e-9 && q.y <= 410 + 1e-9)
        }
        // The box fills the width or the height exactly.
        let left = p(lon: box.minX, lat: centre.lat), top = p(lon: centre.lon, lat: box.maxY)
        #expect(abs(left.x - 10) < 1e-9 || abs(top.y - 10) < 1e-9)
        // Ground scale: pixels for 1 km north equal pixelsPerKilometre.
        let km = p(lon: centre.lon, lat: centre.lat + 1 / 111.19508)
        #expect(abs((c.y - km.y) - p.pixelsPerKilometre) < 1e-3)
    }

    @Test func histogramMarksTheTargetAndColoursBars() throws {
        let h = try #require(Self.report.histograms.first { $0.grade == 1 })
        let summary = Self.report.grades.first { $0.grade == 1 }
        let svg = SVGHistogram.render(h, summary: summary, id: "h1")
        let frame = SVGPlotFrame(width: 640, height: 220, xDomain: 0...Double(h.counts.count), yDomain: 0...1)
        #expect(svg.contains("<g class=\"target\"><line x1=\"\(SVGMarkup.n(frame.x(15)))\""))
        #expect(svg.contains("target 15 min"))
        let within = h.counts.prefix(15).filter { $0 > 0 }.count, beyond = h.counts.dropFirst(15).filter { $0 > 0 }.count
        #expect(Self.occurrences(of: "class=\"bar within", in: svg) == within)
        #expect(Self.occurrences(of: "class=\"bar beyond", in: svg) == beyond)
        #expect(svg.contains("40 min or more: \(h.counts[40]) incidents"))
        // Grade 3's 48 h target lies beyond its two-hour chart and is said so.
        let g3 = try #require(Self.report.histograms.first { $0.grade == 3 })
        #expect(SVGHistogram.render(g3, summary: Self.report.grades.first { $0.grade == 3 }, id: "h3")
            .contains("target 48 h (beyond the chart)"))
    }

    /// Empty tails are not drawn, unless responses overflowed the last bin; the target stays in view.
    @Test func histogramTrimsEmptyTails() {
        var counts = [Int](repeating: 0, count: 61)
        for i in 0..<8 { counts[i] = 10 - i }
        #expect(SVGHistogram.visibleBins(counts, binMinutes: 1, targetMinutes: 15) == 20)   // 15 · 1.1 → 17 → 20
        #expect(SVGHistogram.visibleBins(counts, binMinutes: 1, targetMinutes: nil) == 10)  // 8 · 1.1 → 9 → 10
        #expect(SVGHistogram.visibleBins(counts, binMinutes: 1, targetMinutes: 2880) == 10) // target far beyond
        #expect(SVGHistogram.visibleBins(counts, binMinutes: 5, targetMinutes: 60) == 15)   // 12 bins · 1.1 → 14 → 15
        counts[60] = 1
        #expect(SVGHistogram.visibleBins(counts, binMinutes: 1, targetMinutes: 15) == 61)
        #expect(SVGHistogram.visibleBins([0, 0, 0], binMinutes: 1, targetMinutes: 15) == 3)
        counts[60] = 0
        let svg = SVGHistogram.render(ResponseHistogram(grade: 1, binMinutes: 1, counts: counts),
                                      summary: Self.report.grades.first { $0.grade == 1 }, id: "trim")
        #expect(svg.contains("no response took 20 minutes or more") && !svg.contains("or more:"))
        #expect(svg.contains("target 15 min"))
    }

    @Test func hourlyChartBreaksLinesWhereThereIsNoData() throws {
        let svg = SVGHourlyChart.render(Self.report.hourly, goalShare: 0.9, id: "hr")
        let g2 = try #require(svg.components(separatedBy: "<g class=\"series g2\"><path d=\"").dropFirst().first)
        let path = String(g2.prefix { $0 != "\"" })
        // Hour 4 has no Grade 2 figure: the line restarts (a second M) after the gap.
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(Self.occurrences(of: "<circle", in: g2.components(separatedBy: "</g>")[0]) == 23)
        #expect(svg.contains("goal 90 %"))
        #expect(svg.contains("lowest"))
    }

    @Test func escapesTextFromTheRun() {
        var report = HTMLReportFixture.report(sampleSize: 10)
        report.scenario = "<script>alert(1)</script> & \"co\""
        let html = HTMLReport.render(report: report, map: nil)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"))
    }

    @Test func sameReportSamePage() {
        #expect(HTMLReport.render(report: Self.report, map: Self.map) == Self.page)
        #expect(HTMLReport.render(report: HTMLReportFixture.report(), map: Self.map) == Self.page)
    }

    @Test func emptyRunStillRenders() {
        let empty = SimulationReport(scenario: "empty", packName: "p", rulesVersion: "r", seed: 0, durationSeconds: 0, calls: 0,
                                     unfinished: 0, grades: [], districts: [], fleet: FleetSummary(units: 0, utilisation: 0, groups: [], refreshmentBreaks: 0),
                                     hourly: [], timeline: [], histograms: [], incidentSample: [],
                                     decisions: DecisionSummary(recommendations: 0, dispatches: 0, diversions: 0, crossBorderDispatches: 0, noSuitableUnit: 0))
        let html = HTMLReport.render(report: empty, map: nil)
        #expect(html.contains("No response times were recorded"))
        #expect(html.contains("there is no map"))
        #expect(!html.contains("nan") && !html.contains("inf"))
        for svg in Self.svgs(html) { #expect(XMLParser(data: Data(svg.utf8)).parse()) }
    }

    @Test func timelineKeepsPeaksWhenThinned() {
        var points = (0..<100_000).map { TimelinePoint(t: Double($0) * 60, onDuty: 200, busy: 80, queued: 0) }
        points[54_321].queued = 37
        points[777].busy = 199
        let thinned = SVGTimelineChart.downsample(points)
        #expect(thinned.count <= SVGTimelineChart.maximumPoints)
        #expect(thinned.map(\.queued).max() == 37 && thinned.map(\.busy).max() == 199)
        #expect(SVGTimelineChart.downsample(Array(points.prefix(10))) == Array(points.prefix(10)))
    }

    @Test(arguments: [(21_600.0, 86_400.0, "06:00"), (86_400, 86_400, "24:00"), (108_000, 172_800, "d2 06:00"),
                      (950_400, 2_592_000, "day 12")])
    func clockLabels(t: Double, end: Double, label: String) {
        #expect(SVGTimelineChart.clock(t, end: end) == label)
    }

    /// A boundary of 20,000 vertices is thinned to what the map can show, and keeps its shape.
    @Test func detailedOutlinesAreThinned() throws {
        let ring = (0...20_000).map { i -> LonLat in
            let a = Double(i % 20_000) / 20_000 * 2 * .pi
            return LonLat(lon: -1.8 + 0.3 * cos(a) / cos(52.5 * .pi / 180), lat: 52.5 + 0.3 * sin(a))
        }
        let circle = MultiPolygon([Polygon(ring)], srid: 4326)
        let box = try #require(circle.boundingBox)
        let projection = SVGMap.Projection(box: box, left: 0, top: 0, width: 600, height: 600)
        let d = SVGMap.path(circle, projection)
        let points = d.filter { $0 == "L" }.count + 1
        #expect(points > 500 && points < 3000, "\(points) vertices kept")
        // Every kept vertex is still on the circle (radius 300 px about the centre).
        for pair in d.dropFirst().dropLast().split(whereSeparator: { $0 == "L" }).prefix(200) {
            let xy = pair.split(separator: " ").compactMap { Double($0) }
            #expect(abs(((xy[0] - 300) * (xy[0] - 300) + (xy[1] - 300) * (xy[1] - 300)).squareRoot() - 300) < 0.2)
        }
        // A ring smaller than a pixel is left out altogether.
        let speck = MultiPolygon([Polygon([LonLat(lon: -1.8, lat: 52.5), LonLat(lon: -1.8 + 1e-7, lat: 52.5),
                                           LonLat(lon: -1.8, lat: 52.5 + 1e-7)])], srid: 4326)
        #expect(SVGMap.path(speck, projection).isEmpty)
    }

    @Test func mapFromARegionPack() throws {
        let square = MultiPolygon([Polygon([LonLat(lon: -2, lat: 52.4), LonLat(lon: -1.9, lat: 52.4),
                                            LonLat(lon: -1.9, lat: 52.5), LonLat(lon: -2, lat: 52.5)])], srid: 4326)
        let pack = RegionPack(name: "tiny", title: "Tiny", boundary: square,
                              districts: [.init(code: "T1", name: "Tiny Town", area: square)], travel: .init())
        let map = ReportMap(pack: pack)
        #expect(map.boundary == square && map.districts.map(\.code) == ["T1"] && map.districts[0].geometry == square)
        let html = HTMLReport.render(report: HTMLReportFixture.report(sampleSize: 5), map: map)
        #expect(html.contains("data-code=\"T1\"") && html.contains(">Tiny Town</text>"))
    }

    @Test func niceTicks() {
        #expect(SVGPlotFrame.niceTicks(upTo: 87, count: 4) == [0, 20, 40, 60, 80, 100])
        #expect(SVGPlotFrame.niceTicks(upTo: 7, count: 4) == [0, 2, 4, 6, 8])
        #expect(SVGPlotFrame.niceTicks(upTo: 0) == [0, 1])
        #expect(SVGMarkup.n(12.0) == "12" && SVGMarkup.n(-3.25) == "-3.2" || SVGMarkup.n(-3.25) == "-3.3")
        #expect(SVGMarkup.n(0.04) == "0" && SVGMarkup.n(.nan) == "0")
    }
}
