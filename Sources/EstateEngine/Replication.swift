import EstateModel
import EstateRandom
import EstateResults

/// Runs replications of one plan, one at a time, reusing its buffers: one per worker thread.
///
/// The state of a replication is a release calendar — who leaves in each month — and counts of
/// people by establishment and group. The calendar takes one of two forms, chosen by the plan:
/// - release counts by establishment × group × release month (the fast form: receiving a person is
///   one alias-table draw and one increment; releasing a month is O(E·G) whatever its size);
/// - per-person records bucketed by release month, when some policy needs each person's reception
///   month (a stay policy reaching the stock) or their readiness to progress.
/// Not `Sendable`: each worker owns one.
final class Replication {
    let plan: SimulationPlan
    let E: Int, G: Int, H: Int
    /// The unaccommodated pool's establishment index.
    var pool: Int { E }

    /// Per-person form: bucket r holds people released in month r; bucket H those released after the run.
    let records: ReleaseCalendar?
    /// Count form: people by `[(e * G + g) * (H + 1) + r]`, r = H for after the run.
    let releaseCounts: CountTable?
    /// People by establishment × group, `[e * G + g]`, e = E for the unaccommodated.
    let population: CountTable
    /// People by establishment (Σ over groups), count E + 1.
    let held: CountTable
    /// Recalled people due to be received, `[g * H + t]`.
    let recallsDue: CountTable
    /// Releases of the month by group.
    let releasedByGroup: CountTable

    // Month flows by establishment (E + 1), for the conservation check.
    let receivedHere: CountTable, releasedHere: CountTable, transferredIn: CountTable, transferredOut: CountTable

    // Scratch buffers, sized once.
    let draws: UnsafeMutableBufferPointer<Int32>
    let counts: UnsafeMutableBufferPointer<UInt32>
    let weights: UnsafeMutableBufferPointer<Double>
    let room: UnsafeMutableBufferPointer<Int>
    let scratch: UnsafeMutableBufferPointer<UInt32>
    let cumulative: UnsafeMutableBufferPointer<Double>
    var candidates: [(bucket: Int32, slot: Int32)] = []
    /// People ready to progress this month, by group.
    var readyByGroup: [[(bucket: Int32, slot: Int32)]]

    /// One stream per concern, so that a draw added in one place does not shift the others:
    /// counts of receptions, stays, placement, recalls, and the movements of people already in.
    var streams: (arrivals: RandomStream, stays: RandomStream, placement: RandomStream,
                  recalls: RandomStream, movements: RandomStream)?
    var month = 0
    var series: ReplicationSeries
    /// The rates of the replication in progress: the plan's, or those of its drawn parameters.
    var rates: ReplicationRates

    /// Per-establishment figures of the current replication, `[t * E + e]`.
    private(set) var establishmentPopulation: [Int32]
    private(set) var establishmentCrowded: [Int32]

    init(plan: SimulationPlan) {
        self.plan = plan
        E = plan.establishmentCount
        G = plan.groupCount
        H = plan.months
        records = plan.keepsPerPersonRecords ? ReleaseCalendar(buckets: H + 1) : nil
        releaseCounts = plan.keepsPerPersonRecords ? nil : CountTable(count: (E + 1) * G * (H + 1))
        population = CountTable(count: (E + 1) * G)
        held = CountTable(count: E + 1)
        recallsDue = CountTable(count: G * H)
        releasedByGroup = CountTable(count: G)
        receivedHere = CountTable(count: E + 1)
        releasedHere = CountTable(count: E + 1)
        transferredIn = CountTable(count: E + 1)
        transferredOut = CountTable(count: E + 1)
        draws = .allocate(capacity: 4096)
        counts = .allocate(capacity: E + 1)
        weights = .allocate(capacity: E + 1)
        room = .allocate(capacity: E + 1)
        scratch = .allocate(capacity: E + 1)
        cumulative = .allocate(capacity: E + 1)
        series = ReplicationSeries(replication: 0, months: H, groups: G, functions: plan.capacity.functions.count)
        rates = ReplicationRates(plan)
        readyByGroup = Array(repeating: [], count: G)
        establishmentPopulation = Array(repeating: 0, count: H * E)
        establishmentCrowded = establishmentPopulation
    }

