import Foundation
import GeoKit

extension PostgresCell {
    /// A geometry from a `geometry` column (hex EWKB in text results, EWKB in binary results) or
    /// from EWKB in a `bytea` (e.g. `ST_AsEWKB(…)`). Malformed bytes are a decoding error naming the
    /// cell and what the WKB reader found wrong.
    public func geometry() throws(PostgresError) -> Geometry {
        guard let bytes else { throw .unexpectedNull(row: row, column: column.name) }
        do {
            if column.typeOID == PostgresType.bytea { return try Geometry(wkb: try data()) }
            if column.isBinary { return try Geometry(wkb: Array(bytes)) }
            return try Geometry(ewkbHex: String(decoding: bytes, as: UTF8.self))
        } catch let error as WKBError {
            throw .decoding(row: row, column: column.name, expected: "Geometry (EWKB)", found: "bytes that are not EWKB: \(error)")
        } catch let error as PostgresError {
            throw error
        } catch {
            throw .decoding(row: row, column: column.name, expected: "Geometry (EWKB)", found: "\(error)")
        }
    }
}
