import GeoKit
@testable import RoadNetwork

/// Seeded draws for reproducible inputs.
typealias SeededRandom = SplitMix64

/// A seeded street grid for graph and router tests: jittered nodes, ways along rows and columns
/// with mixed classes, some one-way, some missing, a few turn restrictions.
enum SyntheticNetwork {
    static func grid(columns: Int, rows: Int, seed: UInt64, onewayShare: Double = 0.2,
                     restrictions restrictionCount: Int = 10) -> RoadNetworkSource {
        var rng = SeededRandom(seed: seed)
        var nodes: [Int64: LonLat] = [:]
        func id(_ x: Int, _ y: Int) -> Int64 { Int64(y * columns + x + 1) }
        for y in 0..<rows {
            for x in 0..<columns {
                nodes[id(x, y)] = LonLat(lon: -1.9 + Double(x) * 0.0015 + Double.random(in: -0.0003...0.0003, using: &rng),
                                         lat: 52.45 + Double(y) * 0.001 + Double.random(in: -0.0002...0.0002, using: &rng))
            }
        }
        let classes: [RoadClass] = [.residential, .residential, .tertiary, .secondary, .primary, .unclassified, .service]
        var ways: [RoadWay] = []
        var wayId: Int64 = 1000
        var wayAt: [Int64: [(way: Int64, from: Int64, to: Int64)]] = [:]
        func addWays(_ line: [Int64]) {
            // Split each row/column into ways of 2–5 segments.
            var i = 0
            while i < line.count - 1 {
                let len = Int.random(in: 2...5, using: &rng)
                let part = Array(line[i...min(i + len, line.count - 1)])
                i += len
                if Double.random(in: 0..<1, using: &rng) < 0.05 { continue } // a missing street
                wayId += 1
                let oneway: Oneway = Double.random(in: 0..<1, using: &rng) < onewayShare
                    ? (Bool.random(using: &rng) ? .forward : .backward) : .no
                let cls = classes.randomElement(using: &rng) ?? .residential
                let maxspeed: Double? = Double.random(in: 0..<1, using: &rng) < 0.3 ? [20, 30, 40, 50].randomElement(using: &rng) : nil
                ways.append(RoadWay(id: wayId, nodes: part, roadClass: cls, oneway: oneway, maxspeedKmh: maxspeed))
                for n in part { wayAt[n, default: []].append((wayId, part[0], part[part.count - 1])) }
            }
        }
        for y in 0..<rows { addWays((0..<columns).map { id($0, y) }) }
        for x in 0..<columns { addWays((0..<rows).map { id(x, $0) }) }
        // Turn restrictions at nodes where two ways meet.
        var restrictions: [TurnRestriction] = []
        let candidates = wayAt.keys.sorted().filter { (wayAt[$0]?.count ?? 0) >= 2 }
        for _ in 0..<restrictionCount {
            guard let via = candidates.randomElement(using: &rng), let here = wayAt[via] else { break }
            let a = here[0], b = here[here.count - 1]
            guard a.way != b.way else { continue }
            restrictions.append(TurnRestriction(fromWay: a.way, viaNode: via, toWay: b.way,
                                                kind: Bool.random(using: &rng) ? .prohibitory : .mandatory))
        }
        return RoadNetworkSource(nodes: nodes, ways: ways, restrictions: restrictions)
    }

    /// Random points over the grid's area (some off the roads).
    static func points(_ count: Int, seed: UInt64, columns: Int, rows: Int) -> [LonLat] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            LonLat(lon: -1.9 + Double.random(in: -0.001...(Double(columns) * 0.0015), using: &rng),
                   lat: 52.45 + Double.random(in: -0.001...(Double(rows) * 0.001), using: &rng))
        }
    }
}
