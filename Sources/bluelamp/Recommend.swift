import ArgumentParser
import Foundation
import GeoKit
import DispatchCore
import RoadNetwork
import Simulation

/// `bluelamp recommend`: the ranked, explained recommendation for one incident.
struct Recommend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank units for an incident on a region pack, with the reasons; or say why no unit is suitable.",
        discussion: """
        Units come from a CSV file (--units: call_sign,lon,lat[,status,capabilities,crew,district,fix_age_seconds]; \
        capabilities separated by ';') or are placed at random around the pack's hot spots (--random-units N).
        """
    )

    @Option(help: "Region pack folder.") var pack = "GeoData/packs/generated-metro"
    @Option(help: "Units CSV file.") var units: String?
    @Option(help: "Place this many units at random around the hot spots instead.") var randomUnits: Int?
    @Option(help: "Seed for --random-units.") var seed: UInt64 = 1
    @Option(help: "Incident location as 'lon,lat'.") var at: String
    @Option(help: "Incident type, e.g. firearms, domestic-abuse, theft.") var type = "concern-for-welfare"
    @Option(help: "Grade 1–4 (default: the rules' grade for the type).") var grade: Int?
    @Option(help: "Rules file.") var rules = "Simulations/rules/default.yaml"
    @Option(help: "How many units to list.") var top = 5
    @Option(help: "Road graph cache folder.") var cache: String?
    @Flag(help: "Use the straight-line travel model instead of roads.") var fallback = false
    @Flag(help: "Print the recommendation as JSON.") var json = false

    func run() throws {
        let rulesValue = try Rules.load(contentsOf: URL(fileURLWithPath: rules))
        let parts = at.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lon = parts[0], let lat = parts[1] else {
            throw ValidationError("--at must be 'lon,lat', e.g. '-1.90,52.48'")
        }
        let location: LonLat
        do { location = try LonLat(validatingLon: lon, lat: lat) } catch { throw ValidationError("--at: \(error)") }
        let loaded = try RegionPack.load(from: URL(fileURLWithPath: pack), cacheDirectory: cache.map { URL(fileURLWithPath: $0) },
                                         useFallback: fallback)
        var state = UnitPlacement.emptyState(loaded, rules: rulesValue)
        let now: Timestamp = 100_000
        if let units {
            for e in try UnitPlacement.read(csv: URL(fileURLWithPath: units), now: now) { try state.apply(e) }
        } else if let n = randomUnits {
            for e in UnitPlacement.random(count: n, around: loaded.pack, seed: seed, now: now) { try state.apply(e) }
        } else {
            throw ValidationError("give --units FILE or --random-units N")
        }
        let incidentType = IncidentType(rawValue: type)
        let chosenGrade: Grade
        if let grade {
            guard let g = Grade(rawValue: grade) else { throw ValidationError("--grade must be 1, 2, 3 or 4") }
            chosenGrade = g
        } else {
            chosenGrade = rulesValue.incidentTypes[incidentType]?.defaultGrade ?? .priority
        }
        let district = loaded.pack.district(containing: location)?.code
        try state.apply(.callReceived(CallReceived(incidentID: "CLI-1", type: incidentType, grade: chosenGrade, location: location,
                                                   district: district, at: now)))
        guard let incident = state.incidents["CLI-1"] else { return }
        let started = DispatchTime.now().uptimeNanoseconds
        let r = Recommender(rules: rulesValue).recommend(for: incident, in: state, at: now, maxResults: top)
        let micros = Double(DispatchTime.now().uptimeNanoseconds - started) / 1000
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(r), as: UTF8.self))
            return
        }
        print("\(chosenGrade) \(incidentType) at \(location) in \(district ?? "no district") — rules \(r.rulesVersion)")
        if let target = r.targetSeconds { print("target \(formatDuration(target)); needs \(r.requirements.capabilities), crew \(r.requirements.minimumCrew)") }
        print("\(state.units.count) units on the roster, \(r.scored) scored in \(String(format: "%.0f", micros)) µs; nearer units passed over: \(r.passedOver.summary)\n")
        for u in r.ranked {
            print(String(format: "%d. %@  ETA %@  cost %.1f  (%@, %@)", u.rank, u.callSign.rawValue, formatDuration(u.etaSeconds),
                         u.cost, u.status.rawValue, u.district))
            for line in u.explanation { print("     – \(line)") }
        }
        if let none = r.noSuitableUnit {
            print("No suitable unit: \(none.summary)")
            print("Roster: \(none.excluded.summary)")
            for o in none.options { print("   option: \(o.kind.rawValue) \(o.callSign) — ETA \(formatDuration(o.etaSeconds)); \(o.detail)") }
        }
    }
}

