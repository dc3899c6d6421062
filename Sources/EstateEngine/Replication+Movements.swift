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

    /// Draws the recalls already on their way at the start: Poisson counts with the plan's
    /// pipeline means, so a recall flow starts in steady state rather than from zero.
    func seedRecallPipeline() {
        guard let streams else { return }
        for i in 0..<(G * H) where plan.recallPipeline[i] > 0 {
            recallsDue[i] += Int32(streams.arrivals.poisson(mean: plan.recallPipeline[i]))
        }
    }

    private func seedStock(_ n: Int, group g: Int, at e: Int) {
        guard let streams else { return }
        let residual = plan.tables[Int(plan.residualTable[g])]
        if let releaseCounts {
            // A draw k is R − 1, the month of release; month 0's come back as the tally's zeros.
            let row = UnsafeMutableBufferPointer(rebasing: releaseCounts.storage[((e * G + g) * (H + 1))...]
                .prefix(H + 1))
            row[0] += Int32(residual.tally(n, from: streams.stays, into: row, offset: 0))
        } else if let records {
            let progressionTable = plan.progressionTable(group: g, establishment: e, month: 0)
            let lengthBiased = plan.lengthBiasedTable[g] >= 0 ? plan.tables[Int(plan.lengthBiasedTable[g])] : nil
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
                records.append(Inmate(release: Int16(min(release, Int(Int16.max))), received: Int16(received),
                                      progressAt: progressAt, establishment: UInt16(e), group: UInt8(g)),
                               to: min(release, H))
            }
        }
        population[e * G + g] += Int32(n)
        held[e] += Int32(n)
    }

    // MARK: - Stay policy on the stock

    /// Rescales the stay of everyone in custody in the policy's groups: someone received at `a` with
    /// whole-month stay D now leaves at `a + floor(V + f·D)`, V ~ U(0,1) (unbiased: its mean is f·D),
    /// or this month if that moment has passed.
    func applyToStock(_ policy: SimulationPlan.StockPolicy, factor: Double) {
        // The plan keeps per-person records whenever it has such a policy.
        guard let stream = streams?.movements, let records else { return }
        var moved: [Inmate] = []
        for r in month...H {
            let bucket = records.bucket(r)
            var kept = 0
            for inmate in bucket {
                if policy.groups[Int(inmate.group)] && inmate.received != Inmate.unknownMonth {
                    moved.append(inmate)
                } else {
                    bucket[kept] = inmate
                    kept += 1
                }
            }
            records.truncate(r, to: kept)
        }
        for var inmate in moved {
            let stay = Double(Int(inmate.release) - Int(inmate.received))
            let scaled = Int((stream.uniform() + factor * stay).rounded(.down))
            let release = max(month, Int(inmate.received) + scaled)
            inmate.release = Int16(min(release, Int(Int16.max)))
            records.append(inmate, to: min(release, H))
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

    /// Moves `count` people chosen at random among those of `groups` held at `source` to
    /// `destination`, or, when it is nil, to the establishments that may hold them, placed as
    /// receptions are (or to the unaccommodated pool).
    ///
    /// - Complexity: O(people in custody) with records (it walks the calendar); O(count × (G + H))
    ///   with release counts.
    private func transfer(_ count: Int, from source: Int, groups: [Bool], to destination: Int? = nil) {
        guard let stream = streams?.movements else { return }
        // People leave the pool only for an establishment that may hold them: never to nowhere.
        var groups = groups
        if source == pool {
            for g in 0..<G where groups[g] && plan.eligible(group: g, month: month).isEmpty { groups[g] = false }
        }
        if let releaseCounts {
            // Choose the movers one by one among the people left, as (group, release month) cells.
            var available = (0..<G).map { groups[$0] ? Int(population[source * G + $0]) : 0 }
            var total = available.reduce(0, +)
            var chosen = [Int32](repeating: 0, count: G * (H + 1))
            var moving = [Int](repeating: 0, count: G)
            for _ in 0..<min(count, total) {
                var u = stream.uniformInt(below: total)
                var g = 0
                while u >= available[g] { u -= available[g]; g += 1 }
                var r = month + 1
                let cells = (source * G + g) * (H + 1)
                while u >= Int(releaseCounts[cells + r]) { u -= Int(releaseCounts[cells + r]); r += 1 }
                releaseCounts[cells + r] -= 1
                chosen[g * (H + 1) + r] += 1
                available[g] -= 1
                moving[g] += 1
                total -= 1
            }
            for g in 0..<G where moving[g] > 0 {
                var r = month + 1
                let targets = destination.map { [($0, moving[g])] } ?? destinations(moving[g], group: g, from: source)
                for (destination, n) in targets {
                    var left = n
                    while left > 0 {
                        while chosen[g * (H + 1) + r] == 0 { r += 1 }
                        let take = min(left, Int(chosen[g * (H + 1) + r]))
                        chosen[g * (H + 1) + r] -= Int32(take)
                        releaseCounts[(destination * G + g) * (H + 1) + r] += Int32(take)
                        moved(take, group: g, from: source, to: destination)
                        left -= take
                    }
                }
            }
        } else if let records {
            candidates.removeAll(keepingCapacity: true)
            forEachInCustody(records) { r, slot, inmate in
                if Int(inmate.establishment) == source && groups[Int(inmate.group)] {
                    candidates.append((Int32(r), Int32(slot)))
                }
            }
            let movers = chooseAtRandom(min(count, candidates.count), stream)
            for g in 0..<G where groups[g] {
                let mine = candidates[0..<movers].filter { records.bucket(Int($0.bucket))[Int($0.slot)].group == UInt8(g) }
                var next = mine.makeIterator()
                let targets = destination.map { [($0, mine.count)] } ?? destinations(mine.count, group: g, from: source)
                for (destination, n) in targets {
                    for _ in 0..<n {
                        guard let c = next.next() else { break }
                        move(records.bucket(Int(c.bucket)), slot: Int(c.slot), to: destination)
                    }
                }
            }
        }
    }

    /// Where `n` people of group `g` leaving `source` go: the establishments that may hold them,
    /// placed as receptions are; the unaccommodated pool if there are none.
    private func destinations(_ n: Int, group g: Int, from source: Int) -> [(establishment: Int, count: Int)] {
        guard n > 0 else { return [] }
        let eligible = plan.eligible(group: g, month: month).filter { Int($0) != source }
        if eligible.isEmpty { return source == pool ? [] : [(pool, n)] }
        allocate(n, among: ArraySlice(eligible))
        return eligible.enumerated().compactMap { k, e in counts[k] > 0 ? (Int(e), Int(counts[k])) : nil }
    }

    /// Books `n` people of group g moving from `source` to `destination`.
    private func moved(_ n: Int, group g: Int, from source: Int, to destination: Int) {
        let n32 = Int32(n)
        population[source * G + g] -= n32
        held[source] -= n32
        transferredOut[source] += n32
        population[destination * G + g] += n32
        held[destination] += n32
        transferredIn[destination] += n32
        series[.transfers, month: month] += n32
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

    /// Moves one person on record. Someone arriving at an establishment they progress from keeps
    /// their readiness if they came from another such establishment, and is given one otherwise;
    /// anywhere else they are no longer waiting to progress.
    private func move(_ people: UnsafeMutableBufferPointer<Inmate>, slot: Int, to destination: Int) {
        let g = Int(people[slot].group), source = Int(people[slot].establishment)
        moved(1, group: g, from: source, to: destination)
        people[slot].establishment = UInt16(destination)
        if let table = plan.progressionTable(group: g, establishment: destination, month: month) {
            let alreadyWaiting = plan.progressionTable(group: g, establishment: source, month: month) != nil
            if !alreadyWaiting, let stream = streams?.movements {
                let ready = month + table.sample(stream)
                people[slot].progressAt = ready < Int(people[slot].release) ? Int16(ready) : -1
            }
        } else {
            people[slot].progressAt = -1
        }
    }

    // MARK: - Population management

    /// The `target-fill` rule (DESIGN.md §2): each training prison below its target fill of
    /// operational capacity (never above the capacity itself) takes people it may hold out of the
    /// local prisons (`local`, and `female-closed` without a target of its own), from each in
    /// proportion to how many of them it holds, until it reaches its target or the locals have
    /// none left; the locals hold the slack. Prisons are served in estate order. Counted as transfers.
    func fillTrainingPrisons() {
        let base = month * E
        var locals: [Int] = []
        for e in 0..<E where plan.exists[base + e] && held[e] > 0 && plan.fillTarget[base + e] == 0
            && (plan.function[base + e] == .local || plan.function[base + e] == .femaleClosed) {
            locals.append(e)
        }
        guard !locals.isEmpty else { return }
        var movable = [Bool](repeating: false, count: G)
        var available = [Int](repeating: 0, count: locals.count)
        for b in 0..<E {
            let target = Int(plan.fillTarget[base + b])
            guard target > 0, Int(held[b]) < target else { continue }
            let function = plan.function[base + b], sex = plan.sex[base + b]
            for g in 0..<G { movable[g] = plan.scenario.groups[g].canBeHeld(by: function, sex: sex) }
            var total = 0
            for (k, e) in locals.enumerated() {
                var n = 0
                for g in 0..<G where movable[g] { n += Int(population[e * G + g]) }
                available[k] = n
                total += n
            }
            guard total > 0 else { continue }
            let shares = largestRemainder(min(target - Int(held[b]), total), available)
            for (k, e) in locals.enumerated() where shares[k] > 0 { transfer(shares[k], from: e, groups: movable, to: b) }
        }
    }

    // MARK: - Progression

    /// Sentenced people at a `from` establishment who are ready move to a `to` establishment with
    /// free operational capacity; when there are more ready than places, a random choice moves.
    ///
    /// - Complexity: one walk over the people on record, whatever the number of groups.
    func progress() {
        // The plan keeps per-person records whenever a group progresses.
        guard let stream = streams?.movements, let records else { return }
        for g in readyByGroup.indices { readyByGroup[g].removeAll(keepingCapacity: true) }
        forEachInCustody(records) { r, slot, inmate in
            let g = Int(inmate.group), e = Int(inmate.establishment)
            if inmate.progressAt >= 0 && Int(inmate.progressAt) <= month,
               plan.progressionTable(group: g, establishment: e, month: month) != nil {
                readyByGroup[g].append((Int32(r), Int32(slot)))
            }
        }
        for g in 0..<G where !readyByGroup[g].isEmpty {
            let targets = plan.progressionTargets[g]
            let sex = plan.scenario.groups[g].sex
            var destinations: [Int] = [], rooms: [Int] = []
            for e in 0..<E where plan.accepting[month * E + e] && targets.contains(plan.function[month * E + e])
                && plan.sex[month * E + e].accepts(sex) {
                let free = Int(plan.operationalCapacity[month * E + e]) - Int(held[e])
                if free > 0 { destinations.append(e); rooms.append(free) }
            }
            guard !destinations.isEmpty else { continue }
            swap(&candidates, &readyByGroup[g])
            let movers = chooseAtRandom(min(rooms.reduce(0, +), candidates.count), stream)
            let shares = largestRemainder(movers, rooms)
            var k = 0, left = shares[0]
            for c in candidates[0..<movers] {
                while left == 0 { k += 1; left = shares[k] }
                move(records.bucket(Int(c.bucket)), slot: Int(c.slot), to: destinations[k])
                left -= 1
            }
            swap(&candidates, &readyByGroup[g])
        }
    }

    /// Calls `body` with the bucket, slot and record of everyone in custody on record (those
    /// released from next month on: this month's releases have left).
    private func forEachInCustody(_ records: ReleaseCalendar, _ body: (Int, Int, Inmate) -> Void) {
        for r in (month + 1)...H {
            for (slot, inmate) in records.bucket(r).enumerated() { body(r, slot, inmate) }
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
