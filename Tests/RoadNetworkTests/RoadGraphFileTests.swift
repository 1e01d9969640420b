import Foundation
import GeoKit
import TestSupport
import Testing
@testable import RoadNetwork

@Suite("Road graph files: save, load, damage")
struct RoadGraphFileTests {
    static func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("bluelamp-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
    }

    @Test("save → load gives identical answers (Helsinki, graph with hierarchies)",
          .enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func roundTrip() throws {
        let router = try #require(Helsinki.router)
        let url = Self.temporaryURL("helsinki.blrg")
        defer { try? FileManager.default.removeItem(at: url) }
        try router.write(to: url)
        let loaded = try RoadRouter(contentsOf: url)
        #expect(loaded.graph.junctionCount == router.graph.junctionCount)
        #expect(loaded.graph.roadCount == router.graph.roadCount)
        #expect(loaded.graph.edgeCount == router.graph.edgeCount)
        #expect(loaded.graph.buildReport == router.graph.buildReport)
        #expect(loaded.graph.speeds == router.graph.speeds)
        #expect(loaded.shortcutCounts == router.shortcutCounts)
        let points = Helsinki.points(200, seed: 12, in: router.graph)
        let a = points.map(router.locate), b = points.map(loaded.locate)
        #expect(a == b)
        for profile in SpeedProfile.allCases {
            for i in stride(from: 0, to: a.count, by: 2) {
                #expect(router.deciseconds(from: a[i], to: a[i + 1], profile: profile)
                        == loaded.deciseconds(from: b[i], to: b[i + 1], profile: profile))
            }
            #expect(router.deciseconds(from: a, to: a[0], profile: profile) == loaded.deciseconds(from: b, to: b[0], profile: profile))
        }
        // A graph-only file loads too, and its hierarchies are rebuilt to the same answers.
        let graphURL = Self.temporaryURL("helsinki-graph.blrg")
        defer { try? FileManager.default.removeItem(at: graphURL) }
        try router.graph.write(to: graphURL)
        let graphOnly = try RoadGraph(contentsOf: graphURL)
        let rebuilt = RoadRouter(graph: graphOnly)
        #expect(rebuilt.deciseconds(from: a, to: a[1], profile: .normal) == router.deciseconds(from: a, to: a[1], profile: .normal))
    }

    static let graphBytes: [UInt8] = {
        let source = SyntheticNetwork.grid(columns: 8, rows: 6, seed: 3)
        guard let graph = try? RoadGraph(source: source), let bytes = try? RoadGraphFile.encode(graph, hierarchies: ContractionHierarchy.buildAll(graph: graph)) else { return [] }
        return bytes
    }()

    enum Damage: String, CaseIterable, Sendable {
        case empty, wrongMagic, otherVersion, truncated, padded, flippedByte
        func apply(_ b: [UInt8]) -> [UInt8] {
            var c = b
            switch self {
            case .empty: return []
            case .wrongMagic: c[0] = 0x58
            case .otherVersion: c[4] = 99
            case .truncated: return Array(b.prefix(b.count - 17))
            case .padded: return b + [0, 0, 0]
            case .flippedByte: c[c.count / 2] ^= 0x40
            }
            return c
        }
    }

    @Test("a damaged file is refused with a reason", arguments: Damage.allCases)
    func damaged(damage: Damage) throws {
        let bytes = Self.graphBytes
        #expect(!bytes.isEmpty)
        #expect(throws: Never.self) { _ = try RoadGraphFile.decode(bytes) }
        #expect {
            _ = try RoadGraphFile.decode(damage.apply(bytes))
        } throws: { error in
            guard case let .badFile(reason)? = error as? RoadGraphError else { return false }
            return !reason.isEmpty
        }
    }

    @Test("a file with a valid checksum but inconsistent indices is refused, never crashes")
    func inconsistentButChecksummed() throws {
        let source = SyntheticNetwork.grid(columns: 6, rows: 5, seed: 9)
        var graph = try RoadGraph(source: source)
        graph.edgeHead[0] = Int32(graph.routeNodeCount + 5)
        let bytes = try RoadGraphFile.encode(graph, hierarchies: [])
        #expect(throws: RoadGraphError.self) { _ = try RoadGraphFile.decode(bytes) }
    }

    @Test("a missing file is a clear error")
    func missing() {
        #expect(throws: RoadGraphError.self) { _ = try RoadGraph(contentsOf: Self.temporaryURL("does-not-exist.blrg")) }
    }
}
