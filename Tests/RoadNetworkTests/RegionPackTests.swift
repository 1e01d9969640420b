import Foundation
import Testing
import GeoKit
@testable import RoadNetwork

@Suite struct RegionPackTests {
    static func tempFolder(_ label: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("bluelamp-\(label)-\(UUID().uuidString)")
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }

    @Test func generatedPackFilesAreByteIdenticalForTheSameSeed() throws {
        let a = Self.tempFolder("a"), b = Self.tempFolder("b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let (packA, extrasA) = try RegionPack.fromGenerated(generatedRegion)
        try packA.write(to: a, extraFiles: extrasA)
        let (packB, extrasB) = try RegionPack.fromGenerated(PackGenerator(seed: 1).generate())
        try packB.write(to: b, extraFiles: extrasB)
        let filesA = try Self.files(in: a), filesB = try Self.files(in: b)
        #expect(Set(filesA.keys) == ["manifest.json", "boundary.geojson", "districts.geojson", "stations.geojson",
                                     "hotspots.geojson", "towns.geojson", "waterways.geojson", "areas.json"])
        for (name, data) in filesA {
            #expect(filesB[name] == data, "\(name) differs between two generations of seed 1")
        }
        // Small enough to commit.
        let total = filesA.values.reduce(0) { $0 + $1.count }
        #expect(total < 1_500_000, "pack is \(total) bytes")
    }

    @Test func generatedPackRoundTripsThroughItsFiles() throws {
        let folder = Self.tempFolder("rt")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (pack, extras) = try RegionPack.fromGenerated(generatedRegion)
        try pack.write(to: folder, extraFiles: extras)
        let loaded = try RegionPack.load(from: folder, useFallback: true)
        let back = loaded.pack
        #expect(back.name == "generated-metro")
        #expect(back.districts.map(\.code) == ["GV01", "GV02", "GV03", "GV04", "GV05", "GV06", "GV07"])
        #expect(back.districts.map(\.name) == pack.districts.map(\.name))
        #expect(back.districts.map(\.area) == pack.districts.map(\.area))
        #expect(back.boundary == pack.boundary)
        #expect(back.stations == pack.stations)
        #expect(back.hotSpots == pack.hotSpots)
        #expect(back.bridges == pack.bridges)
        #expect(back.waterways.map(\.name) == ["River Tame"])
        #expect(back.travel.roadGraph?.generated?.seed == 1)
        #expect(loaded.router == nil)
        #expect(loaded.report.travelSource == "straight-line fallback")
        let fallback = try #require(loaded.fallback)
        #expect(fallback.areas == generatedRegion.areas)
        for t in generatedRegion.towns where t.isDistrictSeat { #expect(loaded.areaKind(at: t.position) == .urban, "\(t.name)") }
        // Point in district: every town lies in the district the generator put it in.
        for t in generatedRegion.towns {
            #expect(back.district(containing: t.position)?.code == t.districtCode, "\(t.name)")
        }
        #expect(back.district(containing: LonLat(lon: -2.3, lat: 52.5)) == nil)
        #expect(back.stations.allSatisfy { $0.districtCode != nil && back.district(containing: $0.position)?.code == $0.districtCode })
        // Areas on the ground: about 900 km², the districts summing to the boundary.
        let total = RegionPack.areaSquareMetres(back.boundary) / 1e6
        let districts = back.districts.reduce(0) { $0 + RegionPack.areaSquareMetres($1.area) } / 1e6
        #expect(abs(total - 900) < 30, "boundary \(total) km²")
        #expect(abs(districts - total) < 0.01, "districts \(districts) km² vs boundary \(total) km²")
    }

    @Test func areaOfAKnownSquare() {
        // A 0.1° × 0.1° cell at 52.45–52.55° N: 0.1 × 111.25 km (meridian arc) × 0.1 × 67.84 km ≈ 75.5 km².
        let square = MultiPolygon([Polygon([LonLat(lon: -1.9, lat: 52.45), LonLat(lon: -1.8, lat: 52.45),
                                            LonLat(lon: -1.8, lat: 52.55), LonLat(lon: -1.9, lat: 52.55)])], srid: 4326)
        let km2 = RegionPack.areaSquareMetres(square) / 1e6
        #expect(abs(km2 - 75.48) < 0.1, "\(km2)")
    }

    @Test func badManifestsGiveClearErrors() throws {
        let folder = Self.tempFolder("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("manifest.json")
        #expect(throws: RegionPackError.missingFile(path: url.path, role: "manifest")) { try RegionPack.load(from: folder) }

        func write(_ text: String) throws { try Data(text.utf8).write(to: url) }
        func loadError() -> RegionPackError? {
            do {
                _ = try RegionPack.load(from: folder)
                return nil
            } catch {
                return error
            }
        }
        try write(#"{"format":"bluelamp-region-pack","version":7,"name":"x","title":"x","layers":{"boundary":"b","districts":"d"},"travel":{"fallback":{"parameters":{"circuityFactor":1.3,"normal":{"urban":30,"suburban":40,"rural":60},"emergency":{"urban":40,"suburban":60,"rural":80},"fixedSeconds":0}}}}"#)
        #expect(throws: RegionPackError.unsupportedVersion(path: url.path, found: 7, supported: 1)) { try RegionPack.load(from: folder) }

        try write(#"{"format":"bluelamp-region-pack","version":1,"name":"x","title":"x","layers":{"districts":"d"},"travel":{}}"#)
        let noBoundary = loadError()
        #expect(noBoundary?.description.contains("layers.boundary: missing") == true, "\(String(describing: noBoundary))")

        try write(#"{"format":"bluelamp-region-pack","version":1,"name":"x","title":"x","layers":{"boundary":"b.geojson","districts":"d.geojson"},"travel":{}}"#)
        let noTravel = loadError()
        #expect(noTravel?.description.contains("travel needs") == true, "\(String(describing: noTravel))")

        try write(#"{"format":"bluelamp-region-pack","version":1,"name":"x","title":"x","layers":{"boundary":"b.geojson","districts":"d.geojson"},"travel":{"roadGraph":{"generated":{"seed":1,"recipeVersion":99}}}}"#)
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[-2,52],[-1,52],[-1,53],[-2,52]]]},"properties":{}}]}"#.utf8)
            .write(to: folder.appendingPathComponent("b.geojson"))
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[-2,52],[-1,52],[-1,53],[-2,52]]]},"properties":{"name":"A"}}]}"#.utf8)
            .write(to: folder.appendingPathComponent("d.geojson"))
        #expect(throws: RegionPackError.badFeature(path: folder.appendingPathComponent("d.geojson").path, index: 0,
                                                   reason: "property \"code\" is missing")) { try RegionPack.load(from: folder) }
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[-2,52],[-1,52],[-1,53],[-2,52]]]},"properties":{"name":"A","code":"A1"}}]}"#.utf8)
            .write(to: folder.appendingPathComponent("d.geojson"))
        #expect(throws: RegionPackError.generatorMismatch(packVersion: 99, codeVersion: PackGenerator.recipeVersion)) { try RegionPack.load(from: folder) }
        try Data("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-2,52],[-1,52]".utf8)
            .write(to: folder.appendingPathComponent("d.geojson"))
        guard case let .badLayer(path, reason)? = loadError() else {
            Issue.record("a truncated layer did not give badLayer")
            return
        }
        #expect(path.hasSuffix("d.geojson"))
        #expect(!reason.isEmpty)
    }
}

