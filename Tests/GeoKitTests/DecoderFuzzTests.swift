import Foundation
import Testing
import GeoKit

/// Every decoder, fed truncated and mutated versions of valid inputs and random bytes, must return
/// a value or throw its typed error — never crash, never hang — and whatever it accepts must
/// survive a write/read round trip unchanged.
@Suite struct DecoderFuzzTests {
    static let wktSeeds = [
        "SRID=4326;POLYGON((-1.9 52.4,-1.8 52.4,-1.8 52.5,-1.9 52.5,-1.9 52.4),(-1.85 52.45,-1.84 52.45,-1.84 52.46,-1.85 52.45))",
        "GEOMETRYCOLLECTION Z (POINT Z (1 2 3),LINESTRING Z (0 0 0,1 1 1),MULTIPOINT Z ((1 2 3),EMPTY))",
        "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)),EMPTY)",
        "MULTILINESTRING M ((0 0 1,1 1 2),(2 2 3,3 3 4))",
        "POINT ZM (1.5e3 -2.25 3 4)",
    ]

    static var wkbSeeds: [[UInt8]] {
        wktSeeds.compactMap { try? Geometry(wkt: $0) }.flatMap { [$0.ewkb, $0.wkb] }
    }

    static let geoJSONSeeds = [
        #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"name":"Ladywood","n":[1,2.5,{"x":null}],"t":true},"geometry":{"type":"Polygon","coordinates":[[[-1.9,52.4],[-1.8,52.4],[-1.8,52.5],[-1.9,52.4]]]}},{"type":"Feature","id":3,"properties":null,"geometry":{"type":"MultiPoint","coordinates":[[1,2,3],[4,5,6]]}}]}"#,
        #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}]}"#,
        #"{"type":"Feature","properties":{"s":"é \" \\ \u00e9 \ud83d\ude93"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}"#,
    ]

