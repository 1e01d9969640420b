/// What reading one crime CSV did: its layout, how many rows it held, kept and skipped (by reason),
/// and the first few skipped rows with what was wrong.
public struct CrimeCSVReport: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One skipped row.
    public struct Skip: Sendable, Hashable, Codable {
        /// The 1-based line of the row.
        public var line: Int
        /// Why it was skipped.
        public var reason: CrimeCSV.SkipReason
        /// What was wrong.
        public var detail: String
    }

    /// How many skipped rows are kept as examples.
    public static let exampleLimit = 10

    /// The file name (or other label) the rows came from.
    public var source: String
    /// The layout recognised from the header.
    public var layout: CrimeCSV.Layout
    /// Data rows read (the header and blank lines not counted).
    public var rows: Int = 0
    /// Rows that became records.
    public var kept: Int = 0
    /// Skipped rows by reason.
    public var skipped: [CrimeCSV.SkipReason: Int] = [:]
    /// The first `exampleLimit` skipped rows.
    public var examples: [Skip] = []

    /// Creates a value from its parts.
    public init(source: String, layout: CrimeCSV.Layout) {
        self.source = source
        self.layout = layout
    }

    /// All skipped rows.
    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    mutating func skip(_ reason: CrimeCSV.SkipReason, line: Int, detail: String) {
        skipped[reason, default: 0] += 1
        if examples.count < Self.exampleLimit { examples.append(Skip(line: line, reason: reason, detail: detail)) }
    }

    public var description: String {
        var s = "\(source) (\(layout.rawValue) layout): \(rows) rows, \(kept) kept, \(skippedTotal) skipped"
        if !skipped.isEmpty {
            s += " (" + skipped.sorted { $0.key < $1.key }.map { "\($0.key.rawValue): \($0.value)" }.joined(separator: ", ") + ")"
        }
        return s
    }
}

/// Why a crime CSV could not be read at all.
public enum CrimeCSVError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case empty(source: String)
    case unknownHeader(source: String, columns: [String])
    case unterminatedQuote(line: Int)
    case conversionCountMismatch(expected: Int, got: Int)

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason): return "cannot read crime CSV \(path): \(reason)"
        case let .empty(source): return "\(source) is empty: a police.uk crime CSV starts with a header row"
        case let .unknownHeader(source, columns):
            return "\(source): header \(columns.joined(separator: ",")) is not a police.uk crime layout "
                + "(expected Easting/Northing (2011), Longitude/Latitude with Crime type (current), "
                + "or type/street/latitude/longitude (API export))"
        case let .unterminatedQuote(line): return "a quoted field opened on line \(line) is never closed"
        case let .conversionCountMismatch(e, g): return "grid conversion returned \(g) positions for \(e) grid references"
        }
    }
}
