import Foundation
import GeoKit
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reading the official inputs a pack is built from: force boundaries (police.uk KML or GeoJSON)
/// and district or ward polygons (GeoJSON).
public enum RegionPackSources {
    /// Reads a boundary file — KML (by extension `.kml` or a `<kml` start) or GeoJSON — as one
    /// MultiPolygon of every polygon it holds.
    public static func readBoundary(_ url: URL) throws(RegionPackError) -> MultiPolygon {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .missingFile(path: url.path, role: "boundary") }
        let head = String(decoding: data.prefix(512), as: UTF8.self).lowercased()
        let polygons: [Polygon]
        if url.pathExtension.lowercased() == "kml" || head.contains("<kml") {
            polygons = try KMLPolygons.read(data, path: url.path)
        } else {
            let features: [Feature]
            do { features = try FeatureCollection(geoJSON: data).features } catch {
                throw .badLayer(path: url.path, reason: error.description)
            }
            var all: [Polygon] = []
            for (i, f) in features.enumerated() { all += try RegionPackLayers.area(f, url, i).polygons }
            polygons = all
        }
        guard !polygons.isEmpty else { throw .badLayer(path: url.path, reason: "no polygons in the boundary file") }
        return MultiPolygon(polygons, srid: 4326)
    }

    /// Reads the polygons of a GeoJSON file with each feature's properties.
    public static func readAreas(_ url: URL) throws(RegionPackError) -> [(properties: [String: JSONValue], area: MultiPolygon)] {
        let features = try RegionPackLayers.read(url, role: "areas")
        var out: [([String: JSONValue], MultiPolygon)] = []
        for (i, f) in features.enumerated() { out.append((f.properties ?? [:], try RegionPackLayers.area(f, url, i))) }
        return out
    }

    /// Unions areas with GEOS into one (multi)polygon, repairing invalid inputs first if GEOS refuses them.
    public static func union(_ areas: [MultiPolygon], label: String) throws(RegionPackError) -> MultiPolygon {
        func asMulti(_ g: Geometry) -> MultiPolygon? {
            switch g {
            case let .polygon(p): return MultiPolygon([p], srid: 4326)
            case let .multiPolygon(m): return m
            case let .geometryCollection(c):
                let polys = c.geometries.flatMap { g -> [Polygon] in asMulti(g)?.polygons ?? [] }
                return MultiPolygon(polys, srid: 4326)
            default: return nil
            }
        }
        do {
            let merged: Geometry
            do { merged = try Geometry.unaryUnion(areas) } catch {
                merged = try Geometry.unaryUnion(try areas.map { try $0.geometry.makeValid() })
            }
            guard var result = asMulti(merged) else {
                throw RegionPackError.badLayer(path: label, reason: "the union is a \(merged.typeName), not an area")
            }
            result.srid = 4326
            return result
        } catch let e as RegionPackError {
            throw e
        } catch {
            throw .badLayer(path: label, reason: "GEOS union failed: \(error)")
        }
    }
}

/// Polygons from KML: every `<Polygon>`'s `<outerBoundaryIs>` and `<innerBoundaryIs>` rings, whose
/// `<coordinates>` hold whitespace-separated `lon,lat[,alt]` tuples.
enum KMLPolygons {
    static func read(_ data: Data, path: String) throws(RegionPackError) -> [Polygon] {
        let delegate = Delegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            let line = parser.lineNumber
            throw .badLayer(path: path, reason: "KML is not well-formed XML near line \(line): \(parser.parserError?.localizedDescription ?? "parse error")")
        }
        if let problem = delegate.problem { throw .badLayer(path: path, reason: problem) }
        var polygons: [Polygon] = []
        for (k, rings) in delegate.polygons.enumerated() {
            guard let outer = rings.outer else { throw .badLayer(path: path, reason: "KML polygon \(k + 1) has no outerBoundaryIs") }
            for (r, ring) in ([outer] + rings.inner).enumerated() where ring.count < 4 || ring.first != ring.last {
                throw .badLayer(path: path, reason: "KML polygon \(k + 1), ring \(r + 1): a ring needs at least 4 positions, the last equal to the first (found \(ring.count))")
            }
            polygons.append(Polygon(outer, holes: rings.inner))
        }
        return polygons
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var polygons: [(outer: [LonLat]?, inner: [[LonLat]])] = []
        var problem: String?
        private var inPolygon = false, inOuter = false, inInner = false, inCoordinates = false
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch local(name) {
            case "Polygon": inPolygon = true; polygons.append((nil, []))
            case "outerBoundaryIs": inOuter = true
            case "innerBoundaryIs": inInner = true
            case "coordinates": inCoordinates = true; text = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inCoordinates { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch local(name) {
            case "Polygon": inPolygon = false
            case "outerBoundaryIs": inOuter = false
            case "innerBoundaryIs": inInner = false
            case "coordinates":
                inCoordinates = false
                guard inPolygon, !polygons.isEmpty, problem == nil else { return }
                var ring: [LonLat] = []
                for tuple in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
                    let parts = tuple.split(separator: ",")
                    guard parts.count >= 2, let lon = Double(parts[0]), let lat = Double(parts[1]),
                          let p = try? LonLat(validatingLon: lon, lat: lat) else {
                        problem = "KML coordinates near line \(parser.lineNumber): \"\(tuple.prefix(40))\" is not lon,lat"
                        return
                    }
                    ring.append(p)
                }
                if inOuter { polygons[polygons.count - 1].outer = ring } else if inInner { polygons[polygons.count - 1].inner.append(ring) }
            default: break
            }
        }

        private func local(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }
    }
}
