/// The `target-fill` placement rule.
extension Replication {
    /// The `target-fill` rule (DESIGN.md §2): each training prison below its target fill of
    /// operational capacity (never above the capacity itself) takes people it may hold out of the
    /// local prisons (`local`, and `female-closed` without a target of its own), from each in
    /// proportion to how many of them it holds, until it reaches its target or the locals have
    /// none left; the locals hold the slack. Prisons are served in estate order. Counted as transfers.
    func fillTrainingPrisons() {
        let E = shape.establishments, G = shape.groups
        var locals: [Int] = []
        for e in 0..<E {
            let i = shape.schedule(month, e)
            if plan.exists[i] && held[e] > 0 && capacity.fillTarget[i] == 0
                && (plan.function[i] == .local || plan.function[i] == .femaleClosed) {
                locals.append(e)
            }
        }
        guard !locals.isEmpty else { return }
        var movable = [Bool](repeating: false, count: G)
        var available = [Int](repeating: 0, count: locals.count)
        for b in 0..<E {
            let i = shape.schedule(month, b)
            let target = Int(capacity.fillTarget[i])
            guard target > 0, Int(held[b]) < target else { continue }
            let function = plan.function[i], sex = plan.sex[i]
            for g in 0..<G { movable[g] = plan.scenario.groups[g].canBeHeld(by: function, sex: sex) }
            var total = 0
            for (k, e) in locals.enumerated() {
                var n = 0
                for g in 0..<G where movable[g] { n += Int(population[shape.stock(e, g)]) }
                available[k] = n
                total += n
            }
            guard total > 0 else { continue }
            let shares = largestRemainder(min(target - Int(held[b]), total), available)
            for (k, e) in locals.enumerated() where shares[k] > 0 {
                transfer(shares[k], from: e, groups: movable, to: b)
            }
        }
    }
}

/// Splits `n` in proportion to `weights` (n ≤ Σ weights) by largest remainders: no share exceeds
/// its weight, and the result is deterministic.
func largestRemainder(_ n: Int, _ weights: [Int]) -> [Int] {
    let total = weights.reduce(0, +)
    guard total > 0 else { return weights.map { _ in 0 } }
    var shares = weights.map { n * $0 / total }
    var remainders = weights.enumerated().map { (index: $0.offset, rest: n * $0.element % total) }
    remainders.sort { $0.rest != $1.rest ? $0.rest > $1.rest : $0.index < $1.index }
    var left = n - shares.reduce(0, +)
    for r in remainders where left > 0 {
        shares[r.index] += 1
        left -= 1
    }
    return shares
}