    /// Seeded mutations: flip, insert, delete, duplicate a run, or splice in a special token.
    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64, specials: [[UInt8]]) -> [UInt8] {
        var b = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !b.isEmpty else { b = [UInt8.random(in: 0...255, using: &rng)]; continue }
            let i = Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: b[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: b[i] ^= 1 << UInt8.random(in: 0...7, using: &rng)
            case 2: b.insert(UInt8.random(in: 0...255, using: &rng), at: i)
            case 3: b.remove(at: i)
            case 4:
                let j = min(b.count, i + Int.random(in: 1...16, using: &rng))
                b.insert(contentsOf: b[i..<j], at: i)
            default:
                if let s = specials.randomElement(using: &rng) { b.insert(contentsOf: s, at: i) }
            }
        }
        return b
    }

    static func randomBytes(_ rng: inout SplitMix64, alphabet: [UInt8]? = nil) -> [UInt8] {
        let n = Int.random(in: 0...64, using: &rng)
        return (0..<n).map { _ in alphabet?.randomElement(using: &rng) ?? UInt8.random(in: 0...255, using: &rng) }
    }

    @Test func wktSurvivesTruncationMutationAndNoise() {
        var rng = SplitMix64(seed: 1)
        let specials = ["EMPTY", "(", ")", ",", "SRID=4326;", "1e999", "-", "NaN", "Z", "M", "GEOMETRYCOLLECTION(", "95"].map { Array($0.utf8) }
        var accepted = 0, rejected = 0
        let alphabet = Array("POINTLSRGYMZE()0123456789.-+e, ;=".utf8)
        var inputs = [[UInt8]]()
        for seed in DecoderFuzzTests.wktSeeds.map({ Array($0.utf8) }) {
            for n in 0...seed.count { inputs.append(Array(seed.prefix(n))) }
            for _ in 0..<1000 { inputs.append(DecoderFuzzTests.mutate(seed, &rng, specials: specials)) }
        }
        for _ in 0..<2000 { inputs.append(DecoderFuzzTests.randomBytes(&rng, alphabet: alphabet)) }
        for _ in 0..<1000 { inputs.append(DecoderFuzzTests.randomBytes(&rng)) }
        let clock = ContinuousClock(), start = clock.now
        for input in inputs {
            let text = String(decoding: input, as: UTF8.self)
            do {
                let g = try Geometry(wkt: text)
                accepted += 1
                #expect(try Geometry(wkt: g.ewkt) == g, "round trip of \(text)")
            } catch {
                rejected += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(accepted > 100 && rejected > 1000, "accepted \(accepted), rejected \(rejected)")
        #expect(clock.now - start < .seconds(60), "no input may make the reader crawl")
    }

    @Test func wkbSurvivesTruncationMutationAndNoise() {
        var rng = SplitMix64(seed: 2)
        let specials: [[UInt8]] = [[0xFF, 0xFF, 0xFF, 0x7F], [0, 0, 0, 0x80], [0, 0, 0xF8, 0x7F], [7, 0, 0, 0], [1, 7, 0, 0, 0], [0, 0, 0, 0x20]]
        var accepted = 0, rejected = 0
        var inputs = [[UInt8]]()
        for seed in DecoderFuzzTests.wkbSeeds {
            for n in 0...seed.count { inputs.append(Array(seed.prefix(n))) }
            for _ in 0..<800 { inputs.append(DecoderFuzzTests.mutate(seed, &rng, specials: specials)) }
        }
        for _ in 0..<3000 {
            var b = DecoderFuzzTests.randomBytes(&rng)
            if !b.isEmpty, Bool.random(using: &rng) { b[0] = UInt8.random(in: 0...1, using: &rng) }
            inputs.append(b)
        }
        let clock = ContinuousClock(), start = clock.now
        for input in inputs {
            do {
                let g = try Geometry(wkb: input)
                accepted += 1
                #expect(try Geometry(wkb: g.ewkb) == g)
                #expect(try Geometry(ewkbHex: g.ewkbHex) == g)
            } catch {
                rejected += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(accepted > 100 && rejected > 1000, "accepted \(accepted), rejected \(rejected)")
        #expect(clock.now - start < .seconds(60))
    }

    @Test func hexEWKBSurvivesMutation() {
        var rng = SplitMix64(seed: 3)
        let alphabet = Array("0123456789ABCDEFabcdefxX\\ g".utf8)
        var accepted = 0, rejected = 0
        for seed in DecoderFuzzTests.wkbSeeds.map({ Array(Geometry.hexString($0).utf8) }) {
            var inputs = (0...seed.count).map { Array(seed.prefix($0)) }
            for _ in 0..<500 { inputs.append(DecoderFuzzTests.mutate(seed, &rng, specials: [Array("00".utf8), Array("FF".utf8), Array("G".utf8)])) }
            for _ in 0..<200 { inputs.append(DecoderFuzzTests.randomBytes(&rng, alphabet: alphabet)) }
            for input in inputs {
                do {
                    let g = try Geometry(ewkbHex: String(decoding: input, as: UTF8.self))
                    accepted += 1
                    #expect(try Geometry(ewkbHex: g.ewkbHex) == g)
                } catch {
                    rejected += 1
                }
            }
        }
        #expect(accepted > 20 && rejected > 1000, "accepted \(accepted), rejected \(rejected)")
    }

    @Test func geoJSONSurvivesTruncationMutationAndNoise() {
        var rng = SplitMix64(seed: 4)
        let specials = ["[", "]", "{", "}", ",", ":", "\"", "\\u", "1e999", "-0", "null", "\"type\":\"Point\"", "[[[[", "95"].map { Array($0.utf8) }
        let alphabet = Array("{}[]:,\"0123456789.-eE truefalsn\\u".utf8)
        var accepted = 0, rejected = 0
        var inputs = [[UInt8]]()
        for seed in DecoderFuzzTests.geoJSONSeeds.map({ Array($0.utf8) }) {
            for n in 0...seed.count { inputs.append(Array(seed.prefix(n))) }
            for _ in 0..<1500 { inputs.append(DecoderFuzzTests.mutate(seed, &rng, specials: specials)) }
        }
        for _ in 0..<2000 { inputs.append(DecoderFuzzTests.randomBytes(&rng, alphabet: alphabet)) }
        for _ in 0..<1000 { inputs.append(DecoderFuzzTests.randomBytes(&rng)) }
        let clock = ContinuousClock(), start = clock.now
        for input in inputs {
            do {
                let doc = try GeoJSON(data: Data(input))
                accepted += 1
                #expect(try GeoJSON(data: doc.data) == doc, "round trip of \(String(decoding: input, as: UTF8.self))")
            } catch {
                rejected += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(accepted > 50 && rejected > 1000, "accepted \(accepted), rejected \(rejected)")
        #expect(clock.now - start < .seconds(60))
    }
}

extension Geometry {
    /// Uppercase hex of arbitrary bytes (test helper).
    static func hexString(_ bytes: [UInt8]) -> String {
        bytes.map { b in
            let s = String(b, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }
}
