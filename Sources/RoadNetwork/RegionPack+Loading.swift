import Foundation
import GeoKit

/// A pack read from disk with its travel-time service ready to query.
public struct LoadedRegionPack: Sendable {
    /// The pack.
    public var pack: RegionPack
    /// The road router when the pack has a road graph, otherwise the straight-line model.
    public var travel: any TravelTimeService
    /// The router, when travel is by road.
    public var router: RoadRouter?
    /// The fallback model, when the pack defines one (used for `travel` only without a road graph).
    public var fallback: StraightLineTravelModel?
    /// What loading did and how long each part took.
    public var report: RegionPackLoadReport
}

/// Timings and sources of a pack load.
public struct RegionPackLoadReport: Sendable, Hashable, Codable {
    /// Seconds to read the manifest and GeoJSON layers.
    public var layersSeconds: Double = 0
    /// Seconds to obtain the travel model (graph load, or generation + contraction on a cache miss).
    public var travelSeconds: Double = 0
    /// "road graph file", "road graph cache", "generated roads (cache written)", "straight-line fallback"…
    public var travelSource: String = ""
    /// Where the road graph cache is, when one is used.
    public var cachePath: String?
}

extension RegionPack {
    /// Where generated road graphs are cached by default: `$BLUELAMP_CACHE`, else `.bluelamp/cache`
    /// in the current directory (git-ignored in the project).
    public static var defaultCacheDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["BLUELAMP_CACHE"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".bluelamp/cache")
    }

    /// Reads a pack folder: manifest, layers, and travel — the road graph if the pack has one
    /// (a graph file, or the generator's roads, cached in `cacheDirectory` after the first build),
    /// otherwise the straight-line fallback.
    /// - Parameter useFallback: ignore the road graph and use the fallback model (it must exist).
    public static func load(from folder: URL, cacheDirectory: URL? = nil, useFallback: Bool = false) throws(RegionPackError) -> LoadedRegionPack {
        let start = Date()
        let manifest = try RegionPackManifest.read(from: folder.appendingPathComponent("manifest.json"))
        let pack = try readLayers(manifest: manifest, folder: folder)
        var report = RegionPackLoadReport()
        report.layersSeconds = Date().timeIntervalSince(start)

        let travelStart = Date()
        var fallback: StraightLineTravelModel?
        if let f = manifest.travel.fallback {
            var areas = StraightLineTravelModel.AreaMap.uniform(f.uniformArea ?? .suburban)
            if let file = f.areas {
                let url = folder.appendingPathComponent(file)
                let data: Data
                do { data = try Data(contentsOf: url) } catch { throw .missingFile(path: url.path, role: "area map") }
                do { areas = try JSONDecoder().decode(StraightLineTravelModel.AreaMap.self, from: data) } catch let e as DecodingError {
                    throw .badLayer(path: url.path, reason: RegionPackManifest.describe(e))
                } catch { throw .badLayer(path: url.path, reason: String(describing: error)) }
            }
            do { fallback = try StraightLineTravelModel(parameters: f.parameters, areas: areas) } catch {
                throw .badManifest(path: folder.appendingPathComponent("manifest.json").path, reason: "travel.fallback.parameters: \(error)")
            }
        }
        var router: RoadRouter?
        if !useFallback, let graph = manifest.travel.roadGraph {
            if let file = graph.file {
                let url = folder.appendingPathComponent(file)
                do { router = try RoadRouter(contentsOf: url) } catch { throw .roadGraph(path: url.path, reason: error.description) }
                report.travelSource = "road graph file"
            } else if let generated = graph.generated {
                guard generated.recipeVersion == PackGenerator.recipeVersion else {
                    throw .generatorMismatch(packVersion: generated.recipeVersion, codeVersion: PackGenerator.recipeVersion)
                }
                let (r, source, path) = try generatedRouter(seed: generated.seed, streetSpacingMetres: generated.spacing,
                                                            cacheDirectory: cacheDirectory ?? defaultCacheDirectory)
                router = r
                report.travelSource = source
                report.cachePath = path
            }
        }
        report.travelSeconds = Date().timeIntervalSince(travelStart)
        let travel: any TravelTimeService
        if let router { travel = router } else if let fallback {
            travel = fallback
            report.travelSource = "straight-line fallback"
        } else {
            throw .badManifest(path: folder.appendingPathComponent("manifest.json").path,
                               reason: "--fallback was asked for but the pack has no travel.fallback section")
        }
        return LoadedRegionPack(pack: pack, travel: travel, router: router, fallback: fallback, report: report)
    }

    /// The cache file for a generated road graph. Its name carries the seed, the generator recipe and
    /// a digest of the speed table, so a change to any of them never reuses a stale graph.
    public static func generatedGraphCache(seed: UInt64, streetSpacingMetres: Double = PackGenerator.defaultStreetSpacing,
                                           in directory: URL) -> URL {
        let spacing = PackGenerator(seed: seed, streetSpacingMetres: streetSpacingMetres).streetSpacingMetres
        let variant = spacing == PackGenerator.defaultStreetSpacing ? "" : "-streets\(Int(spacing.rounded()))m"
        return directory.appendingPathComponent(
            "generated-seed\(seed)\(variant)-recipe\(PackGenerator.recipeVersion)-speeds\(speedsDigest).blgraph")
    }

    /// FNV-1a digest (8 hex digits) of the UK speeds every class gets, untagged and at the limits the
    /// generator tags, in both profiles (computed in a fixed order, so it is the same in every process).
    static var speedsDigest: String {
        var text = ""
        for roadClass in RoadClass.allCases {
            for limit in [nil, 32.19, 48.28, 64.37, 80.47, 96.56, 112.65] as [Double?] {
                for profile in SpeedProfile.allCases {
                    text += "\(roadClass.rawValue)/\(limit ?? 0)/\(profile.rawValue)=\(RoadSpeeds.uk.kmh(roadClass, maxspeedKmh: limit, profile: profile));"
                }
            }
        }
        var hash: UInt32 = 2_166_136_261
        for b in text.utf8 { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        return String(format: "%08x", hash)
    }

    /// The router over the generator's roads for a seed: from the cache when it is there and sound,
    /// otherwise generated, contracted and written to the cache.
    public static func generatedRouter(seed: UInt64, streetSpacingMetres: Double = PackGenerator.defaultStreetSpacing,
                                       cacheDirectory: URL, rebuild: Bool = false) throws(RegionPackError) -> (RoadRouter, String, String) {
        let url = generatedGraphCache(seed: seed, streetSpacingMetres: streetSpacingMetres, in: cacheDirectory)
        if !rebuild, FileManager.default.fileExists(atPath: url.path), let cached = try? RoadRouter(contentsOf: url) {
            return (cached, "road graph cache", url.path)
        }
        let source = PackGenerator(seed: seed, streetSpacingMetres: streetSpacingMetres).generate().roads
        let graph: RoadGraph
        do { graph = try RoadGraph(source: source) } catch { throw .roadGraph(path: "generated seed \(seed)", reason: error.description) }
        let router = RoadRouter(graph: graph)
        var how = "generated roads (cache written)"
        do {
            try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
            try router.write(to: url)
        } catch {
            how = "generated roads (cache not written: \(error.localizedDescription))"
        }
        return (router, how, url.path)
    }
}

extension LoadedRegionPack {
    /// How built-up a place is (urban / suburban / rural) according to the pack's area map — the
    /// fallback model's raster, which both the generated and the built packs carry — or `nil` when
    /// the pack defines no fallback model.
    public func areaKind(at point: LonLat) -> AreaKind? {
        fallback?.areas.kind(at: point)
    }
}
