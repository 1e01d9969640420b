import Foundation
import Testing
import GeoKit
import TestSupport
@testable import RoadNetwork

@Suite struct CrimeCSVTests {
    /// A stand-in grid conversion for tests that are about parsing, not projection: 1 km of easting is
    /// 0.01° of longitude. The real conversion (PROJ) is tested with the real file.
    static func fakeGrid(_ points: [(easting: Double, northing: Double)]) -> [LonLat?] {
        points.map { LonLat(lon: -2 + ($0.easting - 400_000) / 100_000, lat: 52 + ($0.northing - 250_000) / 100_000) }
    }

    static func read(_ text: String) throws -> (records: [CrimeCSV.Record], report: CrimeCSVReport) {
        try CrimeCSV.read(Data(text.utf8), source: "test.csv", gridToLonLat: fakeGrid)
    }

    @Test(arguments: [
        ("Month,Reported by,Falls within,Easting,Northing,Location,Crime type,Context\n"
            + "2011-02,West Midlands Police,West Midlands Police,408811.0,284398.0,On or near Alfred Road,Robbery,\n",
         CrimeCSV.Layout.street2011, "Robbery", "On or near Alfred Road"),
        ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"
            + "abc123,2023-05,West Midlands Police,West Midlands Police,-1.8983,52.4796,On or near Victoria Square,E01033620,Birmingham 138A,Burglary,Under investigation,\n",
         .street, "Burglary", "On or near Victoria Square"),
        ("\"\",\"type\",\"street\",\"month\",\"latitude\",\"longitude\",\"ward\"\n"
            + "\"1\",\"anti-social-behaviour\",\"On or near Pedestrian Subway\",\"2017-11\",\"52.483135\",\"-1.895820\",\"Ladywood\"\n",
         .apiExport, "anti-social-behaviour", "On or near Pedestrian Subway"),
    ])
    func recognisesEachLayoutFromItsHeader(text: String, layout: CrimeCSV.Layout, category: String, location: String) throws {
        let (records, report) = try Self.read(text)
        #expect(report.layout == layout)
        #expect(report.rows == 1 && report.kept == 1 && report.skippedTotal == 0)
        let r = try #require(records.first)
        #expect(r.category == category)
        #expect(r.location == location)
        #expect(r.line == 2)
        #expect(r.position.lat > 52 && r.position.lat < 53)
    }

    @Test func quotedFieldsWithCommasQuotesNewlinesAndCRLF() throws {
        let text = "\u{FEFF}Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n"
            + "x1,2023-05,WMP,WMP,-1.9,52.48,\"On or near \"\"The Bull\"\", Digbeth\",E01,B 1,Robbery,,\"two\nlines\"\r\n"
            + "\r\n"
            + "x2,2023-05,WMP,WMP,-1.8,52.41,On or near High Street,E02,B 2,Burglary,,\r\n"
        let (records, report) = try Self.read(text)
        #expect(report.layout == .street)
        #expect(records.count == 2)
        #expect(records[0].location == "On or near \"The Bull\", Digbeth")
        #expect(records[0].line == 2)
        #expect(records[1].line == 5, "the quoted newline moves the next row to line 5 (after a blank line 4)")
        #expect(records[1].position == LonLat(lon: -1.8, lat: 52.41))
    }

    @Test func badCoordinatesAreSkippedAndCountedByReason() throws {
        let text = """
            Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context
            a,2023-05,W,W,-1.9,52.48,On or near A,E,N,Robbery,,
            b,2023-05,W,W,,,No location,,,Burglary,,
            c,2023-05,W,W,-1.9,,On or near C,E,N,Robbery,,
            d,2023-05,W,W,west,52.48,On or near D,E,N,Robbery,,
            e,2023-05,W,W,-1.9,95.0,On or near E,E,N,Robbery,,
            f,2023-05,W,W,nan,52.48,On or near F,E,N,Robbery,,
            g,2023-05,W,W,0,0,On or near G,E,N,Robbery,,
            h,2023-05,W,W,2.35,48.85,On or near Paris,E,N,Robbery,,
            i,2023-05,W
            j,2023-05,W,W,-1.8,52.5,On or near J,E,N,Vehicle crime,,
            """
        let (records, report) = try Self.read(text)
        #expect(records.map(\.location) == ["On or near A", "On or near J"])
        #expect(report.rows == 10)
        #expect(report.kept == 2)
        #expect(report.skippedTotal == 8)
        #expect(report.skipped == [.missingCoordinates: 2, .unreadableCoordinates: 1, .impossibleCoordinates: 3,
                                   .outsideGreatBritain: 1, .tooFewFields: 1])
        #expect(report.examples.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 10])
        #expect(report.examples[3].reason == .impossibleCoordinates)
        #expect(report.examples[3].detail.contains("95"))
        #expect(report.description.contains("8 skipped"))
    }

    @Test func gridReferencesOffTheNationalGridOrUnconvertibleAreSkipped() throws {
        let text = """
            Month,Reported by,Falls within,Easting,Northing,Location,Crime type,Context
            2011-02,W,W,408811.0,284398.0,On or near A,Robbery,
            2011-02,W,W,-5,284398.0,On or near B,Robbery,
            2011-02,W,W,408811.0,1400000,On or near C,Robbery,
            2011-02,W,W,0,0,On or near D,Robbery,
            2011-02,W,W,400000,250000,On or near E,Robbery,
            """
        // The conversion fails for the last point.
        let (records, report) = try CrimeCSV.read(Data(text.utf8), source: "t.csv") { points in
            points.map { $0.easting == 400_000 ? nil : LonLat(lon: -1.87, lat: 52.47) }
        }
        #expect(records.count == 1)
        #expect(report.skipped == [.impossibleCoordinates: 3, .projectionFailed: 1])
        #expect(report.kept == 1)
    }

    @Test func unusableFilesAreErrors() {
        #expect(throws: CrimeCSVError.empty(source: "test.csv")) { try Self.read("") }
        #expect(throws: CrimeCSVError.unknownHeader(source: "test.csv", columns: ["name", "age"])) { try Self.read("name,age\nx,1\n") }
        #expect(throws: CrimeCSVError.unterminatedQuote(line: 2)) {
            try Self.read("type,street,month,latitude,longitude\nburglary,\"On or near A,2017-01,52.4,-1.9\n")
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func readsTheRealBirminghamAPIExport() throws {
        let url = SharedData.url("west-midlands/crime/birmingham-centre-2017.csv")
        let (records, report) = try CrimeCSV.read(contentsOf: url) { _ in
            Issue.record("the API export has no grid references")
            return []
        }
        #expect(report.layout == .apiExport)
        #expect(report.rows == 17_260)
        #expect(report.kept == 17_260)
        #expect(report.skippedTotal == 0)
        // "Within one mile of Birmingham city centre": every point within 2.5 km of Victoria Square.
        let centre = LonLat(lon: -1.9033, lat: 52.4797)
        #expect(records.allSatisfy { $0.position.groundDistance(to: centre) < 2_500 })
        #expect(Set(records.map(\.month)).count == 11)
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func parsesTheReal2011FileAsGridReferences() throws {
        let data = try Data(contentsOf: SharedData.url("west-midlands/crime/2011-02-west-midlands-street.csv"))
        let parsed = try CrimeCSV.parse(data, source: "2011")
        #expect(parsed.layout == .street2011)
        #expect(parsed.report.rows == 25_558)
        #expect(parsed.records.count == 25_558)
        // West Midlands grid references: eastings 386–439 km, northings 272–307 km.
        for r in parsed.records {
            guard case let .grid(e, n) = r.position else { Issue.record("line \(r.line) is not a grid reference"); break }
            #expect((380_000...440_000).contains(e) && (270_000...310_000).contains(n), "line \(r.line)")
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func convertsTheReal2011GridReferencesWithPROJ() throws {
        let (records, report) = try CrimeCSV.read(contentsOf: SharedData.url("west-midlands/crime/2011-02-west-midlands-street.csv"))
        #expect(report.layout == .street2011)
        #expect(report.kept == 25_558 && report.skippedTotal == 0)
        #expect(records.allSatisfy { (-2.21 ... -1.42).contains($0.position.lon) && (52.34 ... 52.68).contains($0.position.lat) })
        // Row 1, E 408,811 N 284,398: `echo "408811 284398" | cs2cs EPSG:27700 EPSG:4326` (PROJ's own
        // command-line tool) prints 52.457463 -1.871760.
        let first = try #require(records.first)
        #expect(first.position.groundDistance(to: LonLat(lon: -1.871760, lat: 52.457463)) < 2, "\(first.position)")
        #expect(first.location == "On or near Alfred Road")
    }

    @Test func truncatedAndRandomBytesNeverCrash() {
        let valid = Array(("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"
            + "a,2023-05,W,W,-1.9,52.48,\"On or near \"\"A\"\", B\",E,N,Robbery,,\n"
            + "b,2023-05,W,W,-1.8,52.5,On or near C,E,N,Burglary,,\n").utf8)
        var outcomes = (records: 0, errors: 0)
        func attempt(_ bytes: [UInt8]) {
            do {
                let (records, report) = try Self.read(String(decoding: bytes, as: UTF8.self))
                #expect(report.kept == records.count && report.kept + report.skippedTotal == report.rows)
                outcomes.records += 1
            } catch {
                #expect(error is CrimeCSVError, "\(error)")
                outcomes.errors += 1
            }
        }
        for n in 0...valid.count { attempt(Array(valid.prefix(n))) }
        var rng = SplitMix64(seed: 99)
        for _ in 0..<2_000 {
            var bytes = valid
            for _ in 0..<(1 + rng.index(below: 6)) {
                let i = rng.index(below: bytes.count)
                bytes[i] = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "9"), UInt8(truncatingIfNeeded: rng.next())][rng.index(below: 5)]
            }
            attempt(bytes)
            attempt((0..<rng.index(below: 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        }
        #expect(outcomes.records > 100 && outcomes.errors > 100, "\(outcomes)")
    }
}
