import Foundation
import GeoKit
import TestSupport
import Testing
@testable import RoadNetwork

/// The incremental scan (units in order of travel time) against the full one-to-many answer.
@Suite("RoadRouter scan in order of travel time", .enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct RoadRouterScanTests {
    /// What the scan must equal: every reachable origin by (seconds, index).
    static func expected(_ router: RoadRouter, _ origins: [RoadLocation], _ destination: RoadLocation,
                         _ profile: SpeedProfile) -> [(Int, Double)] {
        let times = router.travelTimes(from: origins, to: destination, profile: profile, limit: nil)
        return times.indices.filter { times[$0].isFinite }.sorted { (times[$0], $0) < (times[$1], $1) }.map { ($0, times[$0]) }
    }

    @Test("the whole scan equals the sorted one-to-many answer, with and without the PHAST hand-over",
          arguments: [RoadRouter.scanSettleLimit, 40, 0])
    func scanEqualsSortedTravelTimes(settleLimit: Int) throws {
        let router = try #require(Helsinki.router)
        let origins = Helsinki.points(120, seed: 31, in: router.graph).map(router.locate)
        for profile in SpeedProfile.allCases {
            for destination in Helsinki.points(5, seed: 32, in: router.graph).map(router.locate) {
                var got: [(Int, Double)] = []
                router.scanTravelTimes(from: origins, to: destination, profile: profile, settleLimit: settleLimit) {
                    got.append(($0, $1)); return true
                }
                let want = Self.expected(router, origins, destination, profile)
                #expect(got.map(\.1) == want.map(\.1))
                #expect(got.map(\.0) == want.map(\.0))
                #expect(got.count == Set(got.map(\.0)).count, "no origin twice")
            }
        }
    }

    @Test("stopping early hands over exactly the soonest origins")
    func stoppingEarly() throws {
        let router = try #require(Helsinki.router)
        let origins = Helsinki.points(60, seed: 41, in: router.graph).map(router.locate)
        let destination = router.locate(Helsinki.points(1, seed: 42, in: router.graph)[0])
        let want = Self.expected(router, origins, destination, .emergency)
        var got: [Double] = []
        router.scanTravelTimes(from: origins, to: destination, profile: .emergency) { _, t in got.append(t); return got.count < 5 }
        #expect(got == want.prefix(5).map(\.1))
    }

    @Test("an origin on the destination's own road is handed over by the direct time")
    func sameRoad() throws {
        let router = try #require(Helsinki.router)
        let p = Helsinki.points(1, seed: 51, in: router.graph)[0]
        let here = router.locate(p)
        var got: [(Int, Double)] = []
        router.scanTravelTimes(from: [here], to: here, profile: .normal) { got.append(($0, $1)); return true }
        #expect(got.count == 1)
        #expect(got.first?.1 == router.travelTime(from: here, to: here, profile: .normal))
    }
}
