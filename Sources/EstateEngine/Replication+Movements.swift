import EstateModel
import EstateRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rarer operations of a month, which walk the people in custody rather than counts: the initial
/// stock, stay policies reaching the stock, decants, placing the unaccommodated, progression.
extension Replication {
    // MARK: - Initial stock

    /// Places each group's initial stock (DESIGN.md §2): Poisson(λ·E[S]) people when the scenario
    /// leaves it to the steady state (the stationary law of the infinite-server queue), the given
    /// count otherwise; spread by the plan's weights; each released in month R − 1 with R drawn
    /// from the stationary residual P(R = k) = P(D ≥ k) / E[D].
    func placeInitialStock() {
        guard let streams else { return }
        for g in 0..<G {
            let expected = plan.initialStock[g]
            let n = plan.initialStockIsFixed[g] ? Int(expected) : streams.arrivals.poisson(mean: expected)
            guard n > 0 else { continue }
            var total = 0.0
            for e in 0..<E {
                weights[e] = plan.initialWeights[g * E + e]
                total += weights[e]
            }
            guard total > 0 else {
                seedStock(n, group: g, at: pool)
                continue
            }
            multinomial(n, E, streams.placement)
            for e in 0..<E where scratch[e] > 0 { seedStock(Int(scratch[e]), group: g, at: e) }
        }
    }

    private func seedStock(_ n: Int, group g: Int, at e: Int) {
        guard let streams else { return }
        let progressionTable = e < E && plan.progressionFrom[g] == plan.function[e]
            ? plan.tables[Int(plan.progressionTable[g])] : nil
        let lengthBiased = plan.lengthBiasedTable[g] >= 0 ? plan.tables[Int(plan.lengthBiasedTable[g])] : nil
        let residual = plan.tables[Int(plan.residualTable[g])]
        for _ in 0..<n {
            let release: Int, received: Int
            if let lengthBiased {
                // Someone found in custody has a length-biased stay D, and is a uniform 1…D months in.
                let d = max(1, lengthBiased.sample(streams.stays))
                let monthsIn = 1 + streams.stays.uniformInt(below: d)
                received = -monthsIn
                release = d - monthsIn
            } else {
                release = residual.sample(streams.stays)  // R − 1
                received = Int(Inmate.unknownMonth)
            }
            var progressAt: Int16 = -1
            if let progressionTable {
                let p = progressionTable.sample(streams.stays)
                if p < release { progressAt = Int16(p) }
            }
            calendar.append(Inmate(release: Int16(min(release, Int(Int16.max))), received: Int16(received),
                                   progressAt: progressAt, establishment: UInt16(e), group: UInt8(g)),
                            to: min(release, H))
        }
        population[e * G + g] += Int32(n)
        held[e] += Int32(n)
    }

    // MARK: - Stay policy on the stock

    /// Rescales the stay of everyone in custody in the policy's groups: someone received at `a` with
    /// whole-month stay D now leaves at `a + floor(V + f·D)`, V ~ U(0,1) (unbiased: its mean is f·D),
    /// or this month if that moment has passed.
    func applyToStock(_ policy: SimulationPlan.StockPolicy) {
        guard let stream = streams?.placement else { return }
        var moved: [Inmate] = []
        for r in month...H {
            let bucket = calendar.bucket(r)
            var kept = 0
            for inmate in bucket {
                if policy.groups[Int(inmate.group)] && inmate.received != Inmate.unknownMonth {
                    moved.append(inmate)
                } else {
                    bucket[kept] = inmate
                    kept += 1
                }
            }
            calendar.truncate(r, to: kept)
        }
        for var inmate in moved {
            let stay = Double(Int(inmate.release) - Int(inmate.received))
            let scaled = Int((stream.uniform() + policy.factor * stay).rounded(.down))
            let release = max(month, Int(inmate.received) + scaled)
            inmate.release = Int16(min(release, Int(Int16.max)))
            calendar.append(inmate, to: min(release, H))
        }
    }

    // MARK: - Decants and the unaccommodated

    /// Moves this month's share of a closing establishment's population, or of the people a
    /// re-roled establishment may no longer hold: ceil(n / months left), so it is empty at the end.
    func decant(_ decant: SimulationPlan.Decant) {
        let e = decant.establishment
        var leaving = [Bool](repeating: true, count: G)
        if decant.reason == .reRole {
            for g in 0..<G {
                leaving[g] = !plan.scenario.groups[g].canBeHeld(by: plan.function[month * E + e],
                                                                sex: plan.sex[month * E + e])
            }
        }
        var n = 0
        for g in 0..<G where leaving[g] { n += Int(population[e * G + g]) }
        let share = (n + decant.monthsLeft - 1) / decant.monthsLeft
        if share > 0 { transfer(share, from: e, groups: leaving) }
    }

