import Testing
import GeoKit
import RoadNetwork
@testable import DispatchCore

/// A dispatcher's casebook: each case sets units on the test town's map, takes a call and checks
/// the ranked, explained answer.
@Suite struct RecommenderCasebookTests {
    let now: Timestamp = 10_000
    let recommender = Recommender(rules: Rules(weights: Rules.Weights(cover: 0)))

    @Test func nearestByRoadBeatsNearestAsTheCrowFliesAcrossTheRiver() throws {
        var state = TestTown.state()
        // EAST1 is 400 m away across the river; the only bridge is 3.4 km north.
        try UnitSpec(callSign: "EAST1", x: 10, y: 2).register(in: &state, now: now)
        try UnitSpec(callSign: "WEST1", x: 8, y: 8).register(in: &state, now: now)
        let incident = try state.call("INC1", grade: .emergency, x: 8, y: 2, at: now)
        let east = try #require(state.unit("EAST1")?.fix?.position)
        let west = try #require(state.unit("WEST1")?.fix?.position)
        #expect(incident.location.groundDistance(to: east) < incident.location.groundDistance(to: west))

        let r = recommender.recommend(for: incident, in: state, at: now)
        #expect(r.ranked.map(\.callSign) == ["WEST1", "EAST1"])
        #expect(r.ranked[0].etaSeconds < r.ranked[1].etaSeconds / 3)
        #expect(r.ranked[0].explanation[0].contains("blue lights"))
        #expect(r.profile == .emergency)
    }

    @Test func gradeOneTakesAUnitFromAGradeThree() throws {
        var state = TestTown.state()
        try UnitSpec(callSign: "ALPHA", x: 3, y: 3).register(in: &state, now: now - 600)
        let theft = try state.call("G3", type: "theft", grade: .scheduled, x: 4, y: 4, at: now - 500)
        try state.apply(.unitAssigned(UnitAssigned(incidentID: theft.id, callSign: "ALPHA", at: now - 400)))
        try state.apply(.unitArrived(UnitArrived(incidentID: theft.id, callSign: "ALPHA", at: now - 300)))
        try state.apply(.unitPinged(UnitPinged(callSign: "ALPHA", position: TestTown.point(4, 4), at: now - 30)))
        let emergency = try state.call("G1", type: "violence-in-progress", grade: .emergency, x: 5, y: 5, at: now)

        // ALPHA is crewed by one; violence in progress needs two — so first check a crew of two.
        let needsTwo = recommender.recommend(for: emergency, in: state, at: now)
        #expect(needsTwo.ranked.isEmpty)
        #expect(needsTwo.noSuitableUnit?.reason == .noneWithCapability)

        let welfare = try state.call("G1b", type: "concern-for-welfare", grade: .emergency, x: 5, y: 5, at: now)
        let r = recommender.recommend(for: welfare, in: state, at: now)
        #expect(r.best?.callSign == "ALPHA")
        #expect(r.best?.divertedFrom == "G3")
        #expect(r.best?.explanation.contains { $0.contains("taken from Grade 3 incident G3") } == true)

        // A Grade 2 may not take it under the default rules.
        let priority = try state.call("G2", grade: .priority, x: 5, y: 5, at: now)
        #expect(recommender.recommend(for: priority, in: state, at: now).ranked.isEmpty)

        // Taking it puts the theft back in the queue.
        try state.apply(.unitAssigned(UnitAssigned(incidentID: welfare.id, callSign: "ALPHA", at: now)))
        #expect(state.incidents["G3"]?.phase == .waiting)
        #expect(state.waitingIncidents.map(\.id).contains("G3"))
    }