    deinit {
        for table in [population, held, recallsDue, releasedByGroup, receivedHere, releasedHere,
                      transferredIn, transferredOut] { table.deallocate() }
        releaseCounts?.deallocate()
        draws.deallocate()
        counts.deallocate()
        weights.deallocate()
        room.deallocate()
        scratch.deallocate()
        cumulative.deallocate()
    }

    /// Runs replication `index` from the scenario seed and returns its national series; the
    /// per-establishment figures are left in `establishmentPopulation` and `establishmentCrowded`.
    func run(replication index: Int) throws -> ReplicationSeries {
        let scenario = plan.scenario
        func stream(_ key: String) throws -> RandomStream {
            try RandomStream(generator: scenario.generator, seed: scenario.seed, replication: index,
                             key: RandomStream.streamKey(key))
        }
        streams = (try stream("arrivals"), try stream("stays"), try stream("placement"), try stream("recalls"),
                   try stream("movements"))
        if let model = plan.parameterModel { rates = try model.rates(plan, stream: try stream("parameters")) }
        reset(replication: index)
        series.parameters = rates.parameters
        placeInitialStock()
        seedRecallPipeline()
        for t in 0..<H {
            month = t
            step()
        }
        streams = nil
        return series
    }

    private func reset(replication index: Int) {
        records?.removeAll()
        releaseCounts?.reset()
        population.reset()
        held.reset()
        recallsDue.reset()
        series = ReplicationSeries(replication: index, months: H, groups: G, functions: plan.capacity.functions.count)
    }

    // MARK: - The month

    /// DESIGN.md §2: policies → releases → decants → receptions → population management →
    /// progression → figures.
    private func step() {
        receivedHere.reset()
        releasedHere.reset()
        transferredIn.reset()
        transferredOut.reset()
        #if DEBUG
        let startHeld = Array(held.storage)
        #endif
        for (k, policy) in plan.stockPolicies[month].enumerated() { applyToStock(policy, factor: rates.stockFactors[month][k]) }
        releaseDue()
        for decant in plan.decants[month] { self.decant(decant) }
        placeUnaccommodated()
        receive()
        if plan.fillsTrainingPrisons { fillTrainingPrisons() }
        if plan.hasProgression { progress() }
        record()
        #if DEBUG
        for e in 0...E {
            let expected = startHeld[e] + receivedHere[e] + transferredIn[e] - releasedHere[e] - transferredOut[e]
            assert(held[e] == expected, "conservation broken at establishment \(e), month \(month)")
        }
        #endif
    }

    /// - Complexity: O(E·G) with release counts; O(people released) with records.
    private func releaseDue() {
        releasedByGroup.reset()
        let G = G, population = population, held = held, releasedHere = releasedHere, byGroup = releasedByGroup
        if let releaseCounts {
            for e in 0...E {
                for g in 0..<G {
                    let cell = (e * G + g) * (H + 1) + month
                    let n = releaseCounts[cell]
                    guard n > 0 else { continue }
                    releaseCounts[cell] = 0
                    population[e * G + g] -= n
                    held[e] -= n
                    releasedHere[e] += n
                    byGroup[g] += n
                }
            }
        } else if let records {
            for inmate in records.bucket(month) {
                let e = Int(inmate.establishment), g = Int(inmate.group)
                population[e * G + g] -= 1
                held[e] -= 1
                releasedHere[e] += 1
                byGroup[g] += 1
            }
            records.truncate(month, to: 0)
        }
        for g in 0..<G where releasedByGroup[g] > 0 { released(Int(releasedByGroup[g]), group: g) }
    }

