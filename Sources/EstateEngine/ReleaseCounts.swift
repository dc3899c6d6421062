import EstateRandom

/// The fast release book: counts of people by establishment × group × release month
/// (`shape.releaseRow(e, g) + r`, r = H for after the run). Receiving people is a tally of
/// alias-table draws (`DiscreteTally`) straight into their row; releasing a month is O(E·G)
/// whatever its size. It does not know when anyone was received, so it serves plans without stay
/// policies on the stock or progression.
final class ReleaseCounts: ReleaseBook {
    private let shape: StateShape
    private let counts: CountTable

    init(shape: StateShape) {
        self.shape = shape
        counts = CountTable(count: shape.releaseCells)
    }

    func removeAll() { counts.reset() }

    /// The release row of `e` × `g`, for a C loop to tally into.
    private func row(_ e: Int, _ g: Int) -> UnsafeMutableBufferPointer<Int32> {
        counts.slice(from: shape.releaseRow(e, g), count: shape.releaseMonths)
    }

    /// - Complexity: O(E·G).
    func release(month t: Int, _ body: (Int, Int, Int32) -> Void) {
        for e in 0...shape.establishments {
            for g in 0..<shape.groups {
                let cell = shape.releaseRow(e, g) + t
                let n = counts[cell]
                guard n > 0 else { continue }
                counts[cell] = 0
                body(e, g, n)
            }
        }
    }

    /// - Complexity: O(n) alias draws at most, fewer for large n (`DiscreteTally`).
    @inline(__always)
    func receive(_ n: Int, group g: Int, at e: Int, stay: borrowing Stay, stream: RandomStream,
                 in replication: Replication<ReleaseCounts>) -> Int {
        let row = row(e, g), month = replication.month
        if let tally = stay.tally {
            return tally._withUnsafeGuaranteedRef { $0.tally(n, from: stream, into: row, offset: month) }
        }
        return stay.table.tally(n, from: stream, into: row, offset: month)
    }

    /// - Complexity: O(n) draws of the placement and stays streams (`DiscreteTally.spread`).
    func spread(_ n: Int, group g: Int, among eligible: ArraySlice<Int32>, stay: borrowing Stay,
                in replication: Replication<ReleaseCounts>) -> Bool {
        guard let tally = stay.tally else { return false }
        let base = eligible.startIndex, streams = replication.streams
        return tally._withUnsafeGuaranteedRef { tally in
            replication.placement.spread(n, count: eligible.count, tally: tally, placing: streams.placement,
                                         staying: streams.stays, rows: counts.slice(from: 0, count: counts.count),
                                         rowStart: { shape.releaseRow(Int(eligible[base + $0]), g) },
                                         offset: replication.month, last: shape.releaseMonths - 1)
        }
    }

    func seed(_ n: Int, group g: Int, at e: Int, in replication: Replication<ReleaseCounts>) {
        let plan = replication.plan
        let residual = plan.tables[Int(plan.residualTable[g])]
        // A draw k is R − 1, the month of release; month 0's come back as the tally's zeros.
        let row = row(e, g)
        row[0] += Int32(residual.tally(n, from: replication.streams.stays, into: row, offset: 0))
    }

    /// Chooses the movers one by one among the people left, as (group, release month) cells.
    /// - Complexity: O(count × (G + H)).
    func transfer(_ count: Int, from source: Int, groups: [Bool], to destination: Int?,
                  in replication: Replication<ReleaseCounts>) {
        let G = shape.groups, months = shape.releaseMonths, month = replication.month
        let stream = replication.streams.movements
        var available = (0..<G).map { groups[$0] ? Int(replication.population[shape.stock(source, $0)]) : 0 }
        var total = available.reduce(0, +)
        // The movers chosen, by group × release month.
        var chosen = [Int32](repeating: 0, count: G * months)
        func cell(_ g: Int, _ r: Int) -> Int { g * months + r }
        var moving = [Int](repeating: 0, count: G)
        for _ in 0..<min(count, total) {
            var u = stream.uniformInt(below: total)
            var g = 0
            while u >= available[g] { u -= available[g]; g += 1 }
            var r = month + 1
            let cells = shape.releaseRow(source, g)
            while u >= Int(counts[cells + r]) { u -= Int(counts[cells + r]); r += 1 }
            counts[cells + r] -= 1
            chosen[cell(g, r)] += 1
            available[g] -= 1
            moving[g] += 1
            total -= 1
        }
        for g in 0..<G where moving[g] > 0 {
            var r = month + 1
            let targets = destination.map { [($0, moving[g])] }
                ?? replication.destinations(moving[g], group: g, from: source)
            for (destination, n) in targets {
                var left = n
                while left > 0 {
                    while chosen[cell(g, r)] == 0 { r += 1 }
                    let take = min(left, Int(chosen[cell(g, r)]))
                    chosen[cell(g, r)] -= Int32(take)
                    counts[shape.releaseRow(destination, g) + r] += Int32(take)
                    replication.moved(take, group: g, from: source, to: destination)
                    left -= take
                }
            }
        }
    }

    func rescaleStays(_ policy: SimulationPlan.StockPolicy, factor: Double,
                      in replication: Replication<ReleaseCounts>) {
        preconditionFailure(
            "a stay policy on the stock needs per-person records; the plan chooses them for such scenarios")
    }

    func progress(in replication: Replication<ReleaseCounts>) {
        preconditionFailure("progression needs per-person records; the plan chooses them for such scenarios")
    }
}
