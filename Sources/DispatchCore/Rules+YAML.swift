import Foundation

extension Rules {
    /// The rules-document schema this code reads.
    public static let schemaVersion = 1

    /// Reads a rules document (YAML). Fields left out take the defaults of `Rules()`; unknown
    /// fields, wrong types, impossible values and unknown capabilities are errors that name the
    /// line and the field.
    public static func load(yaml text: String, document: String = "rules.yaml") throws(ConfigError) -> Rules {
        let root = try ConfigNode.parse(text, document: document)
        try root.checkKeys(["schema", "version", "name", "targets", "blueLights", "incidentTypes", "weights",
                            "diversion", "crossBorder", "gps", "candidates", "coverage"])
        var rules = Rules()
        if let schema = try root.optional("schema") {
            let v = try schema.int()
            guard v == schemaVersion else { throw schema.error("schema \(v) is not supported; this BlueLamp reads schema \(schemaVersion)") }
        }
        let version = try root.required("version")
        rules.version = try version.string()
        guard !rules.version.isEmpty else { throw version.error("version must not be empty") }
        if let name = try root.optional("name") { rules.name = try name.string() }

        if let targets = try root.optional("targets") {
            try targets.checkKeys(["grade1", "grade2", "grade3"])
            if let g1 = try targets.optional("grade1") {
                if g1.node.mapping != nil {
                    try g1.checkKeys(["urban", "rural"])
                    if let u = try g1.optional("urban") { rules.targets.grade1Urban = try u.duration() }
                    if let r = try g1.optional("rural") { rules.targets.grade1Rural = try r.duration() }
                } else {
                    let d = try g1.duration()
                    rules.targets.grade1Urban = d
                    rules.targets.grade1Rural = d
                }
            }
            if let g2 = try targets.optional("grade2") { rules.targets.grade2 = try g2.duration() }
            if let g3 = try targets.optional("grade3") { rules.targets.grade3 = try g3.duration() }
            guard rules.targets.grade1Urban > 0, rules.targets.grade1Urban <= rules.targets.grade2 else {
                throw targets.error("the Grade 1 target must be positive and no longer than the Grade 2 target")
            }
        }
        if let blue = try root.optional("blueLights") { rules.blueLightGrades = Set(try grades(blue)) }
        if let types = try root.optional("incidentTypes") {
            var parsed: [IncidentType: IncidentTypeRule] = [:]
            for (name, entry) in try types.entries() {
                try entry.checkKeys(["grade", "requires", "crew"])
                let grade = try grade(entry.required("grade"))
                var req = Requirements()
                if let requires = try entry.optional("requires") {
                    for item in try requires.items() {
                        let capName = try item.string()
                        guard let cap = Capabilities(name: capName) else {
                            throw item.error(UnknownCapabilityError(name: capName).description)
                        }
                        req.capabilities.insert(cap)
                    }
                }
                if let crew = try entry.optional("crew") { req.minimumCrew = try crew.int(in: 1...12) }
                parsed[IncidentType(rawValue: name)] = IncidentTypeRule(defaultGrade: grade, requirements: req)
            }
            rules.incidentTypes = parsed
        }
        if let w = try root.optional("weights") {
            try w.checkKeys(["travel", "lateness", "workload", "cover", "diversion", "crossBorder"])
            let range = 0.0...10_000.0
            if let v = try w.optional("travel") { rules.weights.travel = try v.double(in: range) }
            if let v = try w.optional("lateness") { rules.weights.lateness = try v.double(in: range) }
            if let v = try w.optional("workload") { rules.weights.workload = try v.double(in: range) }
            if let v = try w.optional("cover") { rules.weights.cover = try v.double(in: range) }
            if let v = try w.optional("diversion") { rules.weights.diversion = try v.double(in: range) }
            if let v = try w.optional("crossBorder") { rules.weights.crossBorder = try v.double(in: range) }
            guard rules.weights.travel > 0 || rules.weights.lateness > 0 else {
                throw w.error("travel and lateness cannot both be zero: nothing would favour the closer unit")
            }
        }
        if let d = try root.optional("diversion") {
            try d.checkKeys(["allowed", "from", "to", "interruptRefreshment"])
            if let v = try d.optional("allowed") { rules.diversion.allowed = try v.bool() }
            if let v = try d.optional("from") { rules.diversion.fromGrades = Set(try grades(v)) }
            if let v = try d.optional("to") { rules.diversion.toGrades = Set(try grades(v)) }
            if let v = try d.optional("interruptRefreshment") { rules.diversion.interruptRefreshment = try v.bool() }
            if let lowest = rules.diversion.toGrades.max(), let from = rules.diversion.fromGrades.min(), from <= lowest {
                throw d.error("a unit may only be diverted to a more urgent grade: 'from' (\(from)) must be lower priority than every 'to' grade (\(lowest))")
            }
        }
        if let c = try root.optional("crossBorder") {
            try c.checkKeys(["allowed", "maxEta"])
            if let v = try c.optional("allowed") { rules.crossBorder.allowed = try v.bool() }
            if let v = try c.optional("maxEta") { rules.crossBorder.maxEtaSeconds = try v.duration() }
        }
        if let g = try root.optional("gps") {
            try g.checkKeys(["staleAfter"])
            if let v = try g.optional("staleAfter") {
                rules.staleFixSeconds = try v.duration()
                guard rules.staleFixSeconds >= 5 else { throw v.error("staleAfter below 5 s would distrust every fix") }
            }
        }
        if let c = try root.optional("candidates") {
            try c.checkKeys(["nearest", "within"])
            if let v = try c.optional("nearest") { rules.candidates.nearest = try v.int(in: 1...10_000) }
            if let v = try c.optional("within") { rules.candidates.maxStraightLineMetres = try v.distance() }
        }
        if let c = try root.optional("coverage") {
            try c.checkKeys(["speed", "circuity", "moveUpBelow"])
            if let v = try c.optional("speed") {
                let text = try v.string().lowercased().replacingOccurrences(of: "km/h", with: "")
                    .trimmingCharacters(in: .whitespaces)
                guard let kmh = Double(text), kmh > 0, kmh < 200 else { throw v.error("expected a speed such as '40 km/h'") }
                rules.coverage.coverSpeedKmh = kmh
            }
            if let v = try c.optional("circuity") { rules.coverage.circuity = try v.double(in: 1...3) }
            if let v = try c.optional("moveUpBelow") { rules.coverage.moveUpBelow = try v.double(in: 0...1) }
        }
        return rules
    }

