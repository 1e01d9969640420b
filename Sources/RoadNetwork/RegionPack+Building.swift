import Foundation
import GeoKit

/// Builds a region pack from official inputs: a force boundary (police.uk KML or GeoJSON),
/// district or ward polygons (GeoJSON; wards grouped into districts by file or by a property and
/// unioned with GEOS), police.uk crime CSVs as demand (hot spots and the fallback model's area map),
/// optionally station points and an OpenStreetMap extract (built into a road graph).
public struct RegionPackBuilder: Sendable {
    /// Where one district's polygons come from.
    public enum DistrictSource: Sendable, Hashable {
        /// Every polygon in the file (e.g. its wards) makes up one district.
        case file(URL, code: String, name: String)
        /// Features grouped into districts by a code property, named by a name property.
        case grouped(URL, codeProperty: String, nameProperty: String)
    }

    /// Human-readable name.
    public var name: String
    /// Human title.
    public var title: String
    /// The outer boundary (WGS84).
    public var boundary: URL
    /// The districts, in order.
    public var districts: [DistrictSource]
    /// police.uk crime CSVs giving the demand.
    public var crimeFiles: [URL] = []
    /// GeoJSON points with `name` (and optional `id`); without it one station per district is
    /// assumed at the district's strongest hot spot, and the sources say so.
    public var stations: URL?
    /// An `.osm.pbf` or `.osm` extract; without it the pack uses the straight-line fallback.
    public var osm: URL?
    /// Parameters of the straight-line fallback model.
    public var fallback = StraightLineTravelModel.Parameters()
    /// How hot spots are found in the crime points.
    public var hotSpotOptions = HotSpot.FindingOptions()
    /// Extra provenance lines (licences).
    public var sources: [String] = []

    /// Creates a value from its parts.
    public init(name: String, title: String, boundary: URL, districts: [DistrictSource]) {
        self.name = name
        self.title = title
        self.boundary = boundary
        self.districts = districts
    }

    /// The built pack, the files to write beside its layers, the road router if any, and what happened.
    public struct Result: Sendable {
        /// The pack.
        public var pack: RegionPack
        /// Files to write beside the layers (e.g. `areas.json`).
        public var extraFiles: [String: Data]
        /// The road router, when an OSM extract was given.
        public var router: RoadRouter?
        /// What the build did.
        public var report: RegionPackBuildReport

        /// Writes the pack (and its road graph, if built) into a folder.
        public func write(to folder: URL) throws {
            try pack.write(to: folder, extraFiles: extraFiles)
            if let router, let file = pack.travel.roadGraph?.file {
                try router.write(to: folder.appendingPathComponent(file))
            }
        }
    }

