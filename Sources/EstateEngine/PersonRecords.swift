import EstateRandom

/// The release book of per-person records (`Inmate`, 10 bytes each) bucketed by release month:
/// for plans whose stay policies reach the stock (which need each person's reception month) or
/// whose groups progress (which need each person's readiness).
final class PersonRecords: ReleaseBook {
    private let shape: StateShape
    private let calendar: ReleaseCalendar
    /// Stay draws of a batch of receptions.
    private let draws = FixedBuffer<Int32>(count: 4096, initial: 0)
    /// People who may move, as (bucket, slot), reused between moves.
    private var candidates: [(bucket: Int32, slot: Int32)] = []
    /// People ready to progress this month, by group.
    private var readyByGroup: [[(bucket: Int32, slot: Int32)]]

    init(shape: StateShape) {
        self.shape = shape
        calendar = ReleaseCalendar(buckets: shape.releaseMonths)
        readyByGroup = Array(repeating: [], count: shape.groups)
    }

    func removeAll() { calendar.removeAll() }

    /// - Complexity: O(people released).
    func release(month t: Int, _ body: (Int, Int, Int32) -> Void) {
        for inmate in calendar.bucket(t) { body(Int(inmate.establishment), Int(inmate.group), 1) }
        calendar.truncate(t, to: 0)
    }

    /// Records place and book person by person, in `receive`.
    func spread(_ n: Int, group g: Int, among eligible: ArraySlice<Int32>, stay: borrowing Stay,
                in replication: Replication<PersonRecords>) -> Bool { false }

    /// - Complexity: O(n), one uniform per person (two when the group progresses from here).
    func receive(_ n: Int, group g: Int, at e: Int, stay: borrowing Stay, stream stays: RandomStream,
                 in replication: Replication<PersonRecords>) -> Int {
        let plan = replication.plan, month = replication.month, H = shape.months
        let progressionTable = plan.progressionTable(group: g, establishment: e, month: month)
        let received = plan.tracksReceptionMonths ? Int16(month) : Inmate.unknownMonth
        var sameMonth = 0
        var remaining = n
        while remaining > 0 {
            let batch = min(remaining, draws.count)
            remaining -= batch
            stay.table.sample(stays, into: draws.slice(from: 0, count: batch))
            for k in 0..<batch {
                let d = Int(draws[k])
                if d == 0 { sameMonth += 1; continue }
                var progressAt: Int16 = -1
                if let progressionTable {
                    let p = progressionTable.sample(stays)
                    if p < d { progressAt = Int16(month + p) }
                }
                let release = month + d
                calendar.append(Inmate(release: Int16(release), received: received, progressAt: progressAt,
                                       establishment: UInt16(e), group: UInt8(g)), to: min(release, H))
            }
        }
        return sameMonth
    }

    func seed(_ n: Int, group g: Int, at e: Int, in replication: Replication<PersonRecords>) {
        let plan = replication.plan, stays = replication.streams.stays
        let residual = plan.tables[Int(plan.residualTable[g])]
        let progressionTable = plan.progressionTable(group: g, establishment: e, month: 0)
        let lengthBiased = plan.lengthBiasedTable[g] >= 0 ? plan.tables[Int(plan.lengthBiasedTable[g])] : nil
        for _ in 0..<n {
            let release: Int, received: Int
            if let lengthBiased {
                // Someone found in custody has a length-biased stay D, and is a uniform 1…D months in.
                let d = max(1, lengthBiased.sample(stays))
                let monthsIn = 1 + stays.uniformInt(below: d)
                received = -monthsIn
                release = d - monthsIn
            } else {
                release = residual.sample(stays)  // R − 1
                received = Int(Inmate.unknownMonth)
            }
            var progressAt: Int16 = -1
            if let progressionTable {
                let p = progressionTable.sample(stays)
                if p < release { progressAt = Int16(p) }
            }
            calendar.append(Inmate(release: Int16(min(release, Int(Int16.max))), received: Int16(received),
                                   progressAt: progressAt, establishment: UInt16(e), group: UInt8(g)),
                            to: min(release, shape.months))
        }
    }

    /// - Complexity: O(people in custody): it walks the calendar.
    func transfer(_ count: Int, from source: Int, groups: [Bool], to destination: Int?,
                  in replication: Replication<PersonRecords>) {
        candidates.removeAll(keepingCapacity: true)
        forEachInCustody(after: replication.month) { r, slot, inmate in
            if Int(inmate.establishment) == source && groups[Int(inmate.group)] {
                candidates.append((Int32(r), Int32(slot)))
            }
        }
        let movers = chooseAtRandom(min(count, candidates.count), replication.streams.movements)
        for g in 0..<shape.groups where groups[g] {
            let mine = candidates[0..<movers].filter { calendar.bucket(Int($0.bucket))[Int($0.slot)].group == UInt8(g) }
            var next = mine.makeIterator()
            let targets = destination.map { [($0, mine.count)] }
                ?? replication.destinations(mine.count, group: g, from: source)
            for (destination, n) in targets {
                for _ in 0..<n {
                    guard let c = next.next() else { break }
                    move(c, to: destination, in: replication)
                }
            }
        }
    }

