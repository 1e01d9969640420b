import Foundation
import GeoKit

/// Reads police.uk street-level crime CSV files into located crime records.
///
/// Three layouts are recognised from the header row (column names, any order, any case):
/// - `street2011`: `Month, Reported by, Falls within, Easting, Northing, Location, Crime type, Context`,
///   with British National Grid (EPSG:27700) metres;
/// - `street`: the current layout, `Crime ID, Month, Reported by, Falls within, Longitude, Latitude,
///   Location, LSOA code, LSOA name, Crime type, Last outcome category, Context`;
/// - `apiExport`: `type, street, month, latitude, longitude, ward` (rows from the police.uk API,
///   possibly with an unnamed row-number column first).
///
/// Rows with missing, unreadable or impossible coordinates are skipped and counted by reason in a
/// `CrimeCSVReport`; a file that is not one of the layouts is an error.
public enum CrimeCSV {
    /// The column layouts this reader knows.
    public enum Layout: String, Sendable, Hashable, Codable, CaseIterable {
        case street2011, street, apiExport
    }

    /// One crime with a position.
    public struct Record: Sendable, Hashable {
        /// `YYYY-MM`, as published.
        public var month: String
        /// The crime category as written in the file ("Burglary", "anti-social-behaviour"…).
        public var category: String
        /// The anonymised location ("On or near Alfred Road"), when given.
        public var location: String?
        /// Where it is (WGS84 lon/lat).
        public var position: LonLat
        /// The 1-based line of the file where the row starts.
        public var line: Int

        /// Creates a value from its parts.
        public init(month: String, category: String, location: String?, position: LonLat, line: Int) {
            self.month = month
            self.category = category
            self.location = location
            self.position = position
            self.line = line
        }
    }

    /// Why a row was skipped.
    public enum SkipReason: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
        /// The row has fewer fields than the header needs.
        case tooFewFields
        /// A coordinate field is empty.
        case missingCoordinates
        /// A coordinate field is not a number.
        case unreadableCoordinates
        /// A coordinate is not finite, out of range (lat beyond ±90, easting beyond the National Grid),
        /// or the (0, 0) placeholder.
        case impossibleCoordinates
        /// The position is valid on Earth but outside Great Britain.
        case outsideGreatBritain
        /// The grid reference could not be converted to lon/lat.
        case projectionFailed

