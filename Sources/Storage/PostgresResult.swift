import CLibPQ
import Foundation

/// The rows a statement returned, copied out of libpq into Swift memory (so it outlives the
/// connection and is `Sendable`). Read cells through `rows`, by column name or index.
public struct PostgresResult: Sendable {
    /// The result's columns, in order.
    public let columns: [PostgresColumn]
    /// How many rows there are.
    public let rowCount: Int
    /// The command tag, e.g. `INSERT 0 3` or `SELECT 5`.
    public let commandTag: String
    /// Rows inserted, updated, deleted, copied or selected, when the command reports it.
    public let affectedRows: Int?

    /// All cell bytes back to back; `starts[i]` and `lengths[i]` (−1 for NULL) locate cell i = row × columns + column.
    let storage: [UInt8]
    let starts: [Int]
    let lengths: [Int32]

    /// Copies a libpq result. The caller still owns (and clears) `result`.
    init(copying result: OpaquePointer) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var columns: [PostgresColumn] = []
        columns.reserveCapacity(columnCount)
        for c in 0..<columnCount {
            // PQfname returns NULL only for an out-of-range column number.
            let name = PQfname(result, Int32(c)).map { String(cString: $0) } ?? "?column?"
            columns.append(PostgresColumn(name: name, typeOID: PQftype(result, Int32(c)),
                                          isBinary: PQfformat(result, Int32(c)) == 1))
        }
        var storage: [UInt8] = []
        var starts: [Int] = []
        var lengths: [Int32] = []
        starts.reserveCapacity(rowCount * columnCount)
        lengths.reserveCapacity(rowCount * columnCount)
        for r in 0..<rowCount {
            for c in 0..<columnCount {
                starts.append(storage.count)
                // PQgetisnull distinguishes NULL from an empty value; PQgetvalue then points at
                // PQgetlength bytes (text values are also NUL-terminated, which we do not copy).
                if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                    lengths.append(-1)
                    continue
                }
                let length = PQgetlength(result, Int32(r), Int32(c))
                if let value = PQgetvalue(result, Int32(r), Int32(c)), length > 0 {
                    value.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { pointer in
                        storage.append(contentsOf: UnsafeBufferPointer(start: pointer, count: Int(length)))
                    }
                }
                lengths.append(length)
            }
        }
        self.columns = columns
        self.rowCount = rowCount
        self.storage = storage
        self.starts = starts
        self.lengths = lengths
        self.commandTag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        // PQcmdTuples returns "" when the command carries no count.
        let tuples = PQcmdTuples(result).map { String(cString: $0) } ?? ""
        self.affectedRows = Int(tuples)
    }

    /// The rows, in the order the server sent them.
    public var rows: PostgresRows { PostgresRows(result: self) }

    /// The first row, or an error saying the result is empty.
    public func firstRow() throws(PostgresError) -> PostgresRow {
        guard rowCount > 0 else { throw .outOfRange(row: 0, column: 0, rows: 0, columns: columns.count) }
        return PostgresRow(result: self, index: 0)
    }

    /// The index of a column by name (the first one, if names repeat).
    public func columnIndex(_ name: String) throws(PostgresError) -> Int {
        guard let index = columns.firstIndex(where: { $0.name == name }) else {
            throw .noSuchColumn(name, available: columns.map(\.name))
        }
        return index
    }

    /// The cell at a row and column index.
    public func cell(row: Int, column: Int) throws(PostgresError) -> PostgresCell {
        guard row >= 0, row < rowCount, column >= 0, column < columns.count else {
            throw .outOfRange(row: row, column: column, rows: rowCount, columns: columns.count)
        }
        let i = row * columns.count + column
        let length = lengths[i]
        let bytes: ArraySlice<UInt8>? = length < 0 ? nil : storage[starts[i]..<(starts[i] + Int(length))]
        return PostgresCell(row: row, column: columns[column], bytes: bytes)
    }
}

/// A column of a result: its name, its type OID (see `PostgresType`) and whether it came in binary.
public struct PostgresColumn: Sendable, Equatable {
    /// The column's name (or alias).
    public var name: String
    /// The column's type OID (see `PostgresType`).
    public var typeOID: UInt32
    /// Whether values came in binary format.
    public var isBinary: Bool
}

/// The rows of a result as a random-access collection.
public struct PostgresRows: RandomAccessCollection, Sendable {
    let result: PostgresResult
    /// The first row index (0).
    public var startIndex: Int { 0 }
    /// One past the last row index.
    public var endIndex: Int { result.rowCount }
    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow { PostgresRow(result: result, index: position) }
}

/// One row of a result.
public struct PostgresRow: Sendable {
    let result: PostgresResult
    /// The row's position in the result.
    public let index: Int

    /// The cell in the named column.
    public subscript(column: String) -> PostgresCell {
        get throws(PostgresError) { try result.cell(row: index, column: try result.columnIndex(column)) }
    }

    /// The cell in the column at `column` (0-based).
    public subscript(column: Int) -> PostgresCell {
        get throws(PostgresError) { try result.cell(row: index, column: column) }
    }
}
