import CLibPQ
import Foundation

extension PostgresConnection {
    /// Bulk-loads rows with `COPY … FROM STDIN` (text format): `write` is called with a writer that
    /// takes one row at a time. Returns the number of rows the server stored.
    ///
    /// If `write` throws, the COPY is aborted (nothing is stored) and the error rethrown.
    ///
    ///     try connection.copyIn("COPY roads (id, geom) FROM STDIN") { rows in
    ///         for road in roads { try rows.append([String(road.id), road.hexEWKB]) }
    ///     }
    @discardableResult
    public func copyIn(_ sql: String, _ write: (CopyInWriter) throws -> Void) throws -> Int {
        try checkIdle(before: sql)
        // The COPY statement itself answers PGRES_COPY_IN; anything else is an error result.
        guard let start = PQexec(handle, sql) else {
            _ = try consume(nil, statement: sql)
            return 0
        }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try consume(start, statement: sql)
            throw PostgresError.unexpectedResult(status: "not COPY_IN", statement: sql, message: "the statement is not a COPY … FROM STDIN")
        }
        PQclear(start)
        let writer = CopyInWriter(connection: self, statement: sql)
        var failure: Error?
        do {
            try write(writer)
            try writer.flush()
        } catch {
            failure = error
        }
        // PQputCopyEnd with an error message makes the server abort the COPY; it returns 1 when queued,
        // -1 on a connection error.
        let ended: Int32 = failure.map { PQputCopyEnd(handle, "aborted by client: \($0)") } ?? PQputCopyEnd(handle, nil)
        if ended != 1 && failure == nil {
            failure = PostgresError.copyFailed(statement: sql, message: PostgresConnection.errorMessage(handle))
        }
        // Collect the final status: PQgetResult returns results until NULL.
        var stored = 0
        while let result = PQgetResult(handle) {
            do {
                stored = try consume(result, statement: sql).affectedRows ?? stored
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
        return stored
    }
}

/// Sends COPY text-format rows to the server, buffering them into 256 KiB chunks.
public final class CopyInWriter {
    private let connection: PostgresConnection
    private let statement: String
    private var buffer: [UInt8] = []
    /// Rows appended so far.
    public private(set) var rowCount = 0

    init(connection: PostgresConnection, statement: String) {
        self.connection = connection
        self.statement = statement
        buffer.reserveCapacity(1 << 18)
    }

    /// Appends one row; nil fields are SQL NULL. Tabs, newlines and backslashes in fields are escaped.
    public func append(_ fields: [String?]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(0x09) }
            guard let field else {
                buffer += [0x5C, 0x4E]  // \N
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 0x5C: buffer += [0x5C, 0x5C]
                case 0x09: buffer += [0x5C, 0x74]
                case 0x0A: buffer += [0x5C, 0x6E]
                case 0x0D: buffer += [0x5C, 0x72]
                case 0x00: throw PostgresError.invalidRequest("COPY field contains a NUL byte (row \(rowCount + 1))")
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(0x0A)
        rowCount += 1
        if buffer.count >= 1 << 18 { try flush() }
    }

    /// Sends what is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        // In blocking mode PQputCopyData returns 1 when the data is queued or sent, -1 on error.
        let sent = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else {
            throw PostgresError.copyFailed(statement: statement, message: PostgresConnection.errorMessage(connection.handle))
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

@available(*, unavailable, message: "belongs to the connection running the COPY")
extension CopyInWriter: Sendable {}
