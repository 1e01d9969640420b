/// How strictly a transaction is isolated from concurrent ones.
public enum IsolationLevel: String, Sendable {
    /// Each statement sees what was committed before it began (PostgreSQL's default).
    case readCommitted = "READ COMMITTED"
    /// Every statement sees the snapshot taken at the transaction's first statement.
    case repeatableRead = "REPEATABLE READ"
    /// As if transactions ran one after another; may fail with SQLSTATE 40001 (retry).
    case serializable = "SERIALIZABLE"
}

extension PostgresConnection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws (the error is
    /// rethrown). Inside another transaction it uses a savepoint instead, so calls nest.
    ///
    /// A COMMIT that fails (e.g. a serialization failure, SQLSTATE 40001) throws; when the
    /// connection is lost during COMMIT the error says the transaction may have committed.
    @discardableResult
    public func transaction<T>(isolation: IsolationLevel? = nil, _ body: (PostgresConnection) throws -> T) throws -> T {
        if isInTransaction {
            savepointDepth += 1
            defer { savepointDepth -= 1 }
            let savepoint = "bluelamp_sp_\(savepointDepth)"
            try query("SAVEPOINT \(savepoint)")
            do {
                let value = try body(self)
                try query("RELEASE SAVEPOINT \(savepoint)")
                return value
            } catch {
                if isOpen { _ = try? query("ROLLBACK TO SAVEPOINT \(savepoint)") }
                throw error
            }
        }
        try query(isolation.map { "BEGIN ISOLATION LEVEL \($0.rawValue)" } ?? "BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            if isOpen { _ = try? query("ROLLBACK") }
            throw error
        }
        try query("COMMIT")
        return value
    }
}
