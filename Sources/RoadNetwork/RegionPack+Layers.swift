import Foundation
import GeoKit

/// Reading and writing the GeoJSON layers of a pack.
enum RegionPackLayers {
    /// Reads a FeatureCollection, naming the file in every error.
    static func read(_ url: URL, role: String) throws(RegionPackError) -> [Feature] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .missingFile(path: url.path, role: role) }
        do { return try FeatureCollection(geoJSON: data).features } catch {
            throw .badLayer(path: url.path, reason: error.description)
        }
    }

    /// Writes features as a FeatureCollection, one feature per line (stable bytes, readable diffs).
    static func write(_ features: [Feature], to url: URL) throws(RegionPackError) {
        var text = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        text += features.map(\.geoJSON).joined(separator: ",\n")
        text += "\n]}\n"
        do { try Data(text.utf8).write(to: url) } catch {
            throw .cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    /// A required string property.
    static func string(_ f: Feature, _ key: String, _ url: URL, _ i: Int) throws(RegionPackError) -> String {
        guard let v = f[property: key] else { throw .badFeature(path: url.path, index: i, reason: "property \"\(key)\" is missing") }
        if let s = v.stringValue { return s }
        if let n = v.numberValue { return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n) }
        throw .badFeature(path: url.path, index: i, reason: "property \"\(key)\" must be a string, found \(v.jsonTypeName)")
    }

    /// An optional string property.
    static func optionalString(_ f: Feature, _ key: String) -> String? {
        guard let v = f[property: key], !v.isNull else { return nil }
        return v.stringValue ?? v.numberValue.map { String($0) }
    }

    /// A required finite number property.
    static func number(_ f: Feature, _ key: String, _ url: URL, _ i: Int) throws(RegionPackError) -> Double {
        guard let v = f[property: key]?.numberValue, v.isFinite else {
            throw .badFeature(path: url.path, index: i, reason: "property \"\(key)\" must be a finite number")
        }
        return v
    }

    /// The feature's geometry as an area (Polygon or MultiPolygon).
    static func area(_ f: Feature, _ url: URL, _ i: Int) throws(RegionPackError) -> MultiPolygon {
        switch f.geometry {
        case let .polygon(p)?: return MultiPolygon([p], srid: 4326)
        case let .multiPolygon(m)?: return m
        case let g?: throw .badFeature(path: url.path, index: i, reason: "geometry must be a Polygon or MultiPolygon, found \(g.typeName)")
        case nil: throw .badFeature(path: url.path, index: i, reason: "geometry is null")
        }
    }

    /// The feature's geometry as a point.
    static func point(_ f: Feature, _ url: URL, _ i: Int) throws(RegionPackError) -> LonLat {
        guard case let .point(p)? = f.geometry, let ll = p.lonLat else {
            throw .badFeature(path: url.path, index: i, reason: "geometry must be a non-empty Point, found \(f.geometry?.typeName ?? "null")")
        }
        return ll
    }

    static func pointFeature(_ p: LonLat, _ properties: [String: JSONValue], id: String? = nil) -> Feature {
        Feature(id: id.map { .string($0) }, geometry: .point(Point(p)), properties: properties)
    }
}

extension RegionPack {
    /// Reads the layers a manifest names from a pack folder (travel is not loaded here).
    public static func readLayers(manifest: RegionPackManifest, folder: URL) throws(RegionPackError) -> RegionPack {
        typealias L = RegionPackLayers
        let layers = manifest.layers
        let boundaryURL = folder.appendingPathComponent(layers.boundary)
        let boundaryFeatures = try L.read(boundaryURL, role: "boundary")
        guard !boundaryFeatures.isEmpty else { throw .badLayer(path: boundaryURL.path, reason: "no features: the boundary needs one") }
        var polygons: [Polygon] = []
        for (i, f) in boundaryFeatures.enumerated() { polygons += try L.area(f, boundaryURL, i).polygons }
        let boundary = MultiPolygon(polygons, srid: 4326)

        let districtsURL = folder.appendingPathComponent(layers.districts)
        var districts: [District] = []
        for (i, f) in try L.read(districtsURL, role: "districts").enumerated() {
            districts.append(District(code: try L.string(f, "code", districtsURL, i), name: try L.string(f, "name", districtsURL, i),
                                      area: try L.area(f, districtsURL, i)))
        }
        guard !districts.isEmpty else { throw .badLayer(path: districtsURL.path, reason: "no districts") }
        let codes = districts.map(\.code)
        if Set(codes).count != codes.count {
            let dup = codes.first { c in codes.filter { $0 == c }.count > 1 } ?? ""
            throw .badLayer(path: districtsURL.path, reason: "district code \(dup) appears more than once")
        }

        var beats: [Beat] = []
        if let file = layers.beats {
            let url = folder.appendingPathComponent(file)
            for (i, f) in try L.read(url, role: "beats").enumerated() {
                beats.append(Beat(code: try L.string(f, "code", url, i), name: try L.string(f, "name", url, i),
                                  districtCode: try L.string(f, "district", url, i), area: try L.area(f, url, i)))
            }
        }
        var stations: [Station] = []
        if let file = layers.stations {
            let url = folder.appendingPathComponent(file)
            for (i, f) in try L.read(url, role: "stations").enumerated() {
                stations.append(Station(id: try L.string(f, "id", url, i), name: try L.string(f, "name", url, i),
                                        position: try L.point(f, url, i), districtCode: L.optionalString(f, "district")))
            }
        }
        var hotSpots: [HotSpot] = []
        if let file = layers.hotSpots {
            let url = folder.appendingPathComponent(file)
            for (i, f) in try L.read(url, role: "hot spots").enumerated() {
                let weight = try L.number(f, "weight", url, i)
                guard weight >= 0 else { throw .badFeature(path: url.path, index: i, reason: "weight \(weight) is negative") }
                hotSpots.append(HotSpot(id: try L.string(f, "id", url, i), name: L.optionalString(f, "name"),
                                        position: try L.point(f, url, i), weight: weight,
                                        radiusMetres: f[property: "radiusMetres"]?.numberValue ?? 300))
            }
        }
        var towns: [Town] = []
        if let file = layers.towns {
            let url = folder.appendingPathComponent(file)
            for (i, f) in try L.read(url, role: "towns").enumerated() {
                towns.append(Town(name: try L.string(f, "name", url, i), position: try L.point(f, url, i),
                                  districtCode: L.optionalString(f, "district")))
            }
        }
        var waterways: [Waterway] = []
        var bridges: [Bridge] = []
        if let file = layers.waterways {
            let url = folder.appendingPathComponent(file)
            for (i, f) in try L.read(url, role: "waterways").enumerated() {
                switch f.geometry {
                case let .lineString(line)?:
                    waterways.append(Waterway(name: try L.string(f, "name", url, i), course: line))
                case .point?:
                    let cls = try L.string(f, "roadClass", url, i)
                    guard let roadClass = RoadClass(rawValue: cls) else {
                        throw .badFeature(path: url.path, index: i, reason: "roadClass \"\(cls)\" is not a road class")
                    }
                    bridges.append(Bridge(id: try L.string(f, "id", url, i), position: try L.point(f, url, i),
                                          road: try L.string(f, "road", url, i), roadClass: roadClass))
                default:
                    throw .badFeature(path: url.path, index: i, reason: "a waterway is a LineString and a bridge a Point")
                }
            }
        }
        return RegionPack(name: manifest.name, title: manifest.title, boundary: boundary, districts: districts,
                          beats: beats, stations: stations, hotSpots: hotSpots, towns: towns, waterways: waterways,
                          bridges: bridges, travel: manifest.travel, sources: manifest.sources)
    }

