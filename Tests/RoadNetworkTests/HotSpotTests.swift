import Foundation
import Testing
import GeoKit
import TestSupport
@testable import RoadNetwork

@Suite struct HotSpotTests {
    /// Points scattered (Gaussian, σ metres) around centres, `counts` each, from a seed.
    static func clusters(_ centres: [(LonLat, Int)], sigma: Double, seed: UInt64) -> [LonLat] {
        var rng = SplitMix64(seed: seed)
        var out: [LonLat] = []
        for (c, n) in centres {
            for _ in 0..<n {
                let dx = rng.normal() * sigma, dy = rng.normal() * sigma
                out.append(LonLat(lon: c.lon + dx / (111_195 * cos(c.lat * .pi / 180)), lat: c.lat + dy / 111_195))
            }
        }
        return out
    }

    static let a = LonLat(lon: -1.90, lat: 52.48), b = LonLat(lon: -1.51, lat: 52.41), c = LonLat(lon: -2.13, lat: 52.59)

    @Test func findsClustersInOrderOfWeight() {
        var points = Self.clusters([(Self.a, 600), (Self.b, 300), (Self.c, 150)], sigma: 250, seed: 1)
        // Thin background noise over the box.
        var rng = SplitMix64(seed: 2)
        for _ in 0..<200 { points.append(LonLat(lon: rng.uniform(-2.2 ... -1.42), lat: rng.uniform(52.34 ... 52.67))) }
        let result = HotSpot.find(in: points)
        #expect(result.hotSpots.count >= 3)
        let top = Array(result.hotSpots.prefix(3))
        for (spot, (centre, n)) in zip(top, [(Self.a, 600), (Self.b, 300), (Self.c, 150)]) {
            #expect(spot.position.groundDistance(to: centre) < 60, "\(spot.id) at \(spot.position)")
            // Every cluster point is within the capture radius; background adds a few.
            #expect(spot.weight >= Double(n) * 0.99 && spot.weight <= Double(n) + 20, "\(spot.id) weight \(spot.weight)")
            #expect(spot.radiusMetres > 250 && spot.radiusMetres < 500, "\(spot.radiusMetres)")
        }
        #expect(top.map(\.id) == ["HS001", "HS002", "HS003"])
        #expect(result.inputWeight == 1_250)
        #expect(result.capturedWeight >= 1_050 && result.capturedWeight <= result.inputWeight)
    }

    @Test func deterministicAndWeighted() {
        let points = Self.clusters([(Self.a, 100), (Self.b, 100)], sigma: 200, seed: 3)
        // Weighting the second cluster ×5 makes it the strongest.
        let weights = points.indices.map { $0 < 100 ? 1.0 : 5.0 }
        let first = HotSpot.find(in: points, weights: weights)
        let second = HotSpot.find(in: points, weights: weights)
        #expect(first == second)
        #expect(first.hotSpots[0].position.groundDistance(to: Self.b) < 60)
        #expect(first.hotSpots[0].weight == 500)
    }

    @Test func namesComeFromTheCommonestLabel() {
        let points = Self.clusters([(Self.a, 50)], sigma: 100, seed: 4)
        let labels: [String?] = points.indices.map { $0 % 3 == 0 ? "On or near New Street" : ($0 % 3 == 1 ? nil : "On or near Bull Ring") }
        let spots = HotSpot.find(in: points, labels: labels).hotSpots
        #expect(spots.count == 1)
        #expect(spots.first?.name == "On or near New Street" || spots.first?.name == "On or near Bull Ring")
        // 17 New Street vs 16 Bull Ring (indices 0, 3, … 48 vs 2, 5, … 47).
        #expect(spots.first?.name == "On or near New Street")
    }

    @Test func sparseOrEmptyInputGivesNoHotSpots() {
        #expect(HotSpot.find(in: []).hotSpots.isEmpty)
        var rng = SplitMix64(seed: 5)
        let sparse = (0..<40).map { _ in LonLat(lon: rng.uniform(-2.2 ... -1.42), lat: rng.uniform(52.34 ... 52.67)) }
        #expect(HotSpot.find(in: sparse).hotSpots.isEmpty, "40 points over 2,000 km² reach no 20-point hot spot")
        #expect(HotSpot.find(in: [LonLat(lon: .nan, lat: 52)]).inputWeight == 0)
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func birminghamCentreCrimesPeakInTheCityCentre() throws {
        let (records, _) = try CrimeCSV.read(contentsOf: SharedData.url("west-midlands/crime/birmingham-centre-2017.csv")) { _ in [] }
        let result = HotSpot.find(in: records.map(\.position), labels: records.map(\.location))
        let top = try #require(result.hotSpots.first)
        // Within a kilometre of New Street / the Bull Ring.
        #expect(top.position.groundDistance(to: LonLat(lon: -1.8966, lat: 52.4780)) < 1_000, "\(top)")
        #expect(result.capturedWeight / result.inputWeight > 0.9)
    }
}
