import Foundation
import GeoKit
import Testing
import TestSupport
@testable import Storage

/// GeoKit's EWKB against real PostGIS: what we send is stored byte for byte, what PostGIS writes
/// decodes to what its WKT says, and validity and area agree with GEOS.
@Suite("EWKB round trip on real PostGIS")
struct PostGISGeometryTests {
    /// Every geometry type, with and without SRID, in XY, XYZ, XYM and XYZM, empty, with holes, nested.
    static let cases: [String] = [
        "POINT(1 2)",
        "SRID=4326;POINT(-1.8904 52.4862)",
        "SRID=27700;POINT Z (406000.25 286000.5 151.125)",
        "POINT M (1 2 4)",
        "SRID=4326;POINT ZM (-2.1 52.6 100 1700000000)",
        "POINT EMPTY",
        "SRID=4326;POINT EMPTY",
        "POINT ZM EMPTY",
        "SRID=4326;LINESTRING(-1.9 52.4,-1.8 52.5,-1.7 52.45)",
        "LINESTRING Z (0 0 0,1 1 1,2 0 2)",
        "LINESTRING M (0 0 10,1 1 20)",
        "LINESTRING EMPTY",
        "SRID=27700;POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 3,3 3,2 2),(6 6,6 8,8 8,8 6,6 6))",
        "POLYGON Z ((0 0 1,4 0 1,4 4 1,0 0 1))",
        "POLYGON EMPTY",
        "SRID=4326;MULTIPOINT((1 2),(3 4))",
        "MULTIPOINT(EMPTY,(3 4))",
        "MULTIPOINT ZM ((1 2 3 4),(5 6 7 8))",
        "MULTIPOINT EMPTY",
        "MULTILINESTRING((0 0,1 1),(2 2,3 3,4 2))",
        "SRID=4326;MULTILINESTRING M ((0 0 1,1 1 2))",
        "MULTILINESTRING EMPTY",
        "SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5),(5.2 5.1,5.8 5.1,5.8 5.7,5.2 5.1)))",
        "MULTIPOLYGON Z (((0 0 0,1 0 0,1 1 5,0 0 0)))",
        "MULTIPOLYGON EMPTY",
        "SRID=4326;GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1),POLYGON((0 0,1 0,1 1,0 0)),GEOMETRYCOLLECTION(POINT EMPTY,MULTIPOINT((7 8))))",
        "GEOMETRYCOLLECTION Z (POINT Z (1 2 3),GEOMETRYCOLLECTION Z (LINESTRING Z (0 0 0,1 1 1)))",
        "SRID=3857;GEOMETRYCOLLECTION M (POINT M (1 2 3))",
        "GEOMETRYCOLLECTION(GEOMETRYCOLLECTION(GEOMETRYCOLLECTION(POINT(0.1 -0.30000000000000004))))",
        "GEOMETRYCOLLECTION EMPTY",
    ]

    @Test("value → EWKB → bytea → PostGIS → ST_AsEWKB and geom::text: identical bytes, equal values", arguments: cases)
    func roundTrip(ewkt: String) throws {
        let value = try Geometry(wkt: ewkt)
        let db = try TestDatabase.connect()
        let row = try db.query("""
            SELECT ST_AsEWKB(g, 'NDR') AS ewkb, g::text AS hex, ST_AsEWKT(g, 17) AS ewkt, g AS geom, ST_SRID(g) AS srid
            FROM (SELECT $1::geometry AS g) s
            """, [.geometry(value)]).firstRow()
        #expect([UInt8](try row["ewkb"].data()) == value.ewkb)
        #expect(try row["hex"].string() == value.ewkbHex)
        #expect(try row["ewkb"].geometry() == value)
        #expect(try row["geom"].geometry() == value)
        #expect(try row["srid"].int() == Int(value.srid))
        // PostGIS's own EWKT (all 17 digits) reads back to the same value — except that EWKT has no
        // way to say "empty with Z/M" (PostGIS prints POINT ZM EMPTY as "POINT EMPTY"), so there
        // only the type, the SRID and the emptiness can agree.
        let fromText = try Geometry(wkt: try row["ewkt"].string())
        if value.isEmpty && value.dimension != .xy {
            #expect(fromText.isEmpty && fromText.typeName == value.typeName && fromText.srid == value.srid)
        } else {
            #expect(fromText == value)
        }
    }

