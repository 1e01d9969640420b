import Foundation

/// The `manifest.json` of a region pack: what the pack is, which files hold its layers, and how
/// travel times are computed.
///
/// ```json
/// { "format": "bluelamp-region-pack", "version": 1, "name": "generated-metro", "title": "…",
///   "layers": { "boundary": "boundary.geojson", "districts": "districts.geojson", … },
///   "travel": { "roadGraph": { "generated": { "seed": 1, "recipeVersion": 1 } },
///               "fallback": { "parameters": { … }, "areas": "areas.json" } },
///   "sources": ["…"] }
/// ```
/// Layer files are GeoJSON FeatureCollections in WGS84; paths are relative to the pack folder.
public struct RegionPackManifest: Sendable, Hashable, Codable {
    /// The value of `format` in every manifest.
    public static let formatName = "bluelamp-region-pack"
    /// The manifest version this code writes and reads.
    public static let currentVersion = 1

    /// Which files hold the layers. Only `boundary` and `districts` are required.
    public struct Layers: Sendable, Hashable, Codable {
        /// One feature: the force area (Polygon or MultiPolygon).
        public var boundary: String
        /// Features with `code` and `name` properties.
        public var districts: String
        /// Features with `code`, `name`, `district` properties.
        public var beats: String?
        /// Points with `id`, `name`, optional `district`.
        public var stations: String?
        /// Points with `id`, `weight`, `radiusMetres`, optional `name`.
        public var hotSpots: String?
        /// Points with `name`, optional `district`.
        public var towns: String?
        /// LineStrings with `name` (rivers) and Points with `id`, `road`, `roadClass` (bridges).
        public var waterways: String?

        /// Creates a value from its parts.
        public init(boundary: String = "boundary.geojson", districts: String = "districts.geojson",
                    beats: String? = nil, stations: String? = nil, hotSpots: String? = nil,
                    towns: String? = nil, waterways: String? = nil) {
            self.boundary = boundary
            self.districts = districts
            self.beats = beats
            self.stations = stations
            self.hotSpots = hotSpots
            self.towns = towns
            self.waterways = waterways
        }
    }

    /// Where the road graph comes from: a graph file in the pack, or the pack generator.
    public struct RoadGraphSource: Sendable, Hashable, Codable {
        /// A graph file (`RoadGraph`/`RoadRouter` format), relative to the pack folder.
        public var file: String?
        /// Regenerate the roads with `PackGenerator(seed:)` (cached after the first load).
        public var generated: Generated?

        /// The generator seed and recipe the roads come from.
        public struct Generated: Sendable, Hashable, Codable {
            /// The generator seed.
            public var seed: UInt64
            /// `PackGenerator.recipeVersion` when the pack was written; loading needs the same.
            public var recipeVersion: Int
            /// Street spacing when not the default 125 m (`PackGenerator.streetSpacingMetres`).
            public var streetSpacingMetres: Double?

            /// Creates the spec; a default spacing is stored as `nil` (left out of the JSON).
            public init(seed: UInt64, recipeVersion: Int, streetSpacingMetres: Double? = nil) {
                self.seed = seed
                self.recipeVersion = recipeVersion
                self.streetSpacingMetres = streetSpacingMetres == PackGenerator.defaultStreetSpacing ? nil : streetSpacingMetres
            }

            /// The spacing to generate with.
            public var spacing: Double { streetSpacingMetres ?? PackGenerator.defaultStreetSpacing }
        }

        /// Creates a value from its parts.
        public init(file: String? = nil, generated: Generated? = nil) {
            self.file = file
            self.generated = generated
        }
    }

    /// The straight-line model's parameters and (optionally) its area map file.
    public struct Fallback: Sendable, Hashable, Codable {
        /// The model's figures.
        public var parameters: StraightLineTravelModel.Parameters
        /// A JSON `StraightLineTravelModel.AreaMap`, relative to the pack folder; without it every
        /// place counts as `uniformArea`.
        public var areas: String?
        /// The kind of every place when there is no area map.
        public var uniformArea: AreaKind?

        /// Defaults throughout.
        public init(parameters: StraightLineTravelModel.Parameters = .init(), areas: String? = nil, uniformArea: AreaKind? = nil) {
            self.parameters = parameters
            self.areas = areas
            self.uniformArea = uniformArea
        }
    }

