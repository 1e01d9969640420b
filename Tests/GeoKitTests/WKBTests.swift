import Testing
import GeoKit

@Suite struct WKBTests {
    /// EWKT → hex EWKB pairs printed by PostGIS 3.3.2 (`SELECT ST_GeomFromEWKT(e)::text`).
    static let postgis: [(String, String)] = [
        ("POINT(1 2)", "0101000000000000000000F03F0000000000000040"),
        ("SRID=4326;POINT(-1.8904 52.4862)", "0101000020E610000002BC0512143FFEBF58A835CD3B3E4A40"),
        ("POINT Z (1 2 3)", "0101000080000000000000F03F00000000000000400000000000000840"),
        ("POINT M (1 2 4)", "0101000040000000000000F03F00000000000000400000000000001040"),
        ("POINT ZM (1 2 3 4)", "01010000C0000000000000F03F000000000000004000000000000008400000000000001040"),
        ("POINT EMPTY", "0101000000000000000000F87F000000000000F87F"),
        ("SRID=4326;POINT EMPTY", "0101000020E6100000000000000000F87F000000000000F87F"),
        ("POINT Z EMPTY", "0101000080000000000000F87F000000000000F87F000000000000F87F"),
        ("LINESTRING(0 0,1.5 2.25)", "01020000000200000000000000000000000000000000000000000000000000F83F0000000000000240"),
        ("LINESTRING EMPTY", "010200000000000000"),
        ("SRID=27700;POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 3,3 3,2 2))", "0103000020346C0000020000000500000000000000000000000000000000000000000000000000244000000000000000000000000000002440000000000000244000000000000000000000000000002440000000000000000000000000000000000400000000000000000000400000000000000040000000000000004000000000000008400000000000000840000000000000084000000000000000400000000000000040"),
        ("POLYGON EMPTY", "010300000000000000"),
        ("SRID=4326;MULTIPOINT((1 2),(3 4))", "0104000020E6100000020000000101000000000000000000F03F0000000000000040010100000000000000000008400000000000001040"),
        ("MULTIPOINT Z ((1 2 3),(3 4 5))", "0104000080020000000101000080000000000000F03F000000000000004000000000000008400101000080000000000000084000000000000010400000000000001440"),
        ("MULTILINESTRING((0 0,1 1),(2 2,3 3))", "01050000000200000001020000000200000000000000000000000000000000000000000000000000F03F000000000000F03F0102000000020000000000000000000040000000000000004000000000000008400000000000000840"),
        ("SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))", "0106000020E6100000020000000103000000010000000400000000000000000000000000000000000000000000000000F03F0000000000000000000000000000F03F000000000000F03F000000000000000000000000000000000103000000010000000400000000000000000014400000000000001440000000000000184000000000000014400000000000001840000000000000184000000000000014400000000000001440"),
        ("MULTIPOLYGON EMPTY", "010600000000000000"),
        ("SRID=4326;GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1),GEOMETRYCOLLECTION(POINT EMPTY))", "0107000020E6100000030000000101000000000000000000F03F000000000000004001020000000200000000000000000000000000000000000000000000000000F03F000000000000F03F0107000000010000000101000000000000000000F87F000000000000F87F"),
        ("GEOMETRYCOLLECTION EMPTY", "010700000000000000"),
        ("SRID=3857;GEOMETRYCOLLECTION M (POINT M (1 2 3))", "0107000060110F0000010000000101000040000000000000F03F00000000000000400000000000000840"),
        ("MULTIPOINT(EMPTY,(3 4))", "0104000000020000000101000000000000000000F87F000000000000F87F010100000000000000000008400000000000001040"),
        ("POINT(0.1 -0.30000000000000004)", "01010000009A9999999999B93F343333333333D3BF"),
    ]

    @Test(arguments: postgis)
    func writesWhatPostGISWrites(ewkt: String, hex: String) throws {
        let g = try Geometry(wkt: ewkt)
        #expect(g.ewkbHex == hex)
    }

    @Test(arguments: postgis)
    func readsWhatPostGISWrites(ewkt: String, hex: String) throws {
        let g = try Geometry(ewkbHex: hex)
        #expect(g == (try Geometry(wkt: ewkt)))
        #expect(try Geometry(ewkbHex: hex.lowercased()) == g)
        #expect(try Geometry(ewkbHex: "\\x" + hex) == g)
        // ISO WKB loses only the SRID.
        var noSRID = g
        noSRID.srid = 0
        #expect(try Geometry(wkb: g.wkb) == noSRID)
    }

