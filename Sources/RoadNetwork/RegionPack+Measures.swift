import Foundation
import GeoKit

extension RegionPack {
    /// Area on the ground in square metres of a WGS84 (multi)polygon, holes subtracted.
    ///
    /// Each ring's area is the spherical-excess sum on a sphere whose radius is the Gaussian radius of
    /// curvature of the WGS84 ellipsoid at the ring's mean latitude (√(M·N)), which matches the
    /// ellipsoidal area of a county-sized ring to about 0.01 %.
    public static func areaSquareMetres(_ area: MultiPolygon) -> Double {
        area.polygons.reduce(0) { total, polygon in
            guard let exterior = polygon.rings.first else { return total }
            return total + abs(ringArea(exterior)) - polygon.holes.reduce(0) { $0 + abs(ringArea($1)) }
        }
    }

    /// Signed area of one ring (closed or not) in square metres.
    static func ringArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let rad = Double.pi / 180
        let meanLat = ring.reduce(0) { $0 + $1.y } / Double(ring.count) * rad
        let a = 6_378_137.0, e2 = 0.006_694_379_990_14
        let w = 1 - e2 * sin(meanLat) * sin(meanLat)
        let m = a * (1 - e2) / (w * w.squareRoot()), n = a / w.squareRoot()
        let r2 = m * n
        var sum = 0.0
        let count = ring.count
        for i in 0..<count {
            let lower = ring[(i + count - 1) % count], middle = ring[i], upper = ring[(i + 1) % count]
            sum += (upper.x - lower.x) * rad * sin(middle.y * rad)
        }
        return sum * r2 / 2
    }
}
