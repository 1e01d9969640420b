import Testing
import GeoKit

@Suite struct GeometryModelTests {
    @Test func pointFromLonLatIsWGS84() {
        let p = Point(LonLat(lon: -1.9, lat: 52.48))
        #expect(p.srid == 4326)
        #expect(p.dimension == .xy)
        #expect(p.lonLat == LonLat(lon: -1.9, lat: 52.48))
        #expect(!p.isEmpty)
        #expect(Point.empty(dimension: .xyz).isEmpty)
        #expect(Point.empty(dimension: .xyz).dimension == .xyz)
    }

    @Test func polygonFromLonLatsClosesTheRing() {
        let p = Polygon([LonLat(lon: 0, lat: 0), LonLat(lon: 1, lat: 0), LonLat(lon: 1, lat: 1)])
        #expect(p.exterior.count == 4)
        #expect(p.exterior.first == p.exterior.last)
        #expect(p.srid == 4326)
        #expect(p.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
        #expect(throws: Never.self) { try p.validate() }
    }

    @Test func collectionsKeepMembersInStepWithSRIDAndDimension() {
        let a = Polygon(exterior: [Coordinate(x: 0, y: 0, z: 1), Coordinate(x: 1, y: 0, z: 1),
                                   Coordinate(x: 1, y: 1, z: 1), Coordinate(x: 0, y: 0, z: 1)])
        let b = Polygon(exterior: [Coordinate(x: 5, y: 5), Coordinate(x: 6, y: 5),
                                   Coordinate(x: 6, y: 6), Coordinate(x: 5, y: 5)])
        var mp = MultiPolygon([a, b], srid: 27700)
        #expect(mp.dimension == .xyz)
        #expect(mp.polygons.allSatisfy { $0.srid == 27700 && $0.dimension == .xyz })
        #expect(mp.polygons[1].exterior[0].z == 0)
        mp.srid = 4326
        #expect(mp.polygons.allSatisfy { $0.srid == 4326 })
        var g = Geometry.geometryCollection(GeometryCollection([.multiPolygon(mp), .point(Point(x: 1, y: 2))], srid: 3857))
        g.srid = 0
        guard case let .geometryCollection(gc) = g, case let .multiPolygon(inner) = gc.geometries[0] else {
            Issue.record("wrong shape")
            return
        }
        #expect(inner.polygons[0].srid == 0)
        #expect(gc.geometries[1].dimension == .xyz)
        #expect(g.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 6, maxY: 6))
        #expect(g.coordinateCount == 9)
    }

    @Test func boundingBoxPredicates() {
        let box = BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 5)
        #expect(box.contains(x: 10, y: 5))
        #expect(!box.contains(x: 10.01, y: 5))
        #expect(box.intersects(BoundingBox(minX: 10, minY: 5, maxX: 11, maxY: 6)))
        #expect(!box.intersects(BoundingBox(minX: 10.5, minY: 0, maxX: 11, maxY: 6)))
        #expect(box.contains(BoundingBox(minX: 1, minY: 1, maxX: 2, maxY: 2)))
        #expect(box.union(BoundingBox(minX: -1, minY: 2, maxX: 3, maxY: 9)) == BoundingBox(minX: -1, minY: 0, maxX: 10, maxY: 9))
        #expect(box.polygon().exterior.count == 5)
    }

    /// Named problems that `validate()` must find, with the path to them.
    static let invalidValues: [(String, Geometry, String, String)] = [
        ("unclosed ring", .polygon(Polygon(exterior: [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 1)])), "rings[0]", "not closed"),
        ("short ring", .polygon(Polygon(exterior: [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 0, y: 0)])), "rings[0]", "at least 4"),
        ("NaN", .lineString(LineString([Coordinate(x: 0, y: 0), Coordinate(x: .nan, y: 0)])), "coordinates[1]", "x ordinate"),
        ("lat 95 in 4326", .multiPoint(MultiPoint(coordinates: [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 95)], srid: 4326)), "points[1].coordinate", "latitude 95"),
        ("one-point line", .lineString(LineString([Coordinate(x: 0, y: 0)])), "", "needs 0 or at least 2"),
        ("hole unclosed", .multiPolygon(MultiPolygon([BoundingBox(minX: 0, minY: 0, maxX: 9, maxY: 9).polygon(),
            Polygon(exterior: BoundingBox(minX: 20, minY: 0, maxX: 29, maxY: 9).polygon().exterior,
                    holes: [[Coordinate(x: 21, y: 1), Coordinate(x: 22, y: 1), Coordinate(x: 22, y: 2), Coordinate(x: 21, y: 2)]])])),
         "polygons[1].rings[1]", "not closed"),
    ]

    @Test(arguments: invalidValues)
    func validateNamesTheProblemAndWhere(name: String, geometry: Geometry, path: String, message: String) {
        do {
            try geometry.validate()
            Issue.record("\(name): expected a validation error")
        } catch {
            #expect(error.path == path, "\(name)")
            #expect(error.description.contains(message), "\(name): \(error)")
        }
    }
}
