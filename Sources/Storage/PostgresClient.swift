/// A connection that async code can share: an actor that opens its connection lazily and opens a
/// new one when the old one was lost.
///
/// Recovery rule: when the loss is seen *before* a statement is sent (the server closed the session
/// while it was idle, e.g. `pg_terminate_backend` or a server restart), the client reconnects and
/// runs the statement — it certainly did not run before. When the loss happens *during* a call,
/// the client reconnects for the next call but only re-runs this one if the caller said it is
/// `idempotent`; otherwise it throws `PostgresError.connectionLost(…, mayHaveExecuted: true)`.
///
/// Statements run one at a time, synchronously (libpq blocks), on the actor's own dispatch queue
/// rather than on Swift's cooperative threads.
public actor PostgresClient {
    private let executor = QueueExecutor(label: "bluelamp.postgres-client")

    /// The actor runs on its own queue: see `QueueExecutor`.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// The connection string (with password, if any); never printed.
    private let conninfo: String
    private var connection: PostgresConnection?
    /// How many times a connection was found lost (each is replaced on the next call).
    public private(set) var lostCount = 0

    /// Creates a client; nothing is opened until the first call.
    public init(conninfo: String) {
        self.conninfo = conninfo
    }

    /// Runs one statement with `$n` parameters.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresParameter] = [], binaryResults: Bool = false,
                      idempotent: Bool = false) throws -> PostgresResult {
        try withConnection(idempotent: idempotent) { try $0.query(sql, parameters, binaryResults: binaryResults) }
    }

    /// Runs `body` in one transaction (COMMIT on return, ROLLBACK on throw). A transaction is
    /// retried after a lost connection only when it never reached the server or is `idempotent`.
    @discardableResult
    public func transaction<T: Sendable>(isolation: IsolationLevel? = nil, idempotent: Bool = false,
                                         _ body: @Sendable (PostgresConnection) throws -> T) throws -> T {
        try withConnection(idempotent: idempotent) { try $0.transaction(isolation: isolation, body) }
    }

    /// Hands the connection to `body` (on this actor), applying the recovery rule above.
    @discardableResult
    public func withConnection<T: Sendable>(idempotent: Bool = false,
                                            _ body: @Sendable (PostgresConnection) throws -> T) throws -> T {
        let first = try open()
        do {
            return try body(first)
        } catch let error as PostgresError {
            guard case let .connectionLost(_, _, _, mayHaveExecuted) = error else { throw error }
            connection = nil
            lostCount += 1
            guard !mayHaveExecuted || idempotent else { throw error }
            return try body(try open())
        }
    }

    /// Closes the connection now (the next call opens a new one).
    public func close() {
        connection = nil
    }

    /// The backend process of the current connection, opening one if needed.
    public func backendPID() throws -> Int {
        try open().backendPID
    }

    private func open() throws(PostgresError) -> PostgresConnection {
        if let connection, connection.isOpen { return connection }
        if connection != nil { lostCount += 1 }
        let fresh = try PostgresConnection(conninfo)
        connection = fresh
        return fresh
    }
}
