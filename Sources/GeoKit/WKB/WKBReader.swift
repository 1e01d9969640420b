import Foundation

extension Geometry {
    /// Reads OGC/ISO WKB or PostGIS EWKB, either byte order: ISO type codes (1001 = Point Z,
    /// 2001 = Point M, 3001 = Point ZM) and EWKB flags (0x80000000 Z, 0x40000000 M, 0x20000000
    /// SRID) are both understood. An all-NaN point is the empty point, as PostGIS writes it.
    /// - Parameter srid: the SRID when the input carries none.
    public init(wkb: [UInt8], srid: Int32 = 0) throws(WKBError) {
        let result: Result<Geometry, WKBError> = wkb.withUnsafeBufferPointer { buffer in
            Result { () throws(WKBError) -> Geometry in
                var reader = WKBReader(bytes: buffer)
                return try reader.readDocument(defaultSRID: srid)
            }
        }
        self = try result.get()
    }

    /// Reads WKB or EWKB from `Data`.
    public init(wkb: Data, srid: Int32 = 0) throws(WKBError) {
        try self.init(wkb: [UInt8](wkb), srid: srid)
    }

    /// Reads PostGIS hex EWKB, as `SELECT geom::text` prints it (either case; a leading `\x`,
    /// as in a `bytea` literal, is accepted).
    public init(ewkbHex: String, srid: Int32 = 0) throws(WKBError) {
        try self.init(wkb: try HexCodec.decode(ewkbHex), srid: srid)
    }
}

/// Hex text ⇄ bytes.
enum HexCodec {
    /// Value of each ASCII hex digit, 0xFF for anything else.
    private static let nibbles: [UInt8] = (0..<256).map { c -> UInt8 in
        switch c {
        case 48...57: return UInt8(c - 48)
        case 65...70: return UInt8(c - 55)
        case 97...102: return UInt8(c - 87)
        default: return 0xFF
        }
    }

    static func decode(_ text: String) throws(WKBError) -> [UInt8] {
        var text = text
        let result: Result<[UInt8], WKBError> = text.withUTF8 { utf8 in
            Result { () throws(WKBError) -> [UInt8] in try decode(utf8) }
        }
        return try result.get()
    }

    static func decode(_ all: UnsafeBufferPointer<UInt8>) throws(WKBError) -> [UInt8] {
        var skip = 0
        if all.count >= 2, all[0] == UInt8(ascii: "\\"), all[1] | 0x20 == UInt8(ascii: "x") { skip = 2 }
        let count = all.count - skip
        guard count % 2 == 0 else { throw WKBError(kind: .oddHexLength(count), offset: all.count) }
        var out = [UInt8](repeating: 0, count: count / 2)
        var bad = -1
        nibbles.withUnsafeBufferPointer { table in
            out.withUnsafeMutableBufferPointer { bytes in
                var i = skip
                for k in 0..<bytes.count {
                    let hi = table[Int(all[i])], lo = table[Int(all[i + 1])]
                    if hi > 15 || lo > 15 {
                        bad = hi > 15 ? i : i + 1
                        return
                    }
                    bytes[k] = hi << 4 | lo
                    i += 2
                }
            }
        }
        if bad >= 0 {
            let scalarEnd = min(bad + 4, all.count)
            let character = String(decoding: UnsafeBufferPointer(rebasing: all[bad..<scalarEnd]), as: UTF8.self).prefix(1)
            throw WKBError(kind: .invalidHex(character: String(character)), offset: bad)
        }
        return out
    }

    static let digits = Array("0123456789ABCDEF".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Reads WKB/EWKB from a byte buffer.
struct WKBReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    var srid: Int32 = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Header of one (sub-)geometry.
    struct Header {
        var bigEndian: Bool
        var kind: Geometry.Kind
        var dimension: CoordinateDimension
        var srid: Int32?
        var offset: Int
    }

    func fail(_ kind: WKBError.Kind, at offset: Int) -> WKBError { WKBError(kind: kind, offset: offset) }

    mutating func need(_ n: Int) throws(WKBError) {
        if bytes.count - pos < n { throw fail(.unexpectedEnd(needed: n, available: bytes.count - pos), at: pos) }
    }

    mutating func readUInt32(_ bigEndian: Bool) throws(WKBError) -> UInt32 {
        try need(4)
        let raw = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: pos, as: UInt32.self)
        pos += 4
        return bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
    }

