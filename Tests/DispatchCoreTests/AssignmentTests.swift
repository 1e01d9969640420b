import Testing
import GeoKit
import RoadNetwork
@testable import DispatchCore


@Suite struct AssignmentTests {
    /// The cheapest assignment by trying every permutation.
    static func bruteForce(_ costs: [Double], rows: Int, columns: Int) -> Double {
        var best = Double.infinity
        var used = [Bool](repeating: false, count: columns)
        func go(_ row: Int, _ sum: Double) {
            if row == rows { best = min(best, sum); return }
            for c in 0..<columns where !used[c] {
                used[c] = true
                go(row + 1, sum + costs[row * columns + c])
                used[c] = false
            }
        }
        go(0, 0)
        return best
    }

    @Test(arguments: 0..<40)
    func hungarianMatchesBruteForce(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let rows = Int.random(in: 1...5, using: &rng), columns = Int.random(in: rows...7, using: &rng)
        let costs = (0..<rows * columns).map { _ in Double(Int.random(in: 0...20, using: &rng)) }
        let cols = MinCostAssignment.solve(costs: costs, rows: rows, columns: columns)
        #expect(Set(cols).count == rows)
        let total = cols.enumerated().reduce(0.0) { $0 + costs[$1.offset * columns + $1.element] }
        #expect(total == Self.bruteForce(costs, rows: rows, columns: columns))
    }

    /// A random control room: units scattered over the town, some armed or double-crewed, and
    /// more incidents than a greedy dispatcher can serve well.
    static func randomRoom(seed: UInt64, units: Int, incidents: Int) throws -> (ControlRoomState, [Incident]) {
        var rng = SplitMix64(seed: seed)
        var state = TestTown.state()
        let now: Timestamp = 50_000
        for u in 0..<units {
            let caps: Capabilities = Int.random(in: 0..<5, using: &rng) == 0 ? .armed : []
            try UnitSpec(callSign: CallSign("U\(u)"), x: Int.random(in: 0..<20, using: &rng), y: Int.random(in: 0..<20, using: &rng),
                         capabilities: caps, crew: Int.random(in: 1...2, using: &rng)).register(in: &state, now: now)
        }
        let types: [IncidentType] = ["firearms", "domestic-abuse", "theft", "concern-for-welfare", "burglary-in-progress"]
        var list: [Incident] = []
        for i in 0..<incidents {
            let type = types.randomElement(using: &rng) ?? "theft"
            let grade = Grade(rawValue: Int.random(in: 1...3, using: &rng)) ?? .priority
            list.append(try state.call("I\(i)", type: type, grade: grade, x: Int.random(in: 0..<20, using: &rng),
                                       y: Int.random(in: 0..<20, using: &rng), at: now - Double.random(in: 0...1200, using: &rng)))
        }
        return (state, list)
    }

    @Test(arguments: 0..<12)
    func globalAssignmentIsNeverWorseThanGreedyAndNoGradeOneWaitsForALowerGrade(seed: Int) throws {
        let (state, incidents) = try Self.randomRoom(seed: UInt64(seed), units: 6 + seed % 5, incidents: 8)
        let assigner = GlobalAssigner(rules: Rules())
        let problem = assigner.problem(incidents: incidents, in: state, at: 50_000)
        let optimal = assigner.optimalPairs(problem)
        let greedy = assigner.greedyPairs(problem)
        #expect(problem.objective(of: optimal) <= problem.objective(of: greedy) + 1e-9)
        // No Grade 1 waits while a lower grade holds a unit the Grade 1 could have used.
        let served = Set(optimal.map(\.0))
        for (i, incident) in problem.incidents.enumerated() where incident.grade == .emergency && !served.contains(i) {
            for (j, u) in optimal where problem.incidents[j].grade > .emergency {
                #expect(problem.cost(i, u) == nil, "Grade 1 \(incident.id) waits while \(problem.incidents[j].id) has a unit it could use")
            }
        }
        // Every pair is feasible and no unit is used twice.
        #expect(optimal.allSatisfy { problem.cost($0.0, $0.1) != nil })
        #expect(Set(optimal.map(\.1)).count == optimal.count)
    }

