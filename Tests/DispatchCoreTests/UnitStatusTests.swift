import Testing
@testable import DispatchCore

@Suite struct UnitStatusTests {
    @Test(arguments: [
        (UnitStatus.offDuty, UnitStatus.available), (.available, .enRoute), (.available, .refreshment),
        (.available, .offDuty), (.enRoute, .atScene), (.enRoute, .available), (.atScene, .available),
        (.atScene, .busy), (.busy, .available), (.refreshment, .enRoute), (.enRoute, .enRoute),
    ])
    func allowedTransitions(from: UnitStatus, to: UnitStatus) throws {
        try from.checkTransition(to: to, callSign: "BW21")
    }

    @Test(arguments: [
        (UnitStatus.offDuty, UnitStatus.atScene), (.offDuty, .enRoute), (.available, .atScene),
        (.atScene, .offDuty), (.enRoute, .offDuty), (.refreshment, .atScene), (.busy, .atScene),
    ])
    func impossibleTransitionsAreRejectedClearly(from: UnitStatus, to: UnitStatus) {
        #expect {
            try from.checkTransition(to: to, callSign: "BW21")
        } throws: { error in
            guard let e = error as? StatusTransitionError else { return false }
            return e.from == from && e.to == to && e.description.contains("BW21 cannot go from \(from) to \(to)")
        }
    }

    @Test func everyStatusCanEventuallyBecomeAvailable() {
        for status in UnitStatus.allCases where status != .available {
            var seen: Set<UnitStatus> = [status]
            var frontier = [status]
            while let s = frontier.popLast() {
                for next in s.allowedNext where !seen.contains(next) { seen.insert(next); frontier.append(next) }
            }
            #expect(seen.contains(.available), "\(status) is a dead end")
        }
    }
}