    /// Reads a double; the caller has checked the bytes are there.
    @inline(__always)
    mutating func readDoubleUnchecked(_ bigEndian: Bool) -> Double {
        let raw = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: pos, as: UInt64.self)
        pos += 8
        return Double(bitPattern: bigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw))
    }

    mutating func readDocument(defaultSRID: Int32) throws(WKBError) -> Geometry {
        let header = try readHeader()
        srid = header.srid ?? defaultSRID
        let g = try readBody(header, depth: 0)
        if pos != bytes.count { throw fail(.trailingBytes(count: bytes.count - pos), at: pos) }
        return g
    }

    mutating func readHeader() throws(WKBError) -> Header {
        let offset = pos
        try need(1)
        let order = bytes[pos]
        guard order <= 1 else { throw fail(.invalidByteOrder(order), at: pos) }
        pos += 1
        let big = order == 0
        let raw = try readUInt32(big)
        var hasZ = raw & 0x8000_0000 != 0
        var hasM = raw & 0x4000_0000 != 0
        let hasSRID = raw & 0x2000_0000 != 0
        let code = raw & 0x1FFF_FFFF
        let base = code % 1000
        switch code / 1000 {
        case 0: break
        case 1 where !hasM: hasZ = true
        case 2 where !hasZ: hasM = true
        case 3: hasZ = true; hasM = true
        default: throw fail(.unknownGeometryType(raw), at: offset + 1)
        }
        guard let kind = Geometry.Kind(rawValue: base) else { throw fail(.unknownGeometryType(raw), at: offset + 1) }
        var s: Int32?
        if hasSRID { s = Int32(bitPattern: try readUInt32(big)) }
        return Header(bigEndian: big, kind: kind, dimension: CoordinateDimension(hasZ: hasZ, hasM: hasM), srid: s, offset: offset)
    }

    /// Checks that `count` items of at least `minimumSize` bytes each can fit in what remains.
    mutating func checkCount(_ count: UInt32, minimumSize: Int, at offset: Int) throws(WKBError) {
        let available = bytes.count - pos
        let needed = Int(count).multipliedReportingOverflow(by: minimumSize)
        if needed.overflow || needed.partialValue > available {
            throw fail(.countTooLarge(count: count, bytesNeeded: needed.overflow ? Int.max : needed.partialValue, bytesAvailable: available), at: offset)
        }
    }

    mutating func coordinate(_ h: Header) throws(WKBError) -> Coordinate {
        let start = pos
        let x = readDoubleUnchecked(h.bigEndian)
        let y = readDoubleUnchecked(h.bigEndian)
        var c = Coordinate(x: x, y: y)
        if h.dimension.hasZ { c.z = readDoubleUnchecked(h.bigEndian) }
        if h.dimension.hasM { c.m = readDoubleUnchecked(h.bigEndian) }
        if let p = GeometryProblem.check(c, srid: srid) { throw fail(.invalidGeometry(p), at: start) }
        return c
    }

    mutating func coordinateList(_ h: Header) throws(WKBError) -> [Coordinate] {
        let countOffset = pos
        let count = try readUInt32(h.bigEndian)
        let size = 8 * h.dimension.ordinateCount
        try checkCount(count, minimumSize: size, at: countOffset)
        var cs = [Coordinate]()
        cs.reserveCapacity(Int(count))
        for _ in 0..<Int(count) { cs.append(try coordinate(h)) }
        return cs
    }

    mutating func rings(_ h: Header) throws(WKBError) -> [[Coordinate]] {
        let countOffset = pos
        let count = try readUInt32(h.bigEndian)
        try checkCount(count, minimumSize: 4, at: countOffset)
        var rings = [[Coordinate]]()
        rings.reserveCapacity(Int(count))
        for _ in 0..<Int(count) {
            let ringOffset = pos
            let ring = try coordinateList(h)
            if let p = GeometryProblem.checkRing(ring) { throw fail(.invalidGeometry(p), at: ringOffset) }
            rings.append(ring)
        }
        return rings
    }

    /// Reads a member's header and checks it against its collection.
    mutating func memberHeader(of parent: Header, expected: Geometry.Kind?) throws(WKBError) -> Header {
        let h = try readHeader()
        if let expected, h.kind != expected {
            throw fail(.unexpectedMemberType(expected: expected.name, found: h.kind.name), at: h.offset)
        }
        if h.dimension != parent.dimension {
            throw fail(.mixedDimensions(expected: parent.dimension, found: h.dimension), at: h.offset)
        }
        if let inner = h.srid, inner != srid {
            throw fail(.conflictingSRID(outer: srid, inner: inner), at: h.offset)
        }
        return h
    }

    /// Reads a member count; each member takes at least a 5-byte header and a 4-byte count/double.
    mutating func memberCount(_ h: Header) throws(WKBError) -> Int {
        let offset = pos
        let count = try readUInt32(h.bigEndian)
        try checkCount(count, minimumSize: 9, at: offset)
        return Int(count)
    }

    mutating func readBody(_ h: Header, depth: Int) throws(WKBError) -> Geometry {
        let d = h.dimension
        switch h.kind {
        case .point:
            return .point(try pointBody(h))
        case .lineString:
            let start = pos
            let cs = try coordinateList(h)
            if let p = GeometryProblem.checkLineString(cs) { throw fail(.invalidGeometry(p), at: start) }
            return .lineString(LineString(unchecked: cs, dimension: d, srid: srid))
        case .polygon:
            return .polygon(Polygon(uncheckedRings: try rings(h), dimension: d, srid: srid))
        case .multiPoint:
            let n = try memberCount(h)
            var points = [Point]()
            points.reserveCapacity(n)
            for _ in 0..<n {
                let mh = try memberHeader(of: h, expected: .point)
                points.append(try pointBody(mh))
            }
            return .multiPoint(MultiPoint(unchecked: points, dimension: d, srid: srid))
        case .multiLineString:
            let n = try memberCount(h)
            var lines = [LineString]()
            lines.reserveCapacity(n)
            for _ in 0..<n {
                let mh = try memberHeader(of: h, expected: .lineString)
                let start = pos
                let cs = try coordinateList(mh)
                if let p = GeometryProblem.checkLineString(cs) { throw fail(.invalidGeometry(p), at: start) }
                lines.append(LineString(unchecked: cs, dimension: d, srid: srid))
            }
            return .multiLineString(MultiLineString(unchecked: lines, dimension: d, srid: srid))
        case .multiPolygon:
            let n = try memberCount(h)
            var polygons = [Polygon]()
            polygons.reserveCapacity(n)
            for _ in 0..<n {
                let mh = try memberHeader(of: h, expected: .polygon)
                polygons.append(Polygon(uncheckedRings: try rings(mh), dimension: d, srid: srid))
            }
            return .multiPolygon(MultiPolygon(unchecked: polygons, dimension: d, srid: srid))
        case .geometryCollection:
            guard depth < maximumGeometryNesting else {
                throw fail(.invalidGeometry(.nestingTooDeep(limit: maximumGeometryNesting)), at: h.offset)
            }
            let n = try memberCount(h)
            var members = [Geometry]()
            members.reserveCapacity(n)
            for _ in 0..<n {
                let mh = try memberHeader(of: h, expected: nil)
                members.append(try readBody(mh, depth: depth + 1))
            }
            return .geometryCollection(GeometryCollection(unchecked: members, dimension: d, srid: srid))
        }
    }

    mutating func pointBody(_ h: Header) throws(WKBError) -> Point {
        let start = pos
        try need(8 * h.dimension.ordinateCount)
        var values = [Double]()
        values.reserveCapacity(4)
        for _ in 0..<h.dimension.ordinateCount { values.append(readDoubleUnchecked(h.bigEndian)) }
        if values.allSatisfy(\.isNaN) { return Point(coordinate: nil, dimension: h.dimension, srid: srid) }
        if values.contains(where: \.isNaN) { throw fail(.partlyEmptyPoint, at: start) }
        pos = start
        return Point(coordinate: try coordinate(h), dimension: h.dimension, srid: srid)
    }
}
