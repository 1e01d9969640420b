import GeoKit
import Foundation
import Testing
@_spi(Benchmark) @testable import GeoKit

@Suite struct GEOSTests {
    static let square = BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10).polygon(srid: 27700)
    static let bowTie = try! Geometry(wkt: "SRID=27700;POLYGON((0 0,10 10,10 0,0 10,0 0))")

    @Test func validityAndRepair() throws {
        #expect(try GEOSTests.square.isValid())
        #expect(try GEOSTests.square.validityReason() == nil)
        #expect(try !GEOSTests.bowTie.isValid())
        let reason = try #require(try GEOSTests.bowTie.validityReason())
        #expect(reason.contains("Self-intersection"), "\(reason)")
        #expect(reason.contains("5 5"), "the reason names where: \(reason)")
        let fixed = try GEOSTests.bowTie.makeValid()
        #expect(try fixed.isValid())
        #expect(fixed.kind == .multiPolygon)
        #expect(fixed.srid == 27700)
        #expect(abs(try fixed.area() - 50) < 1e-9)
    }

    @Test func predicates() throws {
        let inside = Point(x: 5, y: 5, srid: 27700)
        let edge = Point(x: 10, y: 5, srid: 27700)
        let outside = Point(x: 11, y: 5, srid: 27700)
        #expect(try GEOSTests.square.contains(inside))
        #expect(try !GEOSTests.square.contains(edge))
        #expect(try GEOSTests.square.intersects(edge))
        #expect(try GEOSTests.square.touches(edge))
        #expect(try GEOSTests.square.disjoint(outside))
        #expect(try inside.within(GEOSTests.square))
        #expect(try !outside.within(GEOSTests.square))
    }

    @Test func measures() throws {
        #expect(try GEOSTests.square.area() == 100)
        #expect(try GEOSTests.square.length() == 40)
        #expect(try Point(x: 13, y: 14, srid: 27700).distance(to: GEOSTests.square) == 5)
        let line = LineString([Coordinate(x: 0, y: 0), Coordinate(x: 3, y: 4)], srid: 27700)
        #expect(try line.length() == 5)
        let c = try GEOSTests.square.centroid()
        #expect(c.coordinate == Coordinate(x: 5, y: 5))
        #expect(c.srid == 27700)
    }

    @Test func bufferApproachesACircle() throws {
        let disc = try Point(x: 0, y: 0, srid: 27700).buffer(100, quadrantSegments: 32)
        #expect(disc.kind == .polygon)
        #expect(disc.srid == 27700)
        let area = try disc.area()
        #expect(abs(area - Double.pi * 100 * 100) / (Double.pi * 100 * 100) < 0.002, "\(area)")
        #expect(try disc.contains(Point(x: 70, y: 70, srid: 27700)))
        #expect(try !disc.contains(Point(x: 71, y: 71, srid: 27700)))
    }

    @Test func unions() throws {
        let right = BoundingBox(minX: 5, minY: 0, maxX: 15, maxY: 10).polygon(srid: 27700)
        let u = try GEOSTests.square.union(right)
        #expect(try u.area() == 150)
        var tiles = [Polygon]()
        for i in 0..<10 {
            for j in 0..<10 {
                let x = Double(i), y = Double(j)
                tiles.append(BoundingBox(minX: x, minY: y, maxX: x + 1, maxY: y + 1).polygon(srid: 27700))
            }
        }
        let merged = try Geometry.unaryUnion(tiles)
        #expect(merged.kind == .polygon)
        #expect(try merged.area() == 100)
        guard case let .polygon(p) = merged else { return }
        #expect(p.holes.isEmpty)
        #expect(try merged.length() == 40)
    }

    @Test func simplifyKeepsTopology() throws {
        // A circle of 400 vertices with a hole near its edge.
        let outer = (0...400).map { i -> Coordinate in
            let a = Double(i % 400) / 400 * 2 * Double.pi
            return Coordinate(x: 100 * cos(a), y: 100 * sin(a))
        }
        let hole = [Coordinate(x: 90, y: -2), Coordinate(x: 90, y: 2), Coordinate(x: 97, y: 2), Coordinate(x: 97, y: -2), Coordinate(x: 90, y: -2)]
        let p = Polygon(exterior: outer, holes: [hole], srid: 27700)
        let s = try p.simplified(tolerance: 10)
        guard case let .polygon(sp) = s else { Issue.record("not a polygon: \(s.kind)"); return }
        #expect(sp.exterior.count < 60, "\(sp.exterior.count) vertices")
        #expect(sp.holes.count == 1)
        #expect(try s.isValid())
        #expect(try s.contains(Point(x: 93.5, y: 0, srid: 27700)) == false, "the hole survives")
    }

    @Test func mixedSRIDsAreRefused() {
        #expect(throws: GEOSError.sridMismatch(27700, 4326)) {
            try GEOSTests.square.contains(Point(LonLat(lon: 0, lat: 0)))
        }
    }

    @Test func geosErrorsBecomeSwiftErrorsWithGEOSMessage() {
        // An unclosed ring made without validation: GEOS refuses it with its own message.
        let open = Polygon(exterior: [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 1)])
        do {
            _ = try open.area()
            Issue.record("expected a GEOS error")
        } catch {
            guard case let .operationFailed(operation, message) = error else { Issue.record("\(error)"); return }
            #expect(operation == "createLinearRing")
            #expect(message.lowercased().contains("closed"), "\(message)")
        }
    }

    @Test(arguments: GEOSConversionMethod.allCases)
    func conversionRoundTripsEveryType(method: GEOSConversionMethod) throws {
        for wkt in ["POINT(1 2)", "POINT Z (1 2 3)", "POINT EMPTY", "LINESTRING(0 0,1 1,2 0)", "LINESTRING EMPTY",
                    "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 3,3 3,2 2))", "POLYGON EMPTY",
                    "MULTIPOINT((1 2),(3 4))", "MULTILINESTRING((0 0,1 1),(2 2,3 3))",
                    "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))", "MULTIPOLYGON EMPTY",
                    "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))", "GEOMETRYCOLLECTION EMPTY",
                    "POLYGON Z ((0 0 1,10 0 2,10 10 3,0 0 1))"] {
            let g = try Geometry(wkt: wkt, srid: 27700)
            let back = try GEOSContextPool.shared.withContext { c throws(GEOSError) -> Geometry in
                try c.value(of: try c.makeGeometry(g, method: method), srid: 27700, method: method)
            }
            #expect(back == g, "\(method): \(wkt) came back as \(back)")
        }
    }

    @Test func preparedGeometryMatchesPlainContains() throws {
        let disc = try Point(x: 0, y: 0, srid: 27700).buffer(50)
        let prepared = try PreparedGeometry(disc)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let p = Point(x: Double.random(in: -60...60, using: &rng), y: Double.random(in: -60...60, using: &rng), srid: 27700)
            let coordinate = try #require(p.coordinate)
            #expect(try prepared.contains(coordinate) == disc.contains(p))
        }
        #expect(try prepared.intersects(LineString([Coordinate(x: -100, y: 0), Coordinate(x: 100, y: 0)], srid: 27700)))
        #expect(try !prepared.covers(GEOSTests.square.geometry.mapCoordinates { Coordinate(x: $0.x * 10, y: $0.y * 10) }))
    }

    @Test func operationsRunConcurrentlyFromManyTasks() async throws {
        let shapes = (1...64).map { i in BoundingBox(minX: 0, minY: 0, maxX: Double(i), maxY: 2).polygon(srid: 27700) }
        let prepared = try PreparedGeometry(try Point(x: 0, y: 0, srid: 27700).buffer(10))
        let results = try await withThrowingTaskGroup(of: (Int, Double, Bool).self) { group in
            for (i, s) in shapes.enumerated() {
                group.addTask {
                    let a = try s.buffer(1).area()
                    let inside = try prepared.contains(x: Double(i % 20) - 10, y: 0)
                    return (i, a, inside)
                }
            }
            var out = [(Int, Double, Bool)]()
            for try await r in group { out.append(r) }
            return out
        }
        #expect(results.count == 64)
        for (i, area, inside) in results {
            let width = Double(i + 1)
            // Buffer of a w×2 rectangle by 1: (w+2)(4) minus the four corner squares plus quarter discs.
            let expected = (width + 2) * 4 - 4 + Double.pi
            #expect(abs(area - expected) < 0.05, "rectangle \(i): \(area) vs \(expected)")
            #expect(inside == (abs(Double(i % 20) - 10) < 10))
        }
    }
}

/// A small seeded generator for reproducible tests.
