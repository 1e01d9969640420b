import Foundation

/// Reads OpenStreetMap extracts (`.osm.pbf` or `.osm` XML) into a `RoadNetworkSource`, streaming,
/// in two passes so memory stays bounded on big extracts: first the ways and turn restrictions
/// (keeping the car-usable roads and the ids of their nodes), then only those nodes' positions.
///
/// ```swift
/// let imported = try OSMImporter.importFile(at: url)
/// let graph = try RoadGraph(source: imported.source)
/// ```
public enum OSMImporter {
    /// Imports a file, PBF or XML (told apart by content: XML starts with `<`).
    public static func importFile(at url: URL) throws(OSMImportError) -> OSMImport {
        var probe = try FileByteSource(path: url.path)
        let first = try probe.read(64)
        try? probe.handle.close()
        if isXML(first) { return try OSMXMLReader.importFile(at: url) }
        return try importPBF(open: { () throws(OSMImportError) in try FileByteSource(path: url.path) })
    }

    /// Imports PBF bytes held in memory.
    public static func importPBF(bytes: [UInt8]) throws(OSMImportError) -> OSMImport {
        try importPBF(open: { () throws(OSMImportError) in MemoryByteSource(bytes: bytes) })
    }

    static func isXML(_ head: [UInt8]) -> Bool {
        let trimmed = head.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return trimmed.first == UInt8(ascii: "<")
    }

    static func importPBF<Source: PBFByteSource>(open: () throws(OSMImportError) -> Source) throws(OSMImportError) -> OSMImport {
        var state = OSMImportState()
        var nodeBlocks = Set<Int>()

        // Pass 1: header, ways, relations.
        var reader = PBFBlockReader(source: try open())
        var sawHeader = false
        while let block = try reader.next() {
            if block.type == "OSMHeader" {
                let features = try decode(block) { data throws(ProtobufReader.Failure) in try PBFPrimitiveBlock.requiredFeatures(data) }
                for feature in features where !PBFPrimitiveBlock.supportedFeatures.contains(feature) {
                    throw .unsupportedFeature(feature)
                }
                sawHeader = true
                continue
            }
            guard block.type == "OSMData" else { continue } // Unknown blob types are skipped, as the format says.
            guard sawHeader else { throw .missingHeader(offset: block.offset) }
            state.report.blocks += 1
            let hasNodes = try decode(block) { data throws(ProtobufReader.Failure) in
                try PBFPrimitiveBlock.readWaysAndRelations(data, into: &state)
            }
            if hasNodes { nodeBlocks.insert(block.index) }
        }
        guard sawHeader else { throw .missingHeader(offset: reader.offset) }
        guard !state.ways.isEmpty else { return try state.finish() }

        // Pass 2: only the blocks that hold nodes, only the nodes the roads need.
        reader = PBFBlockReader(source: try open())
        while true {
            let wanted = nodeBlocks.contains(reader.index)
            guard let block = try reader.next(inflate: wanted) else { break }
            guard wanted, block.type == "OSMData" else { continue }
            try decode(block) { data throws(ProtobufReader.Failure) in try PBFPrimitiveBlock.readNodes(data, into: &state) }
        }
        return try state.finish()
    }

    /// Runs a block decoder, turning protobuf failures into errors that name the block.
    static func decode<T>(_ block: PBFBlock, _ body: ([UInt8]) throws(ProtobufReader.Failure) -> T) throws(OSMImportError) -> T {
        do throws(ProtobufReader.Failure) {
            return try body(block.data)
        } catch {
            throw PBFBlob.mapFailure(error, block: block.index, offset: block.offset, what: block.type)
        }
    }
}