    /// ISO WKB (NDR, XDR) and EWKB XDR printed by PostGIS (`ST_AsBinary(g, 'NDR'|'XDR')`,
    /// `ST_AsEWKB(g, 'XDR')`): all must read to the same value; our ISO NDR output must match.
    static let otherEncodings: [(String, String, String, String)] = [
        ("POINT Z (1 2 3)", "01e9030000000000000000f03f00000000000000400000000000000840",
         "00000003e93ff000000000000040000000000000004008000000000000",
         "00800000013ff000000000000040000000000000004008000000000000"),
        ("POINT ZM (1 2 3 4)", "01b90b0000000000000000f03f000000000000004000000000000008400000000000001040",
         "0000000bb93ff0000000000000400000000000000040080000000000004010000000000000",
         "00c00000013ff0000000000000400000000000000040080000000000004010000000000000"),
        ("SRID=4326;MULTIPOINT M ((1 2 3),(3 4 5))", "01d40700000200000001d1070000000000000000f03f0000000000000040000000000000084001d1070000000000000000084000000000000010400000000000001440",
         "00000007d40000000200000007d13ff00000000000004000000000000000400800000000000000000007d1400800000000000040100000000000004014000000000000",
         "0060000004000010e60000000200400000013ff0000000000000400000000000000040080000000000000040000001400800000000000040100000000000004014000000000000"),
        ("SRID=27700;POLYGON((0 0,10 0,10 10,0 0))", "0103000000010000000400000000000000000000000000000000000000000000000000244000000000000000000000000000002440000000000000244000000000000000000000000000000000",
         "0000000003000000010000000400000000000000000000000000000000402400000000000000000000000000004024000000000000402400000000000000000000000000000000000000000000",
         "002000000300006c34000000010000000400000000000000000000000000000000402400000000000000000000000000004024000000000000402400000000000000000000000000000000000000000000"),
        ("GEOMETRYCOLLECTION Z (POINT Z (1 2 3),LINESTRING Z (0 0 0,1 1 1))", "01ef0300000200000001e9030000000000000000f03f0000000000000040000000000000084001ea03000002000000000000000000000000000000000000000000000000000000000000000000f03f000000000000f03f000000000000f03f",
         "00000003ef0000000200000003e93ff00000000000004000000000000000400800000000000000000003ea000000020000000000000000000000000000000000000000000000003ff00000000000003ff00000000000003ff0000000000000",
         "00800000070000000200800000013ff0000000000000400000000000000040080000000000000080000002000000020000000000000000000000000000000000000000000000003ff00000000000003ff00000000000003ff0000000000000"),
    ]

    @Test(arguments: otherEncodings)
    func readsISOAndXDR(ewkt: String, isoNDR: String, isoXDR: String, ewkbXDR: String) throws {
        let g = try Geometry(wkt: ewkt)
        var noSRID = g
        noSRID.srid = 0
        #expect(try Geometry(ewkbHex: isoNDR) == noSRID)
        #expect(try Geometry(ewkbHex: isoXDR) == noSRID)
        #expect(try Geometry(ewkbHex: ewkbXDR) == g)
        #expect(try Geometry(ewkbHex: isoNDR, srid: g.srid) == g)
        #expect(g.wkb == Array(try Geometry(ewkbHex: isoNDR).wkb))
        #expect(String(decoding: g.wkb.flatMap { b in Array(String(format2: b).utf8) }, as: UTF8.self) == isoNDR)
    }

