import Foundation

extension CrimeCSV {
    /// One CSV record: its fields and the 1-based line it starts on.
    struct FieldRow {
        var fields: [String]
        var line: Int
    }

    /// Splits CSV text (RFC 4180: commas, `"` quoting with `""` escapes, quoted newlines, LF or CRLF
    /// line ends, an optional UTF-8 byte-order mark) into rows. Blank lines are dropped.
    static func splitRows(_ bytes: [UInt8]) throws(CrimeCSVError) -> [FieldRow] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var rows: [FieldRow] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, rowLine = 1
        var inQuotes = false, quoteLine = 0
        var fieldStarted = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        func endRow() {
            if !(fields.isEmpty && !fieldStarted && field.isEmpty) { endField() }
            if !(fields.count == 1 && fields[0].isEmpty) && !fields.isEmpty {
                rows.append(FieldRow(fields: fields, line: rowLine))
            }
            fields.removeAll(keepingCapacity: true)
        }

        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote {
                        field.append(quote)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if b == lf { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case quote:
                inQuotes = true
                quoteLine = line
                fieldStarted = true
            case comma:
                endField()
                fieldStarted = true
            case cr where i + 1 < bytes.count && bytes[i + 1] == lf:
                break
            case lf:
                endRow()
                line += 1
                rowLine = line
            default:
                field.append(b)
                fieldStarted = true
            }
            i += 1
        }
        if inQuotes { throw .unterminatedQuote(line: quoteLine) }
        endRow()
        return rows
    }
}
