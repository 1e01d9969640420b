import CLibPQ
import Foundation

/// One open connection to PostgreSQL through libpq. It owns its `PGconn` and closes it in `deinit`.
///
/// Statements take `$1 … $n` placeholders and `PostgresParameter` values (`PQexecParams`): values are
/// never spliced into SQL. Calls block the calling thread; a connection is used by one thread at a
/// time, so it is not `Sendable` — share a `PostgresClient` actor between tasks instead.
public final class PostgresConnection {
    /// The `PGconn *`; never NULL, never escapes this module.
    let handle: OpaquePointer
    /// The connection string without its password, for messages.
    public let redactedConninfo: String
    /// How many `transaction` calls are nested inside the outermost one (for savepoint names).
    var savepointDepth = 0
    /// What the notice receiver saw; it outlives the PGconn, which holds an unretained pointer to it.
    private let notices = NoticeState()

    /// Opens a connection (`key=value …` or `postgresql://…` form) and waits until it is ready.
    public init(_ conninfo: String) throws(PostgresError) {
        let redacted = Storage.redactedConninfo(conninfo)
        // PQconnectdb returns NULL only when it cannot allocate the PGconn; otherwise a PGconn whose
        // status says whether the connection succeeded (it must be freed either way).
        guard let handle = PQconnectdb(conninfo) else {
            throw .connectionFailed(conninfo: redacted, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = PostgresConnection.errorMessage(handle)
            PQfinish(handle)
            throw .connectionFailed(conninfo: redacted, message: message)
        }
        self.handle = handle
        self.redactedConninfo = redacted
        // Server notices (NOTICE, INFO) are dropped; WARNINGs go to stderr. A FATAL that arrives while
        // the connection is idle (the backend is being terminated) is also delivered here: remember it.
        PQsetNoticeReceiver(handle, { context, result in
            guard let context, let result, let severity = PQresultErrorField(result, PostgresConnection.field("V")),
                  let message = PQresultErrorField(result, PostgresConnection.field("M")) else { return }
            switch String(cString: severity) {
            case "FATAL", "PANIC":
                Unmanaged<NoticeState>.fromOpaque(context).takeUnretainedValue().fatalMessage = String(cString: message)
            case "WARNING":
                FileHandle.standardError.write(Data("PostgreSQL WARNING: \(String(cString: message))\n".utf8))
            default:
                break
            }
        }, Unmanaged.passUnretained(notices).toOpaque())
    }

    deinit {
        PQfinish(handle)
    }

    /// Whether libpq still considers the connection good (it may not know yet that the server left).
    public var isOpen: Bool { PQstatus(handle) == CONNECTION_OK && notices.fatalMessage == nil }

    /// The server process serving this connection (for `pg_terminate_backend`, logs).
    public var backendPID: Int { Int(PQbackendPID(handle)) }

    /// The server version as an integer, e.g. 150018 for 15.18.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Whether the connection is inside a transaction block.
    public var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Runs one statement with `$n` parameters and returns its rows (empty for commands).
    ///
    /// - Parameter binaryResults: ask for every column in binary format (needed for `PostgresCell.date()`;
    ///   text, numbers, bytea and jsonb read either way).
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresParameter] = [],
                      binaryResults: Bool = false) throws(PostgresError) -> PostgresResult {
        try checkIdle(before: sql)
        let result = try withEncoded(parameters) { count, types, values, lengths, formats in
            PQexecParams(handle, sql, count, types, values, lengths, formats, binaryResults ? 1 : 0)
        }
        return try consume(result, statement: sql)
    }

    /// Encodes parameters and hands libpq's parallel arrays (count, type OIDs, value pointers —
    /// NULL for SQL NULL —, lengths, formats) to `body`; the pointers are valid only inside it.
    func withEncoded(_ parameters: [PostgresParameter],
                     _ body: (Int32, [UInt32], [UnsafePointer<CChar>?], [Int32], [Int32]) -> OpaquePointer?)
        throws(PostgresError) -> OpaquePointer? {
        let encoded = try parameters.map { (parameter) throws(PostgresError) in try parameter.encoded() }
        let types = encoded.map(\.oid)
        let formats = encoded.map(\.format)
        let lengths = encoded.map { Int32($0.bytes?.count ?? 0) }
        // One buffer for all values; each parameter points into it.
        var buffer: [UInt8] = []
        var offsets: [Int?] = []
        for item in encoded {
            if let bytes = item.bytes {
                offsets.append(buffer.count)
                buffer += bytes
            } else {
                offsets.append(nil)
            }
        }
        if buffer.isEmpty { buffer.append(0) }
        return buffer.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                let values: [UnsafePointer<CChar>?] = offsets.map { offset in
                    offset.flatMap { offset in chars.baseAddress.map { UnsafePointer($0 + offset) } }
                }
                return body(Int32(encoded.count), types, values, lengths, formats)
            }
        }
    }

    /// Runs a trusted SQL script that may hold several statements and no parameters (`PQexec`):
    /// migrations and fixed DDL only, never SQL built from input.
    public func execute(script: String) throws(PostgresError) {
        try checkIdle(before: script)
        _ = try consume(PQexec(handle, script), statement: script)
    }

    /// Quotes an identifier (table, schema, database name) for use in SQL, doubling quotes as needed.
    public func quoteIdentifier(_ name: String) throws(PostgresError) -> String {
        // PQescapeIdentifier returns NULL (and sets the error message) on invalid encoding or OOM;
        // the result is freed with PQfreemem.
        guard let quoted = PQescapeIdentifier(handle, name, name.utf8.count) else {
            throw .invalidRequest("cannot quote identifier \"\(name)\": \(PostgresConnection.errorMessage(handle))")
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    // MARK: - Results and errors

    /// Turns what PQexec/PQexecParams/PQgetResult returned into a result or a `PostgresError`,
    /// clearing the libpq result.
    func consume(_ result: OpaquePointer?, statement: String) throws(PostgresError) -> PostgresResult {
        // A NULL result means libpq could not send the statement or allocate the result; the reason
        // is in PQerrorMessage.
        guard let result else {
            let message = PostgresConnection.errorMessage(handle)
            if PQstatus(handle) == CONNECTION_BAD {
                throw .connectionLost(conninfo: redactedConninfo, message: message, statement: statement, mayHaveExecuted: true)
            }
            throw .invalidRequest(message)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return PostgresResult(copying: result)
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
            let serverError = PostgresConnection.serverError(result, statement: statement)
            if PQstatus(handle) == CONNECTION_BAD {
                let message = serverError.map(\.description) ?? PostgresConnection.errorMessage(handle)
                throw .connectionLost(conninfo: redactedConninfo, message: message, statement: statement, mayHaveExecuted: true)
            }
            if let serverError { throw .server(serverError) }
            throw .unexpectedResult(status: PostgresConnection.statusName(status), statement: statement,
                                    message: PostgresConnection.errorMessage(handle))
        default:
            throw .unexpectedResult(status: PostgresConnection.statusName(status), statement: statement,
                                    message: PostgresConnection.errorMessage(handle))
        }
    }

    /// Before sending, notices whether the server closed the session while we were idle (e.g. the
    /// backend was terminated): the statement then is certainly not run, and callers may retry safely.
    func checkIdle(before statement: String) throws(PostgresError) {
        if PQstatus(handle) == CONNECTION_OK && notices.fatalMessage == nil {
            // PQconsumeInput reads whatever the server sent without blocking; it returns 0 when the
            // read fails, i.e. the server closed the socket. PQisBusy then parses what was read: a
            // FATAL sent while idle reaches the notice receiver, which records it.
            if PQconsumeInput(handle) == 1 {
                _ = PQisBusy(handle)
                if notices.fatalMessage == nil { return }
            }
        }
        let message = notices.fatalMessage.map { "the server ended the session: \($0)" }
            ?? PostgresConnection.errorMessage(handle)
        throw .connectionLost(conninfo: redactedConninfo, message: message, statement: statement, mayHaveExecuted: false)
    }

    /// The fields of a server ErrorResponse, or nil when the error came from libpq itself.
    static func serverError(_ result: OpaquePointer, statement: String) -> PostgresServerError? {
        func get(_ code: Character) -> String? {
            PQresultErrorField(result, field(code)).map { String(cString: $0) }
        }
        guard let sqlState = get("C") else { return nil }
        return PostgresServerError(
            severity: get("V") ?? get("S") ?? "ERROR", sqlState: sqlState,
            message: get("M") ?? "(no message)", detail: get("D"), hint: get("H"),
            position: get("P").flatMap { Int($0) }, schema: get("s"), table: get("t"),
            column: get("c"), constraint: get("n"), statement: statement)
    }

    /// The `PG_DIAG_*` field code for a one-letter field name (the C macros are character literals).
    static func field(_ code: Character) -> Int32 {
        Int32(code.asciiValue ?? 0)
    }

    /// libpq's last error message for this connection, trimmed.
    static func errorMessage(_ handle: OpaquePointer) -> String {
        let message = PQerrorMessage(handle).map { String(cString: $0) } ?? ""
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "(libpq gave no message)" : trimmed
    }

    static func statusName(_ status: ExecStatusType) -> String {
        PQresStatus(status).map { String(cString: $0) } ?? "status \(status.rawValue)"
    }
}

/// State the libpq notice receiver writes (on the connection's thread, during libpq calls).
final class NoticeState {
    var fatalMessage: String?
}

@available(*, unavailable, message: "a connection is used by one thread at a time; share a PostgresClient")
extension PostgresConnection: Sendable {}
