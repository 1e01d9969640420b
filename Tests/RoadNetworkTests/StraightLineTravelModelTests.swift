import Foundation
import Testing
import GeoKit
@testable import RoadNetwork

@Suite struct StraightLineTravelModelTests {
    typealias Model = StraightLineTravelModel
    static let start = LonLat(lon: -1.90, lat: 52.45)
    /// 0.1° due north of `start`: 6,371,008.8 m × 0.1 × π / 180 = 11,119.5 m on the ground.
    static let north = LonLat(lon: -1.90, lat: 52.55)

    /// A map over the West Midlands box whose western half (lon < -1.815) is urban and eastern half rural.
    static func halfAndHalf() throws -> Model.AreaMap {
        Model.AreaMap.rasterise(south: 52.34, west: -2.21, north: 52.67, east: -1.42, cellMetres: 500, outside: .rural) {
            $0.lon < -1.815 ? .urban : .rural
        }
    }

    // Hand-checked: 11,119.5 m × 1.35 = 15,011.3 m of road; at 28 km/h (7.778 m/s) that is 1,930.0 s,
    // at 42 km/h 1,286.7 s, at 60 km/h 900.7 s, at 80 km/h 675.5 s.
    @Test(arguments: [
        (AreaKind.urban, SpeedProfile.normal, 1_930.0), (.urban, .emergency, 1_286.7),
        (.suburban, .normal, 1_286.7), (.suburban, .emergency, 900.7),
        (.rural, .normal, 900.7), (.rural, .emergency, 675.5),
    ])
    func handCheckedFiguresInUniformAreas(kind: AreaKind, profile: SpeedProfile, expected: Double) throws {
        let model = try Model(areas: .uniform(kind))
        let t = model.travelTime(from: model.locate(Self.start), to: model.locate(Self.north), profile: profile)
        #expect(abs(t - expected) < 0.1, "got \(t)")
    }

    @Test func fixedSecondsAndCircuityAreApplied() throws {
        let params = Model.Parameters(circuityFactor: 1.0, normal: .init(urban: 36, suburban: 36, rural: 36),
                                      emergency: .init(urban: 72, suburban: 72, rural: 72), fixedSeconds: 30)
        let model = try Model(parameters: params, areas: .uniform(.rural))
        // 11,119.5 m at 10 m/s = 1,111.95 s, plus 30 s.
        #expect(abs(model.seconds(from: Self.start, to: Self.north, profile: .normal) - 1_141.95) < 0.05)
        #expect(abs(model.seconds(from: Self.start, to: Self.north, profile: .emergency) - 585.97) < 0.05)
        #expect(model.seconds(from: Self.start, to: Self.start, profile: .normal) == 30)
    }

    @Test func speedsVaryByAreaAlongTheLine() throws {
        let model = try Model(areas: try Self.halfAndHalf())
        // Due east from -1.90 to -1.73 at 52.5: the border at -1.815 is crossed half-way, but cells are
        // 500 m wide, so the split falls on the cell border nearest -1.815. Check against the exact pieces.
        let a = LonLat(lon: -1.90, lat: 52.5), b = LonLat(lon: -1.73, lat: 52.5)
        var urbanShare = 0.0, ruralShare = 0.0
        model.forEachPiece(from: a, to: b) { share, kind in
            if kind == .urban { urbanShare += share } else if kind == .rural { ruralShare += share }
        }
        #expect(abs(urbanShare + ruralShare - 1) < 1e-9)
        #expect(abs(urbanShare - 0.5) < 0.04, "urban share \(urbanShare)")
        let metres = Model.flatDistance(a, b)
        #expect(abs(metres - a.groundDistance(to: b)) < 1e-4 * metres)
        let expected = metres * 1.35 * 3.6 * (urbanShare / 28 + ruralShare / 60)
        #expect(abs(model.seconds(from: a, to: b, profile: .normal) - expected) < 1e-6)
        // Slower than all-rural, faster than all-urban.
        let allRural = try Model(areas: .uniform(.rural)).seconds(from: a, to: b, profile: .normal)
        let allUrban = try Model(areas: .uniform(.urban)).seconds(from: a, to: b, profile: .normal)
        #expect(allRural < model.seconds(from: a, to: b, profile: .normal))
        #expect(model.seconds(from: a, to: b, profile: .normal) < allUrban)
    }

