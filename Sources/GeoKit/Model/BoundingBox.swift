/// An axis-aligned box in a geometry's own units: `minX…maxX` × `minY…maxY` (lon/lat in EPSG:4326).
public struct BoundingBox: Hashable, Sendable, CustomStringConvertible {
    /// Smallest x (westernmost longitude or easting).
    public var minX: Double
    /// Smallest y (southernmost latitude or northing).
    public var minY: Double
    /// Largest x.
    public var maxX: Double
    /// Largest y.
    public var maxY: Double

    /// Creates a box from its corners; callers keep `min ≤ max`.
    @inlinable
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The box of a single position.
    @inlinable
    public init(_ c: Coordinate) {
        self.init(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
    }

    /// The smallest box holding every coordinate, or nil when there are none.
    public init?<S: Sequence>(coordinates: S) where S.Element == Coordinate {
        var it = coordinates.makeIterator()
        guard let first = it.next() else { return nil }
        var box = BoundingBox(first)
        while let c = it.next() { box.expand(toInclude: c) }
        self = box
    }

    /// The smallest box holding every WGS84 position, or nil when there are none.
    public init?(lonLats: [LonLat]) {
        self.init(coordinates: lonLats.lazy.map(Coordinate.init))
    }

    /// Extent along x.
    @inlinable public var width: Double { maxX - minX }
    /// Extent along y.
    @inlinable public var height: Double { maxY - minY }
    /// The centre of the box.
    @inlinable public var center: Coordinate { Coordinate(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    /// True when the position lies inside or on the edge of the box.
    @inlinable
    public func contains(x: Double, y: Double) -> Bool {
        x >= minX && x <= maxX && y >= minY && y <= maxY
    }

    /// True when the coordinate lies inside or on the edge of the box.
    @inlinable
    public func contains(_ c: Coordinate) -> Bool { contains(x: c.x, y: c.y) }

    /// True when `other` lies entirely inside this box.
    @inlinable
    public func contains(_ other: BoundingBox) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    /// True when the boxes share at least one point (touching edges count).
    @inlinable
    public func intersects(_ other: BoundingBox) -> Bool {
        other.minX <= maxX && other.maxX >= minX && other.minY <= maxY && other.maxY >= minY
    }

    /// Grows the box to hold `c`.
    @inlinable
    public mutating func expand(toInclude c: Coordinate) {
        if c.x < minX { minX = c.x }
        if c.x > maxX { maxX = c.x }
        if c.y < minY { minY = c.y }
        if c.y > maxY { maxY = c.y }
    }

    /// Grows the box to hold `other`.
    @inlinable
    public mutating func expand(toInclude other: BoundingBox) {
        minX = Swift.min(minX, other.minX)
        minY = Swift.min(minY, other.minY)
        maxX = Swift.max(maxX, other.maxX)
        maxY = Swift.max(maxY, other.maxY)
    }

    /// The smallest box holding both.
    @inlinable
    public func union(_ other: BoundingBox) -> BoundingBox {
        var box = self
        box.expand(toInclude: other)
        return box
    }

    /// The box as a closed rectangular polygon (counter-clockwise), in the given SRID.
    public func polygon(srid: Int32 = 0) -> Polygon {
        Polygon(exterior: [
            Coordinate(x: minX, y: minY), Coordinate(x: maxX, y: minY), Coordinate(x: maxX, y: maxY),
            Coordinate(x: minX, y: maxY), Coordinate(x: minX, y: minY),
        ], srid: srid)
    }

    public var description: String { "BOX(\(minX) \(minY),\(maxX) \(maxY))" }
}
