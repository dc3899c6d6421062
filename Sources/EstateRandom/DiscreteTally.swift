internal import CGSL

/// Counts of `n` independent draws from a discrete distribution — a multinomial sample — drawn
/// faster than one by one when `n` is large.
///
/// The most likely outcomes are drawn first, each by a conditional binomial (the exact
/// decomposition of the multinomial: `x₀ ~ Bin(n, p₀)`, `x₁ ~ Bin(n − x₀, p₁ / (1 − p₀))`, …), for
/// as long as each replaces enough alias draws to pay for itself; the people left are drawn one by
/// one (`gsl_ran_discrete`) from the distribution without the outcomes already drawn. Whether the
/// next outcome goes by binomial depends on how many people are left after the binomials before
/// it; since, given those counts, the people left are an exact multinomial sample of the rest of
/// the distribution, the result is an exact multinomial sample whatever `n` is.
///
/// Immutable after `init`, so one tally is built per scenario and read from every replication's
/// task at once.
public final class DiscreteTally: Sendable {
    /// A binomial draw costs about as much as this many alias draws (measured with taus2 and
    /// mt19937 on the benchmark); below it, the outcome is left to the alias draws.
    static let binomialWorth = 24.0
    /// At most this many outcomes are drawn by binomials.
    static let maximumHead = 3

    /// The head, the tails and their GSL tables, laid out for the C loop.
    private let layout: TallyLayout

    /// Builds the tally of the distribution with the given weights (need not be normalised).
    /// - Throws: `RandomError` for weights a `DiscreteTable` would refuse.
    public init(weights: [Double]) throws {
        let whole = try DiscreteTable(weights: weights)
        let total = weights.reduce(0, +)
        let probabilities = weights.map { $0 / total }
        let ranked = weights.indices.sorted { weights[$0] > weights[$1] || (weights[$0] == weights[$1] && $0 < $1) }
        // Keep a tail with some mass: a head covering everything would leave nothing to draw from.
        var head = [Int]()
        var covered = 0.0
        for outcome in ranked.prefix(Self.maximumHead) where covered + probabilities[outcome] < 1 - 1e-12 {
            head.append(outcome)
            covered += probabilities[outcome]
        }
        var tails = [whole]
        var remaining = weights
        for outcome in head {
            remaining[outcome] = 0
            tails.append(try DiscreteTable(weights: remaining))
        }
        layout = TallyLayout(head: head, probabilities: head.map { probabilities[$0] }, tails: tails)
    }

    /// Adds `n` draws to `row` as counts — `row[min(offset + d, row.count − 1)] += 1` for each
    /// draw `d > 0` — and returns how many draws were 0, like `DiscreteTable.tally`. `package`:
    /// raw buffers stay inside EstateSim.
    /// - Complexity: O(n) alias draws at most; fewer when n is large.
    package func tally(_ n: Int, from stream: RandomStream, into row: UnsafeMutableBufferPointer<Int32>,
                       offset: Int) -> Int {
        precondition(offset >= 0 && !row.isEmpty, "a tally needs a row and an offset >= 0")
        guard n > 0, let base = row.baseAddress else { return 0 }
        return estatesim_tally_multinomial(stream.rng, n, layout.heads, layout.head, layout.headProbabilities,
                                           layout.tails, layout.thresholds, Self.binomialWorth, base, offset,
                                           row.count - 1)
    }
}

