import Foundation
import GeoKit
import DispatchCore

/// A problem in a replay file, naming the line and the column.
public struct ReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String
    public var message: String
    public var description: String { "\(file):\(line): \(column.isEmpty ? "" : "\(column): ")\(message)" }
}

/// The replay format: a CSV of calls that the simulator plays instead of generating them.
///
/// Header row, then one call per row. Columns (any order):
/// - `time`: seconds from the start of the run, or an ISO 8601 date-time (then counted from the
///   midnight, UTC, before the earliest call);
/// - `lon`,`lat` (WGS84 degrees) or `easting`,`northing` (British National Grid metres);
/// - `grade` (1–4); `type` (an incident type, e.g. `domestic-abuse`);
/// - optional `capabilities` (names separated by `;`) and `on_scene_minutes` (drawn from the
///   scenario's on-scene model, deterministically from the seed, when empty).
/// Call-handling time is not in the format; it is drawn from the scenario's model for the grade.
///
/// Every row must be valid: a bad row is an error naming its line, never a silently dropped call.
public enum ReplayFile {
    public static let header = ["time", "lon", "lat", "grade", "type", "capabilities", "on_scene_minutes"]

    /// The WGS84 ⇄ British National Grid transformer, made on first use.
    static func britishNationalGrid() throws -> CoordinateTransformer {
        try transformerCache.get()
    }
    private static let transformerCache = LazyTransformer()

