import Foundation
import GeoKit

/// The binary file a road graph (and, optionally, its contraction hierarchies) is saved to.
///
/// Layout: `"BLRG"`, format version (UInt32), an endianness marker (UInt32 0x01020304), payload
/// length (UInt64), CRC-32 of the payload (UInt32), then the payload: length-prefixed arrays in
/// a fixed order (raw little-endian values), speeds and build report as JSON, and 0 or 2
/// hierarchies. Loading checks every length, the checksum and every index before use.
enum RoadGraphFile {
    static let magic: [UInt8] = Array("BLRG".utf8)
    static let version: UInt32 = 1
    static let endianMarker: UInt32 = 0x0102_0304
    static let headerSize = 4 + 4 + 4 + 8 + 4

    static func encode(_ graph: RoadGraph, hierarchies: [ContractionHierarchy]) throws -> [UInt8] {
        var w = BinaryWriter()
        w.array(graph.junctionCoordinates.flatMap { [$0.lon, $0.lat] })
        w.array(graph.junctionIds)
        w.array(graph.roadFrom); w.array(graph.roadTo)
        w.array(graph.roadClassIndex); w.array(graph.roadDirections)
        w.array(graph.roadLength); w.array(graph.roadWayId)
        w.array(graph.roadWeight[0]); w.array(graph.roadWeight[1])
        w.array(graph.shapeStart)
        w.array(graph.shapePoints.flatMap { [$0.lon, $0.lat] })
        w.array(graph.routeNodeJunction)
        w.array(graph.edgeStart); w.array(graph.edgeHead); w.array(graph.edgeArc)
        w.array(graph.arcHead); w.array(graph.arcTailStart); w.array(graph.arcTails)
        w.array([UInt8](try JSONEncoder().encode(graph.speeds)))
        w.array([UInt8](try JSONEncoder().encode(graph.buildReport)))
        w.array([UInt32(hierarchies.count)])
        for ch in hierarchies {
            w.array(ch.position)
            w.array(ch.upStart); w.array(ch.up.flatMap { [UInt32(bitPattern: $0.node), $0.weight] })
            w.array(ch.downStart); w.array(ch.down.flatMap { [UInt32(bitPattern: $0.node), $0.weight] })
            w.array([UInt64(ch.shortcutCount)])
        }
        let payload = w.bytes
        var out = magic
        out.append(contentsOf: withUnsafeBytes(of: version.littleEndian) { Array($0) })
        out.append(contentsOf: withUnsafeBytes(of: endianMarker) { Array($0) })
        out.append(contentsOf: withUnsafeBytes(of: UInt64(payload.count).littleEndian) { Array($0) })
        let crc = payload.withUnsafeBytes { Zlib.crc32($0) }
        out.append(contentsOf: withUnsafeBytes(of: crc.littleEndian) { Array($0) })
        out.append(contentsOf: payload)
        return out
    }