    /// Reads every input and builds the pack; throws a typed error naming the file at fault.
    public func build() throws -> Result {
        var report = RegionPackBuildReport()
        let boundaryArea = try RegionPackSources.readBoundary(boundary)
        report.boundaryKm2 = RegionPack.areaSquareMetres(boundaryArea) / 1e6

        // Districts.
        var districtList: [RegionPack.District] = []
        for source in districts {
            switch source {
            case let .file(url, code, name):
                let parts = try RegionPackSources.readAreas(url)
                guard !parts.isEmpty else { throw RegionPackError.badLayer(path: url.path, reason: "no polygons for district \(code)") }
                let area = try RegionPackSources.union(parts.map(\.area), label: url.path)
                districtList.append(.init(code: code, name: name, area: area))
                report.partsPerDistrict[code] = parts.count
            case let .grouped(url, codeKey, nameKey):
                let parts = try RegionPackSources.readAreas(url)
                var groups: [String: (name: String, areas: [MultiPolygon])] = [:]
                for (i, part) in parts.enumerated() {
                    guard let code = part.properties[codeKey]?.stringValue else {
                        throw RegionPackError.badFeature(path: url.path, index: i, reason: "property \"\(codeKey)\" is missing or not a string")
                    }
                    let name = part.properties[nameKey]?.stringValue ?? code
                    groups[code, default: (name, [])].areas.append(part.area)
                }
                for code in groups.keys.sorted() {
                    guard let g = groups[code] else { continue }
                    districtList.append(.init(code: code, name: g.name, area: try RegionPackSources.union(g.areas, label: "\(url.path) \(code)")))
                    report.partsPerDistrict[code] = g.areas.count
                }
            }
        }
        guard !districtList.isEmpty else { throw RegionPackError.badLayer(path: boundary.path, reason: "no districts were given") }
        report.districtKm2 = Dictionary(uniqueKeysWithValues: districtList.map { ($0.code, RegionPack.areaSquareMetres($0.area) / 1e6) })

        // Demand from crime records.
        var points: [LonLat] = [], labels: [String?] = []
        for url in crimeFiles {
            let (records, csv) = try CrimeCSV.read(contentsOf: url)
            report.crime.append(csv)
            points += records.map(\.position)
            labels += records.map(\.location)
        }
        let draft = RegionPack(name: name, title: title, boundary: boundaryArea, districts: districtList,
                               travel: .init(fallback: .init(parameters: fallback)))
        var insidePoints: [LonLat] = [], insideLabels: [String?] = []
        for (p, label) in zip(points, labels) {
            if draft.contains(p) {
                insidePoints.append(p)
                insideLabels.append(label)
                if let d = draft.district(containing: p) { report.crimeByDistrict[d.code, default: 0] += 1 } else { report.crimeInBoundaryNoDistrict += 1 }
            } else {
                report.crimeOutsideBoundary += 1
            }
        }
        report.crimePoints = points.count
        let found = HotSpot.find(in: insidePoints, labels: insideLabels, options: hotSpotOptions)
        report.hotSpotCapturedShare = found.inputWeight > 0 ? found.capturedWeight / found.inputWeight : 0

        // Stations: given, or assumed at each district's strongest hot spot.
        var stations: [RegionPack.Station] = []
        var sources = self.sources
        if let url = self.stations {
            for (i, f) in try RegionPackLayers.read(url, role: "stations").enumerated() {
                let position = try RegionPackLayers.point(f, url, i)
                stations.append(.init(id: RegionPackLayers.optionalString(f, "id") ?? String(format: "ST%02d", i + 1),
                                      name: try RegionPackLayers.string(f, "name", url, i), position: position,
                                      districtCode: draft.district(containing: position)?.code))
            }
        } else {
            for (k, d) in districtList.enumerated() {
                guard let spot = found.hotSpots.first(where: { draft.district(containing: $0.position)?.code == d.code }) else { continue }
                stations.append(.init(id: String(format: "ST%02d", k + 1), name: "\(d.name) (assumed)", position: spot.position, districtCode: d.code))
            }
            if !stations.isEmpty {
                sources.append("Stations are assumed, one per district at its strongest crime hot spot: no station locations were given.")
            }
        }

        // Area map for the fallback model from crime density; road graph from OSM if given.
        let box = boundaryArea.boundingBox ?? BoundingBox(minX: -2.21, minY: 52.34, maxX: -1.42, maxY: 52.67)
        let areas = StraightLineTravelModel.AreaMap.fromDensity(
            points: insidePoints, south: box.minY - 0.01, west: box.minX - 0.01, north: box.maxY + 0.01, east: box.maxX + 0.01,
            inside: { draft.contains($0) })
        var router: RoadRouter?
        var roadGraph: RegionPackManifest.RoadGraphSource?
        if let osm {
            let imported = try OSMImporter.importFile(at: osm)
            let graph = try RoadGraph(source: imported.source)
            router = RoadRouter(graph: graph)
            roadGraph = .init(file: "roads.blgraph")
            report.roadJunctions = graph.junctionCount
            report.roadEdges = graph.edgeCount
            sources.append("Roads: \(osm.lastPathComponent), © OpenStreetMap contributors, ODbL 1.0.")
        }
        let pack = RegionPack(name: name, title: title, boundary: boundaryArea, districts: districtList,
                              stations: stations, hotSpots: found.hotSpots,
                              travel: .init(roadGraph: roadGraph, fallback: .init(parameters: fallback, areas: "areas.json")),
                              sources: sources)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var areaData = try encoder.encode(areas)
        areaData.append(0x0A)
        report.areaCells = Dictionary(uniqueKeysWithValues: areas.cellCounts.map { ($0.key.rawValue, $0.value) })
        return Result(pack: pack, extraFiles: ["areas.json": areaData], router: router, report: report)
    }
}

/// What building a pack did: areas, the crime files read (kept and skipped rows), where the crime
/// points fell, hot-spot coverage, road graph size.
public struct RegionPackBuildReport: Sendable, Hashable, Codable {
    /// Boundary area in km².
    public var boundaryKm2 = 0.0
    /// Area of each district in km², by code.
    public var districtKm2: [String: Double] = [:]
    /// Polygons (wards) unioned into each district.
    public var partsPerDistrict: [String: Int] = [:]
    /// One report per crime file.
    public var crime: [CrimeCSVReport] = []
    /// Crime records with usable coordinates, from every file.
    public var crimePoints = 0
    /// Crime points outside the boundary.
    public var crimeOutsideBoundary = 0
    /// Inside the boundary but in no district (gaps between district polygons).
    public var crimeInBoundaryNoDistrict = 0
    /// Crime points per district code.
    public var crimeByDistrict: [String: Int] = [:]
    /// Share of the crime points inside the boundary gathered into hot spots.
    public var hotSpotCapturedShare = 0.0
    /// Fallback raster cells per area kind.
    public var areaCells: [String: Int] = [:]
    /// Junctions in the road graph, if built.
    public var roadJunctions: Int?
    /// Edges in the road graph, if built.
    public var roadEdges: Int?

    /// Defaults throughout.
    public init() {}

    /// Share of crime points inside the force boundary.
    public var insideShare: Double {
        crimePoints == 0 ? 0 : Double(crimePoints - crimeOutsideBoundary) / Double(crimePoints)
    }
}
