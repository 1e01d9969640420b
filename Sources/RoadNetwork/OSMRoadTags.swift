import Foundation

/// How OpenStreetMap tags become a `RoadWay` for a response car.
///
/// - `highway`: the classes in `RoadClass`; anything else (footway, track, construction…) is skipped.
/// - access: the most specific of `motorcar`, `motor_vehicle`, `vehicle`, `access`; `no`, `private`,
///   `agricultural`, `forestry`, `delivery`, `emergency`… deny (so `emergency=yes` bus gates are not
///   used: a known simplification). `area=yes`, `impassable=yes`, `disused=yes` are skipped.
/// - `oneway`: `yes`/`1`/`true` forward, `-1`/`reverse` backward, `no`/`false`/`0` two-way;
///   `reversible`/`alternating` ways are skipped (their direction depends on the hour).
///   `junction=roundabout|circular` and `highway=motorway|motorway_link` imply forward.
/// - `maxspeed` (see `parseMaxspeed`), falling back to `maxspeed:type` / `source:maxspeed` zone codes.
enum OSMRoadTags {
    enum Outcome: Equatable {
        case road(RoadWay)
        case skipped(String)
    }

    static let deniedAccess: Set<String> = [
        "no", "private", "agricultural", "forestry", "delivery", "emergency", "military", "psv", "bus", "permit",
    ]

    /// The way as a road, or why it is skipped; `nil` when it has no `highway` tag at all.
    static func classify(id: Int64, nodes: [Int64], tags: [String: String]) -> Outcome? {
        guard let highway = tags["highway"] else { return nil }
        guard let roadClass = RoadClass(rawValue: highway) else { return .skipped("highway=\(highway)") }
        if tags["area"] == "yes" { return .skipped("area=yes") }
        if tags["impassable"] == "yes" || tags["status"] == "impassable" { return .skipped("impassable") }
        if tags["disused"] == "yes" { return .skipped("disused=yes") }
        for key in ["motorcar", "motor_vehicle", "vehicle", "access"] {
            if let value = tags[key] {
                if deniedAccess.contains(value) { return .skipped("\(key)=\(value)") }
                break
            }
        }
        var oneway: Oneway = .no
        if ["roundabout", "circular"].contains(tags["junction"] ?? "") || roadClass == .motorway || roadClass == .motorwayLink {
            oneway = .forward
        }
        switch tags["oneway"] {
        case "yes", "1", "true": oneway = .forward
        case "-1", "reverse": oneway = .backward
        case "no", "false", "0": oneway = .no
        case "reversible", "alternating": return .skipped("oneway=\(tags["oneway"] ?? "")")
        default: break
        }
        var maxspeed = tags["maxspeed"].flatMap(parseMaxspeed)
        if maxspeed == nil, tags["maxspeed"] == nil {
            maxspeed = (tags["maxspeed:type"] ?? tags["source:maxspeed"]).flatMap(parseMaxspeed)
        }
        return .road(RoadWay(id: id, nodes: nodes, roadClass: roadClass, oneway: oneway,
                             maxspeedKmh: maxspeed, name: tags["name"] ?? tags["ref"]))
    }

    /// A `maxspeed` value in km/h: "50", "30 mph", "50 km/h", "10 knots", "walk", zone codes such as
    /// "GB:nsl_single" (60 mph), "GB:nsl_dual" / "GB:motorway" (70 mph), "XX:urban", "XX:rural",
    /// "XX:motorway", "XX:living_street", "DE:zone30"; several values separated by ";" give the lowest.
    /// `nil` for "none" (no limit: the class default applies), "signals", "variable" and anything unknown.
    static func parseMaxspeed(_ raw: String) -> Double? {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if text.contains(";") {
            return text.split(separator: ";").compactMap { parseMaxspeed(String($0)) }.min()
        }
        switch text {
        case "", "none", "signals", "variable", "unknown": return nil
        case "walk": return 6
        default: break
        }
        let mph = 1.609344
        if let colon = text.firstIndex(of: ":") {
            let country = String(text[..<colon])
            let zone = String(text[text.index(after: colon)...])
            let uk = country == "gb" || country == "uk"
            switch zone {
            case "nsl_single", "national": return uk ? 60 * mph : nil
            case "nsl_dual": return uk ? 70 * mph : nil
            case "nsl_restricted": return uk ? 30 * mph : nil
            case "motorway": return uk ? 70 * mph : (country == "de" ? nil : 120)
            case "urban": return uk ? 30 * mph : (country == "ru" ? 60 : 50)
            case "rural":
                switch country {
                case "gb", "uk": return 60 * mph
                case "fi", "fr", "se", "no", "dk": return 80
                case "de", "at": return 100
                default: return 90
                }
            case "trunk": return uk ? 70 * mph : 100
            case "living_street": return 20
            case "bicycle_road": return 30
            default:
                let digits = zone.filter(\.isNumber)
                if zone.hasPrefix("zone"), let v = Double(digits) { return v }
                return nil
            }
        }
        var number = ""
        var rest = Substring(text)
        while let c = rest.first, c.isNumber || c == "." { number.append(c); rest = rest.dropFirst() }
        guard let value = Double(number), value > 0, value < 400 else { return nil }
        let unit = rest.trimmingCharacters(in: .whitespaces)
        switch unit {
        case "", "km/h", "kmh", "kph": return value
        case "mph": return value * mph
        case "knots": return value * 1.852
        default: return nil
        }
    }
}