    @Test func noArmedUnitAvailableIsExplainedWithNextBestOptions() throws {
        var state = TestTown.state()
        try UnitSpec(callSign: "TANGO1", x: 2, y: 2, capabilities: [.armed], crew: 2).register(in: &state, now: now - 900)
        try UnitSpec(callSign: "PATROL", x: 6, y: 6, crew: 2).register(in: &state, now: now)
        // The only armed unit is on a Grade 2 job and expects to clear in 10 minutes.
        let job = try state.call("J2", grade: .priority, x: 3, y: 3, at: now - 800)
        try state.apply(.unitAssigned(UnitAssigned(incidentID: job.id, callSign: "TANGO1", at: now - 700)))
        try state.apply(.unitArrived(UnitArrived(incidentID: job.id, callSign: "TANGO1", expectedClearAt: now + 600, at: now - 600)))
        try state.apply(.unitPinged(UnitPinged(callSign: "TANGO1", position: TestTown.point(3, 3), at: now - 20)))

        let firearms = try state.call("F1", type: "firearms", grade: .emergency, x: 7, y: 7, at: now)
        let r = recommender.recommend(for: firearms, in: state, at: now)
        #expect(r.ranked.isEmpty)
        let none = try #require(r.noSuitableUnit)
        #expect(none.reason == .noneAvailable)
        #expect(none.summary.contains("armed"))
        #expect(none.excluded.committed == 1)
        #expect(none.excluded.missingCapability == 1)
        // Options: wait for TANGO1 clearing (10 min + drive), or the unarmed patrol for a supervisor.
        // Options: wait for TANGO1 to clear (10 min + the drive), divert it from its Grade 2 job
        // (which the rules forbid, and say so), or send the unarmed patrol on a supervisor's call.
        let wait = try #require(none.options.first { $0.callSign == "TANGO1" && $0.kind == .waitForClearing })
        #expect(wait.etaSeconds > 600)
        let divert = try #require(none.options.first { $0.callSign == "TANGO1" && $0.kind == .divert })
        #expect(divert.detail.contains("do not allow"))
        #expect(divert.etaSeconds < wait.etaSeconds)
        #expect(none.options.contains { $0.callSign == "PATROL" && $0.kind == .partialMatch && $0.detail.contains("armed") })
        #expect(none.options.map(\.etaSeconds) == none.options.map(\.etaSeconds).sorted())
    }

    @Test func staleGPSIsSkippedAndSaidSo() throws {
        var state = TestTown.state()
        try UnitSpec(callSign: "NEAR", x: 5, y: 6, fixAge: 3_600).register(in: &state, now: now)
        try UnitSpec(callSign: "FAR", x: 5, y: 14).register(in: &state, now: now)
        let incident = try state.call("I", grade: .emergency, x: 5, y: 5, at: now)
        let r = recommender.recommend(for: incident, in: state, at: now)
        #expect(r.ranked.map(\.callSign) == ["FAR"])
        #expect(r.passedOver.staleFix == 1)

        // With only the stale unit left, the answer says the GPS is the reason.
        var alone = TestTown.state()
        try UnitSpec(callSign: "NEAR", x: 5, y: 6, fixAge: 3_600).register(in: &alone, now: now)
        let again = try alone.call("I", grade: .emergency, x: 5, y: 5, at: now)
        #expect(recommender.recommend(for: again, in: alone, at: now).noSuitableUnit?.reason == .allStale)
    }

    @Test func tiesAreBrokenByCallSign() throws {
        var state = TestTown.state()
        // Two units at the same place: same ETA, same cost.
        try UnitSpec(callSign: "ZULU9", x: 4, y: 4).register(in: &state, now: now)
        try UnitSpec(callSign: "ALPHA2", x: 4, y: 4).register(in: &state, now: now)
        try UnitSpec(callSign: "MIKE5", x: 4, y: 4).register(in: &state, now: now)
        let incident = try state.call("I", grade: .priority, x: 6, y: 6, at: now)
        let r = recommender.recommend(for: incident, in: state, at: now)
        #expect(r.ranked.map(\.callSign) == ["ALPHA2", "MIKE5", "ZULU9"])
        #expect(Set(r.ranked.map(\.cost)).count == 1)
    }

