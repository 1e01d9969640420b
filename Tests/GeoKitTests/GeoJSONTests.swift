import Foundation
import Testing
import GeoKit
import TestSupport

@Suite struct GeoJSONTests {
    static let geometries: [String] = [
        #"{"type":"Point","coordinates":[-1.8904,52.4862]}"#,
        #"{"type":"Point","coordinates":[-1.8904,52.4862,140.5]}"#,
        #"{"type":"Point","coordinates":[]}"#,
        #"{"type":"LineString","coordinates":[[0,0],[1.5,2.25]]}"#,
        #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,3],[3,3],[2,2]]]}"#,
        #"{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}"#,
        #"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}"#,
        #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"#,
        #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}"#,
        #"{"type":"Polygon","crs":{"type":"name","properties":{"name":"EPSG:27700"}},"coordinates":[[[406000,286000],[407000,286000],[407000,287000],[406000,286000]]]}"#,
    ]

    @Test(arguments: geometries)
    func geometryRoundTrips(text: String) throws {
        let g = try Geometry(geoJSON: text)
        #expect(g.geoJSON == text)
        #expect(try Geometry(geoJSON: g.geoJSON) == g)
    }

    @Test func geometryMatchesWKTReading() throws {
        let g = try Geometry(geoJSON: #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,0]]]}"#)
        #expect(g == (try Geometry(wkt: "SRID=4326;POLYGON((0 0,10 0,10 10,0 0))")))
        let z = try Geometry(geoJSON: #"{"type":"MultiPoint","coordinates":[[1,2,3],[4,5,6]]}"#)
        #expect(z == (try Geometry(wkt: "SRID=4326;MULTIPOINT Z ((1 2 3),(4 5 6))")))
    }

    @Test func featureCollectionWithPropertiesAndIDs() throws {
        let text = #"""
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "w1", "properties": {"name": "Ladywood", "pop": 31000, "tags": ["city", null, true], "meta": {"x": 1.5}},
           "geometry": {"type": "Point", "coordinates": [-1.91, 52.48]}},
          {"type": "Feature", "id": 7, "properties": null, "geometry": null, "foreign": {"ignored": true}},
          {"type": "Feature", "properties": {"esc": "quote \" slash \\ tab \t é \u00e9 \ud83d\ude93"}, "geometry": {"type": "Point", "coordinates": [0, 0]}}
        ]}
        """#
        let fc = try FeatureCollection(geoJSON: Data(text.utf8))
        #expect(fc.features.count == 3)
        #expect(fc.features[0].id == .string("w1"))
        #expect(fc.features[0][property: "name"] == "Ladywood")
        #expect(fc.features[0][property: "pop"] == .number(31000))
        #expect(fc.features[0][property: "tags"] == [.string("city"), .null, .bool(true)])
        #expect(fc.features[0][property: "meta"]?["x"] == 1.5)
        #expect(fc.features[0].geometry == .point(Point(LonLat(lon: -1.91, lat: 52.48))))
        #expect(fc.features[1].id == .number(7))
        #expect(fc.features[1].geometry == nil)
        #expect(fc.features[1].properties == nil)
        #expect(fc.features[2][property: "esc"] == .string("quote \" slash \\ tab \t é é 🚓"))
        let again = try FeatureCollection(geoJSON: Data(fc.geoJSON.utf8))
        #expect(again == fc)
    }

    @Test func legacyCRSNamesSetTheSRID() throws {
        let crs84 = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#
        #expect(try FeatureCollection(geoJSON: Data(crs84.utf8)).features[0].geometry?.srid == 4326)
        let bng = #"{"type":"Point","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"coordinates":[406000,286000]}"#
        #expect(try Geometry(geoJSON: bng).srid == 27700)
    }

    /// Named bad inputs: the error case and the JSON path (or text location) it is reported at.
    static let bad: [(String, String, GeoJSONError.Kind, String)] = [
        ("unclosed ring", #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
         .invalidGeometry(.ringNotClosed(first: Coordinate(x: 0, y: 0), last: Coordinate(x: 0, y: 1))), "coordinates[0]"),
        ("short ring", #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#, .invalidGeometry(.ringTooShort(pointCount: 3)), "coordinates[0]"),
        ("lat 95", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}},{"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[1,2],[1,95]]}}]}"#,
         .invalidGeometry(.latitudeOutOfRange(95)), "features[1].geometry.coordinates[1]"),
        ("lon -181", #"{"type":"LineString","coordinates":[[0,0],[-181,0]]}"#, .invalidGeometry(.longitudeOutOfRange(-181)), "coordinates[1]"),
        ("string ordinate", #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"1"],[0,0]]]}"#,
         .wrongJSONType(expected: "a number", found: "string"), "coordinates[0][2][1]"),
        ("one number", #"{"type":"Point","coordinates":[1]}"#, .invalidPosition(numberCount: 1), "coordinates"),
        ("five numbers", #"{"type":"Point","coordinates":[1,2,3,4,5]}"#, .invalidPosition(numberCount: 5), "coordinates"),
        ("mixed dims", #"{"type":"LineString","coordinates":[[0,0],[1,1,1]]}"#, .mixedDimensions(expected: .xy, found: .xyz), "coordinates[1]"),
        ("too shallow", #"{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]}"#, .wrongNesting(expected: "an array of positions"), "coordinates[0]"),
        ("too deep", #"{"type":"Point","coordinates":[[1,2]]}"#, .wrongNesting(expected: "a position [x, y]"), "coordinates"),
        ("unknown type", #"{"type":"Polygn","coordinates":[]}"#, .unknownType("Polygn"), "type"),
        ("missing coordinates", #"{"type":"Point"}"#, .missingMember("coordinates"), ""),
        ("missing type", #"{"coordinates":[1,2]}"#, .missingMember("type"), ""),
        ("feature without geometry", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{}}]}"#, .missingMember("geometry"), "features[0]"),
        ("bad id", #"{"type":"Feature","id":[1],"properties":{},"geometry":null}"#, .wrongJSONType(expected: "a string or number", found: "array"), "id"),
        ("features not array", #"{"type":"FeatureCollection","features":{}}"#, .wrongJSONType(expected: "an array", found: "object"), "features"),
        ("bad properties", #"{"type":"Feature","properties":3,"geometry":null}"#, .wrongJSONType(expected: "an object or null", found: "number"), "properties"),
        ("unknown crs", #"{"type":"Point","crs":{"type":"name","properties":{"name":"urn:x:foo"}},"coordinates":[1,2]}"#, .unsupportedCRS("urn:x:foo"), "crs.properties.name"),
        ("geometry in collection", #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"Point","coordinates":"x"}]}"#,
         .wrongJSONType(expected: "an array", found: "string"), "geometries[1].coordinates"),
    ]

    @Test(arguments: bad)
    func badContentReportsWhatAndWhere(name: String, text: String, kind: GeoJSONError.Kind, path: String) {
        do {
            let doc = try GeoJSON(string: text)
            Issue.record("\(name): read \(doc) instead of failing")
        } catch {
            #expect(error.kind == kind, "\(name): \(error)")
            #expect(error.path == path, "\(name): \(error)")
        }
    }

    /// Syntax errors: reported with line and column.
    static let syntax: [(String, String, Int, Int)] = [
        ("trailing comma", "{\"type\":\"Point\",\n \"coordinates\":[1,2],}", 2, 22),
        ("unterminated string", "{\"type\":\"Poi", 1, 9),
        ("bad literal", "{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":tru}", 1, 41),
        ("leading zero", "{\"type\":\"Point\",\"coordinates\":[01,2]}", 1, 32),
        ("NaN literal", "{\"type\":\"Point\",\"coordinates\":[NaN,2]}", 1, 32),
        ("garbage after", "{} {}", 1, 4),
        ("empty", "", 1, 1),
        ("control char", "{\"type\":\"Po\u{01}int\"}", 1, 12),
    ]

    @Test(arguments: syntax)
    func syntaxErrorsReportLineAndColumn(name: String, text: String, line: Int, column: Int) {
        do {
            _ = try GeoJSON(string: text)
            Issue.record("\(name): expected a syntax error")
        } catch {
            guard case .syntax = error.kind else { Issue.record("\(name): \(error)"); return }
            #expect(error.location?.line == line && error.location?.column == column, "\(name): \(error)")
        }
    }

    @Test func invalidUTF8IsReported() {
        var bytes = Array(#"{"type":"Feature","properties":{"n":"ab"},"geometry":null}"#.utf8)
        bytes[37] = 0xFF
        #expect {
            try GeoJSON(data: Data(bytes))
        } throws: { error in
            (error as? GeoJSONError)?.kind == .invalidUTF8
        }
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: GeoJSONError.self) { try GeoJSON(string: #"{"type":"Point","coordinates":"# + deep + "}") }
        #expect(throws: GeoJSONError.self) { try GeoJSON(string: #"{"type":"Feature","geometry":null,"properties":{"a":"# + deep + "}}") }
    }
}

@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct GeoJSONRealDataTests {
    @Test func forceBoundaryParses() throws {
        let data = try Data(contentsOf: SharedData.url("west-midlands/boundaries/force.geojson"))
        let clock = ContinuousClock()
        let start = clock.now
        let fc = try FeatureCollection(geoJSON: data)
        let elapsed = clock.now - start
        #expect(fc.features.count == 1)
        let g = try #require(fc.features.first?.geometry)
        #expect(g.srid == 4326)
        #expect(g.coordinateCount == 50_623)
        let box = try #require(g.boundingBox)
        #expect(abs(box.minX - -2.20687) < 1e-4 && abs(box.maxX - -1.42396) < 1e-4)
        #expect(abs(box.minY - 52.34763) < 1e-4 && abs(box.maxY - 52.66277) < 1e-4)
        // Generous bound for a debug build; the release figure is in `bluelamp bench geometry`.
        #expect(elapsed < .seconds(5), "parsed in \(elapsed)")
        // Writing and reading back gives the same value.
        #expect(try FeatureCollection(geoJSON: Data(fc.geoJSON.utf8)) == fc)
    }

    @Test func wardsParseWithNames() throws {
        var names = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: SharedData.url("west-midlands/boundaries/wards").path) where file.hasSuffix(".json") {
            let fc = try FeatureCollection(geoJSON: Data(contentsOf: SharedData.url("west-midlands/boundaries/wards/" + file)))
            for f in fc.features {
                let name = try #require(f[property: "WD13NM"]?.stringValue)
                names.insert(name)
                #expect(!(f.geometry?.polygons.isEmpty ?? true), "\(name) has no polygon")
            }
        }
        #expect(names.count >= 160)
        #expect(names.contains("Ladywood"))
    }
}
