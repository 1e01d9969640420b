import Foundation
import GeoKit
#if canImport(Glibc)
import Glibc
#endif

/// Redis's subject: a `redis-server` this benchmark starts on a free loopback port (no persistence)
/// and stops; available units in their own GEO key.
enum BenchSpatialRedis {
    static let availableKey = "units:available"
    static let busyKey = "units:busy"
    static let batchSize = 1000

    /// A running `redis-server`, stopped by `stop()`.
    final class Server {
        let process: BenchSpatialProcess
        let port: UInt16

        init(executable: String) throws {
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw BenchSpatialError.peer("\(executable) not found (install redis-server, or pass --redis-server PATH or --skip-redis)")
            }
            port = try Server.freePort()
            process = try BenchSpatialProcess(executable, ["--port", String(port), "--bind", "127.0.0.1", "--save", "",
                                                           "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"])
            // Wait until it answers PING.
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline && process.isRunning {
                if let connection = try? RESPConnection(port: port), (try? connection.command(["PING"])) == .simple("PONG") { return }
                usleep(20_000)
            }
            stop()
            throw BenchSpatialError.peer("redis-server did not answer PING on 127.0.0.1:\(port) within 10 s (or exited)")
        }

        func stop() {
            process.stop()
        }

        /// A loopback port nobody listens on now (bind to port 0, read it, close).
        static func freePort() throws -> UInt16 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw BenchSpatialError.peer("socket(): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                    guard bind(fd, pointer, length) == 0 else { return -1 }
                    return getsockname(fd, pointer, &length)
                }
            }
            guard bound == 0 else { throw BenchSpatialError.peer("cannot find a free port: \(String(cString: strerror(errno)))") }
            return UInt16(bigEndian: address.sin_port)
        }
    }

    static func measure(_ w: SpatialWorkload, server: Server, progress: (String) -> Void) throws -> (pipelined: SpatialMeasurement, variadicUpdatesPerSecond: Double) {
        let redis = try RESPConnection(port: server.port)
        guard try redis.command(["FLUSHALL"]) == .simple("OK") else { throw BenchSpatialError.peer("FLUSHALL failed") }
        func keyOf(_ id: Int) -> String { w.available[id] ? availableKey : busyKey }

        // Load: variadic GEOADD, 1000 members per command, pipelined.
        var out: [UInt8] = []
        var commands = 0
        for key in [availableKey, busyKey] {
            let ids = (0..<w.units).filter { keyOf($0) == key }
            var start = 0
            while start < ids.count {
                let chunk = ids[start..<min(start + batchSize, ids.count)]
                var arguments = ["GEOADD", key]
                for id in chunk { arguments += [String(w.initial[id].lon), String(w.initial[id].lat), String(id)] }
                RESPConnection.encode(arguments, into: &out)
                commands += 1
                start += batchSize
            }
        }
        try redis.send(out)
        for _ in 0..<commands { try expectInteger(redis.readReply(), "GEOADD (load)") }

        // Updates, as pings arrive: one GEOADD per ping, pipelined in batches of 1000 commands.
        progress("  Redis: \(w.updateIDs.count) pipelined GEOADDs in batches of \(batchSize)")
        let encoded = encodeUpdates(w, variadic: false, key: keyOf)
        let t0 = spatialNow()
        for batch in encoded {
            try redis.send(batch.bytes)
            for _ in 0..<batch.commands { try expectInteger(redis.readReply(), "GEOADD") }
        }
        let pipelinedSeconds = Double(spatialNow() - t0) / 1e9

        // The same stream as variadic GEOADDs (up to 1000 members per command, grouped by key).
        let variadic = encodeUpdates(w, variadic: true, key: keyOf)
        let t1 = spatialNow()
        for batch in variadic {
            try redis.send(batch.bytes)
            for _ in 0..<batch.commands { try expectInteger(redis.readReply(), "GEOADD (variadic)") }
        }
        let variadicSeconds = Double(spatialNow() - t1) / 1e9

        // Queries: one GEOSEARCH round trip each.
        func search(_ q: LonLat) throws -> [Int] {
            let reply = try redis.command(["GEOSEARCH", availableKey, "FROMLONLAT", String(q.lon), String(q.lat),
                                           "BYRADIUS", "200", "km", "ASC", "COUNT", "5"])
            guard case let .array(items?) = reply else { throw BenchSpatialError.peer("GEOSEARCH answered \(reply)") }
            return items.compactMap { item in
                guard case let .bulk(bytes?) = item else { return nil }
                return Int(String(decoding: bytes, as: UTF8.self))
            }
        }
        for q in w.warmup { _ = try search(q) }
        var latencies = LatencySamples(capacity: w.queries.count)
        var exact = 0
        let began = spatialNow()
        for (i, q) in w.queries.enumerated() {
            guard w.mayQuery(began: began, done: i) else { break }
            let start = spatialNow()
            let ids = try search(q)
            latencies.add(Double(spatialNow() - start) / 1000)
            if w.isExact(ids, query: i) { exact += 1 }
        }
        let measurement = SpatialMeasurement(
            updatesPerSecond: Double(w.updateIDs.count) / pipelinedSeconds, updateCount: w.updateIDs.count,
            latencies: latencies, exact: exact, queryCount: latencies.count,
            notes: ["redis-server \(serverVersion(redis)) on loopback, no persistence; updates: one GEOADD per ping, pipelined \(batchSize) per batch; queries: GEOSEARCH \(availableKey) FROMLONLAT … BYRADIUS 200 km ASC COUNT 5"])
        return (measurement, Double(w.updateIDs.count) / variadicSeconds)
    }

    /// The ping stream as batches of RESP bytes: `batchSize` pings per batch, each batch either
    /// one GEOADD per ping or one GEOADD per key holding all that batch's pings for it.
    static func encodeUpdates(_ w: SpatialWorkload, variadic: Bool, key: (Int) -> String) -> [(bytes: [UInt8], commands: Int)] {
        var batches: [(bytes: [UInt8], commands: Int)] = []
        var start = 0
        while start < w.updateIDs.count {
            let range = start..<min(start + batchSize, w.updateIDs.count)
            var out: [UInt8] = []
            var commands = 0
            if variadic {
                var byKey: [String: [String]] = [:]
                for i in range {
                    let id = w.updateIDs[i], p = w.updatePositions[i]
                    byKey[key(id), default: ["GEOADD", key(id)]] += [String(p.lon), String(p.lat), String(id)]
                }
                for arguments in byKey.values.sorted(by: { $0[1] < $1[1] }) {
                    RESPConnection.encode(arguments, into: &out)
                    commands += 1
                }
            } else {
                for i in range {
                    let id = w.updateIDs[i], p = w.updatePositions[i]
                    RESPConnection.encode(["GEOADD", key(id), String(p.lon), String(p.lat), String(id)], into: &out)
                    commands += 1
                }
            }
            batches.append((out, commands))
            start = range.upperBound
        }
        return batches
    }

    static func expectInteger(_ reply: RESPValue, _ what: String) throws {
        guard case .integer = reply else { throw BenchSpatialError.peer("\(what) answered \(reply)") }
    }

    static func serverVersion(_ redis: RESPConnection) -> String {
        guard case let .bulk(bytes?) = (try? redis.command(["INFO", "server"])) ?? .bulk(nil) else { return "?" }
        let info = String(decoding: bytes, as: UTF8.self)
        return info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("redis_version:") }
            .map { String($0.dropFirst("redis_version:".count)) } ?? "?"
    }
}
