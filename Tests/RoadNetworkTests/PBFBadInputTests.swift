import Foundation
import TestSupport
import Testing
@testable import RoadNetwork

/// Bad PBF input: every case is a typed error naming the block and offset, never a crash.
@Suite("PBF bad input")
struct PBFBadInputTests {
    typealias W = PBFTestWriter

    /// A valid hand-made file: a triangle of two-way streets with plain (non-dense) nodes.
    static let triangle = W.file(data: [W.primitiveBlock(
        nodes: [(1, 52.48, -1.90), (2, 52.48, -1.89), (3, 52.49, -1.895)],
        ways: [(10, [1, 2, 3, 1], ["highway": "residential"])])])

    func expectError(_ bytes: [UInt8], _ matches: (OSMImportError) -> Bool) {
        #expect {
            _ = try OSMImporter.importPBF(bytes: bytes)
        } throws: { error in
            guard let e = error as? OSMImportError else { return false }
            return matches(e) && !e.description.isEmpty
        }
    }

    @Test("a hand-made file with plain nodes and raw blobs imports")
    func handMade() throws {
        let imported = try OSMImporter.importPBF(bytes: Self.triangle)
        #expect(imported.source.ways.count == 1)
        #expect(imported.source.nodes.count == 3)
        #expect(abs((imported.source.nodes[3]?.lat ?? 0) - 52.49) < 1e-9)
        let graph = try RoadGraph(source: imported.source)
        // The closed way is cut at its ends (node 1) and its middle (node 2).
        #expect(graph.junctionCount == 2)
        #expect(graph.roadCount == 2)
    }

    @Test("truncated inside a blob: truncated error naming the block")
    func truncated() {
        let cut = Array(Self.triangle.prefix(Self.triangle.count - 5))
        expectError(cut) { if case let .truncated(block, offset, _) = $0 { return block == 1 && offset > 0 } else { return false } }
        expectError(Array(Self.triangle.prefix(2))) { if case .truncated(0, 0, _) = $0 { return true } else { return false } }
    }

    @Test("a blob header claiming 2 GB is refused before reading it")
    func hugeBlob() {
        let huge = W.frame(type: "OSMHeader", blob: W.rawBlob(W.headerBlock()), datasize: Int(Int32.max))
        expectError(huge) { if case let .blobTooLarge(0, 0, size) = $0 { return size == Int(Int32.max) } else { return false } }
        // A BlobHeader length of 2 GB.
        expectError([0x7F, 0xFF, 0xFF, 0xFF, 0x0A]) { if case .headerTooLarge(0, 0, _) = $0 { return true } else { return false } }
        // A zlib blob announcing 2 GB once inflated.
        let bomb = W.frame(type: "OSMHeader", blob: W.bytes(3, [0x78, 0x9C, 0x03, 0x00]) + W.int(2, UInt64(Int32.max)))
        expectError(bomb) { if case .blobTooLarge = $0 { return true } else { return false } }
    }

    @Test("corrupt zlib data is a compression error naming the block")
    func corruptZlib() {
        let blob = W.bytes(3, [0x78, 0x9C, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x11]) + W.int(2, 100)
        let bytes = W.frame(type: "OSMHeader", blob: W.rawBlob(W.headerBlock())) + W.frame(type: "OSMData", blob: blob)
        expectError(bytes) { if case .corruptCompression(1, _, _) = $0 { return true } else { return false } }
    }

    @Test("corrupt zlib inside the real Helsinki file", .enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func corruptRealZlib() throws {
        var bytes = [UInt8](try Data(contentsOf: Helsinki.smallURL))
        // Damage the middle of the second blob's compressed data.
        var reader = PBFBlockReader(source: MemoryByteSource(bytes: bytes))
        _ = try reader.next(inflate: false)
        let second = reader.offset
        _ = try reader.next(inflate: false)
        let middle = (second + reader.offset) / 2
        for i in middle..<(middle + 16) { bytes[i] ^= 0x5A }
        expectError(bytes) { if case let .corruptCompression(1, offset, _) = $0 { return offset == second } else { return false } }
    }

    @Test("unsupported compression and required features are named")
    func unsupported() {
        let lzma = W.frame(type: "OSMHeader", blob: W.bytes(4, [1, 2, 3]) + W.int(2, 3))
        expectError(lzma) { $0 == .unsupportedCompression(block: 0, offset: 0, method: "lzma") }
        let historical = W.file(header: W.headerBlock(required: ["OsmSchema-V0.6", "HistoricalInformation"]), data: [])
        expectError(historical) { $0 == .unsupportedFeature("HistoricalInformation") }
    }

    @Test("data before any header, and no header at all")
    func missingHeader() {
        let dataOnly = W.frame(type: "OSMData", blob: W.rawBlob(W.primitiveBlock(nodes: [], ways: [])))
        expectError(dataOnly) { $0 == .missingHeader(offset: 0) }
        expectError([]) { if case .missingHeader = $0 { return true } else { return false } }
    }

    @Test("an empty extract: no routable roads")
    func empty() {
        expectError(W.file(data: [])) { if case .noRoutableRoads = $0 { return true } else { return false } }
        let footways = W.file(data: [W.primitiveBlock(nodes: [(1, 52.48, -1.9), (2, 52.49, -1.9)],
                                                      ways: [(10, [1, 2], ["highway": "footway"])])])
        expectError(footways) { if case .noRoutableRoads = $0 { return true } else { return false } }
    }

    @Test("missing node references are counted and reported, not fatal")
    func missingNodes() throws {
        let bytes = W.file(data: [W.primitiveBlock(
            nodes: [(1, 52.48, -1.90), (2, 52.48, -1.89), (3, 52.49, -1.895)],
            ways: [(10, [1, 2, 3, 1], ["highway": "residential"]), (11, [3, 77, 78], ["highway": "service"])])])
        let imported = try OSMImporter.importPBF(bytes: bytes)
        #expect(imported.report.missingNodes == 2)
        let graph = try RoadGraph(source: imported.source)
        #expect(graph.buildReport.missingNodeReferences == 2)
        #expect(graph.buildReport.waysTooShort == 1)
    }

    @Test("malformed protobuf inside a block names the block")
    func malformed() {
        // A PrimitiveGroup whose way claims more bytes than there are.
        let block = W.bytes(1, W.string(1, "")) + W.key(2, 2) + W.varint(50) + [0x1A, 0x05, 0x08]
        expectError(W.file(data: [block])) { if case .malformed(1, _, _) = $0 { return true } else { return false } }
        // Wire type 3 (groups) is not accepted.
        let group = W.bytes(1, W.string(1, "")) + W.bytes(2, W.key(3, 3))
        expectError(W.file(data: [group])) { if case .malformed(1, _, _) = $0 { return true } else { return false } }
    }
}
