import Foundation
import DispatchCore

extension Scenario {
    /// Reads a scenario file. Paths inside (pack, rules, replay) are relative to the file's folder.
    /// Errors name the line and the field.
    public static func load(contentsOf url: URL) throws -> Scenario {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try load(yaml: text, document: url.lastPathComponent, relativeTo: url.deletingLastPathComponent())
    }

    /// Reads a scenario from YAML text.
    public static func load(yaml text: String, document: String, relativeTo folder: URL) throws(ConfigError) -> Scenario {
        let root = try ConfigNode.parse(text, document: document)
        try root.checkKeys(["name", "description", "pack", "rules", "seed", "duration", "startWeekday", "shifts",
                            "fleet", "demand", "replay", "behaviour"])
        func path(_ node: ConfigNode) throws(ConfigError) -> URL {
            let p = try node.string()
            guard !p.isEmpty else { throw node.error("a path must not be empty") }
            return p.hasPrefix("/") ? URL(fileURLWithPath: p) : folder.appendingPathComponent(p).standardizedFileURL
        }
        let name = try root.required("name").string()
        let seedNode = try root.required("seed")
        guard let seed = UInt64(try seedNode.string()) else { throw seedNode.error("the seed must be a whole number ≥ 0") }
        var scenario = Scenario(name: name, pack: try path(root.required("pack")), rules: try path(root.required("rules")),
                                seed: seed, durationSeconds: try root.required("duration").duration(), fleet: [])
        guard scenario.durationSeconds > 0 else { throw try root.required("duration").error("the duration must be positive") }
        if let d = try root.optional("description") { scenario.description = try d.string() }
        if let w = try root.optional("startWeekday") {
            let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
            guard let i = days.firstIndex(of: try w.string().lowercased()) else {
                throw w.error("expected a day name such as 'wednesday'")
            }
            scenario.startWeekday = i
        }
        if let shifts = try root.optional("shifts") {
            scenario.shifts = []
            for item in try shifts.items() {
                try item.checkKeys(["name", "start", "length"])
                let startNode = try item.required("start")
                guard let start = clockTime(try startNode.string()) else { throw startNode.error("expected a time of day such as '07:00'") }
                let length = try item.required("length").duration()
                guard length > 0, length <= 24 * 3600 else { throw item.error("a shift lasts more than 0 and at most 24 h") }
                scenario.shifts.append(ShiftSpec(name: try item.required("name").string(), start: start, length: length))
            }
            guard !scenario.shifts.isEmpty else { throw shifts.error("at least one shift is needed") }
        }
        let fleet = try root.required("fleet")
        var prefixes = Set<String>()
        for item in try fleet.items() {
            try item.checkKeys(["name", "prefix", "kind", "perShift", "crew", "capabilities", "stations"])
            let prefixNode = try item.required("prefix")
            let prefix = try prefixNode.string()
            guard !prefix.isEmpty, prefixes.insert(prefix).inserted else { throw prefixNode.error("prefixes must be unique and not empty") }
            var group = FleetGroup(name: try item.required("name").string(), prefix: prefix,
                                   perShift: try item.required("perShift").int(in: 0...5_000))
            if let k = try item.optional("kind") {
                guard let kind = UnitKind(rawValue: try k.string()) else {
                    throw k.error("unknown unit kind; expected one of: \(UnitKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                group.kind = kind
            }
            if let c = try item.optional("crew") { group.crew = try c.int(in: 1...12) }
            if let c = try item.optional("capabilities") {
                for capNode in try c.items() {
                    let capName = try capNode.string()
                    guard let cap = Capabilities(name: capName) else { throw capNode.error(UnknownCapabilityError(name: capName).description) }
                    group.capabilities.insert(cap)
                }
            }
            if let s = try item.optional("stations") { group.stations = try s.strings() }
            scenario.fleet.append(group)
        }
        guard !scenario.fleet.isEmpty else { throw fleet.error("the fleet needs at least one group") }
        if let demand = try root.optional("demand") { scenario.demand = try readDemand(demand) }
        if let replay = try root.optional("replay") { scenario.replay = try path(replay) }
        if let b = try root.optional("behaviour") {
            try b.checkKeys(["afterClearing", "refreshment", "heartbeat"])
            if let a = try b.optional("afterClearing") {
                guard let v = Behaviour.AfterClearing(rawValue: try a.string()) else { throw a.error("expected return-to-station or stay") }
                scenario.behaviour.afterClearing = v
            }
            if let r = try b.optional("refreshment") {
                try r.checkKeys(["after", "length"])
                if let v = try r.optional("after") { scenario.behaviour.refreshmentAfter = try v.duration() }
                if let v = try r.optional("length") { scenario.behaviour.refreshmentLength = try v.duration() }
            }
            if let h = try b.optional("heartbeat") {
                scenario.behaviour.heartbeatSeconds = try h.duration()
                guard scenario.behaviour.heartbeatSeconds >= 10 else { throw h.error("a heartbeat under 10 s is not realistic") }
            }
        }
        return scenario
    }

    private static func readDemand(_ node: ConfigNode) throws(ConfigError) -> DemandSpec {
        try node.checkKeys(["callsPerDay", "hourly", "weekly", "grades", "types", "hotSpotShare", "onScene", "followUp", "handling"])
        var d = DemandSpec()
        if let v = try node.optional("callsPerDay") { d.callsPerDay = try v.double(in: 0...1_000_000) }
        if let v = try node.optional("hourly") {
            d.hourly = try v.items().map { (n: ConfigNode) throws(ConfigError) -> Double in try n.double(in: 0...1e9) }
            guard d.hourly.count == 24, d.hourly.contains(where: { $0 > 0 }) else { throw v.error("give 24 weights, not all zero") }
        }
        if let v = try node.optional("weekly") {
            d.weekly = try v.items().map { (n: ConfigNode) throws(ConfigError) -> Double in try n.double(in: 0...1e9) }
            guard d.weekly.count == 7, d.weekly.contains(where: { $0 > 0 }) else { throw v.error("give 7 weights, Monday first, not all zero") }
        }
        if let v = try node.optional("grades") {
            var mix: [Grade: Double] = [:]
            for (key, value) in try v.entries() {
                guard let g = Int(key).flatMap(Grade.init(rawValue:)) else { throw value.error("grades are 1, 2, 3 or 4") }
                mix[g] = try value.double(in: 0...1e9)
            }
            guard mix.values.contains(where: { $0 > 0 }) else { throw v.error("the grade mix is all zero") }
            d.grades = mix
        }
        if let v = try node.optional("types") {
            var types: [Grade: [DemandSpec.WeightedType]] = [:]
            for (key, value) in try v.entries() {
                guard let g = Int(key).flatMap(Grade.init(rawValue:)) else { throw value.error("grades are 1, 2, 3 or 4") }
                types[g] = try value.entries().map { (entry: (key: String, value: ConfigNode)) throws(ConfigError) in
                    DemandSpec.WeightedType(IncidentType(rawValue: entry.key), try entry.value.double(in: 0...1e9))
                }
            }
            d.types = types
        }
        if let v = try node.optional("hotSpotShare") { d.hotSpotShare = try v.double(in: 0...1) }
        if let v = try node.optional("onScene") {
            for (key, value) in try v.entries() {
                try value.checkKeys(["median", "sigma"])
                let o = DemandSpec.OnScene(medianSeconds: try value.required("median").duration(),
                                           sigma: try value.required("sigma").double(in: 0...3))
                if key == "default" { d.defaultOnScene = o } else { d.onScene[IncidentType(rawValue: key)] = o }
            }
        }
        if let v = try node.optional("handling") {
            for (key, value) in try v.entries() {
                guard let g = Int(key).flatMap(Grade.init(rawValue:)) else { throw value.error("grades are 1, 2, 3 or 4") }
                try value.checkKeys(["median", "sigma"])
                d.handling[g] = DemandSpec.OnScene(medianSeconds: try value.required("median").duration(),
                                                   sigma: try value.required("sigma").double(in: 0...3))
            }
        }
        if let v = try node.optional("followUp") {
            try v.checkKeys(["share", "median", "sigma"])
            if let share = try v.optional("share") { d.followUpShare = try share.double(in: 0...1) }
            if let median = try v.optional("median") { d.followUp.medianSeconds = try median.duration() }
            if let sigma = try v.optional("sigma") { d.followUp.sigma = try sigma.double(in: 0...3) }
        }
        return d
    }

    /// "07:00" or "23:30" → seconds after midnight.
    static func clockTime(_ text: String) -> Double? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else {
            return nil
        }
        return Double(h * 3600 + m * 60)
    }
}