    /// Reads a rules file.
    public static func load(contentsOf url: URL) throws -> Rules {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try load(yaml: text, document: url.lastPathComponent)
    }

    private static func grade(_ node: ConfigNode) throws(ConfigError) -> Grade {
        let v = try node.int()
        guard let g = Grade(rawValue: v) else { throw node.error("grade must be 1, 2, 3 or 4, got \(v)") }
        return g
    }

    private static func grades(_ node: ConfigNode) throws(ConfigError) -> [Grade] {
        try node.items().map { (item: ConfigNode) throws(ConfigError) -> Grade in try grade(item) }
    }

    /// The rules as a YAML document that `load(yaml:)` reads back to an equal value.
    public func yaml() -> String {
        func dur(_ s: Double) -> String {
            s.truncatingRemainder(dividingBy: 60) == 0 ? "\(fmt(s / 60)) min" : "\(fmt(s)) s"
        }
        func fmt(_ v: Double) -> String {
            v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
        }
        func gradeList(_ g: Set<Grade>) -> String { "[" + g.sorted().map { String($0.rawValue) }.joined(separator: ", ") + "]" }
        var out = """
        schema: \(Rules.schemaVersion)
        version: "\(version)"
        name: "\(name)"
        targets:
          grade1: { urban: \(dur(targets.grade1Urban)), rural: \(dur(targets.grade1Rural)) }
          grade2: \(dur(targets.grade2))
          grade3: \(dur(targets.grade3))
        blueLights: \(gradeList(blueLightGrades))
        incidentTypes:

        """
        for (type, rule) in incidentTypes.sorted(by: { $0.key < $1.key }) {
            var parts = ["grade: \(rule.defaultGrade.rawValue)"]
            if !rule.requirements.capabilities.isEmpty {
                parts.append("requires: [\(rule.requirements.capabilities.names.joined(separator: ", "))]")
            }
            if rule.requirements.minimumCrew != 1 { parts.append("crew: \(rule.requirements.minimumCrew)") }
            out += "  \(type.rawValue): { \(parts.joined(separator: ", ")) }\n"
        }
        out += """
        weights:
          travel: \(weights.travel)
          lateness: \(weights.lateness)
          workload: \(weights.workload)
          cover: \(weights.cover)
          diversion: \(weights.diversion)
          crossBorder: \(weights.crossBorder)
        diversion:
          allowed: \(diversion.allowed)
          from: \(gradeList(diversion.fromGrades))
          to: \(gradeList(diversion.toGrades))
          interruptRefreshment: \(diversion.interruptRefreshment)
        crossBorder:
          allowed: \(crossBorder.allowed)
          maxEta: \(dur(crossBorder.maxEtaSeconds))
        gps:
          staleAfter: \(dur(staleFixSeconds))
        candidates:
          nearest: \(candidates.nearest)
          within: \(fmt(candidates.maxStraightLineMetres)) m
        coverage:
          speed: \(fmt(coverage.coverSpeedKmh)) km/h
          circuity: \(coverage.circuity)
          moveUpBelow: \(coverage.moveUpBelow)

        """
        return out
    }
}
