import Foundation
import RoadNetwork
import Testing
@testable import Simulation

/// Headless Chromium, found on PATH or through `$CHROMIUM`.
enum Chromium {
    static let executable: String? = {
        if let path = ProcessInfo.processInfo.environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for dir in dirs {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()

    static var isAvailable: Bool { executable != nil }
    static let absentMessage: Comment = "skipped: chromium is not installed (apt-get install chromium, or set CHROMIUM to its path)"

    /// Runs headless Chromium with its own profile folder; returns stdout. Killed after `timeout` seconds.
    static func run(_ arguments: [String], timeout: TimeInterval = 90) throws -> String {
        let executable = try #require(executable)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("bluelamp-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                             "--user-data-dir=\(profile.path)"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The report in a real browser: Chromium parses and lays out the page; a probe script added to a
/// copy of it (the report itself has none) measures what was drawn and writes it into the DOM.
@Suite("HTML report in headless Chromium", .enabled(if: Chromium.isAvailable, Chromium.absentMessage), .serialized)
struct HTMLReportBrowserTests {
    static let region = PackGenerator(seed: 1).generate()

    /// A report whose incidents lie around the generated region's hot spots, with its district map.
    static func reportAndMap() -> (SimulationReport, ReportMap) {
        let centres = region.hotSpots.prefix(40).map { (lon: $0.position.lon, lat: $0.position.lat, spread: 0.006) }
        let report = HTMLReportFixture.report(districts: region.districts.map { ($0.code, $0.name) },
                                              centres: Array(centres), sampleSize: 1500)
        return (report, ReportMap(region: region))
    }

    static let probe = """
        <script>
        (function () {
          function box(el) { var r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }
          var result = { svgs: [], districts: [], incidentsDrawn: 0, incidentsInside: 0, legendItems: 0, fontFamilies: [] };
          document.querySelectorAll('svg').forEach(function (s) {
            result.svgs.push({ id: s.id, box: box(s), title: (s.querySelector('title') || {}).textContent || '' });
          });
          var map = document.getElementById('incident-map');
          var mapBox = map.getBoundingClientRect();
          map.querySelectorAll('path.district').forEach(function (p) {
            var b = p.getBBox(); result.districts.push({ code: p.getAttribute('data-code'), w: b.width, h: b.height });
          });
          map.querySelectorAll('circle.incident').forEach(function (c) {
            var r = c.getBoundingClientRect();
            if (r.width > 0) result.incidentsDrawn++;
            var x = r.x + r.width / 2, y = r.y + r.height / 2;
            if (x >= mapBox.left && x <= mapBox.right && y >= mapBox.top && y <= mapBox.bottom) result.incidentsInside++;
          });
          result.legendItems = map.querySelectorAll('.legend .legend-item').length;
          result.bars = document.querySelectorAll('rect.bar').length;
          result.withinFill = getComputedStyle(document.querySelector('rect.bar.within')).fill;
          result.externalSheets = document.styleSheets.length;
          var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(result);
          document.body.appendChild(pre);
        })();
        </script>
        """

    struct Probe: Decodable {
        struct SVG: Decodable { var id: String; var box: [Double]; var title: String }
        struct District: Decodable { var code: String; var w: Double; var h: Double }
        var svgs: [SVG]
        var districts: [District]
        var incidentsDrawn: Int
        var incidentsInside: Int
        var legendItems: Int
        var bars: Int
        var withinFill: String
        var externalSheets: Int
    }

    static func write(_ html: String, name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bluelamp-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try html.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func chromiumDrawsTheChartsMapAndLegend() throws {
        let (report, map) = Self.reportAndMap()
        let page = HTMLReport.render(report: report, map: map)
        let probed = page.replacingOccurrences(of: "</body>", with: Self.probe + "</body>")
        let url = try Self.write(probed, name: "probed.html")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let dom = try Chromium.run(["--virtual-time-budget=10000", "--window-size=1200,900", "--dump-dom", url.absoluteString])

        let start = try #require(dom.range(of: "<pre id=\"probe\">")?.upperBound, "the probe did not run: \(dom.prefix(300))")
        let end = try #require(dom[start...].range(of: "</pre>")?.lowerBound)
        let json = String(dom[start..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        let probe = try JSONDecoder().decode(Probe.self, from: Data(json.utf8))

        // Six charts laid out with real size, each with its title.
        #expect(probe.svgs.map(\.id) == ["incident-map", "histogram-grade-1", "histogram-grade-2", "histogram-grade-3",
                                         "hourly-chart", "timeline-chart"])
        for svg in probe.svgs {
            #expect(svg.box.count == 4 && svg.box[2] > 300 && svg.box[3] > 150, "\(svg.id) laid out at \(svg.box)")
            #expect(!svg.title.isEmpty)
        }
        // Every district drawn with area, every incident inside the map, the full legend.
        #expect(probe.districts.map(\.code) == Self.region.districts.map(\.code))
        for d in probe.districts { #expect(d.w > 50 && d.h > 50, "district \(d.code) drawn \(d.w)×\(d.h)") }
        #expect(probe.incidentsDrawn == report.incidentSample.count)
        #expect(probe.incidentsInside == report.incidentSample.count)
        #expect(probe.legendItems == SVGColorScale.bins.count + 1)
        #expect(probe.bars == report.histograms.reduce(0) { $0 + $1.counts.filter { $0 > 0 }.count })
        // The inline style sheet applies (the only sheet): bars within target are blue.
        #expect(probe.withinFill == "rgb(33, 102, 172)")
        #expect(probe.externalSheets == 1)
        // The DOM Chromium built still has the map's paths and dots.
        #expect(dom.components(separatedBy: "class=\"district\"").count - 1 == Self.region.districts.count)
        #expect(dom.components(separatedBy: "<circle class=\"incident ").count - 1 == report.incidentSample.count)
    }

    /// Printing (the print style sheet) gives a handful of pages, without JavaScript.
    @Test func printsToPDF() throws {
        let (report, map) = Self.reportAndMap()
        let url = try Self.write(HTMLReport.render(report: report, map: map), name: "report.html")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let pdf = url.deletingLastPathComponent().appendingPathComponent("report.pdf")
        _ = try Chromium.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", url.absoluteString])
        let data = try Data(contentsOf: pdf)
        #expect(data.starts(with: Array("%PDF-".utf8)))
        // The page tree's root says how many pages there are: "<</Type /Pages … /Count N".
        let text = String(decoding: data, as: UTF8.self)
        let root = try #require(text.range(of: "/Type /Pages"))
        let count = try #require(text[root.upperBound...].range(of: "/Count "))
        let pages = try #require(Int(String(text[count.upperBound...].prefix { $0.isNumber })))
        #expect(pages >= 3 && pages <= 12, "\(pages) pages")
    }

    /// The unmodified page renders to a PNG; with `BLUELAMP_REPORT_SCREENSHOT=path` it is kept there
    /// (that is how docs/report.png is made).
    @Test func screenshot() throws {
        let (report, map) = Self.reportAndMap()
        let url = try Self.write(HTMLReport.render(report: report, map: map), name: "report.html")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let png = url.deletingLastPathComponent().appendingPathComponent("report.png")
        let size = ProcessInfo.processInfo.environment["BLUELAMP_REPORT_WINDOW"] ?? "1100,1500"
        _ = try Chromium.run(["--window-size=\(size)", "--screenshot=\(png.path)", url.absoluteString])
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        // IHDR: width and height, big-endian, at bytes 16–23.
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        let expected = size.split(separator: ",").compactMap { Int($0) }
        #expect([width, height] == expected)
        #expect(data.count > 50_000, "a blank page would compress to far less: \(data.count) bytes")
        if let keep = ProcessInfo.processInfo.environment["BLUELAMP_REPORT_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: keep))
        }
    }
}