@Suite struct RegionPackCacheTests {
    @Test func aGeneratedPackBuildsItsRouterOnceThenLoadsItFromTheCache() throws {
        let folder = RegionPackTests.tempFolder("coarse"), cache = RegionPackTests.tempFolder("cache")
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: cache) }
        let (pack, extras) = try RegionPack.fromGenerated(coarseRegion)
        #expect(pack.travel.roadGraph?.generated?.streetSpacingMetres == 500)
        try pack.write(to: folder, extraFiles: extras)
        let first = try RegionPack.load(from: folder, cacheDirectory: cache)
        #expect(first.report.travelSource == "generated roads (cache written)")
        let cached = RegionPack.generatedGraphCache(seed: 1, streetSpacingMetres: 500, in: cache)
        #expect(first.report.cachePath == cached.path)
        #expect(FileManager.default.fileExists(atPath: cached.path))
        let second = try RegionPack.load(from: folder, cacheDirectory: cache)
        #expect(second.report.travelSource == "road graph cache")
        #expect(second.report.travelSeconds < 1, "\(second.report.travelSeconds) s to load the cached graph")
        let router = try #require(second.router)
        #expect(router.graph.junctionCount == first.router?.graph.junctionCount)
        // Same answers from the built and the cached router; units across the river are far by road.
        let stations = pack.stations.map { router.locate($0.position) }
        for s in stations.prefix(5) {
            let a = first.travel.travelTimes(from: stations, to: s, profile: .emergency, limit: nil)
            let b = second.travel.travelTimes(from: stations, to: s, profile: .emergency, limit: nil)
            #expect(a == b)
            #expect(a.allSatisfy { $0.isFinite })
        }
        let river = coarseRegion.river, bridges = coarseRegion.bridges.map(\.position)
        guard let i = river.indices.dropFirst(20).first(where: { k in bridges.allSatisfy { $0.groundDistance(to: river[k]) > 3_000 } }) else {
            Issue.record("no river point 3 km from every bridge")
            return
        }
        let north = router.locate(LonLat(lon: river[i].lon, lat: river[i].lat + 0.0025))
        let south = router.locate(LonLat(lon: river[i].lon, lat: river[i].lat - 0.0025))
        let across = router.travelTime(from: north, to: south, profile: .emergency)
        #expect(across > 300, "556 m across the river, 3 km from a bridge, took only \(across) s")
    }

    @Test func cacheNameCarriesSeedRecipeAndSpeeds() {
        let dir = URL(fileURLWithPath: "/tmp/cache")
        let name = RegionPack.generatedGraphCache(seed: 42, in: dir).lastPathComponent
        #expect(name.hasPrefix("generated-seed42-recipe\(PackGenerator.recipeVersion)-speeds"))
        #expect(name.hasSuffix(".blgraph"))
        // The digest is computed in a fixed order: the same every time.
        #expect(RegionPack.speedsDigest == RegionPack.speedsDigest)
        #expect(RegionPack.speedsDigest.count == 8)
        #expect(name != RegionPack.generatedGraphCache(seed: 43, in: dir).lastPathComponent)
    }
}
