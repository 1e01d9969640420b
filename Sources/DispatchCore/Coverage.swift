import GeoKit

/// A place Grade 1 demand comes from, with its share of demand and its district.
public struct DemandPoint: Sendable, Hashable, Codable {
    public var location: LonLat
    public var weight: Double
    public var district: String
    public init(location: LonLat, weight: Double, district: String) {
        self.location = location
        self.weight = weight
        self.district = district
    }
}

/// How well each district is covered: the share of its Grade 1 demand that has at least one
/// available unit within the cover radius (the straight-line distance a unit drives within the
/// Grade 1 target at the rules' cover speed and circuity).
///
/// Kept incrementally: each demand point counts the available units within the radius, updated
/// when a unit becomes available, stops being available or moves. The cover a unit's departure
/// costs is then the weight of the demand points it alone covers — a look-up, not a search.
public struct CoverageModel: Sendable {
    public let points: [DemandPoint]
    public private(set) var radiusMetres: Double
    /// Available units within the radius of each demand point.
    public private(set) var counts: [Int32]
    /// Total demand weight per district.
    public let districtWeight: [String: Double]
    private let pointIndex: MovingPointIndex<Int32>

    /// Creates the model with no units counted.
    public init(points: [DemandPoint], radiusMetres: Double, west: Double, south: Double, east: Double, north: Double) {
        self.points = points
        self.radiusMetres = radiusMetres
        self.counts = Array(repeating: 0, count: points.count)
        var weights: [String: Double] = [:]
        var index = MovingPointIndex<Int32>(west: west, south: south, east: east, north: north,
                                            cellSizeMetres: max(500, radiusMetres / 4))
        for (i, p) in points.enumerated() {
            weights[p.district, default: 0] += p.weight
            index.upsert(Int32(i), at: p.location)
        }
        self.districtWeight = weights
        self.pointIndex = index
    }

    /// Demand points within the radius of a position.
    public func pointsCovered(from position: LonLat) -> [Int32] {
        pointIndex.within(radiusMetres: radiusMetres, of: position).map(\.key)
    }

    /// Counts an available unit at a position.
    public mutating func add(unitAt position: LonLat) {
        for i in pointsCovered(from: position) { counts[Int(i)] += 1 }
    }

    /// Stops counting an available unit at a position.
    public mutating func remove(unitAt position: LonLat) {
        for i in pointsCovered(from: position) { counts[Int(i)] -= 1 }
    }

    /// The share (0…1) of a district's demand covered now; 1 for a district with no demand points.
    public func cover(of district: String) -> Double {
        guard let total = districtWeight[district], total > 0 else { return 1 }
        var covered = 0.0
        for (i, p) in points.enumerated() where p.district == district && counts[i] > 0 { covered += p.weight }
        return covered / total
    }

    /// Cover of every district.
    public func coverByDistrict() -> [String: Double] {
        var covered: [String: Double] = [:]
        for (i, p) in points.enumerated() where counts[i] > 0 { covered[p.district, default: 0] += p.weight }
        return districtWeight.reduce(into: [:]) { result, entry in
            result[entry.key] = entry.value > 0 ? (covered[entry.key] ?? 0) / entry.value : 1
        }
    }

    /// The share of each district's demand that would lose its only cover if an available unit at
    /// `position` left. Only districts that lose something appear.
    public func coverLost(ifUnitLeaves position: LonLat) -> [String: Double] {
        var lost: [String: Double] = [:]
        for i in pointsCovered(from: position) where counts[Int(i)] == 1 {
            let p = points[Int(i)]
            if let total = districtWeight[p.district], total > 0 { lost[p.district, default: 0] += p.weight / total }
        }
        return lost
    }
}
