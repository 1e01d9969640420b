import Foundation

/// Everything that can go wrong talking to PostgreSQL, each case saying what and where.
///
/// This is the one place where libpq's C error conventions become Swift errors: every libpq call in
/// `Storage` that can fail reports through one of these cases.
public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection could not be opened. `conninfo` never contains the password.
    case connectionFailed(conninfo: String, message: String)
    /// The connection broke. `mayHaveExecuted` says whether the server may have run `statement`
    /// (false only when the loss was seen before the statement was sent).
    case connectionLost(conninfo: String, message: String, statement: String?, mayHaveExecuted: Bool)
    /// The server rejected a statement.
    case server(PostgresServerError)
    /// libpq returned a result of a kind the caller did not expect (e.g. a COPY where rows were expected).
    case unexpectedResult(status: String, statement: String, message: String)
    /// A parameter or a statement could not be sent (e.g. it contains a NUL byte).
    case invalidRequest(String)
    /// A column was looked up by a name the result does not have.
    case noSuchColumn(String, available: [String])
    /// A column index or row index is outside the result.
    case outOfRange(row: Int, column: Int, rows: Int, columns: Int)
    /// A NULL where a value was required.
    case unexpectedNull(row: Int, column: String)
    /// A value could not be read as the requested Swift type.
    case decoding(row: Int, column: String, expected: String, found: String)
    /// A COPY failed on the client side.
    case copyFailed(statement: String, message: String)

    /// True when the connection is gone and a new one is needed.
    public var isConnectionLoss: Bool {
        if case .connectionLost = self { return true }
        return false
    }

    /// PostgreSQL's SQLSTATE code, when the server reported one.
    public var sqlState: String? {
        if case let .server(error) = self { return error.sqlState }
        return nil
    }

    /// A readable explanation, for logs and error messages.
    public var description: String {
        switch self {
        case let .connectionFailed(conninfo, message):
            return "cannot connect to PostgreSQL (\(conninfo)): \(message)"
        case let .connectionLost(conninfo, message, statement, mayHaveExecuted):
            var text = "connection to PostgreSQL lost (\(conninfo)): \(message)"
            if let statement { text += "; statement: \(PostgresError.abbreviate(statement))" }
            text += mayHaveExecuted ? "; the statement may have run" : "; the statement was not sent"
            return text
        case let .server(error):
            return error.description
        case let .unexpectedResult(status, statement, message):
            return "unexpected result \(status) for \(PostgresError.abbreviate(statement))" + (message.isEmpty ? "" : ": \(message)")
        case let .invalidRequest(message):
            return "invalid request: \(message)"
        case let .noSuchColumn(name, available):
            return "no column named \"\(name)\" in the result (columns: \(available.joined(separator: ", ")))"
        case let .outOfRange(row, column, rows, columns):
            return "cell (row \(row), column \(column)) is outside the result (\(rows) rows × \(columns) columns)"
        case let .unexpectedNull(row, column):
            return "row \(row), column \"\(column)\" is NULL where a value was required"
        case let .decoding(row, column, expected, found):
            return "row \(row), column \"\(column)\": cannot read \(found) as \(expected)"
        case let .copyFailed(statement, message):
            return "COPY failed (\(PostgresError.abbreviate(statement))): \(message)"
        }
    }

    /// The first line of a statement, cut to a readable length, for messages.
    static func abbreviate(_ statement: String) -> String {
        let oneLine = statement.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        return oneLine.count <= 160 ? oneLine : String(oneLine.prefix(157)) + "…"
    }
}

/// An error reported by the PostgreSQL server, with the fields of its ErrorResponse message.
public struct PostgresServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// ERROR, FATAL or PANIC (not localised).
    public var severity: String
    /// The five-character SQLSTATE code, e.g. `23505` for a unique violation.
    public var sqlState: String
    /// The primary human-readable message.
    public var message: String
    /// Optional secondary detail.
    public var detail: String?
    /// Optional suggestion what to do.
    public var hint: String?
    /// 1-based character position in the statement where the error was found, if any.
    public var position: Int?
    /// The schema, table, column and constraint involved, when the server names them.
    public var schema: String?
    /// The table involved, when the server names it.
    public var table: String?
    /// The column involved, when the server names it.
    public var column: String?
    /// The constraint involved, when the server names it.
    public var constraint: String?
    /// The statement that failed (abbreviated in `description`).
    public var statement: String

    /// Creates a server error from its fields.
    public init(severity: String, sqlState: String, message: String, detail: String? = nil, hint: String? = nil,
                position: Int? = nil, schema: String? = nil, table: String? = nil, column: String? = nil,
                constraint: String? = nil, statement: String) {
        self.severity = severity
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.schema = schema
        self.table = table
        self.column = column
        self.constraint = constraint
        self.statement = statement
    }

    /// A readable explanation, for logs and error messages.
    public var description: String {
        var text = "PostgreSQL \(severity) \(sqlState): \(message)"
        if let detail { text += "; detail: \(detail)" }
        if let hint { text += "; hint: \(hint)" }
        if let position { text += "; at character \(position)" }
        text += "; statement: \(PostgresError.abbreviate(statement))"
        return text
    }
}