    /// Rescales the stay of everyone in custody in the policy's groups: someone received at `a` with
    /// whole-month stay D now leaves at `a + floor(V + f·D)`, V ~ U(0,1) (unbiased: its mean is f·D),
    /// or this month if that moment has passed.
    func rescaleStays(_ policy: SimulationPlan.StockPolicy, factor: Double,
                      in replication: Replication<PersonRecords>) {
        let month = replication.month, stream = replication.streams.movements
        var moved: [Inmate] = []
        for r in month...shape.months {
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
            let scaled = Int((stream.uniform() + factor * stay).rounded(.down))
            let release = max(month, Int(inmate.received) + scaled)
            inmate.release = Int16(min(release, Int(Int16.max)))
            calendar.append(inmate, to: min(release, shape.months))
        }
    }

    /// Sentenced people at a `from` establishment who are ready move to a `to` establishment with
    /// free operational capacity; when there are more ready than places, a random choice moves.
    ///
    /// - Complexity: one walk over the people on record, whatever the number of groups.
    func progress(in replication: Replication<PersonRecords>) {
        let plan = replication.plan, month = replication.month, E = shape.establishments
        for g in readyByGroup.indices { readyByGroup[g].removeAll(keepingCapacity: true) }
        forEachInCustody(after: month) { r, slot, inmate in
            let g = Int(inmate.group), e = Int(inmate.establishment)
            if inmate.progressAt >= 0 && Int(inmate.progressAt) <= month,
               plan.progressionTable(group: g, establishment: e, month: month) != nil {
                readyByGroup[g].append((Int32(r), Int32(slot)))
            }
        }
        for g in 0..<shape.groups where !readyByGroup[g].isEmpty {
            let targets = plan.progressionTargets[g]
            let sex = plan.scenario.groups[g].sex
            var destinations: [Int] = [], rooms: [Int] = []
            for e in 0..<E {
                let here = shape.schedule(month, e)
                guard plan.accepting[here] && targets.contains(plan.function[here]) && plan.sex[here].accepts(sex)
                else { continue }
                let free = Int(replication.capacity.operationalCapacity[here]) - Int(replication.held[e])
                if free > 0 { destinations.append(e); rooms.append(free) }
            }
            guard !destinations.isEmpty else { continue }
            swap(&candidates, &readyByGroup[g])
            let movers = chooseAtRandom(min(rooms.reduce(0, +), candidates.count), replication.streams.movements)
            let shares = largestRemainder(movers, rooms)
            var k = 0, left = shares[0]
            for c in candidates[0..<movers] {
                while left == 0 { k += 1; left = shares[k] }
                move(c, to: destinations[k], in: replication)
                left -= 1
            }
            swap(&candidates, &readyByGroup[g])
        }
    }

    /// Calls `body` with the bucket, slot and record of everyone in custody on record after month
    /// `t` (those released from month t + 1 on: month t's releases have left).
    private func forEachInCustody(after t: Int, _ body: (Int, Int, Inmate) -> Void) {
        for r in (t + 1)...shape.months {
            for (slot, inmate) in calendar.bucket(r).enumerated() { body(r, slot, inmate) }
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

    /// Moves one person on record. Someone arriving at an establishment they progress from keeps
    /// their readiness if they came from another such establishment, and is given one otherwise;
    /// anywhere else they are no longer waiting to progress.
    private func move(_ c: (bucket: Int32, slot: Int32), to destination: Int,
                      in replication: Replication<PersonRecords>) {
        let people = calendar.bucket(Int(c.bucket)), slot = Int(c.slot)
        let plan = replication.plan, month = replication.month
        let g = Int(people[slot].group), source = Int(people[slot].establishment)
        replication.moved(1, group: g, from: source, to: destination)
        people[slot].establishment = UInt16(destination)
        if let table = plan.progressionTable(group: g, establishment: destination, month: month) {
            if plan.progressionTable(group: g, establishment: source, month: month) == nil {
                let ready = month + table.sample(replication.streams.movements)
                people[slot].progressAt = ready < Int(people[slot].release) ? Int16(ready) : -1
            }
        } else {
            people[slot].progressAt = -1
        }
    }
}
