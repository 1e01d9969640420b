import Foundation
import Testing
import GeoKit

/// An independent implementation of the Ordnance Survey's published method ("A guide to
/// coordinate systems in Great Britain"): WGS84 → OSGB36 by the 7-parameter Helmert
/// transformation, then the National Grid Transverse Mercator on the Airy 1830 ellipsoid.
/// It is the oracle PROJ is checked against.
enum OSGridOracle {
    static func toCartesian(lat: Double, lon: Double, h: Double, a: Double, b: Double) -> (Double, Double, Double) {
        let e2 = 1 - (b * b) / (a * a)
        let phi = lat * .pi / 180, lam = lon * .pi / 180
        let nu = a / (1 - e2 * sin(phi) * sin(phi)).squareRoot()
        return ((nu + h) * cos(phi) * cos(lam), (nu + h) * cos(phi) * sin(lam), ((1 - e2) * nu + h) * sin(phi))
    }

    static func toGeodetic(_ p: (Double, Double, Double), a: Double, b: Double) -> (lat: Double, lon: Double) {
        let e2 = 1 - (b * b) / (a * a)
        let (x, y, z) = p
        let r = (x * x + y * y).squareRoot()
        var phi = atan2(z, r * (1 - e2))
        for _ in 0..<20 {
            let nu = a / (1 - e2 * sin(phi) * sin(phi)).squareRoot()
            phi = atan2(z + e2 * nu * sin(phi), r)
        }
        return (phi * 180 / .pi, atan2(y, x) * 180 / .pi)
    }

    /// WGS84 → OSGB36 Helmert (OS published parameters).
    static func helmert(_ p: (Double, Double, Double)) -> (Double, Double, Double) {
        let tx = -446.448, ty = 125.157, tz = -542.060
        let s = 20.4894e-6
        let sec = Double.pi / (180 * 3600)
        let rx = -0.1502 * sec, ry = -0.2470 * sec, rz = -0.8421 * sec
        let (x, y, z) = p
        return (tx + (1 + s) * x - rz * y + ry * z,
                ty + rz * x + (1 + s) * y - rx * z,
                tz - ry * x + rx * y + (1 + s) * z)
    }

    /// National Grid Transverse Mercator of an OSGB36 latitude/longitude (degrees).
    static func project(lat: Double, lon: Double) -> (e: Double, n: Double) {
        let a = 6_377_563.396, b = 6_356_256.909, f0 = 0.9996012717
        let phi0 = 49 * Double.pi / 180, lam0 = -2 * Double.pi / 180
        let n0 = -100_000.0, e0 = 400_000.0
        let e2 = 1 - (b * b) / (a * a)
        let n = (a - b) / (a + b), n2 = n * n, n3 = n2 * n
        let phi = lat * .pi / 180, lam = lon * .pi / 180
        let sinP = sin(phi), cosP = cos(phi), tanP = tan(phi)
        let nu = a * f0 / (1 - e2 * sinP * sinP).squareRoot()
        let rho = a * f0 * (1 - e2) / pow(1 - e2 * sinP * sinP, 1.5)
        let eta2 = nu / rho - 1
        let dp = phi - phi0, sp = phi + phi0
        let m = b * f0 * ((1 + n + 1.25 * n2 + 1.25 * n3) * dp
            - (3 * n + 3 * n2 + 21.0 / 8 * n3) * sin(dp) * cos(sp)
            + (15.0 / 8 * n2 + 15.0 / 8 * n3) * sin(2 * dp) * cos(2 * sp)
            - 35.0 / 24 * n3 * sin(3 * dp) * cos(3 * sp))
        let i = m + n0
        let ii = nu / 2 * sinP * cosP
        let iii = nu / 24 * sinP * pow(cosP, 3) * (5 - tanP * tanP + 9 * eta2)
        let iiia = nu / 720 * sinP * pow(cosP, 5) * (61 - 58 * tanP * tanP + pow(tanP, 4))
        let iv = nu * cosP
        let v = nu / 6 * pow(cosP, 3) * (nu / rho - tanP * tanP)
        let vi = nu / 120 * pow(cosP, 5) * (5 - 18 * tanP * tanP + pow(tanP, 4) + 14 * eta2 - 58 * tanP * tanP * eta2)
        let dl = lam - lam0
        return (e0 + iv * dl + v * pow(dl, 3) + vi * pow(dl, 5),
                i + ii * dl * dl + iii * pow(dl, 4) + iiia * pow(dl, 6))
    }

