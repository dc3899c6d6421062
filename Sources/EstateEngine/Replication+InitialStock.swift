/// The people in custody at the start, and the recalls already on their way.
extension Replication {
    /// Places each group's initial stock (DESIGN.md §2): Poisson(λ·E[S]) people when the scenario
    /// leaves it to the steady state (the stationary law of the infinite-server queue), the given
    /// count otherwise; spread by the plan's weights; each released in month R − 1 with R drawn
    /// from the stationary residual P(R = k) = P(D ≥ k) / E[D].
    func placeInitialStock() {
        let E = shape.establishments
        for g in 0..<shape.groups {
            let expected = plan.initialStock[g]
            let n = plan.initialStockIsFixed[g] ? Int(expected) : streams.arrivals.poisson(mean: expected)
            guard n > 0 else { continue }
            let weights = plan.initialWeights[shape.weight(g, 0)..<shape.weight(g, E)]
            guard weights.contains(where: { $0 > 0 }) else {
                seedStock(n, group: g, at: pool)
                continue
            }
            placement.multinomial(n, count: E, stream: streams.placement) { weights[shape.weight(g, $0)] }
            for e in 0..<E where placement.drawn[e] > 0 { seedStock(Int(placement.drawn[e]), group: g, at: e) }
        }
    }

    /// Draws the recalls already on their way at the start: Poisson counts with the plan's
    /// pipeline means, so a recall flow starts in steady state rather than from zero.
    func seedRecallPipeline() {
        for i in 0..<(shape.groups * shape.months) where plan.recallPipeline[i] > 0 {
            recallsDue[i] += Int32(streams.arrivals.poisson(mean: plan.recallPipeline[i]))
        }
    }

    private func seedStock(_ n: Int, group g: Int, at e: Int) {
        book.seed(n, group: g, at: e, in: self)
        population[shape.stock(e, g)] += Int32(n)
        held[e] += Int32(n)
    }
}
