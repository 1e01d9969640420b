import Testing
@testable import RoadNetwork

@Suite("OSM tags → roads")
struct OSMRoadTagsTests {
    @Test("maxspeed values", arguments: [
        ("50", 50.0), ("30 mph", 30 * 1.609344), ("30mph", 30 * 1.609344), ("50 km/h", 50), ("80 kmh", 80),
        ("10 knots", 18.52), ("walk", 6), ("GB:nsl_single", 60 * 1.609344), ("UK:nsl_dual", 70 * 1.609344),
        ("GB:motorway", 70 * 1.609344), ("FI:urban", 50), ("FI:rural", 80), ("DE:rural", 100), ("DE:zone30", 30),
        ("RU:urban", 60), ("FI:living_street", 20), ("50;30", 30),
    ] as [(String, Double)])
    func maxspeed(text: String, kmh: Double) throws {
        let parsed = try #require(OSMRoadTags.parseMaxspeed(text))
        #expect(abs(parsed - kmh) < 1e-9)
    }

    @Test("maxspeed values that mean no figure", arguments: ["none", "signals", "variable", "", "fast", "DE:motorway", "0", "-5", "9999"])
    func noMaxspeed(text: String) {
        #expect(OSMRoadTags.parseMaxspeed(text) == nil)
    }

    @Test("oneway and implied oneway", arguments: [
        (["highway": "residential"], Oneway.no),
        (["highway": "residential", "oneway": "yes"], .forward),
        (["highway": "residential", "oneway": "1"], .forward),
        (["highway": "residential", "oneway": "true"], .forward),
        (["highway": "residential", "oneway": "-1"], .backward),
        (["highway": "primary", "junction": "roundabout"], .forward),
        (["highway": "primary", "junction": "roundabout", "oneway": "no"], .no),
        (["highway": "motorway"], .forward),
        (["highway": "motorway_link"], .forward),
        (["highway": "motorway", "oneway": "no"], .no),
    ] as [([String: String], Oneway)])
    func oneway(tags: [String: String], expected: Oneway) throws {
        guard case let .road(way)? = OSMRoadTags.classify(id: 1, nodes: [1, 2], tags: tags) else {
            Issue.record("not a road: \(tags)")
            return
        }
        #expect(way.oneway == expected)
    }

    @Test("ways a car may not use are skipped with a reason", arguments: [
        (["highway": "footway"], "highway=footway"),
        (["highway": "track"], "highway=track"),
        (["highway": "residential", "access": "no"], "access=no"),
        (["highway": "service", "access": "private"], "access=private"),
        (["highway": "residential", "motor_vehicle": "no"], "motor_vehicle=no"),
        (["highway": "residential", "oneway": "reversible"], "oneway=reversible"),
        (["highway": "pedestrian", "area": "yes"], "highway=pedestrian"),
        (["highway": "service", "area": "yes"], "area=yes"),
    ] as [([String: String], String)])
    func skipped(tags: [String: String], reason: String) {
        #expect(OSMRoadTags.classify(id: 1, nodes: [1, 2], tags: tags) == .skipped(reason))
    }

    @Test("the most specific access tag wins")
    func accessPrecedence() {
        let allowed = OSMRoadTags.classify(id: 1, nodes: [1, 2], tags: ["highway": "residential", "access": "no", "motor_vehicle": "yes"])
        if case .road? = allowed {} else { Issue.record("motor_vehicle=yes should override access=no") }
        #expect(OSMRoadTags.classify(id: 1, nodes: [1, 2], tags: ["highway": "residential"]) != nil)
        #expect(OSMRoadTags.classify(id: 1, nodes: [1, 2], tags: ["building": "yes"]) == nil)
    }
}
