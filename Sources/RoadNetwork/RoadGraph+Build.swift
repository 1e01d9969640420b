import GeoKit

extension RoadGraph {
    /// Builds a routable graph from ways, node positions and turn restrictions.
    ///
    /// Ways are cut into roads at junctions (nodes shared by ways, way ends, and the middle of
    /// closed loops); segments touching a node without a position are dropped and counted;
    /// restrictions are applied by splitting their via junction; only the largest strongly
    /// connected component is kept. Everything dropped is counted in `buildReport`.
    /// - Throws: `RoadGraphError.noRoutableRoads` when nothing drivable and connected remains.
    public init(source: RoadNetworkSource, speeds: RoadSpeeds = .uk) throws(RoadGraphError) {
        var report = RoadGraphBuildReport()
        var chains = RoadChains(source: source, report: &report)
        guard !chains.roads.isEmpty else {
            throw .noRoutableRoads("none of the \(source.ways.count) ways has two nodes with known positions")
        }
        let restrictions = chains.resolve(source.restrictions)

        // First layout over everything, to find the largest strongly connected component.
        let all = RouteLayout(chains: chains, restrictions: restrictions)
        let scc = StronglyConnectedComponents(nodeCount: all.routeNodeJunction.count,
                                              edgeStart: all.edgeStart, edgeHead: all.edgeHead)
        guard let largest = scc.largest, scc.sizes[Int(largest)] >= 2 else {
            throw .noRoutableRoads("no two junctions are mutually reachable by road (\(chains.roads.count) roads, all dead ends or one-way fragments)")
        }
        report.componentsDropped = scc.sizes.count - 1
        let inLargest = { (node: Int32) in scc.component[Int(node)] == largest }

        // Keep an arc when its head and at least one tail are in the largest component.
        var keptRoads: [ChainRoad] = []
        keptRoads.reserveCapacity(chains.roads.count)
        for (r, road) in chains.roads.enumerated() {
            var directions: UInt8 = 0
            for d in 0..<2 where road.directions & (1 << d) != 0 {
                let arc = 2 * r + d
                let head = all.arcHead[arc]
                let tails = all.arcTails[Int(all.arcTailStart[arc])..<Int(all.arcTailStart[arc + 1])]
                if head >= 0, inLargest(head), tails.contains(where: inLargest) {
                    directions |= 1 << d
                } else {
                    report.arcsDropped += 1
                }
            }
            if directions == 0 {
                report.roadsDropped += 1
                report.arcsDropped -= road.directions.nonzeroBitCount
                continue
            }
            var kept = road
            kept.directions = directions
            keptRoads.append(kept)
        }
        let junctionsBefore = chains.junctionIds.count
        chains.keepOnly(keptRoads)
        report.junctionsDropped = junctionsBefore - chains.junctionIds.count

        // Final layout over the kept roads: the induced subgraph of the largest component.
        let layout = RouteLayout(chains: chains, restrictions: chains.resolve(source.restrictions))
        report.restrictionsApplied = layout.restrictionsApplied
        report.restrictionsUnmatched = source.restrictions.count - layout.restrictionsApplied

        junctionCoordinates = chains.junctionCoordinates
        junctionIds = chains.junctionIds
        roadFrom = chains.roads.map(\.from)
        roadTo = chains.roads.map(\.to)
        roadClassIndex = chains.roads.map(\.classIndex)
        roadDirections = chains.roads.map(\.directions)
        roadLength = chains.roads.map { Float($0.length) }
        roadWayId = chains.roads.map(\.wayId)
        roadWeight = SpeedProfile.allCases.map { profile in
            chains.roads.map { road in
                RoadSpeeds.deciseconds(metres: road.length,
                                       kmh: speeds.kmh(RoadClass.allCases[Int(road.classIndex)],
                                                       maxspeedKmh: road.maxspeedKmh, profile: profile))
            }
        }
        var starts: [Int32] = [0]
        starts.reserveCapacity(chains.roads.count + 1)
        var points: [LonLat] = []
        for road in chains.roads {
            points.append(contentsOf: road.shape)
            starts.append(Int32(points.count))
        }
        shapeStart = starts
        shapePoints = points
        routeNodeJunction = layout.routeNodeJunction
        edgeStart = layout.edgeStart
        edgeHead = layout.edgeHead
        edgeArc = layout.edgeArc
        arcHead = layout.arcHead
        arcTailStart = layout.arcTailStart
        arcTails = layout.arcTails
        self.speeds = speeds
        buildReport = report
    }
}