    static func decode(_ bytes: [UInt8]) throws(RoadGraphError) -> (RoadGraph, [ContractionHierarchy]) {
        guard bytes.count >= headerSize else { throw .badFile("\(bytes.count) bytes, shorter than the \(headerSize)-byte header") }
        guard Array(bytes[0..<4]) == magic else { throw .badFile("not a BlueLamp road graph (magic bytes differ)") }
        var r = BinaryReader(bytes: bytes, offset: 4)
        let fileVersion: UInt32 = try r.scalar()
        guard fileVersion == version else { throw .badFile("format version \(fileVersion), this build reads version \(version)") }
        let marker: UInt32 = try r.scalar()
        guard marker == endianMarker else { throw .badFile("written on a machine of the other byte order") }
        let length: UInt64 = try r.scalar()
        let crc: UInt32 = try r.scalar()
        guard UInt64(bytes.count - headerSize) == length else {
            throw .badFile("payload is \(bytes.count - headerSize) bytes, the header says \(length) (truncated or padded)")
        }
        let actual = bytes.withUnsafeBytes { Zlib.crc32(UnsafeRawBufferPointer(rebasing: $0[headerSize...])) }
        guard actual == crc else { throw .badFile("checksum mismatch (file damaged)") }

        let coords: [Double] = try r.array()
        let junctionIds: [Int64] = try r.array()
        let roadFrom: [Int32] = try r.array(), roadTo: [Int32] = try r.array()
        let roadClass: [UInt8] = try r.array(), roadDirections: [UInt8] = try r.array()
        let roadLength: [Float] = try r.array(), roadWay: [Int64] = try r.array()
        let w0: [UInt32] = try r.array(), w1: [UInt32] = try r.array()
        let shapeStart: [Int32] = try r.array()
        let shape: [Double] = try r.array()
        let routeNodeJunction: [Int32] = try r.array()
        let edgeStart: [Int32] = try r.array(), edgeHead: [Int32] = try r.array(), edgeArc: [Int32] = try r.array()
        let arcHead: [Int32] = try r.array(), arcTailStart: [Int32] = try r.array(), arcTails: [Int32] = try r.array()
        let speedsJSON: [UInt8] = try r.array(), reportJSON: [UInt8] = try r.array()
        guard let speeds = try? JSONDecoder().decode(RoadSpeeds.self, from: Data(speedsJSON)),
              let report = try? JSONDecoder().decode(RoadGraphBuildReport.self, from: Data(reportJSON)) else {
            throw .badFile("speeds or build report unreadable")
        }
        func pairs(_ v: [Double]) throws(RoadGraphError) -> [LonLatPair] {
            guard v.count % 2 == 0 else { throw .badFile("odd coordinate array") }
            return stride(from: 0, to: v.count, by: 2).map { LonLatPair(lon: v[$0], lat: v[$0 + 1]) }
        }
        let graph = RoadGraph(
            junctionCoordinates: try pairs(coords).map(\.value), junctionIds: junctionIds,
            roadFrom: roadFrom, roadTo: roadTo, roadClassIndex: roadClass, roadDirections: roadDirections,
            roadLength: roadLength, roadWayId: roadWay, roadWeight: [w0, w1], shapeStart: shapeStart,
            shapePoints: try pairs(shape).map(\.value), routeNodeJunction: routeNodeJunction,
            edgeStart: edgeStart, edgeHead: edgeHead, edgeArc: edgeArc, arcHead: arcHead,
            arcTailStart: arcTailStart, arcTails: arcTails, speeds: speeds, buildReport: report)
        try graph.validate()

        let count: [UInt32] = try r.array()
        guard count.count == 1, count[0] == 0 || Int(count[0]) == SpeedProfile.allCases.count else {
            throw .badFile("hierarchy count \(count)")
        }
        var hierarchies: [ContractionHierarchy] = []
        for _ in 0..<Int(count[0]) {
            let position: [Int32] = try r.array()
            let upStart: [Int32] = try r.array(), up: [UInt32] = try r.array()
            let downStart: [Int32] = try r.array(), down: [UInt32] = try r.array()
            let shortcuts: [UInt64] = try r.array()
            func edges(_ v: [UInt32]) throws(RoadGraphError) -> [CHEdge] {
                guard v.count % 2 == 0 else { throw .badFile("odd hierarchy edge array") }
                return stride(from: 0, to: v.count, by: 2).map { CHEdge(node: Int32(bitPattern: v[$0]), weight: v[$0 + 1]) }
            }
            let ch = ContractionHierarchy(position: position, upStart: upStart, up: try edges(up), downStart: downStart,
                                          down: try edges(down), shortcutCount: Int(shortcuts.first ?? 0))
            try ch.validate(nodeCount: graph.routeNodeCount)
            hierarchies.append(ch)
        }
        guard r.isAtEnd else { throw .badFile("\(bytes.count - r.offset) unexpected bytes after the last section") }
        return (graph, hierarchies)
    }
}

/// A coordinate pair while decoding.
private struct LonLatPair {
    var lon: Double, lat: Double
    var value: LonLat { LonLat(lon: lon, lat: lat) }
}

/// Appends length-prefixed arrays of plain values.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func array<T: BitwiseCopyable>(_ values: [T]) {
        bytes.append(contentsOf: withUnsafeBytes(of: UInt64(values.count).littleEndian) { Array($0) })
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

/// Reads what `BinaryWriter` wrote, checking every length against the bytes left.
struct BinaryReader {
    let bytes: [UInt8]
    var offset: Int

    var isAtEnd: Bool { offset == bytes.count }

    mutating func scalar<T: BitwiseCopyable & FixedWidthInteger>() throws(RoadGraphError) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw .badFile("ends inside the header") }
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { dst in
            bytes.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<(offset + size)])) }
        }
        offset += size
        return T(littleEndian: value)
    }

    mutating func array<T: BitwiseCopyable>() throws(RoadGraphError) -> [T] {
        let count: UInt64 = try scalar()
        let stride = MemoryLayout<T>.stride
        guard count <= UInt64(bytes.count - offset) / UInt64(stride) else {
            throw .badFile("an array of \(count) items at byte \(offset - 8) runs past the end")
        }
        let n = Int(count)
        let start = offset
        let values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[start..<(start + n * stride)]))
            }
            initialized = n
        }
        offset += n * stride
        return values
    }
}