        public static func < (a: Self, b: Self) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }
    }

    /// Where a row says the crime happened, before any projection.
    enum RawPosition: Hashable {
        case lonLat(LonLat)
        case grid(easting: Double, northing: Double)
    }

    /// A row that passed the coordinate checks.
    struct RawRecord {
        var month: String
        var category: String
        var location: String?
        var position: RawPosition
        var line: Int
    }

    /// A parsed file before grid references are projected.
    struct Parsed {
        var layout: Layout
        var records: [RawRecord]
        var report: CrimeCSVReport
    }

    /// Longitude/latitude box that holds Great Britain and its islands (with a margin).
    static let greatBritain = (west: -8.8, east: 2.0, south: 49.8, north: 61.0)
    /// The extent of the British National Grid in metres.
    static let nationalGrid = (maxEasting: 700_000.0, maxNorthing: 1_300_000.0)

    /// Reads a file from disk; grid references (2011 layout) are converted with `gridToLonLat`.
    public static func read(contentsOf url: URL,
                            gridToLonLat: ([(easting: Double, northing: Double)]) throws -> [LonLat?]) throws -> (records: [Record], report: CrimeCSVReport) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CrimeCSVError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        return try read(data, source: url.lastPathComponent, gridToLonLat: gridToLonLat)
    }

    /// Reads CSV bytes; grid references (2011 layout) are converted with `gridToLonLat`, which
    /// returns `nil` for a point it cannot convert (counted as `projectionFailed`).
    public static func read(_ data: Data, source: String,
                            gridToLonLat: ([(easting: Double, northing: Double)]) throws -> [LonLat?]) throws -> (records: [Record], report: CrimeCSVReport) {
        var parsed = try parse(data, source: source)
        var gridIndices: [Int] = []
        var gridPoints: [(easting: Double, northing: Double)] = []
        for (i, r) in parsed.records.enumerated() {
            if case let .grid(e, n) = r.position {
                gridIndices.append(i)
                gridPoints.append((e, n))
            }
        }
        var converted: [Int: LonLat?] = [:]
        if !gridPoints.isEmpty {
            let lonLats = try gridToLonLat(gridPoints)
            guard lonLats.count == gridPoints.count else {
                throw CrimeCSVError.conversionCountMismatch(expected: gridPoints.count, got: lonLats.count)
            }
            for (k, i) in gridIndices.enumerated() { converted[i] = lonLats[k] }
        }
        var records: [Record] = []
        records.reserveCapacity(parsed.records.count)
        for (i, r) in parsed.records.enumerated() {
            let position: LonLat
            switch r.position {
            case let .lonLat(p): position = p
            case .grid:
                guard let p = converted[i] ?? nil, p.lon.isFinite, p.lat.isFinite else {
                    parsed.report.skip(.projectionFailed, line: r.line, detail: "grid reference could not be converted")
                    continue
                }
                position = p
            }
            records.append(Record(month: r.month, category: r.category, location: r.location, position: position, line: r.line))
        }
        parsed.report.kept = records.count
        return (records, parsed.report)
    }

    /// Splits the file, recognises its layout and checks every row's coordinates.
    static func parse(_ data: Data, source: String) throws(CrimeCSVError) -> Parsed {
        let rows = try splitRows([UInt8](data))
        guard let header = rows.first else { throw .empty(source: source) }
        let columns = try Columns(header: header.fields, source: source)
        var report = CrimeCSVReport(source: source, layout: columns.layout)
        var records: [RawRecord] = []
        records.reserveCapacity(rows.count)
        for row in rows.dropFirst() {
            report.rows += 1
            let f = row.fields
            guard f.count > columns.required else {
                report.skip(.tooFewFields, line: row.line, detail: "\(f.count) fields, the header has \(header.fields.count)")
                continue
            }
            let first = f[columns.x].trimmingCharacters(in: .whitespaces)
            let second = f[columns.y].trimmingCharacters(in: .whitespaces)
            guard !first.isEmpty, !second.isEmpty else {
                report.skip(.missingCoordinates, line: row.line, detail: "empty \(columns.xName) or \(columns.yName)")
                continue
            }
            guard let x = Double(first), let y = Double(second) else {
                report.skip(.unreadableCoordinates, line: row.line, detail: "\(columns.xName) \"\(first.prefix(30))\", \(columns.yName) \"\(second.prefix(30))\"")
                continue
            }
            let position: RawPosition
            switch columns.layout {
            case .street2011:
                guard x.isFinite, y.isFinite, x > 0 || y > 0, (0...nationalGrid.maxEasting).contains(x),
                      (0...nationalGrid.maxNorthing).contains(y) else {
                    report.skip(.impossibleCoordinates, line: row.line, detail: "easting \(x), northing \(y) is not on the National Grid")
                    continue
                }
                position = .grid(easting: x, northing: y)
            case .street, .apiExport:
                // x is longitude, y latitude.
                guard x.isFinite, y.isFinite, (-180...180).contains(x), (-90...90).contains(y), x != 0 || y != 0 else {
                    report.skip(.impossibleCoordinates, line: row.line, detail: "longitude \(x), latitude \(y) is not a place on Earth")
                    continue
                }
                guard (greatBritain.west...greatBritain.east).contains(x), (greatBritain.south...greatBritain.north).contains(y) else {
                    report.skip(.outsideGreatBritain, line: row.line, detail: "longitude \(x), latitude \(y)")
                    continue
                }
                position = .lonLat(LonLat(lon: x, lat: y))
            }
            let location = f[columns.location].trimmingCharacters(in: .whitespaces)
            records.append(RawRecord(month: f[columns.month].trimmingCharacters(in: .whitespaces),
                                     category: f[columns.category].trimmingCharacters(in: .whitespaces),
                                     location: location.isEmpty ? nil : location,
                                     position: position, line: row.line))
        }
        report.kept = records.count
        return Parsed(layout: columns.layout, records: records, report: report)
    }

    /// Where the needed fields sit in a layout.
    struct Columns {
        var layout: Layout
        var month: Int, category: Int, location: Int
        /// Easting or longitude, and northing or latitude.
        var x: Int, y: Int
        var xName: String, yName: String
        /// The highest index a row must have.
        var required: Int { max(month, category, location, x, y) }

        init(header: [String], source: String) throws(CrimeCSVError) {
            let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            func index(_ name: String) -> Int? { names.firstIndex(of: name) }
            if let e = index("easting"), let n = index("northing"), let m = index("month"),
               let c = index("crime type"), let l = index("location") {
                self.init(layout: .street2011, month: m, category: c, location: l, x: e, y: n, xName: "Easting", yName: "Northing")
            } else if let lon = index("longitude"), let lat = index("latitude"), let m = index("month"),
                      let c = index("crime type"), let l = index("location") {
                self.init(layout: .street, month: m, category: c, location: l, x: lon, y: lat, xName: "Longitude", yName: "Latitude")
            } else if let lon = index("longitude"), let lat = index("latitude"), let m = index("month"),
                      let c = index("type"), let s = index("street") {
                self.init(layout: .apiExport, month: m, category: c, location: s, x: lon, y: lat, xName: "longitude", yName: "latitude")
            } else {
                throw .unknownHeader(source: source, columns: header)
            }
        }

        private init(layout: Layout, month: Int, category: Int, location: Int, x: Int, y: Int, xName: String, yName: String) {
            self.layout = layout
            self.month = month
            self.category = category
            self.location = location
            self.x = x
            self.y = y
            self.xName = xName
            self.yName = yName
        }
    }
}
