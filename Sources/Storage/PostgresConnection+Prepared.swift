import CLibPQ

extension PostgresConnection {
    /// Prepares a named statement on this connection (`PQprepare`), so repeated executions skip
    /// parsing and planning. Parameter types are inferred from the SQL (write casts such as `$1::int8`).
    public func prepare(_ name: String, _ sql: String) throws(PostgresError) {
        try checkIdle(before: sql)
        _ = try consume(PQprepare(handle, name, sql, 0, nil), statement: sql)
    }

    /// Executes a statement prepared with `prepare` (`PQexecPrepared`).
    @discardableResult
    public func query(prepared name: String, _ parameters: [PostgresParameter] = [],
                      binaryResults: Bool = false) throws(PostgresError) -> PostgresResult {
        let statement = "EXECUTE \(name)"
        try checkIdle(before: statement)
        let result = try withEncoded(parameters) { count, _, values, lengths, formats in
            // Parameter types were fixed when the statement was prepared, so none are passed here.
            PQexecPrepared(handle, name, count, values, lengths, formats, binaryResults ? 1 : 0)
        }
        return try consume(result, statement: statement)
    }
}
