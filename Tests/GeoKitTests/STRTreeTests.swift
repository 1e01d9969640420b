import Foundation
import Testing
import GeoKit
import TestSupport

@Suite struct STRTreeTests {
    static func randomBoxes(_ n: Int, seed: UInt64) -> [BoundingBox] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in
            let x = Double.random(in: 0...1000, using: &rng), y = Double.random(in: 0...1000, using: &rng)
            return BoundingBox(minX: x, minY: y, maxX: x + Double.random(in: 0...30, using: &rng), maxY: y + Double.random(in: 0...30, using: &rng))
        }
    }

    @Test(arguments: [(0, 16), (1, 16), (16, 16), (17, 16), (1000, 16), (5000, 4), (5000, 64)])
    func boxQueriesEqualBruteForce(count: Int, capacity: Int) {
        let boxes = STRTreeTests.randomBoxes(count, seed: UInt64(count * 31 + capacity))
        let tree = STRTree(boxes: boxes.enumerated().map { ($1, $0) }, nodeCapacity: capacity)
        #expect(tree.count == count)
        #expect(Set(tree.allItems) == Set(0..<count))
        var rng = SplitMix64(seed: 99)
        for _ in 0..<300 {
            let x = Double.random(in: -50...1050, using: &rng), y = Double.random(in: -50...1050, using: &rng)
            let q = BoundingBox(minX: x, minY: y, maxX: x + Double.random(in: 0...120, using: &rng), maxY: y + Double.random(in: 0...120, using: &rng))
            let expected = Set(boxes.indices.filter { boxes[$0].intersects(q) })
            #expect(Set(tree.items(intersecting: q)) == expected)
            let p = Coordinate(x: x, y: y)
            #expect(Set(tree.items(containing: p)) == Set(boxes.indices.filter { boxes[$0].contains(p) }))
        }
        if count > 0 {
            let all = boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }
            #expect(tree.bounds == all)
        } else {
            #expect(tree.bounds == nil)
            #expect(tree.items(intersecting: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)).isEmpty)
        }
    }

    @Test func pointQueriesOnAreasMatchGEOS() throws {
        // A grid of rings (squares with square holes) and diamonds, rotated slightly.
        var areas = [(geometry: Geometry, payload: Int)]()
        for i in 0..<10 {
            for j in 0..<10 {
                let cx = Double(i) * 10, cy = Double(j) * 10
                let outer = (0...4).map { k -> Coordinate in
                    let a = Double(k % 4) * .pi / 2 + 0.3
                    return Coordinate(x: cx + 6 * cos(a), y: cy + 6 * sin(a))
                }
                let hole = (0...4).map { k -> Coordinate in
                    let a = Double(k % 4) * .pi / 2 + 0.3
                    return Coordinate(x: cx + 2 * cos(a), y: cy + 2 * sin(a))
                }
                areas.append((.polygon(Polygon(exterior: outer, holes: (i + j) % 2 == 0 ? [hole] : [])), i * 10 + j))
            }
        }
        let tree = STRTree(areas: areas, nodeCapacity: 8)
        let prepared = try areas.map { try PreparedGeometry($0.geometry) }
        var rng = SplitMix64(seed: 5)
        var hits = 0
        for _ in 0..<3000 {
            let x = Double.random(in: -8...98, using: &rng), y = Double.random(in: -8...98, using: &rng)
            let expected = try Set(areas.indices.filter { try prepared[$0].contains(x: x, y: y) }.map { areas[$0].payload })
            let found = Set(tree.items(containing: Coordinate(x: x, y: y)))
            #expect(found == expected, "(\(x), \(y))")
            #expect(tree.firstItem(containing: Coordinate(x: x, y: y)).map { expected.contains($0) } ?? expected.isEmpty)
            hits += expected.count
        }
        #expect(hits > 500, "the test points should hit areas often (\(hits))")
    }

    @Test func queriesRunConcurrently() async {
        let boxes = STRTreeTests.randomBoxes(2000, seed: 3)
        let tree = STRTree(boxes: boxes.enumerated().map { ($1, $0) })
        let counts = await withTaskGroup(of: (Int, Int).self) { group in
            for t in 0..<8 {
                group.addTask {
                    let q = BoundingBox(minX: Double(t) * 100, minY: 0, maxX: Double(t) * 100 + 100, maxY: 1000)
                    return (t, tree.items(intersecting: q).count)
                }
            }
            var out = [(Int, Int)]()
            for await r in group { out.append(r) }
            return out
        }
        for (t, n) in counts {
            let q = BoundingBox(minX: Double(t) * 100, minY: 0, maxX: Double(t) * 100 + 100, maxY: 1000)
            #expect(n == boxes.filter { $0.intersects(q) }.count)
        }
    }
}

