import Foundation

extension PackGenerator.RoadBuilder {
    /// Motorway centrelines (km): like the M6, M5 and M42 around a big city.
    static let motorwayRoutes: [(name: String, controls: [(Double, Double)])] = [
        ("M60", [(-30, 8.5), (-20, 7.6), (-14, 6.8), (-9, 6.4), (-4, 6.3), (2, 5.2), (7, 2.0), (10, -3.0), (16, 0.5), (30, 1.5)]),
        ("M62", [(-13.0, 18), (-13.8, 9.0), (-12.8, 3.0), (-13.0, -1.5), (-11.5, -10.0), (-9.5, -20)]),
        ("M64", [(-9, -20), (-7, -12.5), (-4, -10.6), (0, -10.2), (4, -9.6), (9.5, -5.0), (11.5, 1.0), (9.5, 9.0), (8, 18)]),
    ]

    /// Two one-way carriageways 24 m apart per motorway, with slip roads to the A-road (or B-road)
    /// it crosses at each junction, and a junction at each end where it leaves the county.
    mutating func buildMotorways() {
        let step = 250.0
        var surface: [(node: Int32, road: String, major: Bool)] = []
        for road in aRoads { for n in road.nodes { surface.append((n, road.name, true)) } }
        for w in ways where w.roadClass == .secondary || w.roadClass == .tertiary {
            for n in w.nodes { surface.append((n, w.name ?? "B road", false)) }
        }
        let riverMargin = 800.0
        for route in Self.motorwayRoutes {
            // Smooth centreline, resampled every 250 m, kept where it is inside the county.
            let controls = route.controls.map { XY($0.0 * 1000 + rng.uniform(-300...300), $0.1 * 1000 + rng.uniform(-300...300)) }
            var dense: [XY] = []
            for i in 0..<(controls.count - 1) {
                let p0 = controls[max(i - 1, 0)], p1 = controls[i], p2 = controls[i + 1], p3 = controls[min(i + 2, controls.count - 1)]
                let n = max(1, Int(p1.distance(to: p2) / 20))
                for k in 0..<n {
                    let t = Double(k) / Double(n), t2 = t * t, t3 = t2 * t
                    let a = p1 * 2, b = (p2 - p0) * t, c = (p0 * 2 - p1 * 5 + p2 * 4 - p3) * t2, d = (p1 * 3 - p0 - p2 * 3 + p3) * t3
                    dense.append((a + b + c + d) * 0.5)
                }
            }
            var line: [XY] = []
            var carry = 0.0
            for i in 0..<(dense.count - 1) where layout.isInside(dense[i]) && layout.isInside(dense[i + 1]) {
                if line.isEmpty { line.append(dense[i]); carry = 0 }
                carry += dense[i].distance(to: dense[i + 1])
                if carry >= step { line.append(dense[i + 1]); carry = 0 }
            }
            guard line.count >= 8 else { continue }
            // Carriageways: forward on the left of the direction of travel (UK), backward on the right.
            var fwd: [Int32] = [], bwd: [Int32] = []
            for i in line.indices {
                let d = line[min(i + 1, line.count - 1)] - line[max(i - 1, 0)]
                let len = max(d.length, 1e-9)
                let left = XY(-d.y / len, d.x / len)
                fwd.append(addPoint(line[i] + left * 12))
                bwd.append(addPoint(line[i] - left * 12))
            }
            for i in 0..<(line.count - 1) {
                if let hit = riverCrossing(line[i], line[i + 1]) {
                    bridges.append(Crossing(point: hit.point, road: route.name, roadClass: .motorway))
                }
            }
            // Junctions where the centreline crosses an A-road, at least 1.8 km apart, away from the river.
            var sites: [(index: Int, node: Int32)] = []
            func nearestSurface(to p: XY, road: String?, within: Double) -> Int32? {
                var best: Int32?, bestD = within
                for s in surface where road == nil || s.road == road {
                    let d = points[Int(s.node)].distance(to: p)
                    if d < bestD { best = s.node; bestD = d }
                }
                return best
            }
            func allowed(_ i: Int) -> Bool {
                i >= 3 && i <= line.count - 4 && !nearRiver(line[i], line[i], margin: riverMargin)
                    && sites.allSatisfy { abs($0.index - i) * Int(step) >= 1_800 }
            }
            for i in 0..<(line.count - 1) {
                for road in aRoads {
                    for k in 0..<(road.nodes.count - 1) {
                        let a = points[Int(road.nodes[k])], b = points[Int(road.nodes[k + 1])]
                        guard let hit = Flat.intersection(line[i], line[i + 1], a, b) else { continue }
                        let at = hit.t < 0.5 ? i : i + 1
                        if allowed(at), let node = nearestSurface(to: line[i].lerp(line[i + 1], hit.t), road: road.name, within: 400) {
                            sites.append((at, node))
                        }
                    }
                }
            }
            // Fill long gaps with junctions on B-roads.
            sites.sort { $0.index < $1.index }
            var filled = sites
            var previous = 0
            for next in sites.map(\.index) + [line.count - 1] {
                if Double(next - previous) * step > 7_000 {
                    let target = (previous + next) / 2
                    for offset in 0..<((next - previous) / 3) {
                        let i = target + (offset % 2 == 0 ? offset / 2 : -(offset / 2 + 1))
                        if allowed(i), let node = nearestSurface(to: line[i], road: nil, within: 300) {
                            filled.append((i, node))
                            break
                        }
                    }
                }
                previous = next
            }
            filled.sort { $0.index < $1.index }
            let span = 2 // slip roads join the carriageway 500 m before and after the junction
            for site in filled {
                let before = max(site.index - span, 0), after = min(site.index + span, line.count - 1)
                addSlip(from: fwd[before], to: site.node, away: line[site.index])
                addSlip(from: site.node, to: fwd[after], away: line[site.index])
                addSlip(from: bwd[after], to: site.node, away: line[site.index])
                addSlip(from: site.node, to: bwd[before], away: line[site.index])
            }
            // Where the motorway leaves the county it meets the local roads.
            for (end, inner) in [(0, 0), (line.count - 1, line.count - 1)] {
                guard let node = nearestSurface(to: line[end], road: nil, within: 2_500)
                        ?? nearestAny(to: line[end]) else { continue }
                if end == 0 {
                    addSlip(from: node, to: fwd[inner], away: line[end])
                    addSlip(from: bwd[inner], to: node, away: line[end])
                } else {
                    addSlip(from: fwd[inner], to: node, away: line[end])
                    addSlip(from: node, to: bwd[inner], away: line[end])
                }
            }
            ways.append(Way(nodes: fwd, roadClass: .motorway, oneway: .forward, maxspeedKmh: Self.maxspeed(.motorway, .rural, oneWayCentre: false), name: route.name))
            ways.append(Way(nodes: bwd.reversed(), roadClass: .motorway, oneway: .forward, maxspeedKmh: Self.maxspeed(.motorway, .rural, oneWayCentre: false), name: route.name))
        }
    }