    /// Writes the pack's manifest and layers into a folder (created if needed). The same pack always
    /// gives the same bytes. `extraFiles` (e.g. an area map) are written beside them.
    public func write(to folder: URL, extraFiles: [String: Data] = [:]) throws(RegionPackError) {
        typealias L = RegionPackLayers
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: folder.path, reason: error.localizedDescription)
        }
        var layers = RegionPackManifest.Layers()
        try L.write([Feature(geometry: boundary.polygons.count == 1 ? .polygon(boundary.polygons[0]) : .multiPolygon(boundary),
                             properties: ["name": .string(title)])],
                    to: folder.appendingPathComponent(layers.boundary))
        try L.write(districts.map { d in
            Feature(id: .string(d.code), geometry: d.area.polygons.count == 1 ? .polygon(d.area.polygons[0]) : .multiPolygon(d.area),
                    properties: ["code": .string(d.code), "name": .string(d.name)])
        }, to: folder.appendingPathComponent(layers.districts))
        if !beats.isEmpty {
            layers.beats = "beats.geojson"
            try L.write(beats.map { b in
                Feature(id: .string(b.code), geometry: .multiPolygon(b.area),
                        properties: ["code": .string(b.code), "name": .string(b.name), "district": .string(b.districtCode)])
            }, to: folder.appendingPathComponent("beats.geojson"))
        }
        if !stations.isEmpty {
            layers.stations = "stations.geojson"
            try L.write(stations.map { s in
                var p: [String: JSONValue] = ["id": .string(s.id), "name": .string(s.name)]
                if let d = s.districtCode { p["district"] = .string(d) }
                return L.pointFeature(s.position, p, id: s.id)
            }, to: folder.appendingPathComponent("stations.geojson"))
        }
        if !hotSpots.isEmpty {
            layers.hotSpots = "hotspots.geojson"
            try L.write(hotSpots.map { h in
                var p: [String: JSONValue] = ["id": .string(h.id), "weight": .number(h.weight), "radiusMetres": .number(h.radiusMetres)]
                if let n = h.name { p["name"] = .string(n) }
                return L.pointFeature(h.position, p, id: h.id)
            }, to: folder.appendingPathComponent("hotspots.geojson"))
        }
        if !towns.isEmpty {
            layers.towns = "towns.geojson"
            try L.write(towns.map { t in
                var p: [String: JSONValue] = ["name": .string(t.name)]
                if let d = t.districtCode { p["district"] = .string(d) }
                return L.pointFeature(t.position, p)
            }, to: folder.appendingPathComponent("towns.geojson"))
        }
        if !waterways.isEmpty || !bridges.isEmpty {
            layers.waterways = "waterways.geojson"
            let rivers = waterways.map { Feature(geometry: .lineString($0.course), properties: ["name": .string($0.name), "kind": "river"]) }
            let crossings = bridges.map { b in
                L.pointFeature(b.position, ["id": .string(b.id), "kind": "bridge", "road": .string(b.road), "roadClass": .string(b.roadClass.rawValue)], id: b.id)
            }
            try L.write(rivers + crossings, to: folder.appendingPathComponent("waterways.geojson"))
        }
        for (name, data) in extraFiles.sorted(by: { $0.key < $1.key }) {
            do { try data.write(to: folder.appendingPathComponent(name)) } catch {
                throw .cannotWrite(path: folder.appendingPathComponent(name).path, reason: error.localizedDescription)
            }
        }
        let manifest = RegionPackManifest(name: name, title: title, layers: layers, travel: travel, sources: sources)
        let url = folder.appendingPathComponent("manifest.json")
        do { try manifest.jsonData().write(to: url) } catch {
            throw .cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }
}