    /// Little-endian building blocks for hand-made bad inputs.
    static func u32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    static func f64(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
    static func point(_ x: Double, _ y: Double) -> [UInt8] { [1] + u32(1) + f64(x) + f64(y) }

    /// Named bad inputs: the error case and the byte offset it is reported at.
    static let bad: [(String, [UInt8], WKBError.Kind, Int)] = [
        ("empty input", [], .unexpectedEnd(needed: 1, available: 0), 0),
        ("bad byte order", [2] + u32(1), .invalidByteOrder(2), 0),
        ("wrong type code", [1] + u32(8) + f64(1) + f64(2), .unknownGeometryType(8), 1),
        ("wrong ISO thousands", [1] + u32(4001) + f64(1) + f64(2), .unknownGeometryType(4001), 1),
        ("truncated point", [1] + u32(1) + f64(1), .unexpectedEnd(needed: 16, available: 8), 5),
        ("length overflow 2^31 points", [1] + u32(2) + u32(0x8000_0000) + f64(1) + f64(2),
         .countTooLarge(count: 0x8000_0000, bytesNeeded: 0x8000_0000 * 16, bytesAvailable: 16), 5),
        ("ring count overflow", [1] + u32(3) + u32(0xFFFF_FFFF), .countTooLarge(count: 0xFFFF_FFFF, bytesNeeded: 0xFFFF_FFFF * 4, bytesAvailable: 0), 5),
        ("member count overflow", [1] + u32(7) + u32(1_000_000) + point(1, 2),
         .countTooLarge(count: 1_000_000, bytesNeeded: 9_000_000, bytesAvailable: 21), 5),
        ("unclosed ring", [1] + u32(3) + u32(1) + u32(4) + f64(0) + f64(0) + f64(1) + f64(0) + f64(1) + f64(1) + f64(0) + f64(1),
         .invalidGeometry(.ringNotClosed(first: Coordinate(x: 0, y: 0), last: Coordinate(x: 0, y: 1))), 9),
        ("short ring", [1] + u32(3) + u32(1) + u32(3) + f64(0) + f64(0) + f64(1) + f64(0) + f64(0) + f64(0),
         .invalidGeometry(.ringTooShort(pointCount: 3)), 9),
        ("NaN in a line", [1] + u32(2) + u32(2) + f64(0) + f64(0) + f64(.nan) + f64(1), .invalidGeometry(.nonFiniteOrdinate(.x, value: .nan)), 25),
        ("half-NaN point", point(.nan, 1), .partlyEmptyPoint, 5),
        ("infinite y", point(1, .infinity), .invalidGeometry(.nonFiniteOrdinate(.y, value: .infinity)), 5),
        ("lat 95 in 4326", [1] + u32(0x2000_0001) + u32(4326) + f64(1) + f64(95), .invalidGeometry(.latitudeOutOfRange(95)), 9),
        ("line in multipoint", [1] + u32(4) + u32(1) + [1] + u32(2) + u32(0), .unexpectedMemberType(expected: "Point", found: "LineString"), 9),
        ("Z member in XY collection", [1] + u32(7) + u32(1) + [1] + u32(1001) + f64(1) + f64(2) + f64(3), .mixedDimensions(expected: .xy, found: .xyz), 9),
        ("member SRID differs", [1] + u32(0x2000_0007) + u32(4326) + u32(1) + [1] + u32(0x2000_0001) + u32(27700) + f64(1) + f64(2),
         .conflictingSRID(outer: 4326, inner: 27700), 13),
        ("trailing bytes", point(1, 2) + [0, 0], .trailingBytes(count: 2), 21),
        ("one-point line", [1] + u32(2) + u32(1) + f64(0) + f64(0), .invalidGeometry(.lineStringTooShort(pointCount: 1)), 5),
    ]

    @Test(arguments: bad)
    func badInputReportsWhatAndWhere(name: String, bytes: [UInt8], kind: WKBError.Kind, offset: Int) {
        do {
            let g = try Geometry(wkb: bytes)
            Issue.record("\(name): read \(g) instead of failing")
        } catch {
            if case .invalidGeometry(.nonFiniteOrdinate(let o, _)) = kind, case .invalidGeometry(.nonFiniteOrdinate(let found, _)) = error.kind {
                #expect(o == found, "\(name): \(error)")
            } else {
                #expect(error.kind == kind, "\(name): \(error)")
            }
            #expect(error.offset == offset, "\(name): \(error)")
        }
    }

    @Test(arguments: [("01G1", WKBError.Kind.invalidHex(character: "G"), 2), ("0101000", .oddHexLength(7), 7), ("\\x0Z", .invalidHex(character: "Z"), 3)])
    func badHexReportsCharacter(text: String, kind: WKBError.Kind, offset: Int) {
        #expect {
            try Geometry(ewkbHex: text)
        } throws: { error in
            guard let e = error as? WKBError else { return false }
            return e.kind == kind && e.offset == offset
        }
    }

    @Test func deepCollectionsAreRefused() {
        var bytes = [UInt8]()
        for _ in 0..<40 { bytes += [1] + WKBTests.u32(7) + WKBTests.u32(1) }
        bytes += WKBTests.point(1, 2)
        #expect(throws: WKBError.self) { try Geometry(wkb: bytes) }
    }
}

extension String {
    /// Two lowercase hex digits.
    init(format2 byte: UInt8) {
        let s = String(byte, radix: 16)
        self = s.count == 1 ? "0" + s : s
    }
}
