/// A fixed-width text table for the terminal: a title, headed columns aligned left or right,
/// rows of already-formatted cells.
public struct SummaryTable: Sendable, Hashable {
    /// How a column's cells sit.
    public enum Alignment: Sendable, Hashable {
        case left, right
    }

    /// A column: its header and alignment.
    public struct Column: Sendable, Hashable {
        /// The header text.
        public var header: String
        /// Left for names, right (the default) for figures.
        public var alignment: Alignment
        /// A column; figures align right by default.
        public init(_ header: String, _ alignment: Alignment = .right) {
            self.header = header
            self.alignment = alignment
        }
    }

    /// A line above the table.
    public var title: String?
    /// The columns, left to right.
    public var columns: [Column]
    public private(set) var rows: [[String]] = []

    /// An empty table.
    public init(title: String? = nil, columns: [Column]) {
        self.title = title
        self.columns = columns
    }

    /// Appends a row; missing cells are blank, extra cells are dropped.
    public mutating func addRow(_ cells: [String]) {
        rows.append((0..<columns.count).map { $0 < cells.count ? cells[$0] : "" })
    }

    /// The table as lines of text: title, header, a rule, the rows; two spaces between columns,
    /// no trailing spaces.
    public func render() -> String {
        var widths = columns.map(\.header.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts = [String]()
            for (i, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(columns[i].alignment == .left ? cell + pad : pad + cell)
            }
            return String(parts.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed())
        }
        var out = [String]()
        if let title { out.append(title) }
        out.append(line(columns.map(\.header)))
        out.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * max(0, widths.count - 1)))
        for row in rows { out.append(line(row)) }
        return out.joined(separator: "\n")
    }
}
