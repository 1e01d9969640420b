import Testing
import Foundation
import GeoKit
import TestSupport

@Suite struct LonLatTests {
    @Test func groundDistanceMatchesKnownBaseline() {
        // Birmingham New Street to Coventry station: about 29.9 km on the ground.
        let birmingham = LonLat(lon: -1.8986, lat: 52.4778)
        let coventry = LonLat(lon: -1.5134, lat: 52.4008)
        let d = birmingham.groundDistance(to: coventry)
        #expect(abs(d - 27_500) < 1_500, "got \(d)")
        #expect(abs(d - coventry.groundDistance(to: birmingham)) < 1e-6)
    }

    @Test func degreeOfLongitudeIsShorterThanLatitudeAtBirmingham() {
        let p = LonLat(lon: -1.9, lat: 52.5)
        let east = p.groundDistance(to: LonLat(lon: -1.8, lat: 52.5))
        let north = p.groundDistance(to: LonLat(lon: -1.9, lat: 52.6))
        #expect(abs(east / north - 0.609) < 0.01)
    }

    @Test(arguments: [(Double.nan, 52.0), (-1.9, .infinity), (181, 52), (-1.9, 91), (-180.5, 0)])
    func rejectsImpossibleCoordinates(lon: Double, lat: Double) {
        #expect(throws: CoordinateError.self) { try LonLat(validatingLon: lon, lat: lat) }
    }
}

@Suite struct SharedDataTests {
    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func sharedDataIsFoundBesideTheProject() {
        #expect(FileManager.default.fileExists(atPath: SharedData.url("osm/helsinki.osm.pbf").path))
    }
}
