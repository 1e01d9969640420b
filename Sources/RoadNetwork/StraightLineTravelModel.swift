import Foundation
import GeoKit

/// Travel times from straight-line ground distance where a region has no road graph.
///
/// A trip's time is its ground distance (equirectangular at the mean latitude) × `circuityFactor` (roads are longer than the crow's line),
/// driven at the speed of each area the straight line crosses (urban, suburban, rural, from an
/// `AreaMap`), plus `fixedSeconds`. Speeds differ for normal driving and blue-light response.
/// The time is integrated cell by cell along the line, so it is symmetric and never decreases as a
/// destination moves further along a ray.
public struct StraightLineTravelModel: TravelTimeService, Sendable, Hashable {
    /// Speeds in km/h for one profile, by area kind.
    public struct Speeds: Sendable, Hashable, Codable {
        /// km/h in urban areas.
        public var urban: Double
        /// km/h in suburban areas.
        public var suburban: Double
        /// km/h in rural areas.
        public var rural: Double

        /// Creates a value from its parts.
        public init(urban: Double, suburban: Double, rural: Double) {
            self.urban = urban
            self.suburban = suburban
            self.rural = rural
        }

        /// The speed in km/h in an area of the given kind.
        @inlinable
        public subscript(kind: AreaKind) -> Double {
            switch kind {
            case .urban: return urban
            case .suburban: return suburban
            case .rural: return rural
            }
        }
    }

    /// The model's tunable figures, as stored in a region pack's manifest.
    public struct Parameters: Sendable, Hashable, Codable {
        /// Road distance ÷ straight-line distance; 1.3–1.4 is typical of British towns.
        public var circuityFactor: Double
        /// Average speeds when driving normally.
        public var normal: Speeds
        /// Average speeds under blue lights.
        public var emergency: Speeds
        /// Seconds added to every trip (getting going, parking at the scene); 0 by default.
        public var fixedSeconds: Double

        /// Defaults: circuity 1.35; normal 28 / 42 / 60 km/h and emergency 42 / 60 / 80 km/h for
        /// urban / suburban / rural areas (average door-to-door speeds, not speed limits).
        public init(circuityFactor: Double = 1.35,
                    normal: Speeds = Speeds(urban: 28, suburban: 42, rural: 60),
                    emergency: Speeds = Speeds(urban: 42, suburban: 60, rural: 80),
                    fixedSeconds: Double = 0) {
            self.circuityFactor = circuityFactor
            self.normal = normal
            self.emergency = emergency
            self.fixedSeconds = fixedSeconds
        }

        private enum CodingKeys: String, CodingKey { case circuityFactor, normal, emergency, fixedSeconds }

        /// Every field is optional in JSON; a missing one takes its default.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Parameters()
            circuityFactor = try c.decodeIfPresent(Double.self, forKey: .circuityFactor) ?? d.circuityFactor
            normal = try c.decodeIfPresent(Speeds.self, forKey: .normal) ?? d.normal
            emergency = try c.decodeIfPresent(Speeds.self, forKey: .emergency) ?? d.emergency
            fixedSeconds = try c.decodeIfPresent(Double.self, forKey: .fixedSeconds) ?? d.fixedSeconds
        }

