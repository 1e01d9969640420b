import Testing
@testable import Simulation

@Suite("Summary table: the run in fixed-width text")
struct SummaryTableTests {
    static let text = HTMLReportFixture.report().summaryTable()

    /// The lines of one titled section, up to the blank line after it.
    static func section(_ title: String) throws -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix(title) })
        return Array(lines[start...].prefix { !$0.isEmpty })
    }

    @Test func gradeRowsCarryTheFigures() throws {
        let lines = try Self.section("Response by grade")
        #expect(lines.count == 3 + 4)  // title, header, rule, four grades
        let g1 = try #require(lines.first { $0.hasPrefix("Grade 1") })
        for figure in ["412", "410", "9.8 min", "15.4 min", "10.6 min", "15 min", "88.3 %", "6.1 %", "0.4 min"] {
            #expect(g1.contains(figure), "Grade 1 row lacks \(figure): \(g1)")
        }
        let g3 = try #require(lines.first { $0.hasPrefix("Grade 3") })
        #expect(g3.contains("3.1 h") && g3.contains("48 h") && g3.contains("98.6 %"))
        let g4 = try #require(lines.first { $0.hasPrefix("Grade 4") })
        #expect(g4.contains("242") && g4.contains("–"))
    }

    /// Right-aligned columns end at the same place on every line; nothing trails.
    @Test func columnsLineUp() throws {
        let lines = try Self.section("Response by grade").dropFirst()
        let header = try #require(lines.first)
        let rule = lines[lines.startIndex + 1]
        #expect(rule.allSatisfy { $0 == "-" } && rule.count == header.count)
        let headerEnd = try #require(header.range(of: "within target")).upperBound
        let column = header.distance(from: header.startIndex, to: headerEnd)
        for row in lines.dropFirst(2) where !row.hasPrefix("Grade 4") {
            let cell = try #require(row.range(of: "%"))  // the first percentage is the "within target" cell
            #expect(row.distance(from: row.startIndex, to: cell.upperBound) == column, "misaligned: \(row)")
        }
        for line in Self.text.split(separator: "\n") { #expect(line.last != " ") }
    }

    @Test func districtsFleetAndDecisions() throws {
        let districts = try Self.section("By district")
        #expect(districts.count == 3 + 7)
        #expect(districts.contains { $0.hasPrefix("BM") && $0.contains("Birmingham") && $0.contains("724") })
        let fleet = try Self.section("Fleet: 186 units, utilisation 41.2 %, 170 refreshment breaks")
        #expect(fleet.contains { $0.hasPrefix("Response (double-crewed)") && $0.contains("46.0 %") && $0.contains("1,430") })
        #expect(Self.text.contains("Decisions: 1,802 recommendations, 1,771 dispatches, 23 diversions, 148 cross-border, 87 with no suitable unit"))
        #expect(Self.text.hasPrefix("Scenario west-midlands-day · pack generated-west-midlands-seed-1 · rules 2026.11-default · seed 20261125\n"
                                    + "Simulated 24 h 00 min · 2,013 calls · 4 unfinished"))
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (2013, "2,013"), (730_000, "730,000"), (-1_234_567, "-1,234,567")])
    func counts(value: Int, text: String) {
        #expect(SummaryTable.count(value) == text)
    }

    @Test func formats() {
        #expect(SummaryTable.percent(0.883) == "88.3 %" && SummaryTable.percent(nil) == "–" && SummaryTable.percent(.nan) == "–")
        #expect(SummaryTable.minutes(588) == "9.8 min" && SummaryTable.time(11_160) == "3.1 h" && SummaryTable.time(7199) == "120.0 min")
        #expect(SummaryTable.target(900) == "15 min" && SummaryTable.target(172_800) == "48 h" && SummaryTable.target(95) == "1.6 min")
        #expect(SummaryTable.span(86_400) == "24 h 00 min" && SummaryTable.span(5400) == "1 h 30 min" && SummaryTable.span(90) == "1.5 min")
        #expect(SummaryTable.number(1.6049) == "1.60")
    }

    @Test func tableLayout() {
        var table = SummaryTable(title: "T", columns: [.init("name", .left), .init("n")])
        table.addRow(["alpha", "1"])
        table.addRow(["b", "1000", "dropped"])
        table.addRow(["c"])
        #expect(table.render() == "T\nname      n\n-----------\nalpha     1\nb      1000\nc")
    }
}
