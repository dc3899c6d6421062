/// Moving people already in custody between establishments: decants of closing and re-roled
/// establishments, the unaccommodated placed when room appears, and the bookkeeping every move shares.
extension Replication {
    /// Moves this month's share of a closing establishment's population, or of the people a
    /// re-roled establishment may no longer hold: ceil(n / months left), so it is empty at the end.
    func decant(_ decant: SimulationPlan.Decant) {
        let e = decant.establishment
        var leaving = [Bool](repeating: true, count: shape.groups)
        if decant.reason == .reRole {
            let here = shape.schedule(month, e)
            for g in 0..<shape.groups {
                leaving[g] = !plan.scenario.groups[g].canBeHeld(by: plan.function[here], sex: plan.sex[here])
            }
        }
        var n = 0
        for g in 0..<shape.groups where leaving[g] { n += Int(population[shape.stock(e, g)]) }
        let share = (n + decant.monthsLeft - 1) / decant.monthsLeft
        if share > 0 { transfer(share, from: e, groups: leaving) }
    }

    /// People who could not be placed anywhere go first when an establishment that may hold them opens.
    func placeUnaccommodated() {
        guard held[pool] > 0 else { return }
        for g in 0..<shape.groups
        where population[shape.stock(pool, g)] > 0 && !plan.eligible(group: g, month: month).isEmpty {
            var only = [Bool](repeating: false, count: shape.groups)
            only[g] = true
            transfer(Int(population[shape.stock(pool, g)]), from: pool, groups: only)
        }
    }

    /// Moves `count` people chosen at random among those of `groups` held at `source` to
    /// `destination`, or, when it is nil, to the establishments that may hold them, placed as
    /// receptions are (or to the unaccommodated pool).
    func transfer(_ count: Int, from source: Int, groups: [Bool], to destination: Int? = nil) {
        // People leave the pool only for an establishment that may hold them: never to nowhere.
        var groups = groups
        if source == pool {
            for g in 0..<shape.groups where groups[g] && plan.eligible(group: g, month: month).isEmpty {
                groups[g] = false
            }
        }
        book.transfer(count, from: source, groups: groups, to: destination, in: self)
    }

    /// Where `n` people of group `g` leaving `source` go: the establishments that may hold them,
    /// placed as receptions are; the unaccommodated pool if there are none.
    func destinations(_ n: Int, group g: Int, from source: Int) -> [(establishment: Int, count: Int)] {
        guard n > 0 else { return [] }
        let eligible = plan.eligible(group: g, month: month).filter { Int($0) != source }
        if eligible.isEmpty { return source == pool ? [] : [(pool, n)] }
        place(n, among: ArraySlice(eligible))
        return eligible.enumerated().compactMap { k, e in
            placement.counts[k] > 0 ? (Int(e), Int(placement.counts[k])) : nil
        }
    }

    /// Books `n` people of group g moving from `source` to `destination`.
    func moved(_ n: Int, group g: Int, from source: Int, to destination: Int) {
        let n32 = Int32(n)
        population[shape.stock(source, g)] -= n32
        held[source] -= n32
        flows.transferredOut[source] += n32
        population[shape.stock(destination, g)] += n32
        held[destination] += n32
        flows.transferredIn[destination] += n32
        series[.transfers, month: month] += n32
    }
}