        /// Checks that every figure is usable: positive finite speeds, circuity ≥ 1, fixed time ≥ 0.
        public func validated() throws(ParameterError) -> Parameters {
            guard circuityFactor.isFinite, circuityFactor >= 1 else { throw .circuity(circuityFactor) }
            guard fixedSeconds.isFinite, fixedSeconds >= 0 else { throw .fixedSeconds(fixedSeconds) }
            for (profile, speeds) in [(SpeedProfile.normal, normal), (.emergency, emergency)] {
                for kind in AreaKind.allCases where !(speeds[kind].isFinite && speeds[kind] > 0) {
                    throw .speed(profile: profile, area: kind, value: speeds[kind])
                }
            }
            return self
        }
    }

    /// Why model parameters were rejected.
    public enum ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
        case circuity(Double)
        case fixedSeconds(Double)
        case speed(profile: SpeedProfile, area: AreaKind, value: Double)

        public var description: String {
            switch self {
            case let .circuity(v): return "circuity factor \(v) must be a finite number ≥ 1"
            case let .fixedSeconds(v): return "fixed seconds \(v) must be a finite number ≥ 0"
            case let .speed(p, a, v): return "\(p.rawValue) speed for \(a.rawValue) areas (\(v) km/h) must be positive and finite"
            }
        }
    }

    /// The model's figures.
    public let parameters: Parameters
    /// Urban / suburban / rural cells.
    public let areas: AreaMap
    /// Seconds per metre of straight line, by profile then area kind (circuity included).
    private let pace: [[Double]]

    /// Creates the model, rejecting unusable parameters.
    public init(parameters: Parameters = Parameters(), areas: AreaMap = .uniform(.suburban)) throws(ParameterError) {
        self.parameters = try parameters.validated()
        self.areas = areas
        self.pace = [parameters.normal, parameters.emergency].map { speeds in
            AreaKind.allCases.map { parameters.circuityFactor * 3.6 / speeds[$0] }
        }
    }

    public static func == (a: Self, b: Self) -> Bool { a.parameters == b.parameters && a.areas == b.areas }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(parameters)
        hasher.combine(areas)
    }

    /// The point itself, with no road anchor (`-1`).
    public func locate(_ point: LonLat) -> RoadLocation {
        RoadLocation(point: point)
    }

    /// Seconds from one point to another (see `seconds(from:to:profile:)`).
    public func travelTime(from origin: RoadLocation, to destination: RoadLocation, profile: SpeedProfile) -> Double {
        seconds(from: origin.point, to: destination.point, profile: profile)
    }

    /// Seconds from each origin to one destination; `.infinity` beyond `limit`.
    public func travelTimes(from origins: [RoadLocation], to destination: RoadLocation,
                            profile: SpeedProfile, limit: Double?) -> [Double] {
        let cap = limit ?? .infinity
        return origins.map { origin in
            let t = seconds(from: origin.point, to: destination.point, profile: profile)
            return t <= cap ? t : .infinity
        }
    }

    /// Seconds from `a` to `b`: the straight line cut at cell borders, each piece at its area's pace.
    public func seconds(from a: LonLat, to b: LonLat, profile: SpeedProfile) -> Double {
        let metres = Self.flatDistance(a, b)
        let paces = pace[profile == .normal ? 0 : 1]
        if metres == 0 { return parameters.fixedSeconds }
        if areas.columns == 0 || areas.rows == 0 {
            return parameters.fixedSeconds + metres * paces[areas.outside.index]
        }
        return parameters.fixedSeconds + metres * integratedPace(from: a, to: b, paces: paces)
    }

    /// Ground distance on the equirectangular projection at the pair's mean latitude: one cosine
    /// instead of haversine's five trigonometric calls, within 0.02 % of `groundDistance` for trips
    /// inside a county (and exact due north or south).
    @inlinable
    static func flatDistance(_ a: LonLat, _ b: LonLat) -> Double {
        let toRad = Double.pi / 180
        let dx = (b.lon - a.lon) * cos((a.lat + b.lat) * 0.5 * toRad)
        let dy = b.lat - a.lat
        return LonLat.earthRadiusMetres * toRad * (dx * dx + dy * dy).squareRoot()
    }

    /// The pace (seconds per metre) averaged along a→b, cell by cell: an incremental grid walk
    /// (Amanatides–Woo) that gives each piece the same cell as `forEachPiece` does.
    @usableFromInline
    func integratedPace(from a: LonLat, to b: LonLat, paces: [Double]) -> Double {
        let map = areas
        let u0 = (a.lon - map.origin.lon) / map.cellLonDegrees
        let v0 = (a.lat - map.origin.lat) / map.cellLatDegrees
        let du = (b.lon - map.origin.lon) / map.cellLonDegrees - u0
        let dv = (b.lat - map.origin.lat) / map.cellLatDegrees - v0
        var cx = Int(du < 0 ? u0.rounded(.up) - 1 : u0.rounded(.down))
        var cy = Int(dv < 0 ? v0.rounded(.up) - 1 : v0.rounded(.down))
        let stepX = du > 0 ? 1 : -1, stepY = dv > 0 ? 1 : -1
        var nextU = du == 0 ? Double.infinity : ((du > 0 ? u0.rounded(.down) + 1 : u0.rounded(.up) - 1) - u0) / du
        var nextV = dv == 0 ? Double.infinity : ((dv > 0 ? v0.rounded(.down) + 1 : v0.rounded(.up) - 1) - v0) / dv
        let deltaU = du == 0 ? Double.infinity : Double(stepX) / du
        let deltaV = dv == 0 ? Double.infinity : Double(stepY) / dv
        let outsidePace = paces[map.outside.index]
        let columns = map.columns, rows = map.rows
        var t = 0.0, total = 0.0
        map.kinds.withUnsafeBufferPointer { kinds in
            while t < 1 {
                let end = min(nextU, nextV, 1)
                if end > t {
                    let pace = (cx >= 0 && cy >= 0 && cx < columns && cy < rows) ? paces[kinds[cy * columns + cx].index] : outsidePace
                    total += (end - t) * pace
                }
                if nextU <= end { nextU += deltaU; cx += stepX }
                if nextV <= end { nextV += deltaV; cy += stepY }
                t = end
            }
        }
        return total
    }

    /// Calls `body` with each piece of the segment a→b inside one cell: its share of the segment
    /// (the shares sum to 1) and the cell's kind.
    func forEachPiece(from a: LonLat, to b: LonLat, _ body: (Double, AreaKind) -> Void) {
        let u0 = (a.lon - areas.origin.lon) / areas.cellLonDegrees
        let v0 = (a.lat - areas.origin.lat) / areas.cellLatDegrees
        let du = (b.lon - areas.origin.lon) / areas.cellLonDegrees - u0
        let dv = (b.lat - areas.origin.lat) / areas.cellLatDegrees - v0
        // Parameter t (0…1) of the next vertical and horizontal cell border, and the step between borders.
        let stepU = du > 0 ? 1.0 : -1.0, stepV = dv > 0 ? 1.0 : -1.0
        var nextU = du == 0 ? Double.infinity : ((du > 0 ? u0.rounded(.down) + 1 : u0.rounded(.up) - 1) - u0) / du
        var nextV = dv == 0 ? Double.infinity : ((dv > 0 ? v0.rounded(.down) + 1 : v0.rounded(.up) - 1) - v0) / dv
        let deltaU = du == 0 ? Double.infinity : stepU / du
        let deltaV = dv == 0 ? Double.infinity : stepV / dv
        var t = 0.0
        while t < 1 {
            let end = min(nextU, nextV, 1)
            if end > t {
                let mid = (t + end) / 2
                let kind = areas.kind(column: Int((u0 + mid * du).rounded(.down)), row: Int((v0 + mid * dv).rounded(.down)))
                body(end - t, kind)
            }
            if nextU <= end { nextU += deltaU }
            if nextV <= end { nextV += deltaV }
            t = end
        }
    }
}

extension AreaKind {
    /// Position in `allCases`, for table look-ups.
    @usableFromInline
    var index: Int {
        switch self {
        case .urban: return 0
        case .suburban: return 1
        case .rural: return 2
        }
    }
}
