import Foundation

extension RoadGraph {
    /// Saves the graph (without hierarchies) to a versioned, checksummed binary file.
    public func write(to url: URL) throws {
        try Data(RoadGraphFile.encode(self, hierarchies: [])).write(to: url, options: .atomic)
    }

    /// Loads a graph saved by `write(to:)` or `RoadRouter.write(to:)`.
    /// - Throws: `RoadGraphError.badFile` naming what is wrong (magic, version, length, checksum, indices).
    public init(contentsOf url: URL) throws(RoadGraphError) {
        self = try RoadGraphFile.decode(try RoadGraph.readBytes(url)).0
    }

    static func readBytes(_ url: URL) throws(RoadGraphError) -> [UInt8] {
        do { return [UInt8](try Data(contentsOf: url)) } catch { throw .badFile("cannot read \(url.path): \(error.localizedDescription)") }
    }

    /// Checks that every index points inside its array, so a damaged file cannot cause a crash.
    func validate() throws(RoadGraphError) {
        let junctions = junctionCoordinates.count, roads = roadFrom.count, nodes = routeNodeJunction.count
        func check(_ ok: Bool, _ what: String) throws(RoadGraphError) { if !ok { throw .badFile(what) } }
        try check(junctionIds.count == junctions, "junction arrays differ in length")
        try check([roadTo.count, roadClassIndex.count, roadDirections.count, roadLength.count, roadWayId.count,
                   roadWeight[0].count, roadWeight[1].count].allSatisfy { $0 == roads }, "road arrays differ in length")
        try check(roadFrom.allSatisfy { $0 >= 0 && Int($0) < junctions } && roadTo.allSatisfy { $0 >= 0 && Int($0) < junctions },
                  "road end out of range")
        try check(roadClassIndex.allSatisfy { Int($0) < RoadClass.allCases.count }, "unknown road class")
        try check(roadDirections.allSatisfy { $0 >= 1 && $0 <= 3 }, "road without a direction")
        try check(roadWeight.allSatisfy { $0.allSatisfy { $0 <= RoadGraph.maxWeight } }, "road weight out of range")
        try check(Self.isOffsets(shapeStart, count: roads, total: shapePoints.count), "shape offsets inconsistent")
        for r in 0..<roads where shapeStart[r + 1] - shapeStart[r] < 2 { throw .badFile("road \(r) has fewer than 2 points") }
        try check(routeNodeJunction.allSatisfy { $0 >= 0 && Int($0) < junctions }, "route node junction out of range")
        try check(Self.isOffsets(edgeStart, count: nodes, total: edgeHead.count) && edgeArc.count == edgeHead.count,
                  "edge offsets inconsistent")
        try check(edgeHead.allSatisfy { $0 >= 0 && Int($0) < nodes }, "edge head out of range")
        try check(edgeArc.allSatisfy { $0 >= 0 && Int($0) < 2 * roads }, "edge arc out of range")
        try check(arcHead.count == 2 * roads && arcHead.allSatisfy { $0 >= -1 && Int($0) < nodes }, "arc heads inconsistent")
        try check(Self.isOffsets(arcTailStart, count: 2 * roads, total: arcTails.count), "arc tail offsets inconsistent")
        try check(arcTails.allSatisfy { $0 >= 0 && Int($0) < nodes }, "arc tail out of range")
        for r in 0..<roads {
            for d in 0..<2 where roadDirections[r] & (1 << d) != 0 {
                try check(arcHead[2 * r + d] >= 0, "drivable arc without a head")
            }
        }
    }

    /// Whether `offsets` has `count + 1` non-decreasing entries from 0 to `total`.
    static func isOffsets(_ offsets: [Int32], count: Int, total: Int) -> Bool {
        guard offsets.count == count + 1, offsets.first == 0, Int(offsets[count]) == total else { return false }
        for i in 0..<count where offsets[i] > offsets[i + 1] { return false }
        return true
    }
}

extension ContractionHierarchy {
    /// Checks a loaded hierarchy: positions are a permutation and every edge points to a more important node.
    func validate(nodeCount: Int) throws(RoadGraphError) {
        guard position.count == nodeCount else { throw .badFile("hierarchy has \(position.count) nodes, the graph \(nodeCount)") }
        var seen = [Bool](repeating: false, count: nodeCount)
        for p in position {
            guard p >= 0, Int(p) < nodeCount, !seen[Int(p)] else { throw .badFile("hierarchy positions are not a permutation") }
            seen[Int(p)] = true
        }
        guard RoadGraph.isOffsets(upStart, count: nodeCount, total: up.count),
              RoadGraph.isOffsets(downStart, count: nodeCount, total: down.count) else {
            throw .badFile("hierarchy offsets inconsistent")
        }
        for p in 0..<nodeCount {
            for e in up[Int(upStart[p])..<Int(upStart[p + 1])] where e.node < 0 || Int(e.node) >= p || e.weight > RoadGraph.unreachable / 2 {
                throw .badFile("hierarchy edge out of order")
            }
            for e in down[Int(downStart[p])..<Int(downStart[p + 1])] where e.node < 0 || Int(e.node) >= p || e.weight > RoadGraph.unreachable / 2 {
                throw .badFile("hierarchy edge out of order")
            }
        }
    }
}

extension RoadRouter {
    /// Saves the graph and both hierarchies, so loading needs no preprocessing.
    public func write(to url: URL) throws {
        try Data(RoadGraphFile.encode(graph, hierarchies: hierarchies)).write(to: url, options: .atomic)
    }

    /// Loads a router saved by `write(to:)`; a file holding only a graph gets its hierarchies built now.
    public convenience init(contentsOf url: URL, offRoadKmh: Double = RoadRouter.defaultOffRoadKmh) throws(RoadGraphError) {
        let (graph, hierarchies) = try RoadGraphFile.decode(try RoadGraph.readBytes(url))
        self.init(graph: graph, hierarchies: hierarchies.isEmpty ? ContractionHierarchy.buildAll(graph: graph) : hierarchies,
                  offRoadKmh: offRoadKmh)
    }
}