    @Test("stored in a geometry column and read back in binary format: the same value", arguments: cases)
    func storedColumn(ewkt: String) throws {
        let value = try Geometry(wkt: ewkt)
        let db = try TestDatabase.connect()
        try db.query("CREATE TEMP TABLE shapes (id int, geom geometry)")
        try db.query("INSERT INTO shapes VALUES (1, $1::geometry)", [.geometry(value)])
        let row = try db.query("SELECT geom FROM shapes WHERE id = 1", binaryResults: true).firstRow()
        #expect(try row["geom"].geometry() == value)
    }

    @Test("EWKB that PostGIS builds from WKT (ST_GeomFromText) decodes to what the WKT says", arguments: cases)
    func postgisProduced(ewkt: String) throws {
        let expected = try Geometry(wkt: ewkt)
        let db = try TestDatabase.connect()
        let row = try db.query("""
            SELECT ST_AsEWKB(ST_GeomFromText($1, $2::int), 'NDR') AS ndr, ST_AsEWKB(ST_GeomFromText($1, $2::int), 'XDR') AS xdr,
                   ST_GeomFromEWKT($3)::text AS hex
            """, [.text(expected.wkt), .int(Int(expected.srid)), .text(ewkt)]).firstRow()
        #expect(try row["ndr"].geometry() == expected)
        #expect(try row["xdr"].geometry() == expected)
        #expect(try Geometry(ewkbHex: try row["hex"].string()) == expected)
    }

    /// Shapes whose validity and area GEOS (through GeoKit) and PostGIS must agree on.
    static let shapes: [String] = [
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 3,3 3,2 2))",
        "POLYGON((0 0,10 10,10 0,0 10,0 0))",
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(20 20,20 21,21 21,20 20))",
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(0 0,5 2,2 5,0 0))",
        "MULTIPOLYGON(((0 0,4 0,4 4,0 4,0 0)),((2 2,6 2,6 6,2 6,2 2)))",
        "POLYGON((0 0,10 0,5 0,0 0))",
        "SRID=4326;POLYGON((-1.95 52.45,-1.85 52.45,-1.85 52.52,-1.95 52.52,-1.95 52.45))",
    ]

    @Test("ST_IsValid, ST_IsValidReason and ST_Area agree with GeoKit's GEOS results", arguments: shapes)
    func agreesWithGEOS(ewkt: String) throws {
        let shape = try Geometry(wkt: ewkt)
        let db = try TestDatabase.connect()
        let row = try db.query("SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_Area(g) AS area FROM (SELECT $1::geometry AS g) s",
                               [.geometry(shape)]).firstRow()
        #expect(try row["valid"].bool() == shape.isValid())
        let reason = try row["reason"].string()
        #expect(reason == (try shape.validityReason() ?? "Valid Geometry"))
        let area = try row["area"].double()
        #expect(abs(area - (try shape.area())) <= 1e-9 * max(1, abs(area)))
    }

    @Test("the real West Midlands force boundary (50,623 vertices): same bytes back, same validity and area as GEOS",
          .enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func forceBoundary() throws {
        let json = try Data(contentsOf: SharedData.url("west-midlands/boundaries/force.geojson"))
        let boundary = try #require(try FeatureCollection(geoJSON: json).features.first?.geometry)
        let db = try TestDatabase.connect()
        let row = try db.query("SELECT ST_AsEWKB(g, 'NDR') AS ewkb, ST_IsValid(g) AS valid, ST_Area(g) AS area, ST_NPoints(g) AS n FROM (SELECT $1::geometry AS g) s",
                               [.geometry(boundary)]).firstRow()
        #expect([UInt8](try row["ewkb"].data()) == boundary.ewkb)
        #expect(try row["n"].int() == boundary.coordinateCount)
        #expect(try row["valid"].bool() == boundary.isValid())
        let area = try row["area"].double()
        #expect(abs(area - (try boundary.area())) <= 1e-9 * area)
    }

    @Test("bytes that are not EWKB are a decoding error naming the column")
    func badBytes() throws {
        let db = try TestDatabase.connect()
        let row = try db.query("SELECT '\\x0101'::bytea AS broken").firstRow()
        #expect {
            _ = try row["broken"].geometry()
        } throws: { error in
            guard case let .decoding(_, column, expected, _) = error as? PostgresError else { return false }
            return column == "broken" && expected.contains("EWKB")
        }
        // PostGIS refuses them too, with its own error.
        let error = #expect(throws: PostgresError.self) { try db.query("SELECT $1::geometry", [.bytea(Data([1, 1]))]) }
        #expect(error?.sqlState == "XX000")
    }
}
