import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Redis reply (RESP2).
enum RESPValue: Equatable {
    case simple(String)
    case error(String)
    case integer(Int)
    case bulk([UInt8]?)
    case array([RESPValue]?)
}

/// A minimal Redis client over a POSIX TCP socket: encodes commands as RESP arrays, writes them
/// (one or many — pipelining), and parses replies from a buffered reader. Benchmark use only.
final class RESPConnection {
    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0

    /// Connects to `127.0.0.1:port` with Nagle's algorithm off.
    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchSpatialError.peer("socket(): \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw BenchSpatialError.peer("connect to Redis on 127.0.0.1:\(port): \(message)")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    /// Appends one command in RESP form to `out`.
    static func encode(_ arguments: [String], into out: inout [UInt8]) {
        out += Array("*\(arguments.count)\r\n".utf8)
        for argument in arguments {
            let bytes = Array(argument.utf8)
            out += Array("$\(bytes.count)\r\n".utf8)
            out += bytes
            out += [13, 10]
        }
    }

    /// Sends one command and reads its reply.
    func command(_ arguments: [String]) throws -> RESPValue {
        var out: [UInt8] = []
        RESPConnection.encode(arguments, into: &out)
        try send(out)
        return try readReply()
    }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw BenchSpatialError.peer("write to Redis: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Reads one complete reply.
    func readReply() throws -> RESPValue {
        let line = try readLine()
        guard let kind = line.first else { throw BenchSpatialError.peer("empty RESP line") }
        let rest = String(decoding: line.dropFirst(), as: UTF8.self)
        switch kind {
        case UInt8(ascii: "+"): return .simple(rest)
        case UInt8(ascii: "-"): return .error(rest)
        case UInt8(ascii: ":"):
            guard let value = Int(rest) else { throw BenchSpatialError.peer("bad RESP integer \(rest)") }
            return .integer(value)
        case UInt8(ascii: "$"):
            guard let length = Int(rest) else { throw BenchSpatialError.peer("bad RESP bulk length \(rest)") }
            if length < 0 { return .bulk(nil) }
            let bytes = try readExactly(length + 2)
            return .bulk(Array(bytes.prefix(length)))
        case UInt8(ascii: "*"):
            guard let count = Int(rest) else { throw BenchSpatialError.peer("bad RESP array length \(rest)") }
            if count < 0 { return .array(nil) }
            var items: [RESPValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try readReply()) }
            return .array(items)
        default:
            throw BenchSpatialError.peer("unexpected RESP type byte \(kind)")
        }
    }

    private func fill() throws {
        if start > 0 {
            buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
            end -= start
            start = 0
        }
        if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        let capacity = buffer.count - end
        let received = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return read(fd, base + end, capacity)
        }
        if received < 0 {
            if errno == EINTR { return }
            throw BenchSpatialError.peer("read from Redis: \(String(cString: strerror(errno)))")
        }
        if received == 0 { throw BenchSpatialError.peer("Redis closed the connection") }
        end += received
    }

    private func readLine() throws -> ArraySlice<UInt8> {
        var scanned = start
        while true {
            while scanned + 1 < end {
                if buffer[scanned] == 13 && buffer[scanned + 1] == 10 {
                    let line = buffer[start..<scanned]
                    start = scanned + 2
                    return line
                }
                scanned += 1
            }
            let offset = scanned - start
            try fill()
            scanned = start + offset
        }
    }

    private func readExactly(_ count: Int) throws -> ArraySlice<UInt8> {
        while end - start < count { try fill() }
        let bytes = buffer[start..<(start + count)]
        start += count
        return bytes
    }
}
