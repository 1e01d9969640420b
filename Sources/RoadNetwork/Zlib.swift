import CZlib

/// zlib inflation for PBF blobs: the one place RoadNetwork calls C, and where zlib's status codes
/// become Swift errors.
enum Zlib {
    /// Why inflation failed.
    enum Failure: Error, Equatable {
        case corrupt(String)
        case sizeMismatch(expected: Int, actual: Int)
    }

    /// Inflates a zlib stream whose inflated size is known (`raw_size` in the PBF Blob).
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, expectedSize: Int) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(expectedSize, 1))
        var produced = 0
        let status: Int32 = output.withUnsafeMutableBufferPointer { out in
            var stream = z_stream()
            // inflateInit_ returns Z_OK or an error code (Z_MEM_ERROR, Z_VERSION_ERROR).
            var rc = inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard rc == Z_OK else { return rc }
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(out.count)
            // inflate returns Z_STREAM_END when the whole stream was decoded; Z_OK or Z_BUF_ERROR
            // mean it stopped early (input ended or output is full); others are data errors.
            rc = CZlib.inflate(&stream, Z_FINISH)
            produced = Int(stream.total_out)
            inflateEnd(&stream)
            return rc
        }
        switch status {
        case Z_STREAM_END:
            guard produced == expectedSize else { throw .sizeMismatch(expected: expectedSize, actual: produced) }
            if expectedSize == 0 { return [] }
            return output
        case Z_BUF_ERROR, Z_OK:
            throw .corrupt(produced >= expectedSize ? "inflates to more than the announced \(expectedSize) bytes"
                                                    : "stream ends early after \(produced) of \(expectedSize) bytes")
        case Z_DATA_ERROR: throw .corrupt("invalid deflate data")
        case Z_MEM_ERROR: throw .corrupt("out of memory")
        case Z_NEED_DICT: throw .corrupt("stream needs a preset dictionary")
        default: throw .corrupt("zlib status \(status)")
        }
    }

    /// CRC-32 of a buffer (zlib's), for graph-file checksums.
    static func crc32(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return seed }
        var crc = UInt(seed)
        var offset = 0
        while offset < bytes.count {
            let chunk = min(bytes.count - offset, Int(UInt32.max))
            crc = CZlib.crc32(crc, base + offset, uInt(chunk))
            offset += chunk
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
