import EstateModel

extension SimulationPlan {
    /// The monthly release rate of each group in the steady state, counting the recalls it
    /// receives: r = λ + Pᵀ·r over the groups whose initial stock is left to the steady state, where
    /// P[g][h] is the probability that someone released from g is recalled into h; a group with a
    /// given `initial` N releases N / E[S] a month. Solved exactly (Gaussian elimination).
    ///
    /// - Throws: `PlanError` when a recall loop returns everyone (or more), so that no steady
    ///   state exists: such groups need an `initial`.
    static func steadyInflow(_ groups: [PopulationGroup], index: [String: Int]) throws -> [Double] {
        let G = groups.count
        var rate = groups.map { group in
            group.initial.map { Double($0) / max(group.stay.mean, .leastNormalMagnitude) }
        }
        let unknown = (0..<G).filter { rate[$0] == nil }
        guard !unknown.isEmpty else { return rate.map { $0 ?? 0 } }
        let position = Dictionary(uniqueKeysWithValues: unknown.enumerated().map { ($0.element, $0.offset) })
        let n = unknown.count
        // (I − Pᵀ) r = λ + recalls from groups of known rate, as an augmented matrix.
        var a = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
        for (i, g) in unknown.enumerated() {
            a[i][i] = 1
            a[i][n] = groups[g].receptions.mean
        }
        for (source, group) in groups.enumerated() {
            guard let recall = group.recall, recall.probability > 0, let target = index[recall.to],
                  let row = position[target] else { continue }
            if let column = position[source] {
                a[row][column] -= recall.probability
            } else if let known = rate[source] {
                a[row][n] += recall.probability * known
            }
        }
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                  abs(a[pivot][column]) > 1e-12 else { throw noSteadyState(groups, unknown) }
            a.swapAt(column, pivot)
            for row in 0..<n where row != column && a[row][column] != 0 {
                let f = a[row][column] / a[column][column]
                for k in column...n { a[row][k] -= f * a[column][k] }
            }
        }
        for (i, g) in unknown.enumerated() {
            let r = a[i][n] / a[i][i]
            guard r.isFinite, r >= 0 else { throw noSteadyState(groups, unknown) }
            rate[g] = r
        }
        return rate.map { $0 ?? 0 }
    }

    private static func noSteadyState(_ groups: [PopulationGroup], _ unknown: [Int]) -> PlanError {
        let ids = unknown.map { groups[$0].id }.joined(separator: ", ")
        return PlanError(description: "the recalls among groups \(ids) return as many people as they release, "
                         + "so there is no steady state to start from: give these groups an `initial` stock")
    }
}
