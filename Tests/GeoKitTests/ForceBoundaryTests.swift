import Foundation
import Testing
import GeoKit
import TestSupport

/// The real West Midlands Police force boundary (50,623 vertices) through GeoJSON, GEOS and PROJ.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct ForceBoundaryTests {
    static func boundary() throws -> Geometry {
        let data = try Data(contentsOf: SharedData.url("west-midlands/boundaries/force.geojson"))
        let fc = try FeatureCollection(geoJSON: data)
        return try #require(fc.features.first?.geometry)
    }

    @Test func isValidOrRepairedAndMeasures901SquareKilometres() throws {
        var force = try ForceBoundaryTests.boundary()
        if try !force.isValid() {
            let reason = try force.validityReason()
            force = try force.makeValid()
            #expect(try force.isValid(), "makeValid repaired: \(reason ?? "")")
        }
        let bng = try CoordinateTransformer.wgs84ToBritishNationalGrid().transform(force)
        #expect(bng.srid == 27700)
        let km2 = try bng.area() / 1_000_000
        #expect(abs(km2 - 901.7) / 901.7 < 0.01, "area \(km2) km²")
    }

    /// (name, lon, lat, inside the force area?)
    static let places: [(String, Double, Double, Bool)] = [
        ("Birmingham, Victoria Square", -1.9033, 52.4797, true),
        ("Coventry city centre", -1.5106, 52.4081, true),
        ("Wolverhampton city centre", -2.1275, 52.5862, true),
        ("Solihull town centre", -1.7780, 52.4130, true),
        ("London, Trafalgar Square", -0.1281, 51.5080, false),
        ("Stratford-upon-Avon", -1.7083, 52.1917, false),
        ("Lichfield", -1.8262, 52.6816, false),
    ]

    @Test(arguments: places)
    func knownPlacesAreInsideOrOutside(name: String, lon: Double, lat: Double, inside: Bool) throws {
        let force = try ForceBoundaryTests.boundary()
        let point = Point(LonLat(lon: lon, lat: lat))
        #expect(try force.contains(point) == inside, "\(name)")
        let prepared = try PreparedGeometry(force)
        #expect(try prepared.contains(x: lon, y: lat) == inside, "\(name) (prepared)")
    }

    @Test func simplifiedBoundaryKeepsItsArea() throws {
        let bng = try CoordinateTransformer.wgs84ToBritishNationalGrid().transform(try ForceBoundaryTests.boundary())
        let simple = try bng.simplified(tolerance: 50)
        #expect(simple.coordinateCount < bng.coordinateCount / 4, "\(simple.coordinateCount) of \(bng.coordinateCount) vertices")
        #expect(abs(try simple.area() / bng.area() - 1) < 0.005)
    }
}
