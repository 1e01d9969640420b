extension GeometryConvertible {
    /// Checks what the decoders check — finite ordinates, lon/lat ranges for SRID 4326, ring
    /// closure and length, line string length, consistent dimensions, nesting depth — and throws
    /// the first problem with its path. Topological validity (self-intersection) is GEOS's
    /// `isValid`/`validityReason`, not this.
    public func validate() throws(GeometryValidationError) {
        try geometry.validate(path: "", depth: 0, srid: srid, dimension: dimension)
    }
}

extension Geometry {
    fileprivate func validate(path: String, depth: Int, srid: Int32, dimension: CoordinateDimension) throws(GeometryValidationError) {
        func fail(_ p: GeometryProblem, _ at: String) -> GeometryValidationError {
            GeometryValidationError(problem: p, path: at)
        }
        func coords(_ cs: [Coordinate], _ at: String) throws(GeometryValidationError) {
            for (i, c) in cs.enumerated() {
                if c.dimension != dimension { throw fail(.mixedDimensions(expected: dimension, found: c.dimension), "\(at)[\(i)]") }
                if let p = GeometryProblem.check(c, srid: srid) { throw fail(p, "\(at)[\(i)]") }
            }
        }
        func polygon(_ p: Polygon, _ at: String) throws(GeometryValidationError) {
            if p.exterior.isEmpty && !p.holes.isEmpty { throw fail(.ringTooShort(pointCount: 0), "\(at)rings[0]") }
            for (i, ring) in p.rings.enumerated() {
                try coords(ring, "\(at)rings[\(i)]")
                if let problem = GeometryProblem.checkRing(ring) { throw fail(problem, "\(at)rings[\(i)]") }
            }
        }
        if self.dimension != dimension { throw fail(.mixedDimensions(expected: dimension, found: self.dimension), path) }
        let dot = path.isEmpty ? "" : path + "."
        switch self {
        case let .point(p):
            if let c = p.coordinate {
                let at = "\(dot)coordinate"
                if c.dimension != dimension { throw fail(.mixedDimensions(expected: dimension, found: c.dimension), at) }
                if let problem = GeometryProblem.check(c, srid: srid) { throw fail(problem, at) }
            }
        case let .lineString(l):
            try coords(l.coordinates, "\(dot)coordinates")
            if let problem = GeometryProblem.checkLineString(l.coordinates) { throw fail(problem, path) }
        case let .polygon(p):
            try polygon(p, dot)
        case let .multiPoint(mp):
            for (i, p) in mp.points.enumerated() {
                try Geometry.point(p).validate(path: "\(dot)points[\(i)]", depth: depth + 1, srid: srid, dimension: dimension)
            }
        case let .multiLineString(ml):
            for (i, l) in ml.lineStrings.enumerated() {
                try Geometry.lineString(l).validate(path: "\(dot)lineStrings[\(i)]", depth: depth + 1, srid: srid, dimension: dimension)
            }
        case let .multiPolygon(mp):
            for (i, p) in mp.polygons.enumerated() { try polygon(p, "\(dot)polygons[\(i)].") }
        case let .geometryCollection(gc):
            guard depth < maximumGeometryNesting else { throw fail(.nestingTooDeep(limit: maximumGeometryNesting), path) }
            for (i, g) in gc.geometries.enumerated() {
                try g.validate(path: "\(dot)geometries[\(i)]", depth: depth + 1, srid: srid, dimension: dimension)
            }
        }
    }
}
