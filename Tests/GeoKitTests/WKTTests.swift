import Testing
import GeoKit

@Suite struct WKTTests {
    /// Text that must read and write back identically (PostGIS `ST_AsEWKT`-style ISO output).
    static let canonical: [String] = [
        "POINT(1 2)",
        "POINT Z (1 2 3)",
        "POINT M (1 2 4)",
        "POINT ZM (1 2 3 4)",
        "POINT EMPTY",
        "POINT Z EMPTY",
        "POINT ZM EMPTY",
        "LINESTRING(0 0,1.5 2.25,-3 0.0000001)",
        "LINESTRING EMPTY",
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 3,3 3,2 2))",
        "POLYGON EMPTY",
        "MULTIPOINT((1 2),(3 4))",
        "MULTIPOINT(EMPTY,(3 4))",
        "MULTILINESTRING((0 0,1 1),(2 2,3 3))",
        "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5),(5.2 5.1,5.8 5.1,5.8 5.7,5.2 5.1)))",
        "MULTIPOLYGON EMPTY",
        "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1),GEOMETRYCOLLECTION(POINT EMPTY))",
        "GEOMETRYCOLLECTION Z (POINT Z (1 2 3),LINESTRING Z (0 0 0,1 1 1))",
        "GEOMETRYCOLLECTION EMPTY",
        "SRID=4326;POINT(-1.8904 52.4862)",
        "SRID=27700;POLYGON((406000 286000,407000 286000,407000 287000,406000 286000))",
        "SRID=4326;POINT Z EMPTY",
    ]

    @Test(arguments: canonical)
    func roundTrips(text: String) throws {
        let g = try Geometry(wkt: text)
        #expect(g.ewkt == text)
        #expect(try Geometry(wkt: g.ewkt) == g)
    }

    /// Other spellings PostGIS accepts, and what they mean.
    static let variants: [(String, String)] = [
        ("point(1 2)", "POINT(1 2)"),
        ("  POINT ( 1   2 ) \n", "POINT(1 2)"),
        ("POINT(1 2 3)", "POINT Z (1 2 3)"),
        ("POINTM(1 2 3)", "POINT M (1 2 3)"),
        ("POINT(1 2 3 4)", "POINT ZM (1 2 3 4)"),
        ("MULTIPOINT(1 2,3 4)", "MULTIPOINT((1 2),(3 4))"),
        ("srid=4326;point(+1.0 .5)", "SRID=4326;POINT(1 0.5)"),
        ("GEOMETRYCOLLECTION(POINT EMPTY,POINT(1 2 3))", "GEOMETRYCOLLECTION Z (POINT Z EMPTY,POINT Z (1 2 3))"),
        ("LINESTRING(1E3 -2.5e-1, 0 0)", "LINESTRING(1000 -0.25,0 0)"),
    ]

    @Test(arguments: variants)
    func readsVariants(text: String, canonical: String) throws {
        #expect(try Geometry(wkt: text).ewkt == canonical)
    }

    @Test func sridParameterAppliesWithoutPrefixAndEnablesRangeChecks() throws {
        let g = try Geometry(wkt: "POINT(-1.9 52.5)", srid: 4326)
        #expect(g.srid == 4326)
        #expect(throws: WKTError.self) { try Geometry(wkt: "POINT(52.5 -191)", srid: 4326) }
        #expect(try Geometry(wkt: "POINT(406000 286000)", srid: 27700).srid == 27700)
    }

    @Test func readsLargeNumbersExactly() throws {
        let g = try Geometry(wkt: "POINT(-1.8252697048845801 52.434035535665693)")
        guard case let .point(p) = g, let c = p.coordinate else { Issue.record("not a point"); return }
        #expect(c.x == -1.8252697048845801)
        #expect(c.y == 52.434035535665693)
        #expect(try Geometry(wkt: g.wkt) == g)
    }

    /// Named bad inputs: the error case, and the line and column it is reported at.
    static let bad: [(String, String, WKTError.Kind, Int, Int)] = [
        ("unclosed ring", "POLYGON((0 0,1 0,1 1,0 1))", .invalidGeometry(.ringNotClosed(first: Coordinate(x: 0, y: 0), last: Coordinate(x: 0, y: 1))), 1, 9),
        ("short ring", "POLYGON((0 0,1 0,0 0))", .invalidGeometry(.ringTooShort(pointCount: 3)), 1, 9),
        ("lat 95 in 4326", "SRID=4326;\nPOINT(1 95)", .invalidGeometry(.latitudeOutOfRange(95)), 2, 7),
        ("lon 200 in 4326", "SRID=4326;LINESTRING(0 0, 200 1)", .invalidGeometry(.longitudeOutOfRange(200)), 1, 27),
        ("unknown type", "POLYGONE((0 0))", .unknownGeometryType("POLYGONE"), 1, 1),
        ("missing paren", "POINT 1 2", .unexpectedToken(found: "1", expected: "'(' or EMPTY"), 1, 7),
        ("truncated", "LINESTRING(0 0,1", .wrongOrdinateCount(expected: 2, found: 1), 1, 16),
        ("ends early", "LINESTRING(0 0,", .unexpectedEnd(expected: "a coordinate"), 1, 16),
        ("bad number", "POINT(1 2x)", .invalidNumber("2x"), 1, 9),
        ("one ordinate", "POINT(1)", .wrongOrdinateCount(expected: 2, found: 1), 1, 7),
        ("five ordinates", "POINT(1 2 3 4 5)", .wrongOrdinateCount(expected: 4, found: 5), 1, 7),
        ("Z but 2 ordinates", "POINT Z (1 2)", .wrongOrdinateCount(expected: 3, found: 2), 1, 10),
        ("mixed dims", "LINESTRING(0 0,1 1 1)", .wrongOrdinateCount(expected: 2, found: 3), 1, 16),
        ("member dim mismatch", "GEOMETRYCOLLECTION Z (POINT M (1 2 3))", .dimensionMismatch(expected: .xyz, found: .xym), 1, 23),
        ("trailing text", "POINT(1 2) extra", .trailingCharacters("extra"), 1, 12),
        ("bad srid", "SRID=abc;POINT(1 2)", .invalidSRID("abc"), 1, 6),
        ("negative srid", "SRID=-5;POINT(1 2)", .invalidSRID("-5"), 1, 6),
        ("one-point line", "LINESTRING(1 2)", .invalidGeometry(.lineStringTooShort(pointCount: 1)), 1, 11),
        ("empty text", "", .unexpectedEnd(expected: "a geometry type such as POINT"), 1, 1),
        ("NaN word", "POINT(nan 1)", .unexpectedToken(found: "nan", expected: "a coordinate"), 1, 7),
        ("unicode column", "POINT(1 2) é", .trailingCharacters("é"), 1, 12),
    ]

    @Test(arguments: bad)
    func badInputReportsWhatAndWhere(name: String, text: String, kind: WKTError.Kind, line: Int, column: Int) {
        do {
            let g = try Geometry(wkt: text)
            Issue.record("\(name): read \(g) instead of failing")
        } catch {
            #expect(error.kind == kind, "\(name): \(error)")
            #expect(error.location.line == line && error.location.column == column, "\(name): \(error)")
        }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "GEOMETRYCOLLECTION(", count: 40) + "POINT(1 2)" + String(repeating: ")", count: 40)
        #expect(throws: WKTError.self) { try Geometry(wkt: deep) }
        let ok = String(repeating: "GEOMETRYCOLLECTION(", count: 10) + "POINT(1 2)" + String(repeating: ")", count: 10)
        #expect(throws: Never.self) { try Geometry(wkt: ok) }
    }
}

