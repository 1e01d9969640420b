import Foundation

/// Where PBF bytes come from: a file read blob by blob, or bytes in memory.
protocol PBFByteSource {
    /// Reads up to `count` bytes; fewer only at the end of the input.
    mutating func read(_ count: Int) throws(OSMImportError) -> [UInt8]
}

/// A file read in pieces (the importer never holds more than one blob of it).
struct FileByteSource: PBFByteSource {
    let handle: FileHandle
    let path: String

    init(path: String) throws(OSMImportError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        self.handle = handle
        self.path = path
    }

    mutating func read(_ count: Int) throws(OSMImportError) -> [UInt8] {
        guard count > 0 else { return [] }
        do {
            guard let data = try handle.read(upToCount: count) else { return [] }
            return [UInt8](data)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }
}

/// Bytes already in memory (tests, fuzzing).
struct MemoryByteSource: PBFByteSource {
    let bytes: [UInt8]
    var offset = 0

    mutating func read(_ count: Int) throws(OSMImportError) -> [UInt8] {
        let n = max(0, min(count, bytes.count - offset))
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }
}

/// One decoded blob: its type ("OSMHeader", "OSMData", …) and inflated bytes.
struct PBFBlock {
    var type: String
    var data: [UInt8]
    /// 0 for the first blob in the file.
    var index: Int
    /// Byte offset of the blob's header length in the file.
    var offset: Int
}

/// Reads the file's framing: `[4-byte big-endian length][BlobHeader][Blob]`, repeated.
struct PBFBlockReader<Source: PBFByteSource> {
    static var maxHeaderSize: Int { 64 * 1024 }
    static var maxBlobSize: Int { 32 * 1024 * 1024 }

    var source: Source
    private(set) var offset = 0
    private(set) var index = 0

    init(source: Source) { self.source = source }

    /// The next blob, inflated when `inflate` is true (otherwise `data` is empty), or `nil` at the end.
    mutating func next(inflate: Bool = true) throws(OSMImportError) -> PBFBlock? {
        let start = offset, block = index
        let lengthBytes = try source.read(4)
        if lengthBytes.isEmpty { return nil }
        guard lengthBytes.count == 4 else {
            throw .truncated(block: block, offset: start, detail: "BlobHeader length needs 4 bytes, the file has \(lengthBytes.count)")
        }
        let headerLength = lengthBytes.reduce(0) { $0 << 8 | Int($1) }
        guard headerLength <= Self.maxHeaderSize else { throw .headerTooLarge(block: block, offset: start, size: headerLength) }
        let header = try source.read(headerLength)
        guard header.count == headerLength else {
            throw .truncated(block: block, offset: start, detail: "BlobHeader of \(headerLength) bytes, the file has \(header.count)")
        }
        let (type, dataSize) = try PBFBlob.parseHeader(header, block: block, offset: start)
        guard dataSize <= Self.maxBlobSize else { throw .blobTooLarge(block: block, offset: start, size: dataSize) }
        let blob = try source.read(dataSize)
        guard blob.count == dataSize else {
            throw .truncated(block: block, offset: start, detail: "Blob of \(dataSize) bytes, the file has \(blob.count)")
        }
        offset += 4 + headerLength + dataSize
        index += 1
        let data = inflate ? try PBFBlob.decodeBlob(blob, block: block, offset: start) : []
        return PBFBlock(type: type, data: data, index: block, offset: start)
    }
}

/// Decoding of the two framing messages, BlobHeader and Blob.
enum PBFBlob {
    static let maxBlobSize = 32 * 1024 * 1024
    enum Content { case raw(Range<Int>), zlib(Range<Int>), other(String) }