/// Units for the recommend command and benchmarks: from a CSV file, or placed at random.
enum UnitPlacement {
    /// An empty control room over a pack, with its hot spots as demand for district cover.
    static func emptyState(_ loaded: LoadedRegionPack, rules: Rules) -> ControlRoomState {
        let box = loaded.pack.boundary.boundingBox ?? BoundingBox(minX: -2.21, minY: 52.34, maxX: -1.42, maxY: 52.67)
        let demand = SimulationSetup.demandPoints(in: loaded.pack)
        return ControlRoomState(west: box.minX, south: box.minY, east: box.maxX, north: box.maxY, travel: loaded.travel,
                                demand: demand, coverRadiusMetres: rules.coverage.radiusMetres(forSeconds: rules.targets.grade1Urban))
    }

    /// `count` units scattered around the hot spots (seeded): 70 % available, the rest committed
    /// or on a break; a mix of crews and kit.
    static func random(count: Int, around pack: RegionPack, seed: UInt64, now: Timestamp) -> [DispatchEvent] {
        var rng = SimRandom(seed: seed, stream: "units")
        let weights = cumulativeSums(pack.hotSpots.map(\.weight))
        let metresPerDegree = LonLat.earthRadiusMetres * .pi / 180
        var events: [DispatchEvent] = []
        for i in 0..<count {
            var p = LonLat(lon: -1.9, lat: 52.48)
            for _ in 0..<20 {
                let spot = pack.hotSpots.isEmpty ? nil : pack.hotSpots[rng.pick(cumulative: weights)]
                let centre = spot?.position ?? p
                let sigma = 2_000.0
                p = LonLat(lon: centre.lon + rng.normal() * sigma / (metresPerDegree * cos(centre.lat * .pi / 180)),
                           lat: centre.lat + rng.normal() * sigma / metresPerDegree)
                if pack.district(containing: p) != nil { break }
            }
            let roll = rng.uniform()
            let caps: Capabilities = roll < 0.03 ? [.armed, .taser] : roll < 0.05 ? .dog : roll < 0.10 ? .roadsPolicing : [.taser]
            let crew = rng.uniform() < 0.7 ? 2 : 1
            let callSign = CallSign(String(format: "U%05d", i + 1))
            events.append(.unitRegistered(UnitRegistered(callSign: callSign, capabilities: caps, crew: crew,
                                                         district: pack.district(containing: p)?.code ?? "",
                                                         position: p, at: now - 30)))
            if rng.uniform() < 0.3 {
                events.append(.unitStatusChanged(UnitStatusChanged(callSign: callSign, status: rng.uniform() < 0.5 ? .busy : .refreshment,
                                                                   at: now - 20)))
            }
        }
        return events
    }

    /// Reads `call_sign,lon,lat[,status,capabilities,crew,district,fix_age_seconds]`.
    static func read(csv url: URL, now: Timestamp) throws -> [DispatchEvent] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var events: [DispatchEvent] = []
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if n == 0 && f.first == "call_sign" { continue }
            if f.allSatisfy(\.isEmpty) || f.first?.hasPrefix("#") == true { continue }
            func fail(_ m: String) -> ValidationError { ValidationError("\(url.lastPathComponent):\(n + 1): \(m)") }
            guard f.count >= 3, let lon = Double(f[1]), let lat = Double(f[2]) else { throw fail("expected call_sign,lon,lat,…") }
            let p: LonLat
            do { p = try LonLat(validatingLon: lon, lat: lat) } catch { throw fail("\(error)") }
            let status = f.count > 3 && !f[3].isEmpty ? UnitStatus(rawValue: f[3]) : .available
            guard let status else { throw fail("unknown status '\(f[3])'; one of \(UnitStatus.allCases.map(\.rawValue).joined(separator: ", "))") }
            var caps: Capabilities = []
            if f.count > 4 && !f[4].isEmpty {
                do { caps = try Capabilities(names: f[4].split(separator: ";").map(String.init)) } catch { throw fail(error.description) }
            }
            let crew = f.count > 5 && !f[5].isEmpty ? Int(f[5]) : 1
            guard let crew, crew >= 1 else { throw fail("crew must be a whole number ≥ 1") }
            let age = f.count > 7 && !f[7].isEmpty ? Double(f[7]) : 10
            guard let age, age >= 0 else { throw fail("fix_age_seconds must be a number ≥ 0") }
            let callSign = CallSign(f[0])
            events.append(.unitRegistered(UnitRegistered(callSign: callSign, capabilities: caps, crew: crew,
                                                         district: f.count > 6 ? f[6] : "", position: p, at: now - age)))
            if status != .available {
                guard status == .busy || status == .refreshment || status == .offDuty else {
                    throw fail("a file can set units available, busy, refreshment or off-duty; en route and at scene come from incidents")
                }
                events.append(.unitStatusChanged(UnitStatusChanged(callSign: callSign, status: status, at: now - age)))
            }
        }
        return events
    }
}
