/// Builds PBF files by hand (raw, uncompressed blobs) for bad-input tests: a minimal protobuf writer.
enum PBFTestWriter {
    static func varint(_ v: UInt64) -> [UInt8] {
        var v = v, out: [UInt8] = []
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { byte |= 0x80 }
            out.append(byte)
        } while v != 0
        return out
    }
    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    static func key(_ field: Int, _ wire: Int) -> [UInt8] { varint(UInt64(field << 3 | wire)) }
    static func bytes(_ field: Int, _ payload: [UInt8]) -> [UInt8] { key(field, 2) + varint(UInt64(payload.count)) + payload }
    static func int(_ field: Int, _ v: UInt64) -> [UInt8] { key(field, 0) + varint(v) }
    static func string(_ field: Int, _ s: String) -> [UInt8] { bytes(field, Array(s.utf8)) }
    static func packed(_ field: Int, _ values: [UInt64]) -> [UInt8] { bytes(field, values.flatMap(varint)) }

    /// One framed blob: length, BlobHeader, Blob.
    static func frame(type: String, blob: [UInt8], datasize: Int? = nil) -> [UInt8] {
        let header = string(1, type) + int(3, UInt64(datasize ?? blob.count))
        let n = UInt32(header.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + header + blob
    }
    static func rawBlob(_ payload: [UInt8]) -> [UInt8] { bytes(1, payload) + int(2, UInt64(payload.count)) }

    static func headerBlock(required: [String] = ["OsmSchema-V0.6", "DenseNodes"]) -> [UInt8] {
        required.flatMap { string(4, $0) } + string(16, "BlueLamp tests")
    }

    /// A PrimitiveBlock with plain (non-dense) nodes, ways and no relations.
    static func primitiveBlock(nodes: [(Int64, Double, Double)], ways: [(Int64, [Int64], [String: String])]) -> [UInt8] {
        var strings = [""]
        func index(_ s: String) -> UInt64 {
            if let i = strings.firstIndex(of: s) { return UInt64(i) }
            strings.append(s)
            return UInt64(strings.count - 1)
        }
        var group: [UInt8] = []
        for (id, lat, lon) in nodes {
            let node = int(1, zigzag(id)) + int(8, zigzag(Int64((lat * 1e7).rounded()))) + int(9, zigzag(Int64((lon * 1e7).rounded())))
            group += bytes(1, node)
        }
        for (id, refs, tags) in ways {
            let keys = tags.keys.sorted()
            var last: Int64 = 0
            let deltas = refs.map { r -> UInt64 in defer { last = r }; return zigzag(r - last) }
            let way = int(1, UInt64(id)) + packed(2, keys.map(index)) + packed(3, keys.map { index(tags[$0] ?? "") }) + packed(8, deltas)
            group += bytes(3, way)
        }
        let table = strings.flatMap { string(1, $0) }
        return bytes(1, table) + bytes(2, group) + int(17, 100)
    }

    /// A whole file: a header blob then data blobs, all raw.
    static func file(header: [UInt8] = headerBlock(), data: [[UInt8]]) -> [UInt8] {
        frame(type: "OSMHeader", blob: rawBlob(header)) + data.flatMap { frame(type: "OSMData", blob: rawBlob($0)) }
    }
}