extension DiscreteTally {
    /// Places `n` people over `room.count` rows in proportion to the room left in each,
    /// `room[k] − placed[k]`, never over it, and tallies each one's draw into its row as `tally`
    /// does: `rows[rowStarts[k] + min(offset + d, last)] += 1` for a draw `d > 0`, the zeros
    /// counted in `zeros[k]`; adds the people placed to `placed[k]`.
    ///
    /// The placing goes in rounds, as `Placement` does with a multinomial: each person is drawn
    /// in proportion to the room left at the round's start (one word of `placing` and an alias
    /// table over the rows), and those drawn to a row already full go round again. Each person
    /// placed draws from this distribution with `staying`, independently of where they went, so
    /// the counts are those of a multinomial split of `n` with a tally per row: one draw of each
    /// stream per person and no binomial, cheaper than a split by binomials when the rows get few
    /// people each.
    ///
    /// Returns false, drawing nothing, for a generator `estatesim_words` does not draw for
    /// (only taus2 and mt19937 do), when `offset >= last`, or when the room left is less than
    /// `n`. `package`: raw buffers stay inside EstateSim.
    /// - Complexity: O(n) draws of each stream, and O(room.count) a round.
    package func spread(_ n: Int, placing: RandomStream, staying: RandomStream, room: UnsafeBufferPointer<Int>,
                        rows: UnsafeMutablePointer<Int32>, rowStarts: UnsafeBufferPointer<Int>, offset: Int,
                        last: Int, placed: UnsafeMutableBufferPointer<UInt32>,
                        zeros: UnsafeMutableBufferPointer<UInt32>, scratch: borrowing SpreadScratch) -> Bool {
        let K = room.count
        precondition(rowStarts.count == K && placed.count == K && zeros.count == K && K <= scratch.capacity,
                     "spread: every row needs its room, start, placed and zeros, within the scratch's capacity")
        precondition(n >= 0 && offset >= 0 && last >= 0, "spread: counts and offsets are >= 0")
        guard n > 0, K > 0, let roomBase = room.baseAddress, let starts = rowStarts.baseAddress,
              let placedBase = placed.baseAddress, let zerosBase = zeros.baseAddress else { return n == 0 }
        let whole = layout.whole
        return estatesim_spread_tally(placing.rng, staying.rng, n, K, roomBase, whole.table, whole.thresholds, rows,
                                      starts, offset, last, placedBase, zerosBase, scratch.entries,
                                      scratch.aliases, scratch.shares, scratch.work) != 0
    }
}

/// Scratch space of `DiscreteTally.spread` for up to `capacity` rows: an alias table over them
/// and its working lists, allocated once and freed with the owner.
package struct SpreadScratch: ~Copyable {
    /// The most rows it serves.
    package let capacity: Int
    let entries: UnsafeMutablePointer<UInt64>
    let aliases: UnsafeMutablePointer<UInt32>
    let shares: UnsafeMutablePointer<Double>
    let work: UnsafeMutablePointer<UInt32>

    /// Scratch for up to `capacity` rows.
    package init(capacity: Int) {
        self.capacity = capacity
        let size = max(1, capacity)
        entries = .allocate(capacity: size)
        aliases = .allocate(capacity: size)
        shares = .allocate(capacity: size)
        work = .allocate(capacity: size)
    }

    deinit {
        entries.deallocate()
        aliases.deallocate()
        shares.deallocate()
        work.deallocate()
    }
}

/// A tally's head outcomes, their probabilities and its tail tables as C arrays, for
/// `estatesim_tally_multinomial`. It keeps the `DiscreteTable`s whose GSL tables it points to.
///
/// `@unchecked Sendable` for the reason `DiscreteTable` is: written only in `init`, freed only in
/// `deinit`, read from any number of tasks in between.
private final class TallyLayout: @unchecked Sendable {
    let heads: Int
    let head: UnsafeMutablePointer<Int>
    let headProbabilities: UnsafeMutablePointer<Double>
    let tails: UnsafeMutablePointer<UnsafePointer<gsl_ran_discrete_t>?>
    let thresholds: UnsafeMutablePointer<UnsafePointer<UInt64>?>
    /// Owns the GSL tables `tails` points to.
    private let tables: [DiscreteTable]
    /// The whole distribution's table: the first tail, before any head outcome is taken out.
    var whole: DiscreteTable { tables[0] }

    init(head: [Int], probabilities: [Double], tails: [DiscreteTable]) {
        heads = head.count
        self.head = .allocate(capacity: max(1, head.count))
        self.head.initialize(from: head, count: head.count)
        headProbabilities = .allocate(capacity: max(1, probabilities.count))
        headProbabilities.initialize(from: probabilities, count: probabilities.count)
        self.tails = .allocate(capacity: tails.count)
        thresholds = .allocate(capacity: tails.count)
        for (k, table) in tails.enumerated() {
            (self.tails + k).initialize(to: UnsafePointer(table.table))
            (thresholds + k).initialize(to: UnsafePointer(table.thresholds))
        }
        tables = tails
    }

    deinit {
        head.deallocate()
        headProbabilities.deallocate()
        tails.deallocate()
        thresholds.deallocate()
    }
}