/// A road while building: a chain of way segments between two junctions.
struct ChainRoad {
    var from: Int32
    var to: Int32
    var classIndex: UInt8
    var directions: UInt8
    var length: Double
    var wayId: Int64
    var maxspeedKmh: Double?
    var shape: [LonLat]
}

/// Ways cut into roads at junctions.
struct RoadChains {
    var junctionIds: [Int64] = []
    var junctionCoordinates: [LonLat] = []
    var junctionIndex: [Int64: Int32] = [:]
    var roads: [ChainRoad] = []

    init(source: RoadNetworkSource, report: inout RoadGraphBuildReport) {
        // 1. Pieces: runs of consecutive nodes with known positions, repeated nodes collapsed.
        struct Piece { var way: Int; var ids: [Int64]; var points: [LonLat] }
        var pieces: [Piece] = []
        for (w, way) in source.ways.enumerated() {
            var ids: [Int64] = [], points: [LonLat] = []
            var produced = false
            func flush() {
                if ids.count >= 2 { pieces.append(Piece(way: w, ids: ids, points: points)); produced = true }
                ids.removeAll(keepingCapacity: true); points.removeAll(keepingCapacity: true)
            }
            for id in way.nodes {
                guard let p = source.nodes[id] else {
                    report.missingNodeReferences += 1
                    flush()
                    continue
                }
                if ids.last == id { continue }
                ids.append(id); points.append(p)
            }
            flush()
            if produced { report.waysUsed += 1 } else { report.waysTooShort += 1 }
        }

        // 2. Junctions: way ends and nodes used more than once.
        var uses: [Int64: Int] = [:]
        for piece in pieces {
            for id in piece.ids { uses[id, default: 0] += 1 }
            uses[piece.ids[0], default: 0] += 2
            uses[piece.ids[piece.ids.count - 1], default: 0] += 2
        }
        var isJunction = Set(uses.compactMap { $0.value >= 2 ? $0.key : nil })
        // 3. A chain that starts and ends at the same junction gets its middle node as a junction too.
        for piece in pieces {
            var start = 0
            for i in 1..<piece.ids.count where isJunction.contains(piece.ids[i]) {
                if piece.ids[i] == piece.ids[start], i - start >= 2 {
                    isJunction.insert(piece.ids[(start + i) / 2])
                }
                start = i
            }
        }
        // 4. Number junctions by first appearance, 5. cut pieces into roads.
        for piece in pieces {
            let way = source.ways[piece.way]
            let directions: UInt8 = switch way.oneway { case .no: 3; case .forward: 1; case .backward: 2 }
            let classIndex = UInt8(RoadClass.allCases.firstIndex(of: way.roadClass) ?? 0)
            var start = 0
            var startJunction = junction(piece.ids[0], piece.points[0])
            for i in 1..<piece.ids.count where isJunction.contains(piece.ids[i]) {
                let endJunction = junction(piece.ids[i], piece.points[i])
                let shape = Array(piece.points[start...i])
                var length = 0.0
                for k in 1..<shape.count { length += shape[k - 1].groundDistance(to: shape[k]) }
                roads.append(ChainRoad(from: startJunction, to: endJunction, classIndex: classIndex,
                                       directions: directions, length: length, wayId: way.id,
                                       maxspeedKmh: way.maxspeedKmh, shape: shape))
                start = i
                startJunction = endJunction
            }
        }
    }

    private mutating func junction(_ id: Int64, _ point: LonLat) -> Int32 {
        if let j = junctionIndex[id] { return j }
        let j = Int32(junctionIds.count)
        junctionIndex[id] = j
        junctionIds.append(id)
        junctionCoordinates.append(point)
        return j
    }

    /// Keeps only these roads (a subset, in order) and the junctions they use, renumbered.
    mutating func keepOnly(_ kept: [ChainRoad]) {
        var newIndex = [Int32](repeating: -1, count: junctionIds.count)
        var ids: [Int64] = [], coords: [LonLat] = []
        func map(_ j: Int32) -> Int32 {
            if newIndex[Int(j)] < 0 {
                newIndex[Int(j)] = Int32(ids.count)
                ids.append(junctionIds[Int(j)]); coords.append(junctionCoordinates[Int(j)])
            }
            return newIndex[Int(j)]
        }
        roads = kept.map { road in
            var r = road
            r.from = map(road.from); r.to = map(road.to)
            return r
        }
        junctionIds = ids
        junctionCoordinates = coords
        junctionIndex = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
    }

