import Foundation
import TestSupport
import Testing
@testable import RoadNetwork

/// Seeded truncations and random mutations of the real small Helsinki file: the importer and the
/// graph builder must throw a typed error or return, never crash (a crash fails the whole run).
@Suite("PBF fuzzing", .enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct PBFFuzzTests {
    /// The small Helsinki file with every blob re-framed uncompressed, so mutations reach the
    /// protobuf decoder instead of stopping at zlib's checksum.
    static let rawFile: [UInt8] = {
        guard let bytes = try? [UInt8](Data(contentsOf: Helsinki.smallURL)) else { return [] }
        var reader = PBFBlockReader(source: MemoryByteSource(bytes: bytes))
        var out: [UInt8] = []
        while let block = try? reader.next() {
            out += PBFTestWriter.frame(type: block.type, blob: PBFTestWriter.rawBlob(block.data))
        }
        return out
    }()

    /// Imports and, when that succeeds, builds a graph; returns what happened.
    static func attempt(_ bytes: [UInt8]) -> String {
        do {
            let imported = try OSMImporter.importPBF(bytes: bytes)
            do {
                let graph = try RoadGraph(source: imported.source)
                return "graph \(graph.roadCount)"
            } catch { return "graph error" }
        } catch {
            // Typed throws: the importer can only throw OSMImportError.
            return "import error \(error.description.prefix(20))"
        }
    }

    @Test("the raw re-framing imports exactly like the original")
    func rawEqualsOriginal() throws {
        let original = try OSMImporter.importFile(at: Helsinki.smallURL)
        let raw = try OSMImporter.importPBF(bytes: Self.rawFile)
        #expect(raw.source.ways == original.source.ways)
        #expect(raw.source.nodes == original.source.nodes)
    }

    @Test("truncations at seeded random offsets", arguments: [UInt64(1), 2])
    func truncations(seed: UInt64) throws {
        let bytes = try [UInt8](Data(contentsOf: Helsinki.smallURL))
        var rng = SeededRandom(seed: seed)
        for source in [bytes, Self.rawFile] {
            for _ in 0..<40 {
                let cut = Int.random(in: 0..<source.count, using: &rng)
                let outcome = Self.attempt(Array(source.prefix(cut)))
                #expect(!outcome.hasPrefix("untyped"), "cut at \(cut): \(outcome)")
            }
        }
    }

    @Test("random byte mutations", arguments: [UInt64(11), 12, 13])
    func mutations(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        var outcomes: [String: Int] = [:]
        for _ in 0..<60 {
            var bytes = Self.rawFile
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[i] = UInt8.random(in: 0...255, using: &rng)
            }
            let outcome = Self.attempt(bytes)
            #expect(!outcome.hasPrefix("untyped"), "\(outcome)")
            outcomes[String(outcome.prefix(12)), default: 0] += 1
        }
        // Mutations both break the file and (mostly in coordinates or tags) leave it readable.
        #expect(outcomes.count >= 2, "\(outcomes)")
    }
}
