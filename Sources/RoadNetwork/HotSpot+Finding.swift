import Foundation
import GeoKit

extension HotSpot {
    /// How hot spots are found in a cloud of points.
    public struct FindingOptions: Sendable, Hashable, Codable {
        /// Grid cell size for the density surface.
        public var cellMetres: Double = 200
        /// Standard deviation of the Gaussian kernel that smooths the counts.
        public var bandwidthMetres: Double = 400
        /// Two hot spots are at least this far apart (weaker peaks nearby are absorbed).
        public var minSeparationMetres: Double = 1_200
        /// Points further than this from every peak belong to no hot spot.
        public var captureRadiusMetres: Double = 1_500
        /// At most this many hot spots, the strongest.
        public var maxCount: Int = 60
        /// A hot spot must gather at least this many points (or this much weight).
        public var minWeight: Double = 20

        /// Defaults throughout.
        public init() {}
    }

    /// What finding hot spots produced: the hot spots, strongest first, and how much of the input they cover.
    public struct FindingResult: Sendable, Hashable {
        /// Demand hot spots, strongest first where derived from data.
        public var hotSpots: [HotSpot]
        /// Total weight of the input points.
        public var inputWeight: Double
        /// Weight of the points gathered into a hot spot.
        public var capturedWeight: Double
    }

