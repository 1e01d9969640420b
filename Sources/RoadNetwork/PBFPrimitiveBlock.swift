import GeoKit

/// Decoding of OSMHeader and OSMData (PrimitiveBlock) messages.
///
/// PrimitiveBlock: 1 stringtable, 2 primitivegroup (repeated), 17 granularity (default 100),
/// 19 lat_offset, 20 lon_offset. PrimitiveGroup: 1 nodes, 2 dense, 3 ways, 4 relations.
/// Coordinates are `1e-9 · (offset + granularity · value)` degrees.
enum PBFPrimitiveBlock {
    typealias Failure = ProtobufReader.Failure

    /// Features this reader implements; a header requiring anything else is refused.
    static let supportedFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]

    /// HeaderBlock field 4: required_features.
    static func requiredFeatures(_ data: [UInt8]) throws(Failure) -> [String] {
        let result: Result<[String], Failure> = data.withUnsafeBufferPointer { buffer in
            var r = ProtobufReader(buffer)
            var features: [String] = []
            do throws(Failure) {
                while let (number, wire) = try r.field() {
                    if number == 4 {
                        try r.expect(wire, is: 2, field: "HeaderBlock.required_features")
                        features.append(r.string(try r.lengthDelimited()))
                    } else {
                        try r.skip(wireType: wire)
                    }
                }
            } catch { return .failure(error) }
            return .success(features)
        }
        return try result.get()
    }

    /// The top-level layout of a PrimitiveBlock.
    struct Layout {
        var strings: [Range<Int>] = []
        var groups: [Range<Int>] = []
        var granularity: Int64 = 100
        var latOffset: Int64 = 0
        var lonOffset: Int64 = 0

        init(_ r: inout ProtobufReader) throws(Failure) {
            while let (number, wire) = try r.field() {
                switch number {
                case 1:
                    try r.expect(wire, is: 2, field: "PrimitiveBlock.stringtable")
                    var t = r.sub(try r.lengthDelimited())
                    while let (n, w) = try t.field() {
                        if n == 1 {
                            try t.expect(w, is: 2, field: "StringTable.s")
                            strings.append(try t.lengthDelimited())
                        } else { try t.skip(wireType: w) }
                    }
                case 2:
                    try r.expect(wire, is: 2, field: "PrimitiveBlock.primitivegroup")
                    groups.append(try r.lengthDelimited())
                case 17:
                    try r.expect(wire, is: 0, field: "PrimitiveBlock.granularity")
                    granularity = Int64(Int32(truncatingIfNeeded: try r.varint()))
                    guard granularity > 0 else { throw .malformed("granularity \(granularity)", at: r.index) }
                case 19: try r.expect(wire, is: 0, field: "lat_offset"); latOffset = Int64(bitPattern: try r.varint())
                case 20: try r.expect(wire, is: 0, field: "lon_offset"); lonOffset = Int64(bitPattern: try r.varint())
                default: try r.skip(wireType: wire)
                }
            }
        }
    }

    /// Calls `body` for each value of a repeated varint field, packed (wire type 2) or not (wire type 0).
    @inline(__always)
    static func forEachVarint(_ r: inout ProtobufReader, wire: Int, _ body: (UInt64) throws(Failure) -> Void) throws(Failure) {
        if wire == 0 {
            try body(try r.varint())
            return
        }
        try r.expect(wire, is: 2, field: "packed field")
        var p = r.sub(try r.lengthDelimited())
        while !p.isAtEnd { try body(try p.varint()) }
    }

    /// Pass 1: ways (road ways kept) and relations (turn restrictions kept), into `state`.
    /// Returns whether the block holds nodes (so pass 2 can skip the others).
    static func readWaysAndRelations(_ data: [UInt8], into state: inout OSMImportState) throws(Failure) -> Bool {
        let result: Result<Bool, Failure> = data.withUnsafeBufferPointer { buffer in
            do throws(Failure) {
                var r = ProtobufReader(buffer)
                let layout = try Layout(&r)
                var table = StringTable(reader: r, ranges: layout.strings)
                var hasNodes = false
                for group in layout.groups {
                    var g = r.sub(group)
                    while let (number, wire) = try g.field() {
                        switch number {
                        case 1, 2: hasNodes = true; try g.skip(wireType: wire)
                        case 3:
                            try g.expect(wire, is: 2, field: "PrimitiveGroup.ways")
                            var w = g.sub(try g.lengthDelimited())
                            try readWay(&w, table: &table, state: &state)
                        case 4:
                            try g.expect(wire, is: 2, field: "PrimitiveGroup.relations")
                            var rel = g.sub(try g.lengthDelimited())
                            try readRelation(&rel, table: &table, state: &state)
                        default: try g.skip(wireType: wire)
                        }
                    }
                }
                return .success(hasNodes)
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Way: 1 id, 2 keys, 3 vals, 4 info, 8 refs (delta-coded sint64).
    static func readWay(_ r: inout ProtobufReader, table: inout StringTable, state: inout OSMImportState) throws(Failure) {
        var id: Int64 = 0
        var keys: [UInt32] = [], vals: [UInt32] = []
        var refsRange: Range<Int>?
        var refsWire = 2
        while let (number, wire) = try r.field() {
            switch number {
            case 1: try r.expect(wire, is: 0, field: "Way.id"); id = Int64(bitPattern: try r.varint())
            case 2: try forEachVarint(&r, wire: wire) { keys.append(UInt32(truncatingIfNeeded: $0)) }
            case 3: try forEachVarint(&r, wire: wire) { vals.append(UInt32(truncatingIfNeeded: $0)) }
            case 8:
                refsWire = wire
                if wire == 2 { refsRange = try r.lengthDelimited() } else { try r.skip(wireType: wire) }
            default: try r.skip(wireType: wire)
            }
        }
        state.report.waysRead += 1
        guard keys.count == vals.count else { throw .malformed("way \(id) has \(keys.count) keys and \(vals.count) values", at: r.index) }
        guard keys.contains(where: { table.equals($0, "highway") }) else { return }
        state.report.highwayWays += 1
        let tags = try table.tags(keys, vals)
        guard refsWire == 2, let refsRange else {
            state.report.skipWay("no node list")
            return
        }
        var refs: [Int64] = []
        var p = r.sub(refsRange)
        var last: Int64 = 0
        while !p.isAtEnd {
            last &+= try p.sint64()
            refs.append(last)
        }
        state.addWay(id: id, nodes: refs, tags: tags)
    }

    /// Relation: 1 id, 2 keys, 3 vals, 8 roles_sid, 9 memids (delta sint64), 10 types (0 node, 1 way, 2 relation).
    static func readRelation(_ r: inout ProtobufReader, table: inout StringTable, state: inout OSMImportState) throws(Failure) {
        var id: Int64 = 0
        var keys: [UInt32] = [], vals: [UInt32] = [], roles: [UInt32] = [], types: [UInt64] = []
        var memids: [Int64] = []
        while let (number, wire) = try r.field() {
            switch number {
            case 1: try r.expect(wire, is: 0, field: "Relation.id"); id = Int64(bitPattern: try r.varint())
            case 2: try forEachVarint(&r, wire: wire) { keys.append(UInt32(truncatingIfNeeded: $0)) }
            case 3: try forEachVarint(&r, wire: wire) { vals.append(UInt32(truncatingIfNeeded: $0)) }
            case 8: try forEachVarint(&r, wire: wire) { roles.append(UInt32(truncatingIfNeeded: $0)) }
            case 9:
                var last: Int64 = 0
                try forEachVarint(&r, wire: wire) { last &+= ProtobufReader.zigzag($0); memids.append(last) }
            case 10: try forEachVarint(&r, wire: wire) { types.append($0) }
            default: try r.skip(wireType: wire)
            }
        }
        state.report.relationsRead += 1
        guard keys.count == vals.count else { throw .malformed("relation \(id) has \(keys.count) keys and \(vals.count) values", at: r.index) }
        guard keys.contains(where: { table.equals($0, "type") }) else { return }
        let tags = try table.tags(keys, vals)
        guard tags["type"] == "restriction" else { return }
        guard roles.count == memids.count, types.count == memids.count else {
            state.report.skipRestriction("member lists of different lengths")
            return
        }
        var members: [OSMMember] = []
        for i in memids.indices {
            let kind: OSMMember.Kind = switch types[i] { case 0: .node; case 1: .way; default: .relation }
            members.append(OSMMember(kind: kind, ref: memids[i], role: try table.string(roles[i])))
        }
        state.addRestriction(id: id, tags: tags, members: members)
    }

    /// Pass 2: positions of the nodes in `state.needed`.
    static func readNodes(_ data: [UInt8], into state: inout OSMImportState) throws(Failure) {
        let result: Result<Void, Failure> = data.withUnsafeBufferPointer { buffer in
            do throws(Failure) {
                var r = ProtobufReader(buffer)
                let layout = try Layout(&r)
                func place(_ id: Int64, _ lat: Int64, _ lon: Int64) {
                    state.report.nodesRead += 1
                    guard state.needed.contains(id) else { return }
                    let latitude = 1e-9 * Double(layout.latOffset &+ layout.granularity &* lat)
                    let longitude = 1e-9 * Double(layout.lonOffset &+ layout.granularity &* lon)
                    guard let p = try? LonLat(validatingLon: longitude, lat: latitude) else {
                        state.report.invalidCoordinates += 1
                        return
                    }
                    state.nodes[id] = p
                }
                for group in layout.groups {
                    var g = r.sub(group)
                    while let (number, wire) = try g.field() {
                        switch number {
                        case 1:
                            try g.expect(wire, is: 2, field: "PrimitiveGroup.nodes")
                            var n = g.sub(try g.lengthDelimited())
                            var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
                            while let (f, w) = try n.field() {
                                switch f {
                                case 1: try n.expect(w, is: 0, field: "Node.id"); id = try n.sint64()
                                case 8: try n.expect(w, is: 0, field: "Node.lat"); lat = try n.sint64()
                                case 9: try n.expect(w, is: 0, field: "Node.lon"); lon = try n.sint64()
                                default: try n.skip(wireType: w)
                                }
                            }
                            place(id, lat, lon)
                        case 2:
                            try g.expect(wire, is: 2, field: "PrimitiveGroup.dense")
                            var d = g.sub(try g.lengthDelimited())
                            var ids: Range<Int>?, lats: Range<Int>?, lons: Range<Int>?
                            while let (f, w) = try d.field() {
                                switch f {
                                case 1: try d.expect(w, is: 2, field: "DenseNodes.id"); ids = try d.lengthDelimited()
                                case 8: try d.expect(w, is: 2, field: "DenseNodes.lat"); lats = try d.lengthDelimited()
                                case 9: try d.expect(w, is: 2, field: "DenseNodes.lon"); lons = try d.lengthDelimited()
                                default: try d.skip(wireType: w)
                                }
                            }
                            guard let ids else { continue }
                            guard let lats, let lons else { throw .malformed("DenseNodes without lat/lon", at: d.index) }
                            var pi = r.sub(ids), pa = r.sub(lats), po = r.sub(lons)
                            var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
                            while !pi.isAtEnd {
                                guard !pa.isAtEnd, !po.isAtEnd else { throw .malformed("DenseNodes lists of different lengths", at: pa.index) }
                                id &+= try pi.sint64(); lat &+= try pa.sint64(); lon &+= try po.sint64()
                                place(id, lat, lon)
                            }
                        default: try g.skip(wireType: wire)
                        }
                    }
                }
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
    }
}

/// A PrimitiveBlock's string table, decoded to `String` only where needed.
struct StringTable {
    let reader: ProtobufReader
    let ranges: [Range<Int>]
    private var cache: [Int: String] = [:]

    init(reader: ProtobufReader, ranges: [Range<Int>]) {
        self.reader = reader
        self.ranges = ranges
    }

    func equals(_ index: UInt32, _ literal: StaticString) -> Bool {
        Int(index) < ranges.count && reader.equals(ranges[Int(index)], literal)
    }

    mutating func string(_ index: UInt32) throws(ProtobufReader.Failure) -> String {
        let i = Int(index)
        guard i < ranges.count else { throw .malformed("string index \(i) beyond the table of \(ranges.count)", at: 0) }
        if let s = cache[i] { return s }
        let s = reader.string(ranges[i])
        cache[i] = s
        return s
    }

    mutating func tags(_ keys: [UInt32], _ vals: [UInt32]) throws(ProtobufReader.Failure) -> [String: String] {
        var tags: [String: String] = [:]
        for (k, v) in zip(keys, vals) { tags[try string(k)] = try string(v) }
        return tags
    }
}