    /// Turn restrictions whose via node is a junction, keyed by that junction.
    func resolve(_ restrictions: [TurnRestriction]) -> [Int32: [TurnRestriction]] {
        var byJunction: [Int32: [TurnRestriction]] = [:]
        for r in restrictions {
            if let j = junctionIndex[r.viaNode] { byJunction[j, default: []].append(r) }
        }
        return byJunction
    }
}

/// Route nodes and edges (CSR) for a set of roads, junctions split at restriction via nodes.
struct RouteLayout {
    var routeNodeJunction: [Int32] = []
    var edgeStart: [Int32] = []
    var edgeHead: [Int32] = []
    var edgeArc: [Int32] = []
    var arcHead: [Int32] = []
    var arcTailStart: [Int32] = []
    var arcTails: [Int32] = []
    /// Restrictions whose ways meet at their via junction as drivable arcs.
    var restrictionsApplied = 0

    init(chains: RoadChains, restrictions: [Int32: [TurnRestriction]]) {
        let roads = chains.roads
        let junctions = chains.junctionIds.count
        var outArcs = [[Int32]](repeating: [], count: junctions)
        var inArcs = [[Int32]](repeating: [], count: junctions)
        for (r, road) in roads.enumerated() {
            if road.directions & 1 != 0 {
                outArcs[Int(road.from)].append(Int32(2 * r)); inArcs[Int(road.to)].append(Int32(2 * r))
            }
            if road.directions & 2 != 0 {
                outArcs[Int(road.to)].append(Int32(2 * r + 1)); inArcs[Int(road.from)].append(Int32(2 * r + 1))
            }
        }
        func way(_ arc: Int32) -> Int64 { roads[Int(arc) >> 1].wayId }

        // Allowed outgoing arcs after each restricted incoming arc.
        var allowedAfter: [Int32: Set<Int32>] = [:]
        var applied = 0
        for (j, rules) in restrictions.sorted(by: { $0.key < $1.key }) {
            for rule in rules {
                let from = inArcs[Int(j)].filter { way($0) == rule.fromWay }
                let to = outArcs[Int(j)].filter { way($0) == rule.toWay }
                guard !from.isEmpty, !to.isEmpty else { continue }
                applied += 1
                for i in from {
                    let current = allowedAfter[i] ?? Set(outArcs[Int(j)])
                    switch rule.kind {
                    case .prohibitory: allowedAfter[i] = current.subtracting(to)
                    case .mandatory: allowedAfter[i] = current.intersection(to)
                    }
                }
            }
        }
        restrictionsApplied = applied

        // Route nodes: one per junction, or one per incoming arc at a restricted junction.
        var junctionNode = [Int32](repeating: -1, count: junctions)
        var splitNode: [Int32: Int32] = [:]   // incoming arc → its copy of the head junction
        var nodeIncoming: [Int32] = []        // the incoming arc a copy stands for, -1 otherwise
        for j in 0..<junctions {
            let split = inArcs[j].contains { allowedAfter[$0] != nil }
            if split {
                for i in inArcs[j] {
                    splitNode[i] = Int32(routeNodeJunction.count)
                    routeNodeJunction.append(Int32(j)); nodeIncoming.append(i)
                }
            } else {
                junctionNode[j] = Int32(routeNodeJunction.count)
                routeNodeJunction.append(Int32(j)); nodeIncoming.append(-1)
            }
        }
        arcHead = [Int32](repeating: -1, count: 2 * roads.count)
        for (r, road) in roads.enumerated() {
            if road.directions & 1 != 0 { arcHead[2 * r] = splitNode[Int32(2 * r)] ?? junctionNode[Int(road.to)] }
            if road.directions & 2 != 0 { arcHead[2 * r + 1] = splitNode[Int32(2 * r + 1)] ?? junctionNode[Int(road.from)] }
        }
        // Edges (CSR by route node) and the tails of each arc.
        var tails = [[Int32]](repeating: [], count: 2 * roads.count)
        edgeStart.reserveCapacity(routeNodeJunction.count + 1)
        edgeStart.append(0)
        for n in 0..<routeNodeJunction.count {
            let j = Int(routeNodeJunction[n])
            let incoming = nodeIncoming[n]
            let allowed = incoming >= 0 ? allowedAfter[incoming] : nil
            for a in outArcs[j] where allowed?.contains(a) ?? true {
                edgeHead.append(arcHead[Int(a)])
                edgeArc.append(a)
                tails[Int(a)].append(Int32(n))
            }
            edgeStart.append(Int32(edgeHead.count))
        }
        arcTailStart.reserveCapacity(tails.count + 1)
        arcTailStart.append(0)
        for t in tails {
            arcTails.append(contentsOf: t)
            arcTailStart.append(Int32(arcTails.count))
        }
    }
}