    /// Reads a replay file.
    public static func read(contentsOf url: URL, demand: DemandSpec = DemandSpec(), seed: UInt64 = 0) throws -> [SimCall] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try read(text: text, file: url.lastPathComponent, demand: demand, seed: seed)
    }

    /// Reads replay text.
    public static func read(text: String, file: String = "replay.csv", demand: DemandSpec = DemandSpec(),
                            seed: UInt64 = 0) throws(ReplayError) -> [SimCall] {
        var rows = CSVRows(text)
        guard let headerRow = rows.next() else { throw ReplayError(file: file, line: 1, column: "", message: "the file is empty") }
        let columns = headerRow.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func index(_ name: String) -> Int? { columns.firstIndex(of: name) }
        guard let timeCol = index("time") else { throw ReplayError(file: file, line: 1, column: "time", message: "missing column 'time'") }
        guard let gradeCol = index("grade") else { throw ReplayError(file: file, line: 1, column: "grade", message: "missing column 'grade'") }
        guard let typeCol = index("type") else { throw ReplayError(file: file, line: 1, column: "type", message: "missing column 'type'") }
        let lonCol = index("lon"), latCol = index("lat"), eastCol = index("easting"), northCol = index("northing")
        guard (lonCol != nil && latCol != nil) || (eastCol != nil && northCol != nil) else {
            throw ReplayError(file: file, line: 1, column: "", message: "needs columns lon,lat or easting,northing")
        }
        let capsCol = index("capabilities"), sceneCol = index("on_scene_minutes")

        var scenes = SimRandom(seed: seed, stream: "replay-on-scene")
        var handlings = SimRandom(seed: seed, stream: "replay-handling")
        var parsed: [(time: Double?, date: Date?, call: SimCall)] = []
        let iso = ISO8601DateFormatter()
        while let row = rows.next() {
            let f = row.fields
            if f.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func field(_ i: Int?) -> String {
                guard let i, i < f.count else { return "" }
                return f[i].trimmingCharacters(in: .whitespaces)
            }
            func fail(_ column: String, _ message: String) -> ReplayError {
                ReplayError(file: file, line: row.line, column: column, message: message)
            }
            let timeText = field(timeCol)
            var seconds: Double?
            var date: Date?
            if let s = Double(timeText), s.isFinite, s >= 0 { seconds = s } else if let d = iso.date(from: timeText) { date = d } else {
                throw fail("time", "'\(timeText)' is neither seconds from the start nor an ISO 8601 date-time")
            }
            let location: LonLat
            if lonCol != nil, !field(lonCol).isEmpty || eastCol == nil {
                guard let lon = Double(field(lonCol)), let lat = Double(field(latCol)) else {
                    throw fail("lon/lat", "missing or not a number: '\(field(lonCol))', '\(field(latCol))'")
                }
                do { location = try LonLat(validatingLon: lon, lat: lat) } catch { throw fail("lon/lat", error.description) }
            } else {
                guard let e = Double(field(eastCol)), let n = Double(field(northCol)),
                      (0...700_000).contains(e), (0...1_300_000).contains(n) else {
                    throw fail("easting/northing", "missing, not a number or outside Great Britain: '\(field(eastCol))', '\(field(northCol))'")
                }
                do {
                    let c = try ReplayFile.britishNationalGrid().inverse(Coordinate(x: e, y: n))
                    location = try LonLat(validatingLon: c.x, lat: c.y)
                } catch {
                    throw fail("easting/northing", "\(error)")
                }
            }
            guard let g = Int(field(gradeCol)), let grade = Grade(rawValue: g) else {
                throw fail("grade", "'\(field(gradeCol))' is not a grade (1, 2, 3 or 4)")
            }
            let type = field(typeCol)
            guard !type.isEmpty else { throw fail("type", "an incident type is needed") }
            var caps: Capabilities = []
            let capsText = field(capsCol)
            if !capsText.isEmpty {
                do { caps = try Capabilities(names: capsText.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }) } catch {
                    throw fail("capabilities", error.description)
                }
            }
            let onScene: Double
            let sceneText = field(sceneCol)
            if sceneText.isEmpty {
                let model = demand.onScene[IncidentType(rawValue: type)] ?? demand.defaultOnScene
                onScene = min(12 * 3600, max(60, scenes.lognormal(median: model.medianSeconds, sigma: model.sigma)))
            } else {
                guard let minutes = Double(sceneText), minutes > 0, minutes <= 24 * 60 else {
                    throw fail("on_scene_minutes", "'\(sceneText)' is not a number of minutes between 0 and 1440")
                }
                onScene = minutes * 60
            }
            // Call handling is not in the file: drawn from the scenario's model for the grade.
            let handlingModel = demand.handling[grade]
            let handling = min(3600, handlings.lognormal(median: handlingModel?.medianSeconds ?? 0, sigma: handlingModel?.sigma ?? 0))
            parsed.append((seconds, date, SimCall(time: seconds ?? 0, location: location, grade: grade,
                                                  type: IncidentType(rawValue: type), extraCapabilities: caps, onSceneSeconds: onScene,
                                                  handlingSeconds: handling)))
        }
        // Date-times count from the midnight (UTC) before the earliest one.
        if let first = parsed.compactMap(\.date).min() {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
            let midnight = calendar.startOfDay(for: first)
            for i in parsed.indices { if let d = parsed[i].date { parsed[i].call.time = d.timeIntervalSince(midnight) } }
        }
        return parsed.map(\.call).enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    /// Writes calls in the replay format (lon/lat, seconds from the start).
    public static func write(_ calls: [SimCall]) -> String {
        var out = header.joined(separator: ",") + "\n"
        for c in calls {
            out += String(format: "%.1f,%.6f,%.6f,%d,%@,%@,%.1f\n", c.time, c.location.lon, c.location.lat, c.grade.rawValue,
                          c.type.rawValue, c.extraCapabilities.names.joined(separator: ";"), c.onSceneSeconds / 60)
        }
        return out
    }
}

/// Splits CSV text into rows of fields (RFC 4180 quoting), remembering each row's line number.
struct CSVRows: IteratorProtocol {
    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var line = 1

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    mutating func next() -> (line: Int, fields: [String])? {
        guard i < scalars.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if quoted {
                if c == "\"" {
                    if i < scalars.count && scalars[i] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(String(field)); field = String.UnicodeScalarView()
            } else if c == "\n" || c == "\r" {
                if c == "\r" && i < scalars.count && scalars[i] == "\n" { i += 1 }
                line += 1
                break
            } else {
                field.append(c)
            }
        }
        fields.append(String(field))
        return (startLine, fields)
    }
}

/// Creates the PROJ transformer once, on first use (PROJ's database is checked then).
final class LazyTransformer: @unchecked Sendable {
    private let lock = NSLock()
    private var transformer: CoordinateTransformer?

    func get() throws -> CoordinateTransformer {
        lock.lock()
        defer { lock.unlock() }
        if let transformer { return transformer }
        let made = try CoordinateTransformer.wgs84ToBritishNationalGrid()
        transformer = made
        return made
    }
}
