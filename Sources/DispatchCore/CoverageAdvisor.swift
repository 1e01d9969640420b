import GeoKit

/// A suggestion to move an idle unit to restore a district's Grade 1 cover.
public struct MoveUpSuggestion: Sendable, Hashable, Codable {
    public var callSign: CallSign
    public var fromDistrict: String
    public var toDistrict: String
    /// Where to go: the heaviest uncovered demand point.
    public var towards: LonLat
    /// The district's cover now and after the move (0…1).
    public var coverBefore: Double
    public var coverAfter: Double
    public var detail: String
}

/// District cover at a moment, and move-ups for districts below the rules' threshold.
public struct CoverageReport: Sendable, Hashable, Codable {
    /// Cover by district code (0…1).
    public var cover: [String: Double]
    /// Districts below `Rules.coverage.moveUpBelow`, worst first.
    public var belowThreshold: [String]
    public var moveUps: [MoveUpSuggestion]
}

extension ControlRoomState {
    /// District cover and move-up suggestions. A move-up takes an available unit whose departure
    /// costs no district any cover (others cover everything it covers) and sends it towards the
    /// heaviest uncovered demand point of a district below the threshold; one suggestion per
    /// district, worst district first, never the same unit twice.
    public func coverageReport(rules: Rules, at now: Timestamp) -> CoverageReport {
        let cover = coverage.coverByDistrict()
        let below = cover.filter { $0.value < rules.coverage.moveUpBelow }
            .sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
        var used = Set<CallSign>()
        var moveUps: [MoveUpSuggestion] = []
        // Each accepted move is applied to a working copy, so later suggestions account for it.
        var working = coverage
        for district in below {
            // The heaviest demand point nobody covers.
            let uncovered = working.points.indices.filter {
                working.points[$0].district == district && working.counts[$0] == 0
            }
            guard let target = uncovered.max(by: { (working.points[$0].weight, -$0) < (working.points[$1].weight, -$1) }) else { continue }
            let spot = working.points[target].location
            // Idle units whose leaving loses nothing, nearest to the spot first.
            let options = index.nearest(to: spot, k: 64, where: { handle, tags in
                tags & ControlRoomState.statusMask(.available) != 0
            })
            for option in options {
                let unit = units[Int(option.key)]
                guard !used.contains(unit.callSign), rules.trustsFix(of: unit, at: now), let fix = unit.fix,
                      working.coverLost(ifUnitLeaves: fix.position).isEmpty else { continue }
                var moved = working
                moved.remove(unitAt: fix.position)
                moved.add(unitAt: spot)
                let before = working.cover(of: district)
                let after = moved.cover(of: district)
                guard after > before else { continue }
                used.insert(unit.callSign)
                working = moved
                moveUps.append(MoveUpSuggestion(
                    callSign: unit.callSign, fromDistrict: unit.district, toDistrict: district, towards: spot,
                    coverBefore: before, coverAfter: after,
                    detail: "move \(unit.callSign) \(Int(option.distanceMetres / 100) / 10) km towards \(district)'s busiest uncovered area: cover \(Int((before * 100).rounded()))% → \(Int((after * 100).rounded()))%; nothing is lost where it is now"))
                break
            }
        }
        return CoverageReport(cover: cover, belowThreshold: below, moveUps: moveUps)
    }
}