    struct CrewCase: Sendable, CustomTestStringConvertible {
        var type: IncidentType
        var crews: [Int]
        var expected: [CallSign]
        var testDescription: String { "\(type) with crews \(crews)" }
    }

    @Test(arguments: [
        CrewCase(type: "domestic-abuse", crews: [1, 2], expected: ["U1"]),
        CrewCase(type: "theft", crews: [1, 2], expected: ["U0", "U1"]),
        CrewCase(type: "domestic-abuse", crews: [1, 1], expected: []),
    ])
    func domesticAbuseNeedsTwoOfficers(_ c: CrewCase) throws {
        var state = TestTown.state()
        for (i, crew) in c.crews.enumerated() {
            try UnitSpec(callSign: CallSign("U\(i)"), x: 2 + i, y: 2, crew: crew).register(in: &state, now: now)
        }
        let incident = try state.call("I", type: c.type, grade: .priority, x: 2, y: 3, at: now)
        #expect(recommender.recommend(for: incident, in: state, at: now).ranked.map(\.callSign) == c.expected)
    }

    @Test func lateArrivalIsStillRankedAndSaysByHowMuch() throws {
        var state = TestTown.state()
        try UnitSpec(callSign: "SLOW", x: 0, y: 0).register(in: &state, now: now)
        // Called 14 minutes ago: the target has 1 minute left.
        let incident = try state.call("I", grade: .emergency, x: 9, y: 19, at: now - 14 * 60)
        let r = recommender.recommend(for: incident, in: state, at: now)
        let best = try #require(r.best)
        #expect(try #require(best.marginSeconds) < 0)
        #expect(best.costs.lateness > 0)
        #expect(best.explanation.contains { $0.contains("after the Grade 1 target") })
    }

    @Test func crossBorderUnitsOnlyWithinTheLimit() throws {
        var state = TestTown.state()
        try UnitSpec(callSign: "HOME", x: 2, y: 18, district: "W").register(in: &state, now: now)
        try UnitSpec(callSign: "AWAY", x: 3, y: 3, district: "E").register(in: &state, now: now)
        let incident = try state.call("I", grade: .emergency, x: 3, y: 2, at: now, district: "W")
        let strict = Recommender(rules: Rules(weights: Rules.Weights(cover: 0), crossBorder: .init(allowed: false)))
        let r1 = strict.recommend(for: incident, in: state, at: now)
        #expect(r1.ranked.map(\.callSign) == ["HOME"])
        #expect(r1.passedOver.crossBorder == 1)
        let r2 = recommender.recommend(for: incident, in: state, at: now)
        #expect(r2.best?.callSign == "AWAY")
        #expect(r2.best?.crossesBorder == true)
        #expect(r2.best?.costs.crossBorder == Rules.Weights().crossBorder)
    }

    @Test func coverWeighsAgainstStrippingADistrict() throws {
        // Two units equally placed for the call; one is the east bank's only cover.
        var state = TestTown.state(coverRadius: 800)
        try UnitSpec(callSign: "A", x: 9, y: 10, district: "E").register(in: &state, now: now)
        try UnitSpec(callSign: "B", x: 9, y: 12, district: "E").register(in: &state, now: now)
        try UnitSpec(callSign: "C", x: 9, y: 13, district: "E").register(in: &state, now: now)
        let incident = try state.call("I", grade: .priority, x: 9, y: 11, at: now)
        let withCover = Recommender(rules: Rules(weights: Rules.Weights(cover: 5)))
        let r = withCover.recommend(for: incident, in: state, at: now)
        // A and B are equidistant; B shares its cover with C, A covers the south alone.
        #expect(r.best?.callSign == "B")
        let a = try #require(r.ranked.first { $0.callSign == "A" })
        #expect(a.costs.cover > 0)
        #expect(try #require(a.coverAfter) < (try #require(a.coverBefore)))
    }
}