    @Test func monotoneInDistanceAlongEveryRay() throws {
        let model = try Model(areas: try Self.halfAndHalf())
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let origin = LonLat(lon: -2.1 + 0.6 * rng.nextUnit(), lat: 52.38 + 0.25 * rng.nextUnit())
            let angle = 2 * Double.pi * rng.nextUnit()
            var previous = [0.0, 0.0]
            for step in 1...40 {
                let r = 0.004 * Double(step)
                let p = LonLat(lon: origin.lon + r * cos(angle) / 0.61, lat: origin.lat + r * sin(angle))
                for (i, profile) in SpeedProfile.allCases.enumerated() {
                    let t = model.seconds(from: origin, to: p, profile: profile)
                    #expect(t > previous[i], "ray from \(origin) at \(angle) rad: \(t) ≤ \(previous[i]) at step \(step)")
                    previous[i] = t
                }
            }
        }
    }

    @Test func emergencyIsFasterAndTimesAreSymmetric() throws {
        let model = try Model(areas: try Self.halfAndHalf())
        var rng = SplitMix64(seed: 11)
        for _ in 0..<500 {
            let a = LonLat(lon: -2.2 + 0.78 * rng.nextUnit(), lat: 52.35 + 0.3 * rng.nextUnit())
            let b = LonLat(lon: -2.2 + 0.78 * rng.nextUnit(), lat: 52.35 + 0.3 * rng.nextUnit())
            let normal = model.seconds(from: a, to: b, profile: .normal)
            let emergency = model.seconds(from: a, to: b, profile: .emergency)
            #expect(emergency < normal)
            #expect(abs(model.seconds(from: b, to: a, profile: .normal) - normal) < 1e-6 * normal)
            // Bounded by the all-rural and all-urban figures for the same line.
            let d = Model.flatDistance(a, b) * 1.35 * 3.6
            #expect(abs(Model.flatDistance(a, b) - a.groundDistance(to: b)) <= 2e-4 * a.groundDistance(to: b) + 1e-6)
            #expect(normal >= d / 60 - 1e-6 && normal <= d / 28 + 1e-6)
        }
    }

    @Test func oneToManyRespectsTheLimit() throws {
        let model = try Model(areas: .uniform(.urban))
        let incident = model.locate(Self.start)
        // Units 1…20 km north; at 42 km/h with circuity 1.35 a km takes 115.7 s, so 900 s reaches 7.78 km.
        let units = (1...20).map { km in
            model.locate(LonLat(lon: Self.start.lon, lat: Self.start.lat + Double(km) * 1000 / 111_195.1))
        }
        let times = model.travelTimes(from: units, to: incident, profile: .emergency, limit: 900)
        #expect(times.count == 20)
        for (i, t) in times.enumerated() {
            let km = Double(i + 1)
            if km * 115.714 <= 900 - 0.5 {
                #expect(abs(t - km * 115.714) < 0.5, "unit \(i)")
            } else {
                #expect(t == .infinity, "unit \(i) at \(km) km should be beyond 900 s, got \(t)")
            }
        }
        let unlimited = model.travelTimes(from: units, to: incident, profile: .emergency, limit: nil)
        #expect(unlimited.allSatisfy { $0.isFinite })
        #expect(units.allSatisfy { $0.anchor == -1 })
    }

    @Test(arguments: [
        Model.Parameters(circuityFactor: 0.9),
        Model.Parameters(circuityFactor: .nan),
        Model.Parameters(normal: .init(urban: 0, suburban: 40, rural: 60)),
        Model.Parameters(emergency: .init(urban: 40, suburban: -1, rural: 60)),
        Model.Parameters(fixedSeconds: -5),
    ])
    func rejectsUnusableParameters(_ params: Model.Parameters) {
        #expect(throws: Model.ParameterError.self) { try Model(parameters: params) }
    }

    @Test func areaMapRoundTripsThroughJSON() throws {
        let map = try Self.halfAndHalf()
        let data = try JSONEncoder().encode(map)
        let back = try JSONDecoder().decode(Model.AreaMap.self, from: data)
        #expect(back == map)
        #expect(back.kind(at: LonLat(lon: -2.0, lat: 52.5)) == .urban)
        #expect(back.kind(at: LonLat(lon: -1.6, lat: 52.5)) == .rural)
        #expect(back.kind(at: LonLat(lon: 0, lat: 0)) == .rural)
    }

    @Test func areaMapRejectsABadRow() throws {
        let json = #"{"origin":{"lon":-2,"lat":52},"cellLonDegrees":0.01,"cellLatDegrees":0.01,"columns":3,"rows":["UUS","UXS"]}"#
        #expect(throws: Model.AreaMapError.badRow(index: 1, expectedLength: 3, found: "UXS")) {
            try JSONDecoder().decode(Model.AreaMap.self, from: Data(json.utf8))
        }
    }

    @Test func areaMapFromDemandDensityRanksCellsInsideTheRegion() {
        // 2,000 points around one centre, 200 around another, 20 scattered; the region is a disc.
        var rng = SplitMix64(seed: 21)
        let big = LonLat(lon: -1.90, lat: 52.48), small = LonLat(lon: -1.60, lat: 52.42)
        var points: [LonLat] = []
        for (centre, n, sigma) in [(big, 2_000, 0.02), (small, 200, 0.01)] {
            for _ in 0..<n { points.append(LonLat(lon: centre.lon + rng.normal() * sigma / 0.61, lat: centre.lat + rng.normal() * sigma)) }
        }
        for _ in 0..<20 { points.append(LonLat(lon: rng.uniform(-2.2 ... -1.45), lat: rng.uniform(52.35 ... 52.66))) }
        let centre = LonLat(lon: -1.8, lat: 52.5)
        let inside = { (p: LonLat) in p.groundDistance(to: centre) < 25_000 }
        let map = Model.AreaMap.fromDensity(points: points, south: 52.34, west: -2.21, north: 52.67, east: -1.42, inside: inside)
        #expect(map.kind(at: big) == .urban)
        #expect(map.kind(at: LonLat(lon: -2.2, lat: 52.66)) == .rural, "outside the disc")
        // Shares among the cells inside the region: 40 % urban, 35 % suburban (rounded), the rest rural.
        var counts: [AreaKind: Int] = [:]
        var insideCells = 0
        for r in 0..<map.rows {
            for c in 0..<map.columns {
                let p = LonLat(lon: map.origin.lon + (Double(c) + 0.5) * map.cellLonDegrees, lat: map.origin.lat + (Double(r) + 0.5) * map.cellLatDegrees)
                if inside(p) {
                    insideCells += 1
                    counts[map.kind(column: c, row: r), default: 0] += 1
                } else {
                    #expect(map.kind(column: c, row: r) == .rural)
                }
            }
        }
        #expect(abs(Double(counts[.urban] ?? 0) - 0.4 * Double(insideCells)) <= 1)
        #expect(abs(Double(counts[.suburban] ?? 0) - 0.35 * Double(insideCells)) <= 1)
        // Deterministic.
        #expect(map == Model.AreaMap.fromDensity(points: points, south: 52.34, west: -2.21, north: 52.67, east: -1.42, inside: inside))
    }

    @Test func gridWalkAgreesWithPieceByPieceIntegration() throws {
        // Cell borders hit exactly too: points on whole cells of a 0.01° map.
        let map = try Model.AreaMap(origin: LonLat(lon: -2.2, lat: 52.3), cellLonDegrees: 0.01, cellLatDegrees: 0.01,
                                    columns: 80, rows: 40, kinds: (0..<3_200).map { AreaKind.allCases[($0 * 7 + $0 / 80) % 3] })
        let model = try Model(areas: map)
        var rng = SplitMix64(seed: 5)
        for k in 0..<2_000 {
            func point() -> LonLat {
                k % 2 == 0 ? LonLat(lon: -2.25 + 0.9 * rng.nextUnit(), lat: 52.25 + 0.5 * rng.nextUnit())
                    : LonLat(lon: -2.2 + 0.01 * Double(rng.index(below: 80)), lat: 52.3 + 0.01 * Double(rng.index(below: 40)))
            }
            let a = point(), b = point()
            let paces = [28.0, 42, 60].map { 1.35 * 3.6 / $0 }
            var expected = 0.0
            model.forEachPiece(from: a, to: b) { share, kind in expected += share * paces[kind.index] }
            let got = model.seconds(from: a, to: b, profile: .normal)
            #expect(abs(got - Model.flatDistance(a, b) * expected) <= 1e-9 * max(got, 1), "\(a) → \(b)")
        }
    }
}
