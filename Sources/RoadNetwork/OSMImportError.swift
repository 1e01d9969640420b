/// Why an OpenStreetMap extract could not be imported. Every case says where: the block number
/// (0 = the first blob in the file) and the byte offset in the file, or the XML line.
public enum OSMImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file ends in the middle of a block.
    case truncated(block: Int, offset: Int, detail: String)
    /// A BlobHeader longer than the 64 KiB the format allows.
    case headerTooLarge(block: Int, offset: Int, size: Int)
    /// A Blob (compressed or inflated) larger than the 32 MiB the format allows.
    case blobTooLarge(block: Int, offset: Int, size: Int)
    /// A zlib stream that does not inflate to the announced size.
    case corruptCompression(block: Int, offset: Int, detail: String)
    /// A blob compressed with a method BlueLamp does not read (lzma, lz4, zstd, bzip2).
    case unsupportedCompression(block: Int, offset: Int, method: String)
    /// The header block requires a feature BlueLamp does not implement (e.g. HistoricalInformation).
    case unsupportedFeature(String)
    /// The file does not start with an OSMHeader block.
    case missingHeader(offset: Int)
    /// A protobuf message inside a block is not what the OSM schema says.
    case malformed(block: Int, offset: Int, detail: String)
    /// The XML is not well formed or not an OSM document.
    case xml(line: Int, column: Int, detail: String)
    /// The extract holds no way a car may drive on.
    case noRoutableRoads(String)

    /// The error in words, with where it happened.
    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "cannot read \(path): \(reason)"
        case let .truncated(block, offset, detail): return "truncated PBF: block \(block) at byte \(offset): \(detail)"
        case let .headerTooLarge(block, offset, size): return "PBF block \(block) at byte \(offset): BlobHeader of \(size) bytes exceeds 64 KiB"
        case let .blobTooLarge(block, offset, size): return "PBF block \(block) at byte \(offset): blob of \(size) bytes exceeds 32 MiB"
        case let .corruptCompression(block, offset, detail): return "PBF block \(block) at byte \(offset): corrupt zlib data: \(detail)"
        case let .unsupportedCompression(block, offset, method): return "PBF block \(block) at byte \(offset): \(method) compression is not supported (only raw and zlib)"
        case let .unsupportedFeature(feature): return "PBF header requires unsupported feature \"\(feature)\""
        case let .missingHeader(offset): return "PBF file has no OSMHeader block before byte \(offset)"
        case let .malformed(block, offset, detail): return "malformed PBF block \(block) at byte \(offset): \(detail)"
        case let .xml(line, column, detail): return "OSM XML line \(line), column \(column): \(detail)"
        case let .noRoutableRoads(detail): return "no routable roads: \(detail)"
        }
    }
}

/// What an import read, kept and skipped (every skip is counted, with its reason).
public struct OSMImportReport: Sendable, Hashable, Codable {
    /// Blocks (PBF) read in the ways pass.
    public var blocks = 0
    /// Nodes seen in the nodes pass (all of them, needed or not).
    public var nodesRead = 0
    /// Ways seen in the ways pass.
    public var waysRead = 0
    /// Relations seen in the ways pass.
    public var relationsRead = 0
    /// Ways with a `highway` tag.
    public var highwayWays = 0
    /// Ways kept as car-usable roads.
    public var roadWays = 0
    /// Highway ways not kept, by reason (e.g. "highway=footway", "access=private", "oneway=reversible").
    public var skippedWays: [String: Int] = [:]
    /// Turn restrictions kept (via a node).
    public var restrictions = 0
    /// Turn restrictions via a way (not supported: counted and skipped).
    public var restrictionsViaWay = 0
    /// Turn restrictions skipped for another reason (missing members, unknown value, not for cars).
    public var restrictionsSkipped: [String: Int] = [:]
    /// Node ids referenced by road ways but absent from the extract.
    public var missingNodes = 0
    /// Nodes with coordinates outside WGS84's range (skipped).
    public var invalidCoordinates = 0

    /// An empty report.
    public init() {}

    mutating func skipWay(_ reason: String) { skippedWays[reason, default: 0] += 1 }
    mutating func skipRestriction(_ reason: String) { restrictionsSkipped[reason, default: 0] += 1 }
}

/// The result of an import: the road network source for `RoadGraph(source:)`, and what was skipped.
public struct OSMImport: Sendable {
    /// Road ways, their nodes' positions and turn restrictions.
    public var source: RoadNetworkSource
    /// What was read, kept and skipped.
    public var report: OSMImportReport
}
