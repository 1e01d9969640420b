extension Geometry {
    /// Reads WKT or PostGIS EWKT: `POINT(1 2)`, `POINT Z (1 2 3)`, `POINTM(1 2 3)`, `POINT EMPTY`,
    /// `SRID=4326;POLYGON((…))`, all seven types, keywords in any case. Coordinates are checked
    /// (finite; lon/lat ranges when SRID is 4326) and rings must be closed with at least 4 points.
    /// - Parameter srid: the SRID when the text has no `SRID=` prefix.
    public init(wkt: String, srid: Int32 = 0) throws(WKTError) {
        var text = wkt
        let result: Result<Geometry, WKTError> = text.withUTF8 { bytes in
            Result { () throws(WKTError) -> Geometry in
                var reader = WKTReader(bytes: bytes, srid: srid)
                return try reader.readDocument()
            }
        }
        self = try result.get()
    }
}

/// A recursive-descent WKT parser over UTF-8 bytes.
struct WKTReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    var srid: Int32
    /// The dimension, once declared or inferred from the first coordinate.
    var dim: CoordinateDimension?
    /// An empty member was built before the dimension was known, so the result must be conformed.
    var builtBeforeDimensionKnown = false

    init(bytes: UnsafeBufferPointer<UInt8>, srid: Int32) {
        self.bytes = bytes
        self.srid = srid
    }

    // MARK: - Errors and tokens

    func error(_ kind: WKTError.Kind, at offset: Int) -> WKTError {
        WKTError(kind: kind, location: TextLocation.locate(offset, in: bytes))
    }

    mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 32, 9, 10, 13: pos += 1
            default: return
            }
        }
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    /// Reads a keyword (letters only), upper-cased; "" when none.
    mutating func word() -> String {
        skipSpace()
        let start = pos
        while pos < bytes.count, WKTReader.isLetter(bytes[pos]) { pos += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self).uppercased()
    }

    /// Looks at the next keyword without consuming it.
    mutating func peekWord() -> String {
        let save = pos
        let w = word()
        pos = save
        return w
    }

    /// A short quote of the text at `offset` for messages.
    func snippet(at offset: Int) -> String {
        guard offset < bytes.count else { return "" }
        var end = offset
        if WKTReader.isLetter(bytes[offset]) {
            while end < bytes.count, end - offset < 20, WKTReader.isLetter(bytes[end]) { end += 1 }
        } else {
            while end < bytes.count, end - offset < 12, bytes[end] != 32, bytes[end] != 10 { end += 1 }
            if end == offset { end += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    mutating func expect(_ char: UInt8, _ what: String) throws(WKTError) {
        skipSpace()
        guard pos < bytes.count else { throw error(.unexpectedEnd(expected: what), at: pos) }
        guard bytes[pos] == char else { throw error(.unexpectedToken(found: snippet(at: pos), expected: what), at: pos) }
        pos += 1
    }

    /// Consumes `char` if it is next.
    mutating func accept(_ char: UInt8) -> Bool {
        skipSpace()
        if pos < bytes.count, bytes[pos] == char { pos += 1; return true }
        return false
    }

    // MARK: - Document

    mutating func readDocument() throws(WKTError) -> Geometry {
        skipSpace()
        let save = pos
        if word() == "SRID" {
            try expect(UInt8(ascii: "="), "'=' after SRID")
            skipSpace()
            let start = pos
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            while pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 { pos += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
            guard let value = Int32(text), value >= 0 else { throw error(.invalidSRID(text.isEmpty ? snippet(at: start) : text), at: start) }
            srid = value
            try expect(UInt8(ascii: ";"), "';' after the SRID")
        } else {
            pos = save
        }
        var g = try readGeometry(depth: 0)
        skipSpace()
        if pos < bytes.count { throw error(.trailingCharacters(snippet(at: pos)), at: pos) }
        if builtBeforeDimensionKnown, let dim, g.dimension != dim || g.kind == .geometryCollection {
            g = g.conformed(to: dim)
        }
        return g
    }

    // MARK: - Geometries

    mutating func readGeometry(depth: Int) throws(WKTError) -> Geometry {
        skipSpace()
        let start = pos
        guard pos < bytes.count else { throw error(.unexpectedEnd(expected: "a geometry type such as POINT"), at: pos) }
        let name = word()
        guard !name.isEmpty else { throw error(.unexpectedToken(found: snippet(at: start), expected: "a geometry type such as POINT"), at: start) }
        var declared: CoordinateDimension?
        var kind = Geometry.Kind(name: name)
        if kind == nil, name.hasSuffix("M"), let k = Geometry.Kind(name: String(name.dropLast())) {
            kind = k
            declared = .xym
        }
        guard let kind else { throw error(.unknownGeometryType(name), at: start) }
        let afterName = pos
        switch peekWord() {
        case "Z", "M", "ZM":
            let dimStart = pos
            let keyword = word()
            let d: CoordinateDimension = keyword == "Z" ? .xyz : keyword == "M" ? .xym : .xyzm
            if declared != nil { throw error(.unexpectedToken(found: keyword, expected: "'(' or EMPTY"), at: dimStart) }
            declared = d
        default:
            pos = afterName
        }
        if let declared {
            if let dim, dim != declared { throw error(.dimensionMismatch(expected: dim, found: declared), at: start) }
            dim = declared
        }
        if peekWord() == "EMPTY" {
            _ = word()
            return empty(kind)
        }
        switch kind {
        case .point:
            try expect(UInt8(ascii: "("), "'(' or EMPTY")
            let c = try coordinate()
            try expect(UInt8(ascii: ")"), "')' closing the point")
            return .point(Point(coordinate: c, dimension: currentDim, srid: srid))
        case .lineString:
            let start = pos
            let cs = try coordinateList()
            if let p = GeometryProblem.checkLineString(cs) { throw error(.invalidGeometry(p), at: start) }
            return .lineString(LineString(unchecked: cs, dimension: currentDim, srid: srid))
        case .polygon:
            return .polygon(try polygonBody())
        case .multiPoint:
            try expect(UInt8(ascii: "("), "'(' or EMPTY")
            var points = [Point]()
            repeat {
                if peekWord() == "EMPTY" {
                    _ = word()
                    points.append(Point(coordinate: nil, dimension: currentDim, srid: srid))
                    if dim == nil { builtBeforeDimensionKnown = true }
                } else if accept(UInt8(ascii: "(")) {
                    let c = try coordinate()
                    try expect(UInt8(ascii: ")"), "')' closing the point")
                    points.append(Point(coordinate: c, dimension: currentDim, srid: srid))
                } else {
                    let c = try coordinate()
                    points.append(Point(coordinate: c, dimension: currentDim, srid: srid))
                }
            } while accept(UInt8(ascii: ","))
            try expect(UInt8(ascii: ")"), "',' or ')' in the multi-point")
            return .multiPoint(MultiPoint(unchecked: points, dimension: currentDim, srid: srid))
        case .multiLineString:
            try expect(UInt8(ascii: "("), "'(' or EMPTY")
            var lines = [LineString]()
            repeat {
                if peekWord() == "EMPTY" {
                    _ = word()
                    lines.append(LineString(unchecked: [], dimension: currentDim, srid: srid))
                    if dim == nil { builtBeforeDimensionKnown = true }
                } else {
                    skipSpace()
                    let start = pos
                    let cs = try coordinateList()
                    if let p = GeometryProblem.checkLineString(cs) { throw error(.invalidGeometry(p), at: start) }
                    lines.append(LineString(unchecked: cs, dimension: currentDim, srid: srid))
                }
            } while accept(UInt8(ascii: ","))
            try expect(UInt8(ascii: ")"), "',' or ')' in the multi-line-string")
            return .multiLineString(MultiLineString(unchecked: lines, dimension: currentDim, srid: srid))
        case .multiPolygon:
            try expect(UInt8(ascii: "("), "'(' or EMPTY")
            var polygons = [Polygon]()
            repeat {
                if peekWord() == "EMPTY" {
                    _ = word()
                    polygons.append(Polygon(uncheckedRings: [], dimension: currentDim, srid: srid))
                    if dim == nil { builtBeforeDimensionKnown = true }
                } else {
                    polygons.append(try polygonBody())
                }
            } while accept(UInt8(ascii: ","))
            try expect(UInt8(ascii: ")"), "',' or ')' in the multi-polygon")
            return .multiPolygon(MultiPolygon(unchecked: polygons, dimension: currentDim, srid: srid))
        case .geometryCollection:
            guard depth < maximumGeometryNesting else {
                throw error(.invalidGeometry(.nestingTooDeep(limit: maximumGeometryNesting)), at: start)
            }
            try expect(UInt8(ascii: "("), "'(' or EMPTY")
            var members = [Geometry]()
            repeat {
                members.append(try readGeometry(depth: depth + 1))
            } while accept(UInt8(ascii: ","))
            try expect(UInt8(ascii: ")"), "',' or ')' in the geometry collection")
            if dim == nil { builtBeforeDimensionKnown = true }
            return .geometryCollection(GeometryCollection(unchecked: members, dimension: currentDim, srid: srid))
        }
    }

    var currentDim: CoordinateDimension { dim ?? .xy }

    mutating func empty(_ kind: Geometry.Kind) -> Geometry {
        if dim == nil { builtBeforeDimensionKnown = true }
        let d = currentDim
        switch kind {
        case .point: return .point(.empty(dimension: d, srid: srid))
        case .lineString: return .lineString(LineString(unchecked: [], dimension: d, srid: srid))
        case .polygon: return .polygon(.empty(dimension: d, srid: srid))
        case .multiPoint: return .multiPoint(MultiPoint(unchecked: [], dimension: d, srid: srid))
        case .multiLineString: return .multiLineString(MultiLineString(unchecked: [], dimension: d, srid: srid))
        case .multiPolygon: return .multiPolygon(MultiPolygon(unchecked: [], dimension: d, srid: srid))
        case .geometryCollection: return .geometryCollection(GeometryCollection(unchecked: [], dimension: d, srid: srid))
        }
    }

    mutating func polygonBody() throws(WKTError) -> Polygon {
        try expect(UInt8(ascii: "("), "'(' or EMPTY")
        var rings = [[Coordinate]]()
        repeat {
            skipSpace()
            let start = pos
            let ring = try coordinateList()
            if let p = GeometryProblem.checkRing(ring) { throw error(.invalidGeometry(p), at: start) }
            rings.append(ring)
        } while accept(UInt8(ascii: ","))
        try expect(UInt8(ascii: ")"), "',' or ')' after a ring")
        return Polygon(uncheckedRings: rings, dimension: currentDim, srid: srid)
    }

    /// `( x y, x y, … )`
    mutating func coordinateList() throws(WKTError) -> [Coordinate] {
        try expect(UInt8(ascii: "("), "'('")
        var cs = [Coordinate]()
        repeat {
            cs.append(try coordinate())
        } while accept(UInt8(ascii: ","))
        try expect(UInt8(ascii: ")"), "',' or ')' after a coordinate")
        return cs
    }

    /// `x y [z] [m]`, checked.
    mutating func coordinate() throws(WKTError) -> Coordinate {
        skipSpace()
        let start = pos
        var values: (Double, Double, Double, Double) = (0, 0, 0, 0)
        var count = 0
        while true {
            skipSpace()
            guard pos < bytes.count else {
                if count == 0 { throw error(.unexpectedEnd(expected: "a coordinate"), at: pos) }
                break
            }
            let b = bytes[pos]
            let isNumberStart = (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
            guard isNumberStart else {
                if count == 0 { throw error(.unexpectedToken(found: snippet(at: pos), expected: "a coordinate"), at: pos) }
                break
            }
            let numberStart = pos
            let v: Double
            do {
                let r = try NumberScanner.scan(bytes, from: pos, json: false)
                v = r.value
                pos = r.end
            } catch {
                var end = numberStart
                while end < bytes.count, end - numberStart < 30, ![32, 9, 10, 13, 44, 41].contains(bytes[end]) { end += 1 }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[numberStart..<max(end, numberStart)]), as: UTF8.self)
                throw self.error(.invalidNumber(text), at: numberStart)
            }
            // A number must be followed by a separator, not glued to letters ("1.5abc").
            if pos < bytes.count, WKTReader.isLetter(bytes[pos]) || bytes[pos] == UInt8(ascii: ".") {
                var end = pos
                while end < bytes.count, end - numberStart < 30, ![32, 9, 10, 13, 44, 41].contains(bytes[end]) { end += 1 }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[numberStart..<end]), as: UTF8.self)
                throw error(.invalidNumber(text), at: numberStart)
            }
            switch count {
            case 0: values.0 = v
            case 1: values.1 = v
            case 2: values.2 = v
            case 3: values.3 = v
            default: throw error(.wrongOrdinateCount(expected: dim?.ordinateCount ?? 4, found: count + 1), at: start)
            }
            count += 1
        }
        if dim == nil {
            switch count {
            case 2: dim = .xy
            case 3: dim = .xyz
            case 4: dim = .xyzm
            default: throw error(.wrongOrdinateCount(expected: 2, found: count), at: start)
            }
        }
        let d = currentDim
        guard count == d.ordinateCount else { throw error(.wrongOrdinateCount(expected: d.ordinateCount, found: count), at: start) }
        let c: Coordinate
        switch d {
        case .xy: c = Coordinate(x: values.0, y: values.1)
        case .xyz: c = Coordinate(x: values.0, y: values.1, z: values.2)
        case .xym: c = Coordinate(x: values.0, y: values.1, m: values.2)
        case .xyzm: c = Coordinate(x: values.0, y: values.1, z: values.2, m: values.3)
        }
        if let p = GeometryProblem.check(c, srid: srid) { throw error(.invalidGeometry(p), at: start) }
        return c
    }
}