    /// People who could not be placed anywhere go first when an establishment that may hold them opens.
    func placeUnaccommodated() {
        guard held[pool] > 0 else { return }
        for g in 0..<G where population[pool * G + g] > 0 && !plan.eligible(group: g, month: month).isEmpty {
            var only = [Bool](repeating: false, count: G)
            only[g] = true
            transfer(Int(population[pool * G + g]), from: pool, groups: only)
        }
    }

    /// Moves `count` people chosen at random among those of `groups` held at `source` to the
    /// establishments that may hold them, placed as receptions are (or to the unaccommodated pool).
    ///
    /// - Complexity: O(people in custody): it walks the calendar. Used by rare events only.
    private func transfer(_ count: Int, from source: Int, groups: [Bool]) {
        guard let stream = streams?.placement else { return }
        candidates.removeAll(keepingCapacity: true)
        for r in (month + 1)...H {
            for (slot, inmate) in calendar.bucket(r).enumerated()
            where Int(inmate.establishment) == source && groups[Int(inmate.group)] {
                candidates.append((Int32(r), Int32(slot)))
            }
        }
        let movers = chooseAtRandom(min(count, candidates.count), stream)
        for g in 0..<G where groups[g] {
            var moving = 0
            for c in candidates[0..<movers] where calendar.bucket(Int(c.bucket))[Int(c.slot)].group == UInt8(g) { moving += 1 }
            guard moving > 0 else { continue }
            let eligible = plan.eligible(group: g, month: month).filter { Int($0) != source }
            let destinations: [Int]
            if eligible.isEmpty {
                guard source != pool else { continue }
                destinations = [pool]
                counts[0] = UInt32(moving)
            } else {
                destinations = eligible.map(Int.init)
                allocate(moving, among: ArraySlice(eligible))
            }
            var k = 0, left = Int(counts[0])
            for c in candidates[0..<movers] where calendar.bucket(Int(c.bucket))[Int(c.slot)].group == UInt8(g) {
                while left == 0 { k += 1; left = Int(counts[k]) }
                move(bucket: Int(c.bucket), slot: Int(c.slot), to: destinations[k])
                left -= 1
            }
        }
    }

    /// Partially shuffles `candidates` so that its first `k` are a uniform random choice; returns k.
    private func chooseAtRandom(_ k: Int, _ stream: RandomStream) -> Int {
        guard k < candidates.count else { return candidates.count }
        for i in 0..<k {
            let j = i + stream.uniformInt(below: candidates.count - i)
            candidates.swapAt(i, j)
        }
        return k
    }

    private func move(bucket: Int, slot: Int, to destination: Int) {
        let people = calendar.bucket(bucket)
        let inmate = people[slot]
        let e = Int(inmate.establishment), g = Int(inmate.group)
        population[e * G + g] -= 1
        held[e] -= 1
        transferredOut[e] += 1
        population[destination * G + g] += 1
        held[destination] += 1
        transferredIn[destination] += 1
        people[slot].establishment = UInt16(destination)
        people[slot].progressAt = -1
        series.transfers[month] += 1
    }

    // MARK: - Progression

    /// Sentenced people at a `from` establishment who are ready move to a `to` establishment with
    /// free operational capacity; when there are more ready than places, a random choice moves.
    func progress() {
        guard let stream = streams?.placement else { return }
        for g in 0..<G {
            guard let from = plan.progressionFrom[g] else { continue }
            let targets = plan.progressionTargets[g]
            let group = plan.scenario.groups[g]
            var destinations: [Int] = [], rooms: [Int] = []
            for e in 0..<E where plan.accepting[month * E + e] && targets.contains(plan.function[month * E + e])
                && plan.sex[month * E + e].accepts(group.sex) {
                let free = Int(plan.operationalCapacity[month * E + e]) - Int(held[e])
                if free > 0 { destinations.append(e); rooms.append(free) }
            }
            guard !destinations.isEmpty else { continue }
            candidates.removeAll(keepingCapacity: true)
            for r in (month + 1)...H {
                for (slot, inmate) in calendar.bucket(r).enumerated()
                where Int(inmate.group) == g && inmate.progressAt >= 0 && Int(inmate.progressAt) <= month {
                    let e = Int(inmate.establishment)
                    if e < E && plan.function[month * E + e] == from {
                        candidates.append((Int32(r), Int32(slot)))
                    }
                }
            }
            let totalRoom = rooms.reduce(0, +)
            let movers = chooseAtRandom(min(totalRoom, candidates.count), stream)
            guard movers > 0 else { continue }
            let shares = largestRemainder(movers, rooms)
            var k = 0, left = shares[0]
            for c in candidates[0..<movers] {
                while left == 0 { k += 1; left = shares[k] }
                move(bucket: Int(c.bucket), slot: Int(c.slot), to: destinations[k])
                left -= 1
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