    /// BlobHeader: 1 type (string), 2 indexdata (bytes), 3 datasize (int32).
    static func parseHeader(_ header: [UInt8], block: Int, offset: Int) throws(OSMImportError) -> (String, Int) {
        let parsed: Result<(String?, Int?), ProtobufReader.Failure> = header.withUnsafeBufferPointer { buffer in
            var r = ProtobufReader(buffer)
            var type: String?, size: Int?
            do throws(ProtobufReader.Failure) {
                while let (number, wire) = try r.field() {
                    switch number {
                    case 1:
                        try r.expect(wire, is: 2, field: "BlobHeader.type")
                        type = r.string(try r.lengthDelimited())
                    case 3:
                        try r.expect(wire, is: 0, field: "BlobHeader.datasize")
                        let v = Int32(truncatingIfNeeded: try r.varint())
                        guard v >= 0 else { throw .malformed("negative datasize \(v)", at: r.index) }
                        size = Int(v)
                    default: try r.skip(wireType: wire)
                    }
                }
            } catch { return .failure(error) }
            return .success((type, size))
        }
        switch parsed {
        case let .failure(failure): throw mapFailure(failure, block: block, offset: offset, what: "BlobHeader")
        case let .success((type?, size?)): return (type, size)
        case .success: throw .malformed(block: block, offset: offset, detail: "BlobHeader lacks its type or datasize")
        }
    }

    /// Blob: 1 raw, 2 raw_size, 3 zlib_data, 4 lzma_data, 5 bzip2 (obsolete), 6 lz4_data, 7 zstd_data.
    static func decodeBlob(_ blob: [UInt8], block: Int, offset: Int) throws(OSMImportError) -> [UInt8] {
        let parsed: Result<(Content?, Int?), ProtobufReader.Failure> = blob.withUnsafeBufferPointer { buffer in
            var r = ProtobufReader(buffer)
            var content: Content?, rawSize: Int?
            do throws(ProtobufReader.Failure) {
                while let (number, wire) = try r.field() {
                    switch number {
                    case 1: try r.expect(wire, is: 2, field: "Blob.raw"); content = .raw(try r.lengthDelimited())
                    case 2:
                        try r.expect(wire, is: 0, field: "Blob.raw_size")
                        rawSize = Int(Int32(truncatingIfNeeded: try r.varint()))
                    case 3: try r.expect(wire, is: 2, field: "Blob.zlib_data"); content = .zlib(try r.lengthDelimited())
                    case 4: try r.skip(wireType: wire); content = .other("lzma")
                    case 5: try r.skip(wireType: wire); content = .other("bzip2")
                    case 6: try r.skip(wireType: wire); content = .other("lz4")
                    case 7: try r.skip(wireType: wire); content = .other("zstd")
                    default: try r.skip(wireType: wire)
                    }
                }
            } catch { return .failure(error) }
            return .success((content, rawSize))
        }
        switch parsed {
        case let .failure(failure):
            throw mapFailure(failure, block: block, offset: offset, what: "Blob")
        case .success((nil, _)):
            throw .malformed(block: block, offset: offset, detail: "Blob has no data")
        case let .success((.other(method)?, _)):
            throw .unsupportedCompression(block: block, offset: offset, method: method)
        case let .success((.raw(range)?, _)):
            return Array(blob[range])
        case let .success((.zlib(range)?, rawSize)):
            guard let rawSize, rawSize >= 0 else {
                throw .malformed(block: block, offset: offset, detail: "zlib Blob lacks a valid raw_size")
            }
            guard rawSize <= maxBlobSize else { throw .blobTooLarge(block: block, offset: offset, size: rawSize) }
            let result: Result<[UInt8], Zlib.Failure> = blob.withUnsafeBufferPointer { buffer in
                do throws(Zlib.Failure) {
                    return .success(try Zlib.inflate(UnsafeBufferPointer(rebasing: buffer[range]), expectedSize: rawSize))
                } catch { return .failure(error) }
            }
            switch result {
            case let .success(bytes): return bytes
            case let .failure(.corrupt(detail)):
                throw .corruptCompression(block: block, offset: offset, detail: detail)
            case let .failure(.sizeMismatch(expected, actual)):
                throw .corruptCompression(block: block, offset: offset, detail: "inflates to \(actual) bytes, raw_size says \(expected)")
            }
        }
    }

    static func mapFailure(_ failure: ProtobufReader.Failure, block: Int, offset: Int, what: String) -> OSMImportError {
        switch failure {
        case let .truncated(at): return .malformed(block: block, offset: offset, detail: "\(what) ends inside a field at byte \(at)")
        case let .malformed(detail, at): return .malformed(block: block, offset: offset, detail: "\(what) byte \(at): \(detail)")
        }
    }
}