    /// Finds density peaks in weighted points: counts on a grid, Gaussian smoothing, local maxima
    /// (suppressing weaker ones within `minSeparationMetres`), then each point joins its nearest peak
    /// within `captureRadiusMetres`. A hot spot sits at the mean of its points near the peak; its weight
    /// is their total weight. Deterministic: the same points in the same order give the same result.
    /// - Parameter labels: optional labels per point (e.g. crime locations); a hot spot is named after
    ///   its most frequent label.
    public static func find(in points: [LonLat], weights: [Double]? = nil, labels: [String?]? = nil,
                            options: FindingOptions = FindingOptions(), idPrefix: String = "HS") -> FindingResult {
        let weight: (Int) -> Double = { i in weights.map { $0[i] } ?? 1 }
        let usable = points.indices.filter { points[$0].lon.isFinite && points[$0].lat.isFinite && weight($0) > 0 }
        let inputWeight = usable.reduce(0) { $0 + weight($1) }
        guard !usable.isEmpty else { return FindingResult(hotSpots: [], inputWeight: 0, capturedWeight: 0) }

        // Local metric frame at the points' mean latitude.
        let lat0 = usable.reduce(0.0) { $0 + points[$1].lat } / Double(usable.count)
        let lon0 = usable.reduce(0.0) { $0 + points[$1].lon } / Double(usable.count)
        let mLat = LonLat.earthRadiusMetres * Double.pi / 180
        let mLon = mLat * cos(lat0 * Double.pi / 180)
        func xy(_ p: LonLat) -> (Double, Double) { ((p.lon - lon0) * mLon, (p.lat - lat0) * mLat) }
        func lonLat(_ x: Double, _ y: Double) -> LonLat { LonLat(lon: lon0 + x / mLon, lat: lat0 + y / mLat) }

        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in usable {
            let (x, y) = xy(points[i])
            minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
        }
        // Pad by the kernel's reach; widen cells if the grid would be huge (points spread over a country).
        let pad = 3 * options.bandwidthMetres
        minX -= pad; minY -= pad; maxX += pad; maxY += pad
        var cell = max(options.cellMetres, 1)
        while ((maxX - minX) / cell) * ((maxY - minY) / cell) > 4_000_000 { cell *= 2 }
        let cols = Int(((maxX - minX) / cell).rounded(.up)) + 1
        let rows = Int(((maxY - minY) / cell).rounded(.up)) + 1

        var counts = [Double](repeating: 0, count: cols * rows)
        for i in usable {
            let (x, y) = xy(points[i])
            counts[Int((y - minY) / cell) * cols + Int((x - minX) / cell)] += weight(i)
        }
        let density = smooth(counts, cols: cols, rows: rows, sigmaCells: options.bandwidthMetres / cell)

        // Local maxima; ties broken by cell index so the order never depends on anything else.
        func higher(_ a: Int, _ b: Int) -> Bool { density[a] > density[b] || (density[a] == density[b] && a < b) }
        var peaks: [Int] = []
        for r in 0..<rows {
            for c in 0..<cols {
                let k = r * cols + c
                guard density[k] > 0 else { continue }
                var isPeak = true
                for dr in -1...1 where isPeak {
                    for dc in -1...1 where !(dr == 0 && dc == 0) {
                        let rr = r + dr, cc = c + dc
                        if rr >= 0, rr < rows, cc >= 0, cc < cols, higher(rr * cols + cc, k) { isPeak = false; break }
                    }
                }
                if isPeak { peaks.append(k) }
            }
        }
        peaks.sort(by: higher)
        func centre(_ k: Int) -> (Double, Double) {
            (minX + (Double(k % cols) + 0.5) * cell, minY + (Double(k / cols) + 0.5) * cell)
        }
        var accepted: [(Double, Double)] = []
        let sep2 = options.minSeparationMetres * options.minSeparationMetres
        for k in peaks {
            let (x, y) = centre(k)
            if accepted.allSatisfy({ ($0.0 - x) * ($0.0 - x) + ($0.1 - y) * ($0.1 - y) >= sep2 }) {
                accepted.append((x, y))
                if accepted.count >= options.maxCount * 3 { break }
            }
        }

        // Each point joins its nearest peak within the capture radius.
        let capture2 = options.captureRadiusMetres * options.captureRadiusMetres
        let near2 = 2.25 * options.bandwidthMetres * options.bandwidthMetres
        var members = [[Int]](repeating: [], count: accepted.count)
        for i in usable {
            let (x, y) = xy(points[i])
            var best = -1, bestD = capture2
            for (j, p) in accepted.enumerated() {
                let d = (p.0 - x) * (p.0 - x) + (p.1 - y) * (p.1 - y)
                if d <= bestD { if d < bestD || best < 0 { best = j; bestD = d } }
            }
            if best >= 0 { members[best].append(i) }
        }

        var spots: [(HotSpot, Int)] = []
        var captured = 0.0
        for (j, peak) in accepted.enumerated() {
            let total = members[j].reduce(0) { $0 + weight($1) }
            guard total >= options.minWeight, total > 0 else { continue }
            // Centre: weighted mean of the members near the peak (or of all members if none are near).
            var sx = 0.0, sy = 0.0, sw = 0.0
            for i in members[j] {
                let (x, y) = xy(points[i])
                if (x - peak.0) * (x - peak.0) + (y - peak.1) * (y - peak.1) <= near2 {
                    sx += weight(i) * x; sy += weight(i) * y; sw += weight(i)
                }
            }
            let (cx, cy) = sw > 0 ? (sx / sw, sy / sw) : peak
            var spread = 0.0
            for i in members[j] {
                let (x, y) = xy(points[i])
                spread += weight(i) * ((x - cx) * (x - cx) + (y - cy) * (y - cy))
            }
            var name: String?
            if let labels {
                var tally: [String: Int] = [:]
                for i in members[j] { if let l = labels[i] { tally[l, default: 0] += 1 } }
                name = tally.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
            }
            spots.append((HotSpot(id: "", name: name, position: lonLat(cx, cy), weight: total,
                                  radiusMetres: (spread / total).squareRoot()), j))
        }
        spots.sort { $0.0.weight > $1.0.weight || ($0.0.weight == $1.0.weight && $0.1 < $1.1) }
        let kept = spots.prefix(options.maxCount)
        var result: [HotSpot] = []
        for (n, (spot, _)) in kept.enumerated() {
            var s = spot
            s.id = idPrefix + String(format: "%03d", n + 1)
            captured += s.weight
            result.append(s)
        }
        return FindingResult(hotSpots: result, inputWeight: inputWeight, capturedWeight: captured)
    }

    /// Separable Gaussian smoothing of a grid (kernel cut at 3σ).
    static func smooth(_ grid: [Double], cols: Int, rows: Int, sigmaCells: Double) -> [Double] {
        let radius = max(1, Int((3 * sigmaCells).rounded(.up)))
        let kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * max(sigmaCells, 0.25) * max(sigmaCells, 0.25))) }
        var across = [Double](repeating: 0, count: grid.count)
        for r in 0..<rows {
            for c in 0..<cols {
                let v = grid[r * cols + c]
                guard v != 0 else { continue }
                for d in -radius...radius where c + d >= 0 && c + d < cols {
                    across[r * cols + c + d] += v * kernel[d + radius]
                }
            }
        }
        var out = [Double](repeating: 0, count: grid.count)
        for r in 0..<rows {
            for c in 0..<cols {
                let v = across[r * cols + c]
                guard v != 0 else { continue }
                for d in -radius...radius where r + d >= 0 && r + d < rows {
                    out[(r + d) * cols + c] += v * kernel[d + radius]
                }
            }
        }
        return out
    }
}