    @Test func globalBeatsGreedyOnAClassicTrap() throws {
        // Greedy gives the first incident its nearest unit, which the second incident needed more.
        var state = TestTown.state()
        let now: Timestamp = 10_000
        try UnitSpec(callSign: "MID", x: 5, y: 5).register(in: &state, now: now)
        try UnitSpec(callSign: "FARWEST", x: 0, y: 5).register(in: &state, now: now)
        let a = try state.call("A", grade: .priority, x: 3, y: 5, at: now)
        let b = try state.call("B", grade: .priority, x: 8, y: 5, at: now + 1)
        let assigner = GlobalAssigner(rules: Rules(weights: .init(cover: 0)))
        let greedy = assigner.greedy(incidents: [a, b], in: state, at: now + 1)
        let best = assigner.assign(incidents: [a, b], in: state, at: now + 1)
        #expect(greedy.pairs.first { $0.incidentID == "A" }?.callSign == "MID")
        #expect(best.pairs.first { $0.incidentID == "A" }?.callSign == "FARWEST")
        #expect(best.objective < greedy.objective)
    }
}

@Suite struct RankingPropertyTests {
    @Test(arguments: 0..<10)
    func rankingIsIndependentOfTheOrderUnitsArrive(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 99)
        let now: Timestamp = 20_000
        let specs = (0..<30).map { i in
            UnitSpec(callSign: CallSign("C\(i % 7)\(i)"), x: Int.random(in: 0..<20, using: &rng), y: Int.random(in: 0..<20, using: &rng),
                     crew: Int.random(in: 1...2, using: &rng), fixAge: Double(Int.random(in: 1...400, using: &rng)))
        }
        let target = (Int.random(in: 0..<20, using: &rng), Int.random(in: 0..<20, using: &rng))
        var answers: [[String]] = []
        for order in [specs, specs.reversed(), specs.shuffled(using: &rng)] {
            var state = TestTown.state()
            for s in order { try s.register(in: &state, now: now) }
            let incident = try state.call("I", type: "domestic-abuse", grade: .priority, x: target.0, y: target.1, at: now)
            let r = Recommender(rules: Rules(candidates: .init(nearest: 8))).recommend(for: incident, in: state, at: now, maxResults: 10)
            answers.append(r.ranked.map { "\($0.callSign) \($0.cost)" })
        }
        #expect(answers[0] == answers[1])
        #expect(answers[0] == answers[2])
        #expect(!answers[0].isEmpty)
    }
}

/// The router seen only through `travelTimes`: the protocol's plain scan (all ETAs, then sorted).
struct FullScanTravel: TravelTimeService {
    let router: RoadRouter
    func locate(_ point: LonLat) -> RoadLocation { router.locate(point) }
    func travelTimes(from origins: [RoadLocation], to destination: RoadLocation, profile: SpeedProfile, limit: Double?) -> [Double] {
        router.travelTimes(from: origins, to: destination, profile: profile, limit: limit)
    }
    func travelTime(from origin: RoadLocation, to destination: RoadLocation, profile: SpeedProfile) -> Double {
        router.travelTime(from: origin, to: destination, profile: profile)
    }
}

extension RankingPropertyTests {
    @Test(arguments: 0..<8)
    func stoppingTheScanEarlyNeverChangesTheRanking(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 500)
        let now: Timestamp = 30_000
        let specs = (0..<40).map { i in
            UnitSpec(callSign: CallSign("K\(i)"), x: Int.random(in: 0..<20, using: &rng), y: Int.random(in: 0..<20, using: &rng),
                     crew: Int.random(in: 1...2, using: &rng))
        }
        var fast = TestTown.state()
        var full = ControlRoomState(west: TestTown.west - 0.01, south: TestTown.south - 0.01, east: TestTown.west + 0.07,
                                    north: TestTown.south + 0.05, travel: FullScanTravel(router: TestTown.router),
                                    demand: TestTown.demand, coverRadiusMetres: 1_000)
        for s in specs { try s.register(in: &fast, now: now); try s.register(in: &full, now: now) }
        let x = Int.random(in: 0..<20, using: &rng), y = Int.random(in: 0..<20, using: &rng)
        for (grade, type) in [(Grade.emergency, IncidentType("violence-in-progress")), (.priority, "theft")] {
            let a = try fast.call("I\(grade.rawValue)", type: type, grade: grade, x: x, y: y, at: now - 600)
            let b = try full.call("I\(grade.rawValue)", type: type, grade: grade, x: x, y: y, at: now - 600)
            for k in [1, 5] {
                let ra = Recommender(rules: Rules()).recommend(for: a, in: fast, at: now, maxResults: k)
                let rb = Recommender(rules: Rules()).recommend(for: b, in: full, at: now, maxResults: k)
                #expect(ra.ranked.map(\.callSign) == rb.ranked.map(\.callSign))
                #expect(ra.ranked.map(\.cost) == rb.ranked.map(\.cost))
                #expect(ra.ranked.map(\.etaSeconds) == rb.ranked.map(\.etaSeconds))
                #expect(ra.scored <= rb.scored)
            }
        }
    }
}
