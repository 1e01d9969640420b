import Testing
@testable import DispatchCore

@Suite struct CoverageAdvisorTests {
    @Test func suggestsARedundantUnitForAnUncoveredDistrict() throws {
        let now: Timestamp = 5_000
        var state = TestTown.state(coverRadius: 900)
        // Two units side by side on the west bank (each redundant), none on the east bank.
        try UnitSpec(callSign: "W1", x: 5, y: 10).register(in: &state, now: now)
        try UnitSpec(callSign: "W2", x: 5, y: 10).register(in: &state, now: now)
        let rules = Rules(coverage: .init(moveUpBelow: 0.5))
        let report = state.coverageReport(rules: rules, at: now)
        #expect(report.cover["E"] == 0)
        #expect(report.belowThreshold.first == "E")
        let move = try #require(report.moveUps.first { $0.toDistrict == "E" })
        #expect(["W1", "W2"].contains(move.callSign))
        #expect(move.coverAfter > move.coverBefore)
        // Only one of the pair is offered: the other must stay to keep the west covered.
        #expect(report.moveUps.filter { $0.fromDistrict == "W" }.count == report.moveUps.count)
        #expect(Set(report.moveUps.map(\.callSign)).count == report.moveUps.count)
    }

    @Test func aLoneUnitIsNotMovedAway() throws {
        let now: Timestamp = 5_000
        var state = TestTown.state(coverRadius: 900)
        try UnitSpec(callSign: "ONLY", x: 5, y: 10).register(in: &state, now: now)
        let report = state.coverageReport(rules: Rules(coverage: .init(moveUpBelow: 0.5)), at: now)
        #expect(report.moveUps.isEmpty)
    }
}

extension CoverageAdvisorTests {
    @Test func suggestionsTogetherNeverStripADistrict() throws {
        let now: Timestamp = 5_000
        var state = TestTown.state(coverRadius: 900)
        try UnitSpec(callSign: "W1", x: 5, y: 10).register(in: &state, now: now)
        try UnitSpec(callSign: "W2", x: 5, y: 10).register(in: &state, now: now)
        let report = state.coverageReport(rules: Rules(coverage: .init(moveUpBelow: 0.9)), at: now)
        // Both districts are below 90 %, but only one of the two stacked units can go anywhere.
        #expect(report.moveUps.count == 1)
    }
}
