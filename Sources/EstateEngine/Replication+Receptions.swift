import EstateRandom

/// Receptions, releases and the recalls they schedule.
extension Replication {
    /// Draws each group's receptions of the month (its own and the recalls due), places them and
    /// books their stays.
    func receive() {
        // Read once: the hot loop below then takes no references of its own.
        let stays = streams.stays, arrivals = streams.arrivals
        for g in 0..<shape.groups {
            let mean = rates.receptionMean[shape.flow(g, month)]
            let dispersion = plan.receptionDispersion[g]
            let fresh = mean <= 0 ? 0
                : dispersion > 0 ? arrivals.negativeBinomial(mean: mean, dispersion: dispersion)
                : arrivals.poisson(mean: mean)
            let recalled = Int(recallsDue[shape.flow(g, month)])
            let n = fresh + recalled
            series[.receptions, month: month] += Int32(n)
            series[.recalls, month: month] += Int32(plan.receptionsAreRecalls[g] ? n : recalled)
            guard n > 0 else { continue }
            let eligible = plan.eligible(group: g, month: month)
            let stayIndex = Int(rates.stayTable[shape.flow(g, month)])
            let stay = Stay(table: rates.tables[stayIndex], tally: rates.tallies[stayIndex])
            // In and out within the month: counted as receptions and releases, never in a stock.
            var inAndOut = 0
            if eligible.isEmpty {
                inAndOut = admit(n, group: g, to: pool, stay: stay, stream: stays)
            } else {
                let base = eligible.startIndex
                let totalFree = placement.measure(count: eligible.count) { freePlaces(eligible[base + $0]) }
                if totalFree >= n && n < Placement.spreadBelow * eligible.count
                    && book.spread(n, group: g, among: eligible, stay: stay, in: self) {
                    for (k, e) in eligible.enumerated() where placement.counts[k] > 0 {
                        let sameMonth = Int(placement.zeros[k])
                        booked(Int(placement.counts[k]), leaving: sameMonth, group: g, at: Int(e))
                        inAndOut += sameMonth
                    }
                } else {
                    place(n, among: eligible, totalFree: totalFree)
                    for (k, e) in eligible.enumerated() where placement.counts[k] > 0 {
                        inAndOut += admit(Int(placement.counts[k]), group: g, to: Int(e), stay: stay, stream: stays)
                    }
                }
            }
            if inAndOut > 0 { released(inAndOut, group: g) }
        }
    }

    /// Receives `n` people of group `g` into establishment `e` (or the pool), their stays drawn
    /// from `stay` with `stream`; returns how many of them leave within the month (a stay of 0
    /// whole months).
    @inline(__always)
    private func admit(_ n: Int, group g: Int, to e: Int, stay: borrowing Stay, stream: RandomStream) -> Int {
        let sameMonth = book.receive(n, group: g, at: e, stay: stay, stream: stream, in: self)
        booked(n, leaving: sameMonth, group: g, at: e)
        return sameMonth
    }

    /// Counts `n` people of group `g` received at `e` (or the pool), `sameMonth` of whom leave
    /// within the month, once the book has their stays.
    @inline(__always)
    private func booked(_ n: Int, leaving sameMonth: Int, group g: Int, at e: Int) {
        let stayed = Int32(n - sameMonth)
        population[shape.stock(e, g)] += stayed
        held[e] += stayed
        flows.received[e] += Int32(n)
        flows.released[e] += Int32(sameMonth)
    }

    /// Splits `n` people over `eligible` into `placement.counts` (DESIGN.md §2, placement): by
    /// free operational capacity, never over it while any eligible place is free. `totalFree` is
    /// what `placement.measure` returned if it has just measured `eligible`.
    func place(_ n: Int, among eligible: ArraySlice<Int32>, totalFree measured: Int? = nil) {
        let base = eligible.startIndex
        let totalFree = measured ?? placement.measure(count: eligible.count) { freePlaces(eligible[base + $0]) }
        placement.split(n, count: eligible.count, totalFree: totalFree, stream: streams.placement) {
            operationalCapacity(eligible[base + $0])
        }
    }

    /// The free places of establishment `e` for receptions. Under the `target-fill` rule a
    /// training prison's free places are those below its target: it is kept there by transfers
    /// out of the locals, which hold the slack, so receptions do not fill it past its target while
    /// a local has room.
    @inline(__always)
    private func freePlaces(_ e: Int32) -> Int {
        let i = shape.schedule(month, Int(e))
        let target = capacity.fillTarget[i]
        return Int(target > 0 ? target : capacity.operationalCapacity[i]) - Int(held[Int(e)])
    }

    /// The operational capacity of establishment `e` this month.
    @inline(__always)
    private func operationalCapacity(_ e: Int32) -> Int {
        Int(capacity.operationalCapacity[shape.schedule(month, Int(e))])
    }

    /// Counts `n` releases of group `g` this month and schedules the recalls among them.
    func released(_ n: Int, group g: Int) {
        series[.releases, month: month] += Int32(n)
        guard n > 0, let rule = plan.recallRule[shape.flow(g, month)], rule.probability > 0 else { return }
        let probability = rates.recallProbability?[shape.flow(g, month)] ?? rule.probability
        let recalled = streams.recalls.binomial(trials: n, probability: probability)
        let table = plan.tables[Int(rule.delayTable)]
        for _ in 0..<recalled {
            // Recalled at the earliest the month after release.
            let due = month + max(1, table.sample(streams.recalls))
            if due < shape.months { recallsDue[shape.flow(rule.to, due)] += 1 }
        }
    }
}

/// The stay of the people received in one group and month: its alias table, and the same
/// distribution drawn as counts where the plan keeps release counts.
///
/// Made for one group's receptions and dropped with them, while the replication's rates hold the
/// tally: so it holds it unretained, which spares a reference count (an atomic increment and
/// decrement) on every establishment's batch.
struct Stay {
    let table: DiscreteTable
    let tally: Unmanaged<DiscreteTally>?

    init(table: DiscreteTable, tally: DiscreteTally?) {
        self.table = table
        self.tally = tally.map { Unmanaged.passUnretained($0) }
    }
}