    /// The nearest node of any surface way.
    func nearestAny(to p: XY) -> Int32? {
        var best: Int32?, bestD = Double.infinity
        for w in ways where w.roadClass != .motorway && w.roadClass != .motorwayLink {
            for n in w.nodes {
                let d = points[Int(n)].distance(to: p)
                if d < bestD { best = n; bestD = d }
            }
        }
        return best
    }

    /// A one-way slip road a→b with a bend pushed away from `away` (the junction's centre).
    mutating func addSlip(from a: Int32, to b: Int32, away centre: XY) {
        let pa = points[Int(a)], pb = points[Int(b)]
        var mid = pa.lerp(pb, 0.5)
        let out = mid - centre
        if out.length > 1 { mid = mid + out * (40 / out.length) }
        let m = addPoint(mid)
        ways.append(Way(nodes: [a, m, b], roadClass: .motorwayLink, oneway: .forward,
                        maxspeedKmh: Self.maxspeed(.motorwayLink, .rural, oneWayCentre: false), name: nil))
    }

    /// Keeps only the largest strongly connected part of the network (iterative Tarjan), cutting
    /// ways where they leave it, and records which nodes remain.
    mutating func keepLargestStronglyConnected() {
        let n = points.count
        var adjacency = [[Int32]](repeating: [], count: n)
        var used = [Bool](repeating: false, count: n)
        for w in ways {
            for k in 0..<(w.nodes.count - 1) {
                let a = w.nodes[k], b = w.nodes[k + 1]
                used[Int(a)] = true; used[Int(b)] = true
                if w.oneway != .backward { adjacency[Int(a)].append(b) }
                if w.oneway != .forward { adjacency[Int(b)].append(a) }
            }
        }
        var index = [Int32](repeating: -1, count: n), low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int32] = [], counter: Int32 = 0, components: Int32 = 0
        var sizes: [Int] = []
        for root in 0..<n where used[root] && index[root] < 0 {
            var call: [(node: Int32, edge: Int)] = [(Int32(root), 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(Int32(root)); onStack[root] = true
            while let (v, e) = call.last {
                let vi = Int(v)
                if e < adjacency[vi].count {
                    call[call.count - 1].edge += 1
                    let w = Int(adjacency[vi][e])
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(Int32(w)); onStack[w] = true
                        call.append((Int32(w), 0))
                    } else if onStack[w] {
                        low[vi] = min(low[vi], index[w])
                    }
                } else {
                    call.removeLast()
                    if let parent = call.last { low[Int(parent.node)] = min(low[Int(parent.node)], low[vi]) }
                    if low[vi] == index[vi] {
                        var size = 0
                        while let w = stack.popLast() {
                            onStack[Int(w)] = false
                            component[Int(w)] = components
                            size += 1
                            if w == v { break }
                        }
                        sizes.append(size)
                        components += 1
                    }
                }
            }
        }
        guard let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }) else { return }
        let keep = Int32(largest)
        var cut: [Way] = []
        for w in ways {
            var run: [Int32] = []
            for node in w.nodes {
                if component[Int(node)] == keep { run.append(node) } else {
                    if run.count >= 2 { cut.append(Way(nodes: run, roadClass: w.roadClass, oneway: w.oneway, maxspeedKmh: w.maxspeedKmh, name: w.name)) }
                    run = []
                }
            }
            if run.count >= 2 { cut.append(Way(nodes: run, roadClass: w.roadClass, oneway: w.oneway, maxspeedKmh: w.maxspeedKmh, name: w.name)) }
        }
        ways = cut
        var stillUsed = [Bool](repeating: false, count: n)
        for w in ways { for node in w.nodes { stillUsed[Int(node)] = true } }
        usedNodes = (0..<n).filter { stillUsed[$0] }.map { Int32($0) }
        droppedNodes = (0..<n).filter { used[$0] && !stillUsed[$0] }.count
    }
}