    /// Counts releases and schedules the recalls among them.
    func released(_ n: Int, group g: Int) {
        series[.releases, month: month] += Int32(n)
        guard let rule = plan.recallRule[g * H + month], rule.probability > 0, n > 0,
              let stream = streams?.recalls else { return }
        let recalled = stream.binomial(trials: n, probability: rates.recallProbability?[g * H + month] ?? rule.probability)
        let table = plan.tables[Int(rule.delayTable)]
        for _ in 0..<recalled {
            // Recalled at the earliest the month after release.
            let due = month + max(1, table.sample(stream))
            if due < H { recallsDue[rule.to * H + due] += 1 }
        }
    }

    // MARK: - Receptions

    private func receive() {
        guard let streams else { return }
        for g in 0..<G {
            let mean = rates.receptionMean[g * H + month]
            let fresh: Int
            let dispersion = plan.receptionDispersion[g]
            if dispersion > 0 {
                fresh = mean > 0 ? streams.arrivals.negativeBinomial(mean: mean, dispersion: dispersion) : 0
            } else {
                fresh = mean > 0 ? streams.arrivals.poisson(mean: mean) : 0
            }
            let recalled = Int(recallsDue[g * H + month])
            let n = fresh + recalled
            series[.receptions, month: month] += Int32(n)
            series[.recalls, month: month] += Int32(plan.receptionsAreRecalls[g] ? n : recalled)
            guard n > 0 else { continue }
            let eligible = plan.eligible(group: g, month: month)
            let stayIndex = Int(rates.stayTable[g * H + month])
            let stay = rates.tables[stayIndex], tally = rates.tallies[stayIndex]
            // In and out within the month: counted as receptions and releases, never in a stock.
            var inAndOut = 0
            if eligible.isEmpty {
                inAndOut = admit(n, group: g, to: pool, stay: stay, tally: tally, stream: streams.stays)
            } else {
                allocate(n, among: eligible)
                for (k, e) in eligible.enumerated() where counts[k] > 0 {
                    inAndOut += admit(Int(counts[k]), group: g, to: Int(e), stay: stay, tally: tally, stream: streams.stays)
                }
            }
            if inAndOut > 0 { released(inAndOut, group: g) }
        }
    }

    /// Receives `n` people of group `g` into establishment `e` (or the pool): one stay draw each
    /// from the month's `stay` table.
    ///
    /// - Complexity: O(n), one uniform per person (two when the group progresses from here).
    /// - Returns: how many of them leave within the month (a stay of 0 whole months).
    private func admit(_ n: Int, group g: Int, to e: Int, stay table: DiscreteTable, tally: DiscreteTally?,
                       stream stays: RandomStream) -> Int {
        let progressionTable = plan.progressionTable(group: g, establishment: e, month: month)
        let received = plan.tracksReceptionMonths ? Int16(month) : Inmate.unknownMonth
        var sameMonthReleases = 0
        if let releaseCounts {
            let row = UnsafeMutableBufferPointer(rebasing: releaseCounts.storage[((e * G + g) * (H + 1))...]
                .prefix(H + 1))
            sameMonthReleases = tally?.tally(n, from: stays, into: row, offset: month)
                ?? table.tally(n, from: stays, into: row, offset: month)
        } else if let records {
            let draws = draws, month = month, H = H
            var remaining = n
            while remaining > 0 {
                let batch = min(remaining, draws.count)
                remaining -= batch
                table.sample(stays, into: UnsafeMutableBufferPointer(rebasing: draws[0..<batch]))
                for k in 0..<batch {
                    let d = Int(draws[k])
                    if d == 0 { sameMonthReleases += 1; continue }
                    var progressAt: Int16 = -1
                    if let progressionTable {
                        let p = progressionTable.sample(stays)
                        if p < d { progressAt = Int16(month + p) }
                    }
                    let release = month + d
                    records.append(Inmate(release: Int16(release), received: received, progressAt: progressAt,
                                          establishment: UInt16(e), group: UInt8(g)), to: min(release, H))
                }
            }
        }
        let stayed = Int32(n - sameMonthReleases)
        population[e * G + g] += stayed
        held[e] += stayed
        receivedHere[e] += Int32(n)
        releasedHere[e] += Int32(sameMonthReleases)
        return sameMonthReleases
    }

