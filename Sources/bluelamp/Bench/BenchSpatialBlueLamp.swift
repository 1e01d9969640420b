import GeoKit

/// BlueLamp's subject: `MovingPointIndex` in process.
enum BenchSpatialBlueLamp {
    /// The grid cell side for a fleet size: about four units per cell over the box.
    static func cellSize(units: Int) -> Double {
        min(5000, max(100, (SpatialWorkload.areaSquareMetres * 4 / Double(max(units, 1))).squareRoot()))
    }

    static func measure(_ w: SpatialWorkload, updatePasses: Int) -> SpatialMeasurement {
        var index = MovingPointIndex<Int>(west: SpatialWorkload.west, south: SpatialWorkload.south,
                                          east: SpatialWorkload.east, north: SpatialWorkload.north,
                                          cellSizeMetres: cellSize(units: w.units))
        for id in 0..<w.units {
            index.upsert(id, at: w.initial[id], tags: w.available[id] ? SpatialWorkload.availableTag : 0)
        }
        // Updates: the ping stream, `updatePasses` times (the final state is the same after each pass).
        let ids = w.updateIDs, positions = w.updatePositions
        let tags = w.available.map { $0 ? SpatialWorkload.availableTag : 0 }
        let start = spatialNow()
        for _ in 0..<updatePasses {
            for i in ids.indices {
                let id = ids[i]
                index.upsert(id, at: positions[i], tags: tags[id])
            }
        }
        let seconds = Double(spatialNow() - start) / 1e9
        let updateCount = ids.count * updatePasses

        var buffer: [MovingPointIndex<Int>.Neighbour] = []
        buffer.reserveCapacity(SpatialWorkload.k)
        let available: (Int, UInt64) -> Bool = { _, tags in tags & SpatialWorkload.availableTag != 0 }
        for q in w.warmup {
            index.nearest(to: q, k: SpatialWorkload.k, into: &buffer, where: available)
        }
        var latencies = LatencySamples(capacity: w.queries.count)
        var exact = 0
        let began = spatialNow()
        for (i, q) in w.queries.enumerated() {
            guard w.mayQuery(began: began, done: i) else { break }
            let t0 = spatialNow()
            index.nearest(to: q, k: SpatialWorkload.k, into: &buffer, where: available)
            let t1 = spatialNow()
            latencies.add(Double(t1 - t0) / 1000)
            if w.isExact(buffer.map(\.key), query: i) { exact += 1 }
        }
        return SpatialMeasurement(updatesPerSecond: Double(updateCount) / seconds, updateCount: updateCount,
                                  latencies: latencies, exact: exact, queryCount: latencies.count,
                                  detail: "\(Int(cellSize(units: w.units))) m cells",
                                  notes: ["MovingPointIndex<Int> in process, grid cells sized for ~4 units each, one upsert per ping, `nearest(to:k:into:where:)` with a tag filter"])
    }
}
