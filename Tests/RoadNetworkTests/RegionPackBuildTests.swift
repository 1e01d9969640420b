import Foundation
import Testing
import GeoKit
import TestSupport
@testable import RoadNetwork

/// Builds a West Midlands pack from the real public data in ../shared/data/west-midlands.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct RegionPackBuildTests {
    static let districtNames = [
        ("E08000025", "Birmingham"), ("E08000026", "Coventry"), ("E08000027", "Dudley"), ("E08000028", "Sandwell"),
        ("E08000029", "Solihull"), ("E08000030", "Walsall"), ("E08000031", "Wolverhampton"),
    ]

    static func builder(boundary: URL = SharedData.url("west-midlands/boundaries/force.geojson")) -> RegionPackBuilder {
        var b = RegionPackBuilder(
            name: "west-midlands", title: "West Midlands Police", boundary: boundary,
            districts: districtNames.map { .file(SharedData.url("west-midlands/boundaries/wards/\($0.0).json"), code: $0.0, name: $0.1) })
        b.crimeFiles = [SharedData.url("west-midlands/crime/2011-02-west-midlands-street.csv"),
                        SharedData.url("west-midlands/crime/birmingham-centre-2017.csv")]
        return b
    }

    /// Built once for the suite (it reads 43,000 crimes and unions 163 wards).
    static let built: Result<RegionPackBuilder.Result, any Error> = Result { try builder().build() }

    @Test func sevenDistrictsWithTheirNamesTileTheForce() throws {
        let result = try Self.built.get()
        let pack = result.pack
        #expect(pack.districts.map(\.name) == Self.districtNames.map(\.1))
        #expect(result.report.partsPerDistrict.values.reduce(0, +) == 163, "163 wards in all")
        // Force area 901.7 km² (the data README); districts sum to it within a few per cent.
        #expect(abs(result.report.boundaryKm2 - 901.7) < 901.7 * 0.01, "force \(result.report.boundaryKm2) km²")
        let sum = result.report.districtKm2.values.reduce(0, +)
        #expect(abs(sum - 901.7) < 901.7 * 0.03, "districts sum to \(sum) km²")
        // Birmingham is the largest district (268 km²), Wolverhampton the smallest (69 km²).
        let birmingham = result.report.districtKm2["E08000025"] ?? 0
        #expect(abs(birmingham - 268) < 10, "Birmingham \(birmingham) km²")
        #expect(result.report.districtKm2.min { $0.value < $1.value }?.key == "E08000031")
    }

    @Test func crimePointsFallInsideTheForceAndItsDistricts() throws {
        let report = try Self.built.get().report
        // Both real files have coordinates on every row: nothing skipped, every row kept.
        #expect(report.crime.map(\.layout) == [.street2011, .apiExport])
        #expect(report.crime.map(\.rows) == [25_558, 17_260])
        #expect(report.crime.allSatisfy { $0.skippedTotal == 0 && $0.kept == $0.rows })
        #expect(report.crimePoints == 42_818)
        // Published points are snapped to nearby streets, so a few fall just outside the boundary.
        let inside = report.insideShare
        #expect(inside > 0.98, "share inside the force: \(inside)")
        let inDistricts = report.crimeByDistrict.values.reduce(0, +)
        let insideCount = report.crimePoints - report.crimeOutsideBoundary
        #expect(Double(inDistricts) / Double(insideCount) > 0.995, "\(report.crimeInBoundaryNoDistrict) inside the force but in no district")
        // The 2017 file is all Birmingham city centre, so Birmingham holds most points.
        let birmingham = report.crimeByDistrict["E08000025"] ?? 0
        #expect(Double(birmingham) / Double(inDistricts) > 0.55)
        #expect(Set(report.crimeByDistrict.keys) == Set(Self.districtNames.map(\.0)))
    }

    @Test func biggestHotSpotIsBirminghamCityCentre() throws {
        let pack = try Self.built.get().pack
        let top = try #require(pack.hotSpots.first)
        #expect(pack.hotSpots.allSatisfy { $0.weight <= top.weight })
        #expect(top.position.groundDistance(to: LonLat(lon: -1.8986, lat: 52.4778)) < 1_500, "\(top)")
        #expect(pack.district(containing: top.position)?.name == "Birmingham")
        // Hot spots outside Birmingham too (Coventry, Wolverhampton…).
        let districts = Set(pack.hotSpots.compactMap { pack.district(containing: $0.position)?.code })
        #expect(districts.count >= 5, "hot spots in \(districts.sorted())")
        #expect(pack.stations.count == 7)
        #expect(pack.stations.allSatisfy { $0.name.hasSuffix("(assumed)") })
    }

    @Test func packWritesAndLoadsWithTheFallbackModel() throws {
        let result = try Self.built.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluelamp-wm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try result.write(to: folder)
        let loaded = try RegionPack.load(from: folder)
        #expect(loaded.router == nil)
        #expect(loaded.report.travelSource == "straight-line fallback")
        let model = try #require(loaded.fallback)
        // Birmingham centre is urban in the crime-density map; the Meriden gap (Solihull) is not.
        #expect(model.areas.kind(at: LonLat(lon: -1.8986, lat: 52.4778)) == .urban)
        #expect(model.areas.kind(at: LonLat(lon: -1.64, lat: 52.44)) != .urban)
        // Birmingham to Coventry by the fallback: 27.5 km as the crow flies, 30–60 minutes.
        let t = loaded.travel.travelTime(from: loaded.travel.locate(LonLat(lon: -1.8986, lat: 52.4778)),
                                         to: loaded.travel.locate(LonLat(lon: -1.5134, lat: 52.4008)), profile: .normal)
        #expect(t > 1_800 && t < 3_600, "\(t) s")
        #expect(loaded.pack.district(containing: LonLat(lon: -1.5134, lat: 52.4008))?.name == "Coventry")
        #expect(loaded.pack.district(containing: LonLat(lon: -2.1286, lat: 52.5862))?.name == "Wolverhampton")
        #expect(loaded.pack.district(containing: LonLat(lon: -0.1276, lat: 51.5072)) == nil, "London is outside")
        #expect(loaded.pack.hotSpots == result.pack.hotSpots)
    }

    @Test func aKMLBoundaryGivesTheSameForceAsGeoJSON() throws {
        // Write the force boundary as police.uk-style KML, then read it back.
        let geojson = try RegionPackSources.readBoundary(SharedData.url("west-midlands/boundaries/force.geojson"))
        var kml = #"<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>West Midlands Police</name><MultiGeometry>"#
        for polygon in geojson.polygons {
            kml += "<Polygon><outerBoundaryIs><LinearRing><coordinates>\n"
            kml += polygon.exterior.map { "\($0.x),\($0.y),0" }.joined(separator: " ")
            kml += "\n</coordinates></LinearRing></outerBoundaryIs>"
            for hole in polygon.holes {
                kml += "<innerBoundaryIs><LinearRing><coordinates>" + hole.map { "\($0.x),\($0.y)" }.joined(separator: " ") + "</coordinates></LinearRing></innerBoundaryIs>"
            }
            kml += "</Polygon>"
        }
        kml += "</MultiGeometry></Placemark></Document></kml>"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("force-\(UUID().uuidString).kml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(kml.utf8).write(to: url)
        let fromKML = try RegionPackSources.readBoundary(url)
        #expect(fromKML == geojson)
        #expect(abs(RegionPack.areaSquareMetres(fromKML) / 1e6 - 901.7) < 9)
    }

    @Test func badKMLIsAClearError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).kml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("<kml><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>-1.9,52.4 -1.8,north -1.9,52.4</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>".utf8).write(to: url)
        #expect(throws: RegionPackError.self) { try RegionPackSources.readBoundary(url) }
        do {
            _ = try RegionPackSources.readBoundary(url)
        } catch {
            #expect(error.description.contains("-1.8,north"), "\(error)")
        }
        try Data("<kml><Placemark><Polygon><outerBoundaryIs>".utf8).write(to: url)
        do {
            _ = try RegionPackSources.readBoundary(url)
            Issue.record("truncated KML was accepted")
        } catch {
            // libxml2 may report the truncation itself, or the parse ends with no ring read.
            #expect(error.description.contains("not well-formed") || error.description.contains("no outerBoundaryIs"), "\(error)")
            #expect(error.description.contains(url.path))
        }
    }

    @Test func anOSMExtractBecomesThePacksRoadGraph() throws {
        // A box around central Helsinki as boundary and single district, roads from the small extract.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluelamp-osm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let box = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Helsinki centre"},"geometry":{"type":"Polygon","coordinates":[[[24.90,60.15],[24.98,60.15],[24.98,60.19],[24.90,60.19],[24.90,60.15]]]}}]}"#
        let boxURL = folder.appendingPathComponent("box.geojson")
        try Data(box.utf8).write(to: boxURL)
        var builder = RegionPackBuilder(name: "helsinki-test", title: "Helsinki (test)", boundary: boxURL,
                                        districts: [.file(boxURL, code: "HEL", name: "Helsinki centre")])
        builder.osm = SharedData.url("osm/helsinki-small.osm.pbf")
        let result = try builder.build()
        #expect(result.pack.travel.roadGraph?.file == "roads.blgraph")
        #expect((result.report.roadJunctions ?? 0) > 100)
        #expect(result.pack.sources.contains { $0.contains("OpenStreetMap") })
        let out = folder.appendingPathComponent("pack")
        try result.write(to: out)
        let loaded = try RegionPack.load(from: out)
        let router = try #require(loaded.router)
        #expect(loaded.report.travelSource == "road graph file")
        #expect(router.graph.junctionCount == result.report.roadJunctions)
        // Two junctions of the graph 300–3,000 m apart: reachable at a plausible average speed.
        let junctions = router.graph.junctionCoordinates
        let first = try #require(junctions.first)
        let second = try #require(junctions.first { (300...3_000).contains($0.groundDistance(to: first)) })
        let t = loaded.travel.travelTime(from: loaded.travel.locate(first), to: loaded.travel.locate(second), profile: .normal)
        let speed = first.groundDistance(to: second) / t
        #expect(t.isFinite && speed > 0.5 && speed < 30, "\(t) s over \(first.groundDistance(to: second)) m")
        // The fallback is still there for callers that ask for it.
        #expect(try RegionPack.load(from: out, useFallback: true).router == nil)
    }

    @Test func wardsInOneFileAreGroupedIntoDistrictsByAProperty() throws {
        // Coventry's and Solihull's wards in one file, each tagged with its district's code and name.
        var features: [Feature] = []
        for (code, name) in [("E08000026", "Coventry"), ("E08000029", "Solihull")] {
            let data = try Data(contentsOf: SharedData.url("west-midlands/boundaries/wards/\(code).json"))
            for var f in try FeatureCollection(geoJSON: data).features {
                f.properties?["LAD"] = .string(code)
                f.properties?["LADNM"] = .string(name)
                features.append(f)
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wards-\(UUID().uuidString).geojson")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(FeatureCollection(features).geoJSON.utf8).write(to: url)
        let b = RegionPackBuilder(name: "two", title: "Two districts", boundary: SharedData.url("west-midlands/boundaries/force.geojson"),
                                  districts: [.grouped(url, codeProperty: "LAD", nameProperty: "LADNM")])
        let result = try b.build()
        #expect(result.pack.districts.map(\.code) == ["E08000026", "E08000029"])
        #expect(result.pack.districts.map(\.name) == ["Coventry", "Solihull"])
        // The same areas as one file per district (Coventry 98.7 km², Solihull 178.4 km²).
        #expect(abs((result.report.districtKm2["E08000026"] ?? 0) - 98.7) < 1)
        #expect(abs((result.report.districtKm2["E08000029"] ?? 0) - 178.4) < 1.5)
        #expect(result.pack.district(containing: LonLat(lon: -1.5134, lat: 52.4008))?.name == "Coventry")
        // A feature without the code property is a clear error naming it.
        let bad = RegionPackBuilder(name: "x", title: "x", boundary: SharedData.url("west-midlands/boundaries/force.geojson"),
                                    districts: [.grouped(url, codeProperty: "NOPE", nameProperty: "LADNM")])
        #expect(throws: RegionPackError.badFeature(path: url.path, index: 0, reason: "property \"NOPE\" is missing or not a string")) {
            try bad.build()
        }
    }
}