@Suite struct NumberTextTests {
    @Test(arguments: [(1.0, "1"), (-0.0, "0"), (0.1, "0.1"), (1e-07, "0.0000001"), (1.5e-10, "0.00000000015"),
                      (-2.5e-5, "-0.000025"), (123456789012.5, "123456789012.5"), (1e15, "1000000000000000"),
                      (1e20, "100000000000000000000"), (1e21, "1e+21"), (52.434035535665693, "52.43403553566569"),
                      (-0.30000000000000004, "-0.30000000000000004")])
    func ordinatesAreWrittenShortestWithoutExponent(value: Double, text: String) throws {
        let wkt = Point(x: value, y: 0).wkt
        #expect(wkt == "POINT(\(text) 0)")
    }

    @Test func everyFiniteDoubleSurvivesWKTAndGeoJSON() throws {
        var rng = SplitMix64(seed: 77)
        var checked = 0
        while checked < 20_000 {
            // Random bit patterns cover every exponent; plus decimal-looking values.
            let v = checked % 2 == 0 ? Double(bitPattern: rng.next()) : Double(Int64.random(in: -10_000_000_000...10_000_000_000, using: &rng)) / 1e7
            guard v.isFinite else { continue }
            let p = Point(x: v, y: -v)
            let wkt = try Geometry(wkt: p.wkt)
            #expect(wkt == .point(p), "\(v) via \(p.wkt)")
            let json = try Geometry(geoJSON: p.geoJSON, defaultSRID: 0)
            #expect(json == .point(p), "\(v) via \(p.geoJSON)")
            checked += 1
        }
    }
}
