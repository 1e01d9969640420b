import Foundation
import GeoKit

extension PackGenerator {
    /// The generator's working frame: flat metres around the region's centre, a smooth warp that makes
    /// straight construction lines look organic, and the way back to lon/lat.
    struct Frame: Sendable {
        let centre: LonLat
        let metresPerDegreeLat: Double
        let metresPerDegreeLon: Double
        /// Warp waves per axis: amplitude (m), wave vector (rad/m) and phase.
        let waves: [(axis: Int, amplitude: Double, kx: Double, ky: Double, phase: Double)]

        init(centre: LonLat, rng: inout SplitMix64) {
            self.centre = centre
            metresPerDegreeLat = LonLat.earthRadiusMetres * Double.pi / 180
            metresPerDegreeLon = metresPerDegreeLat * cos(centre.lat * Double.pi / 180)
            // Three octaves per axis; the steepest slope stays below ~0.6, so the warp never folds.
            var waves: [(Int, Double, Double, Double, Double)] = []
            for axis in 0..<2 {
                for (amplitude, wavelength) in [(250.0, 7_000.0), (80.0, 2_500.0), (25.0, 900.0)] {
                    let angle = rng.uniform(0...(2 * Double.pi))
                    let k = 2 * Double.pi / wavelength
                    waves.append((axis, amplitude, k * cos(angle), k * sin(angle), rng.uniform(0...(2 * Double.pi))))
                }
            }
            self.waves = waves
        }

        /// The warp's displacement at a point of the clean frame.
        func displacement(_ p: XY) -> XY {
            var d = [0.0, 0.0]
            for w in waves { d[w.axis] += w.amplitude * sin(w.kx * p.x + w.ky * p.y + w.phase) }
            return XY(d[0], d[1])
        }

        /// A clean-frame point to lon/lat, warped, rounded to 1e-7° (about 1 cm) so files are stable.
        func lonLat(_ p: XY) -> LonLat {
            let q = p + displacement(p)
            return LonLat(lon: Self.round7(centre.lon + q.x / metresPerDegreeLon),
                          lat: Self.round7(centre.lat + q.y / metresPerDegreeLat))
        }

        /// Approximately the clean-frame point that warps to a lon/lat (one fixed-point step; the
        /// warp moves points at most ~355 m, so this is good to a few metres).
        func cleanPoint(_ p: LonLat) -> XY {
            let q = XY((p.lon - centre.lon) * metresPerDegreeLon, (p.lat - centre.lat) * metresPerDegreeLat)
            var x = q - displacement(q)
            x = q - displacement(x)
            return x
        }

        static func round7(_ v: Double) -> Double { (v * 1e7).rounded() / 1e7 }
    }
}
