import Testing
import Foundation
import GeoKit
@testable import DispatchCore

@Suite struct ControlRoomStateTests {
    let t0: Timestamp = 1_000

    @Test func pingsMoveUnitsAndDuplicatesOrOldOnesAreIgnored() throws {
        var state = TestTown.state()
        try UnitSpec(callSign: "A", x: 1, y: 1).register(in: &state, now: t0)
        #expect(try state.apply(.unitPinged(UnitPinged(callSign: "A", position: TestTown.point(3, 3), at: t0 + 10))) == .applied)
        #expect(state.unit("A")?.fix?.position == TestTown.point(3, 3))
        let dup = try state.apply(.unitPinged(UnitPinged(callSign: "A", position: TestTown.point(3, 3), at: t0 + 10)))
        let old = try state.apply(.unitPinged(UnitPinged(callSign: "A", position: TestTown.point(9, 9), at: t0 + 5)))
        guard case .ignored(let why) = old else { Issue.record("old ping applied"); return }
        #expect(why.contains("older than its latest fix"))
        #expect(dup != .applied)
        #expect(state.ignoredPings == 2)
        #expect(state.unit("A")?.fix?.position == TestTown.point(3, 3))
        // The index follows the fix.
        #expect(state.index.nearest(to: TestTown.point(3, 3), k: 1).first?.distanceMetres ?? 1 < 0.01)
    }

    @Test func badEventsThrowAndLeaveTheStateAsItWas() throws {
        var state = TestTown.state()
        try UnitSpec(callSign: "A", x: 1, y: 1).register(in: &state, now: t0)
        let before = state.unit("A")
        #expect(throws: DispatchError.unknownUnit("NOPE")) {
            try state.apply(.unitPinged(UnitPinged(callSign: "NOPE", position: TestTown.point(1, 1), at: t0)))
        }
        #expect {
            try state.apply(.unitPinged(UnitPinged(callSign: "A", position: LonLat(lon: .nan, lat: 52), at: t0 + 1)))
        } throws: { ($0 as? DispatchError)?.description.contains("not a finite number") == true }
        #expect {
            try state.apply(.callReceived(CallReceived(incidentID: "X", type: "theft", grade: .scheduled,
                                                       location: LonLat(lon: -1.9, lat: 95), at: t0)))
        } throws: { ($0 as? DispatchError)?.description.contains("latitude 95") == true }
        _ = try state.call("I", grade: .priority, x: 2, y: 2, at: t0)
        #expect(throws: DispatchError.duplicateIncident("I")) { _ = try state.call("I", grade: .priority, x: 2, y: 2, at: t0) }
        #expect(throws: DispatchError.unitNotOnIncident("A", "I")) {
            try state.apply(.unitArrived(UnitArrived(incidentID: "I", callSign: "A", at: t0 + 5)))
        }
        #expect {
            try state.apply(.unitStatusChanged(UnitStatusChanged(callSign: "A", status: .atScene, at: t0 + 5)))
        } throws: { ($0 as? DispatchError)?.description.contains("UnitArrived") == true }
        #expect(state.unit("A") == before)
        #expect(state.incidents["I"]?.phase == .waiting)
    }

    @Test func anIncidentsLifeAndTheUnitsCommittedTime() throws {
        var state = TestTown.state()
        try UnitSpec(callSign: "A", x: 1, y: 1).register(in: &state, now: t0)
        _ = try state.call("I", grade: .emergency, x: 2, y: 2, at: t0)
        #expect(state.waitingIncidents.map(\.id) == ["I"])
        try state.apply(.unitAssigned(UnitAssigned(incidentID: "I", callSign: "A", at: t0 + 30)))
        #expect(state.incidents["I"]?.phase == .assigned)
        #expect(state.unit("A")?.status == .enRoute)
        #expect(state.waitingIncidents.isEmpty)
        try state.apply(.unitArrived(UnitArrived(incidentID: "I", callSign: "A", at: t0 + 330)))
        #expect(state.incidents["I"]?.attendedAt == t0 + 330)
        try state.apply(.incidentClosed(IncidentClosed(incidentID: "I", at: t0 + 1_830)))
        let unit = try #require(state.unit("A"))
        #expect(unit.status == .available)
        #expect(unit.incidentID == nil)
        #expect(unit.committedSeconds == 1_800)
        #expect(state.incidents["I"]?.phase == .closed)
        #expect(throws: DispatchError.incidentClosed("I")) {
            try state.apply(.unitAssigned(UnitAssigned(incidentID: "I", callSign: "A", at: t0 + 2_000)))
        }
    }

    @Test func standingDownBeforeArrivalRequeuesTheIncident() throws {
        var state = TestTown.state()
        try UnitSpec(callSign: "A", x: 1, y: 1).register(in: &state, now: t0)
        _ = try state.call("I", grade: .priority, x: 2, y: 2, at: t0)
        try state.apply(.unitAssigned(UnitAssigned(incidentID: "I", callSign: "A", at: t0 + 30)))
        try state.apply(.unitStatusChanged(UnitStatusChanged(callSign: "A", status: .available, at: t0 + 60)))
        #expect(state.incidents["I"]?.phase == .waiting)
        #expect(state.incidents["I"]?.assignedUnits.isEmpty == true)
    }

    @Test func coverCountsFollowAvailability() throws {
        var state = TestTown.state(coverRadius: 500)
        #expect(state.coverage.cover(of: "W") == 0)
        try UnitSpec(callSign: "A", x: 4, y: 4).register(in: &state, now: t0)
        let covered = state.coverage.cover(of: "W")
        #expect(covered > 0)
        // Exactly the demand points within 500 m of the unit are covered.
        let expected = TestTown.demand.filter { $0.district == "W" && $0.location.groundDistance(to: TestTown.point(4, 4)) <= 500 }
        #expect(abs(covered - Double(expected.count) / 200) < 1e-12)
        #expect(abs((state.coverage.coverLost(ifUnitLeaves: TestTown.point(4, 4))["W"] ?? 0) - covered) < 1e-12)
        _ = try state.call("I", grade: .priority, x: 2, y: 2, at: t0)
        try state.apply(.unitAssigned(UnitAssigned(incidentID: "I", callSign: "A", at: t0 + 1)))
        #expect(state.coverage.cover(of: "W") == 0)
    }

    @Test func eventsRoundTripThroughJSON() throws {
        let events: [DispatchEvent] = [
            .unitRegistered(UnitRegistered(callSign: "A", kind: .armedResponse, capabilities: [.armed, .taser], crew: 2,
                                           homeStation: "Lloyd House", district: "E08000025",
                                           shift: Shift(start: 0, end: 36_000), position: LonLat(lon: -1.9, lat: 52.48), at: 0)),
            .callReceived(CallReceived(incidentID: "I", type: "firearms", grade: .emergency, location: LonLat(lon: -1.89, lat: 52.47),
                                       district: "E08000025", area: .urban, extraRequirements: Requirements(capabilities: .dog), at: 5)),
            .unitAssigned(UnitAssigned(incidentID: "I", callSign: "A", by: "disp-7", at: 6)),
            .recommendationOverridden(RecommendationOverridden(incidentID: "I", recommended: "B", chosen: "A",
                                                               reason: "B is double-crewed with a probationer", by: "disp-7", at: 6)),
        ]
        let data = try JSONEncoder().encode(events)
        #expect(try JSONDecoder().decode([DispatchEvent].self, from: data) == events)
        #expect(String(decoding: data, as: UTF8.self).contains("\"type\":\"CallReceived\""))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DispatchEvent.self, from: Data(#"{"type":"Teleported","data":{}}"#.utf8))
        }
    }
}