    /// How travel times are computed: the road graph when there is one, else the fallback.
    public struct Travel: Sendable, Hashable, Codable {
        /// The road graph, when the pack has one.
        public var roadGraph: RoadGraphSource?
        /// Parameters of the straight-line fallback model.
        public var fallback: Fallback?

        /// Creates a value from its parts.
        public init(roadGraph: RoadGraphSource? = nil, fallback: Fallback? = nil) {
            self.roadGraph = roadGraph
            self.fallback = fallback
        }
    }

    /// Always `bluelamp-region-pack`.
    public var format: String
    /// The manifest version.
    public var version: Int
    /// Human-readable name.
    public var name: String
    /// Human title.
    public var title: String
    /// The layer files.
    public var layers: Layers
    /// How travel times are computed.
    public var travel: Travel
    /// Provenance and licences.
    public var sources: [String]

    /// Creates a value from its parts.
    public init(name: String, title: String, layers: Layers, travel: Travel, sources: [String] = []) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.name = name
        self.title = title
        self.layers = layers
        self.travel = travel
        self.sources = sources
    }

    private enum CodingKeys: String, CodingKey { case format, version, name, title, layers, travel, sources }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        version = try c.decode(Int.self, forKey: .version)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? name
        layers = try c.decode(Layers.self, forKey: .layers)
        travel = try c.decode(Travel.self, forKey: .travel)
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
    }

    /// Reads and checks a manifest: format name, version, and a usable travel section.
    public static func read(from url: URL) throws(RegionPackError) -> RegionPackManifest {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .missingFile(path: url.path, role: "manifest")
        }
        let manifest: RegionPackManifest
        do { manifest = try JSONDecoder().decode(RegionPackManifest.self, from: data) } catch let error as DecodingError {
            throw .badManifest(path: url.path, reason: Self.describe(error))
        } catch {
            throw .badManifest(path: url.path, reason: String(describing: error))
        }
        guard manifest.format == formatName else {
            throw .badManifest(path: url.path, reason: "format is \"\(manifest.format)\", expected \"\(formatName)\"")
        }
        guard manifest.version == currentVersion else {
            throw .unsupportedVersion(path: url.path, found: manifest.version, supported: currentVersion)
        }
        if let g = manifest.travel.roadGraph, (g.file == nil) == (g.generated == nil) {
            throw .badManifest(path: url.path, reason: "travel.roadGraph needs exactly one of \"file\" or \"generated\"")
        }
        if manifest.travel.roadGraph == nil && manifest.travel.fallback == nil {
            throw .badManifest(path: url.path, reason: "travel needs a \"roadGraph\" or a \"fallback\"")
        }
        return manifest
    }

    /// The manifest as stable, readable JSON (sorted keys).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// A decoding error as "field path: what is wrong".
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let .keyNotFound(key, ctx): return "\(path(ctx.codingPath + [key])): missing"
        case let .typeMismatch(type, ctx): return "\(path(ctx.codingPath)): expected \(type)"
        case let .valueNotFound(type, ctx): return "\(path(ctx.codingPath)): expected \(type), found null"
        case let .dataCorrupted(ctx):
            let under = (ctx.underlyingError.map { " (\($0.localizedDescription))" }) ?? ""
            return "\(path(ctx.codingPath).isEmpty ? "document" : path(ctx.codingPath)): \(ctx.debugDescription)\(under)"
        @unknown default: return String(describing: error)
        }
    }
}

/// Why a region pack could not be read or written.
public enum RegionPackError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingFile(path: String, role: String)
    case badManifest(path: String, reason: String)
    case unsupportedVersion(path: String, found: Int, supported: Int)
    case badLayer(path: String, reason: String)
    case badFeature(path: String, index: Int, reason: String)
    case generatorMismatch(packVersion: Int, codeVersion: Int)
    case roadGraph(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missingFile(path, role): return "region pack: the \(role) file \(path) cannot be read"
        case let .badManifest(path, reason): return "region pack manifest \(path): \(reason)"
        case let .unsupportedVersion(path, found, supported):
            return "region pack manifest \(path) is version \(found); this BlueLamp reads version \(supported)"
        case let .badLayer(path, reason): return "region pack layer \(path): \(reason)"
        case let .badFeature(path, index, reason): return "region pack layer \(path), features[\(index)]: \(reason)"
        case let .generatorMismatch(pack, code):
            return "the pack's roads come from generator recipe \(pack) but this BlueLamp has recipe \(code); "
                + "run `bluelamp geodata generate` to rebuild the pack"
        case let .roadGraph(path, reason): return "road graph \(path): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}