    /// WGS84 lon/lat → British National Grid easting/northing.
    static func grid(lon: Double, lat: Double) -> (e: Double, n: Double) {
        let wgs = toCartesian(lat: lat, lon: lon, h: 0, a: 6_378_137, b: 6_356_752.314245)
        let osgb = toGeodetic(helmert(wgs), a: 6_377_563.396, b: 6_356_256.909)
        return project(lat: osgb.lat, lon: osgb.lon)
    }
}

@Suite struct ProjectionTests {
    @Test func databaseIsFound() throws {
        let path = try ProjectionDatabase.check()
        #expect(path.hasSuffix("proj.db"))
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func missingDatabaseGivesAClearError() {
        let nowhere = "/nonexistent/bluelamp-proj-\(UInt32.random(in: 0...UInt32.max))"
        do {
            _ = try CoordinateTransformer(from: 4326, to: 27700, searchPaths: [nowhere])
            Issue.record("expected databaseNotFound")
        } catch {
            guard case let .databaseNotFound(paths, _) = error else { Issue.record("\(error)"); return }
            #expect(paths == [nowhere])
            #expect(error.description.contains(nowhere))
            #expect(error.description.contains("apt install proj-data"))
            #expect(error.description.contains("PROJ_DATA"))
        }
    }

    @Test func unknownCRSIsReported() {
        #expect {
            try CoordinateTransformer(from: 4326, to: 999_999)
        } throws: { error in
            guard case let .transformationUnavailable(_, target, message)? = error as? ProjectionError else { return false }
            return target == 999_999 && !message.isEmpty
        }
    }

    @Test func oracleMatchesTheOSWorkedExample() {
        // OS guide, worked example: OSGB36 52°39′27.2531″N 1°43′4.5177″E → E 651409.903, N 313177.270.
        let p = OSGridOracle.project(lat: 52 + 39.0 / 60 + 27.2531 / 3600, lon: 1 + 43.0 / 60 + 4.5177 / 3600)
        #expect(abs(p.e - 651_409.903) < 0.001 && abs(p.n - 313_177.270) < 0.001, "\(p)")
    }

    /// Places in and around the West Midlands (lon, lat).
    static let places: [(String, Double, Double)] = [
        ("Birmingham Council House", -1.9033, 52.4797),
        ("Coventry Cathedral", -1.5070, 52.4084),
        ("Wolverhampton station", -2.1196, 52.5877),
        ("Walsall Arboretum", -1.9714, 52.5880),
        ("Solihull", -1.7780, 52.4130),
        ("Dudley Castle", -2.0812, 52.5119),
        ("London, Charing Cross", -0.1246, 51.5080),
    ]

    @Test(arguments: places)
    func forwardMatchesTheOSMethodWithinAMetre(name: String, lon: Double, lat: Double) throws {
        let t = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        let bng = try t.forward(LonLat(lon: lon, lat: lat))
        let oracle = OSGridOracle.grid(lon: lon, lat: lat)
        let error = ((bng.x - oracle.e) * (bng.x - oracle.e) + (bng.y - oracle.n) * (bng.y - oracle.n)).squareRoot()
        #expect(error < 1, "\(name): PROJ (\(bng.x), \(bng.y)) vs OS method (\(oracle.e), \(oracle.n)): \(error) m")
        // And back again: PROJ inverts the Helmert step approximately, to about a millimetre.
        let back = try t.inverse(bng)
        let dLon = (back.x - lon) * 111_320 * cos(lat * .pi / 180), dLat = (back.y - lat) * 110_540
        #expect((dLon * dLon + dLat * dLat).squareRoot() < 0.01, "\(name) round trip")
    }

    @Test func birminghamCouncilHouse() throws {
        let t = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        let bng = try t.forward(LonLat(lon: -1.9033, lat: 52.4797))
        // In 100 m grid square SP 066 868 (E 406,6xx N 286,8xx).
        #expect(Int(bng.x / 100) == 4066 && Int(bng.y / 100) == 2868, "\(bng)")
        let back = try t.lonLat(x: bng.x, y: bng.y)
        #expect(back.groundDistance(to: LonLat(lon: -1.9033, lat: 52.4797)) < 0.01)
    }