/// The 163 real West Midlands wards against 17,260 real crime locations.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct WardLookupTests {
    struct Ward: Sendable, Hashable {
        var code: String
        var name: String
    }

    static func wards() throws -> [(geometry: Geometry, payload: Ward)] {
        let folder = SharedData.url("west-midlands/boundaries/wards")
        var out = [(geometry: Geometry, payload: Ward)]()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".json") {
            let fc = try FeatureCollection(geoJSON: Data(contentsOf: folder.appendingPathComponent(file)))
            for f in fc.features {
                guard let g = f.geometry, let code = f[property: "WD13CD"]?.stringValue, let name = f[property: "WD13NM"]?.stringValue else {
                    Issue.record("ward without geometry or name in \(file)")
                    continue
                }
                out.append((g, Ward(code: code, name: name)))
            }
        }
        return out
    }

    /// Splits one CSV line, honouring double quotes.
    static func fields(_ line: Substring) -> [String] {
        var out = [String](), field = "", quoted = false
        var it = line.makeIterator()
        while let ch = it.next() {
            if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { out.append(field); field = "" } else { field.append(ch) }
        }
        out.append(field)
        return out
    }

    static func crimes() throws -> [(lonLat: LonLat, ward: String)] {
        let text = try String(contentsOf: SharedData.url("west-midlands/crime/birmingham-centre-2017.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = fields(lines.removeFirst())
        guard let lat = header.firstIndex(of: "latitude"), let lon = header.firstIndex(of: "longitude"), let ward = header.firstIndex(of: "ward") else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return try lines.map { line in
            let f = fields(line)
            guard let la = Double(f[lat]), let lo = Double(f[lon]) else { throw CocoaError(.fileReadCorruptFile) }
            return (try LonLat(validatingLon: lo, lat: la), f[ward])
        }
    }

    @Test func crimePointsFallInTheirWards() throws {
        let wards = try WardLookupTests.wards()
        #expect(wards.count == 163)
        let crimes = try WardLookupTests.crimes()
        #expect(crimes.count == 17_260)
        let tree = STRTree(areas: wards)
        let bruteForce = STRTree(areas: wards, nodeCapacity: 1_000) // one node: every ward tested
        var matching = 0, inNoWard = 0, inSeveral = 0
        for crime in crimes {
            let c = Coordinate(crime.lonLat)
            let found = tree.items(containing: c)
            #expect(Set(found) == Set(bruteForce.items(containing: c)), "tree and brute force differ at \(crime.lonLat)")
            if found.isEmpty { inNoWard += 1 }
            if found.count > 1 { inSeveral += 1 }
            if found.contains(where: { $0.name == crime.ward }) { matching += 1 }
        }
        let share = Double(matching) / Double(crimes.count)
        // Recorded for the report: the CSV's ward names come from police.uk, the polygons are 2013 wards.
        print("ward match: \(matching) of \(crimes.count) = \(String(format: "%.2f", share * 100)) %, in no ward: \(inNoWard), in several: \(inSeveral)")
        #expect(share > 0.9, "only \(share * 100) % of crimes fall in the ward the CSV names")
        #expect(inSeveral == 0, "wards should not overlap")
    }

    @Test func ringTestAgreesWithGEOSOnTheWards() throws {
        let wards = try WardLookupTests.wards()
        let crimes = try WardLookupTests.crimes()
        let tree = STRTree(areas: wards.enumerated().map { ($1.geometry, $0) })
        let prepared = try wards.map { try PreparedGeometry($0.geometry) }
        var rng = SplitMix64(seed: 11)
        var checked = 0
        for _ in 0..<1500 {
            let crime = crimes[Int.random(in: 0..<crimes.count, using: &rng)]
            let found = Set(tree.items(containing: Coordinate(crime.lonLat)))
            // Candidates: wards whose box holds the point; GEOS decides.
            let candidates = tree.items(intersecting: BoundingBox(Coordinate(crime.lonLat)))
            let geos = try Set(candidates.filter { try prepared[$0].contains(x: crime.lonLat.lon, y: crime.lonLat.lat) })
            #expect(found == geos, "at \(crime.lonLat)")
            checked += 1
        }
        #expect(checked == 1500)
    }
}