    /// Splits `n` people over `eligible` into `counts` (DESIGN.md §2, placement): in proportion to
    /// free operational capacity, never over it while any eligible place is free; when there is
    /// not room for all, everyone is filled to capacity and the rest spread by operational capacity.
    ///
    /// - Complexity: O(K) binomial draws for K establishments, whatever n is.
    func allocate(_ n: Int, among eligible: ArraySlice<Int32>) {
        guard let stream = streams?.placement else { return }
        let K = eligible.count
        var free = 0
        for (k, e) in eligible.enumerated() {
            let capacity = Int(plan.operationalCapacity[month * E + Int(e)])
            room[k] = max(0, capacity - Int(held[Int(e)]))
            free += room[k]
            counts[k] = 0
        }
        if free >= n {
            var left = n
            while left > 0 {
                for k in 0..<K { weights[k] = Double(room[k]) }
                multinomial(left, K, stream)
                left = 0
                // Accept what fits; send the excess round again among those with room left.
                for k in 0..<K {
                    let take = min(Int(scratch[k]), room[k])
                    counts[k] += UInt32(take)
                    room[k] -= take
                    left += Int(scratch[k]) - take
                }
            }
        } else {
            var total = 0.0
            for (k, e) in eligible.enumerated() {
                counts[k] = UInt32(room[k])
                weights[k] = Double(plan.operationalCapacity[month * E + Int(e)])
                total += weights[k]
            }
            if total == 0 { for k in 0..<K { weights[k] = 1 } }
            multinomial(n - free, K, stream)
            for k in 0..<K { counts[k] += scratch[k] }
        }
    }


    /// Multinomial of `n` over the first `K` weights into `scratch`.
    ///
    /// A few people over many establishments are drawn one by one (a uniform and a binary search
    /// of the cumulative weights each), which is cheaper than GSL's K conditional binomials; either
    /// way the counts are multinomial.
    /// - Complexity: O(min(K, n log K)).
    func multinomial(_ n: Int, _ K: Int, _ stream: RandomStream) {
        guard n < 4 * K else {
            stream.multinomial(trials: n, probabilities: UnsafeBufferPointer(rebasing: weights[0..<K]),
                               into: UnsafeMutableBufferPointer(rebasing: scratch[0..<K]))
            return
        }
        var total = 0.0, lastPositive = 0
        for k in 0..<K {
            scratch[k] = 0
            total += weights[k]
            cumulative[k] = total
            if weights[k] > 0 { lastPositive = k }
        }
        guard total > 0 else { return }
        for _ in 0..<n {
            // The first establishment whose cumulative weight exceeds u: never one of weight 0.
            let u = stream.uniform() * total
            var lo = 0, hi = K - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            if cumulative[lo] <= u { lo = lastPositive }  // u rounded up to the total
            scratch[lo] += 1
        }
    }

    // MARK: - Figures

    private func record() {
        let t = month
        var heldTotal: Int32 = 0, crowded: Int32 = 0, over: Int32 = 0
        let factor = plan.scenario.crowdingFactor
        for e in 0..<E {
            let pop = held[e]
            let cna = plan.inUseCNA[t * E + e]
            let c = Crowding.crowded(population: pop, inUseCNA: cna, factor: factor)
            heldTotal += pop
            crowded += c
            if pop > cna { over += 1 }
            establishmentPopulation[t * E + e] = pop
            establishmentCrowded[t * E + e] = c
            series[function: Int(plan.functionIndex[t * E + e]), month: t] += pop
        }
        series[.held, month: t] = heldTotal
        series[.unaccommodated, month: t] = held[pool]
        series[.population, month: t] = heldTotal + held[pool]
        series[.crowded, month: t] = crowded
        series[.establishmentsOverCNA, month: t] = over
        for g in 0..<G {
            var n: Int32 = 0
            for e in 0...E { n += population[e * G + g] }
            series[group: g, month: t] = n
        }
    }
}
