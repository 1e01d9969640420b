/// Minimum-cost assignment of rows to distinct columns (the Hungarian method with potentials,
/// O(rows² × columns)). Every row gets a column; callers add "wait" columns for rows that may stay
/// unassigned.
public enum MinCostAssignment {
    /// Solves for a `rows × columns` cost matrix stored row by row, `rows <= columns`.
    /// Costs must be finite (use a large value for forbidden pairs).
    /// - Returns: the column of each row.
    public static func solve(costs: [Double], rows: Int, columns: Int) -> [Int] {
        precondition(rows <= columns, "more rows than columns")
        precondition(costs.count == rows * columns, "cost matrix has the wrong size")
        guard rows > 0 else { return [] }
        let m = columns
        var u = [Double](repeating: 0, count: rows + 1)
        var v = [Double](repeating: 0, count: m + 1)
        // p[j]: the row (1-based) holding column j; way[j]: previous column on the augmenting path.
        var p = [Int](repeating: 0, count: m + 1)
        var way = [Int](repeating: 0, count: m + 1)
        var minv = [Double](repeating: .infinity, count: m + 1)
        var used = [Bool](repeating: false, count: m + 1)
        costs.withUnsafeBufferPointer { c in
            for i in 1...rows {
                p[0] = i
                var j0 = 0
                for j in 0...m { minv[j] = .infinity; used[j] = false }
                repeat {
                    used[j0] = true
                    let i0 = p[j0]
                    var delta = Double.infinity
                    var j1 = 0
                    let rowBase = (i0 - 1) * m
                    let ui0 = u[i0]
                    for j in 1...m where !used[j] {
                        let cur = c[rowBase + j - 1] - ui0 - v[j]
                        if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                        if minv[j] < delta { delta = minv[j]; j1 = j }
                    }
                    for j in 0...m {
                        if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                    }
                    j0 = j1
                } while p[j0] != 0
                repeat {
                    let j1 = way[j0]
                    p[j0] = p[j1]
                    j0 = j1
                } while j0 != 0
            }
        }
        var result = [Int](repeating: -1, count: rows)
        for j in 1...m where p[j] != 0 { result[p[j] - 1] = j - 1 }
        return result
    }
}