    /// Ordnance Survey reference values computed with OSTN02/OSTN15 (ETRS89 ≈ WGS84 to < 1 m):
    /// PROJ without the OSTN15 grid uses the Helmert transformation, good to a few metres.
    static let osReference: [(String, Double, Double, Double, Double)] = [
        ("Caister water tower", 1.716073973, 52.658007833, 651_409.792, 313_177.448),
        ("TR 143 599", 1.072628, 51.297880, 614_300, 159_900),
    ]

    @Test(arguments: osReference)
    func forwardIsWithinHelmertAccuracyOfOSTN(name: String, lon: Double, lat: Double, e: Double, n: Double) throws {
        let t = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        let bng = try t.forward(Coordinate(x: lon, y: lat))
        let error = ((bng.x - e) * (bng.x - e) + (bng.y - n) * (bng.y - n)).squareRoot()
        #expect(error < 5, "\(name): \(error) m from the OS value")
    }

    @Test func batchEqualsSingleAndKeepsZAndM() throws {
        let t = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        var rng = SplitMix64(seed: 42)
        let coords = (0..<1000).map { _ in
            Coordinate(x: Double.random(in: -2.21 ... -1.42, using: &rng), y: Double.random(in: 52.34...52.67, using: &rng), z: 100, m: 7)
        }
        let batch = try t.transform(coords)
        for (c, b) in zip(coords, batch) {
            let single = try t.forward(c)
            #expect(abs(single.x - b.x) < 1e-6 && abs(single.y - b.y) < 1e-6)
            #expect(b.m == 7)
            #expect(b.z != nil)
        }
        var xs = batch.map(\.x), ys = batch.map(\.y)
        var zs: [Double]? = batch.map { $0.z ?? 0 }
        try t.transform(x: &xs, y: &ys, z: &zs, .inverse)
        for (i, c) in coords.enumerated() {
            // 1e-7° is about a centimetre.
            #expect(abs(xs[i] - c.x) < 1e-7 && abs(ys[i] - c.y) < 1e-7)
            #expect(abs((zs?[i] ?? 0) - 100) < 0.01)
        }
    }

    @Test func geometriesTransformBothWaysAndChangeSRID() throws {
        let t = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        let square = Polygon([LonLat(lon: -1.90, lat: 52.47), LonLat(lon: -1.89, lat: 52.47),
                              LonLat(lon: -1.89, lat: 52.48), LonLat(lon: -1.90, lat: 52.48)])
        let bng = try t.transform(square)
        #expect(bng.srid == 27700)
        // About 680 m × 1113 m at this latitude.
        let area = try bng.area()
        #expect(abs(area - 0.757e6) / 0.757e6 < 0.01, "\(area)")
        let back = try t.transform(bng)
        #expect(back.srid == 4326)
        guard case let .polygon(p) = back else { Issue.record("not a polygon"); return }
        for (a, b) in zip(p.exterior, square.exterior) {
            #expect(abs(a.x - b.x) < 1e-7 && abs(a.y - b.y) < 1e-7)
        }
        #expect(throws: ProjectionError.self) { try t.transform(Point(x: 0, y: 0, srid: 3857)) }
    }

    @Test func outOfDomainCoordinatesAreErrorsWithTheirIndex() throws {
        let t = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        var xs = [-1.9, -1.8, 0], ys = [52.5, 52.4, 95]
        do {
            try t.transform(x: &xs, y: &ys)
            Issue.record("latitude 95 transformed")
        } catch {
            guard case let .transformFailed(index, _, y, _) = error else { Issue.record("\(error)"); return }
            #expect(index == 2 && y == 95)
        }
        var z: [Double]? = [1]
        #expect(throws: ProjectionError.mismatchedLengths(x: 3, y: 3, z: 1)) { try t.transform(x: &xs, y: &ys, z: &z) }
    }

    @Test func oneTransformerServesManyTasks() async throws {
        let t = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        let expected = try t.forward(LonLat(lon: -1.9033, lat: 52.4797))
        let all = try await withThrowingTaskGroup(of: Coordinate.self) { group in
            for _ in 0..<200 { group.addTask { try t.forward(LonLat(lon: -1.9033, lat: 52.4797)) } }
            var out = [Coordinate]()
            for try await c in group { out.append(c) }
            return out
        }
        #expect(all.count == 200)
        #expect(all.allSatisfy { $0 == expected })
    }
}
