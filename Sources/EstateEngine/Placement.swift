import EstateRandom

/// Splits people over establishments (DESIGN.md §2, placement), with its scratch space sized once
/// for a plan's establishments. Owned by one replication; never copied.
struct Placement: ~Copyable {
    /// The split of the last `split`, by position among the establishments offered.
    let counts: FixedBuffer<UInt32>
    /// The counts of the last `multinomial`, by position.
    let drawn: FixedBuffer<UInt32>
    /// The people of the last `spread` leaving within the month, by position.
    let zeros: FixedBuffer<UInt32>
    private let weights: FixedBuffer<Double>
    private let room: FixedBuffer<Int>
    private let cumulative: FixedBuffer<Double>
    private let rowStarts: FixedBuffer<Int>
    private let scratch: SpreadScratch

    /// Scratch space for up to `capacity` establishments.
    init(capacity: Int) {
        counts = FixedBuffer(count: capacity, initial: 0)
        drawn = FixedBuffer(count: capacity, initial: 0)
        zeros = FixedBuffer(count: capacity, initial: 0)
        rowStarts = FixedBuffer(count: capacity, initial: 0)
        scratch = SpreadScratch(capacity: capacity)
        weights = FixedBuffer(count: capacity, initial: 0)
        room = FixedBuffer(count: capacity, initial: 0)
        cumulative = FixedBuffer(count: capacity, initial: 0)
    }

    /// Measures the room of `K` establishments, `room[k] = max(0, free(k))`, and returns its total;
    /// empties `counts[0..<K]` for `split` or `spread`.
    func measure(count K: Int, free: (Int) -> Int) -> Int {
        var total = 0
        for k in 0..<K {
            room[k] = max(0, free(k))
            total += room[k]
            counts[k] = 0
        }
        return total
    }

    /// Splits `n` people over the `K` establishments just measured into `counts[0..<K]`: in
    /// proportion to their free places, never over them while any is free (`totalFree`, what
    /// `measure` returned); when there is not room for all, each is filled and the rest spread in
    /// proportion to operational capacity `capacity(k)` (equally if every capacity is 0).
    ///
    /// - Complexity: O(K) binomial draws whatever n is, or n uniforms when n < 4K.
    func split(_ n: Int, count K: Int, totalFree: Int, stream: RandomStream, capacity: (Int) -> Int) {
        if totalFree >= n {
            var left = n
            while left > 0 {
                multinomial(left, count: K, stream: stream) { Double(room[$0]) }
                left = 0
                // Accept what fits; send the excess round again among those with room left.
                for k in 0..<K {
                    let take = min(Int(drawn[k]), room[k])
                    counts[k] += UInt32(take)
                    room[k] -= take
                    left += Int(drawn[k]) - take
                }
            }
        } else {
            var total = 0
            for k in 0..<K {
                counts[k] = UInt32(room[k])
                total += capacity(k)
            }
            multinomial(n - totalFree, count: K, stream: stream) { total == 0 ? 1 : Double(capacity($0)) }
            for k in 0..<K { counts[k] += drawn[k] }
        }
    }

    /// Whether `spread` is worth it for `n` people over `K` establishments with room for all: when
    /// each would get fewer than this many on average, one draw a person to place them costs less
    /// than `split`'s K binomials and the K tallies after it (measured on the benchmark).
    static let spreadBelow = 48

    /// Places `n` people over the `K` establishments just measured (room for all of them) into
    /// `counts[0..<K]`, the same split as `split`'s, and books their stays from `tally` into the
    /// release rows `rows + rowStart(k)` at `offset` (`DiscreteTally.spread`), the people leaving
    /// within the month in `zeros[0..<K]`. False, with nothing drawn, where the generators cannot
    /// (see `DiscreteTally.spread`): the caller then splits and tallies.
    func spread(_ n: Int, count K: Int, tally: DiscreteTally, placing: RandomStream, staying: RandomStream,
                rows: UnsafeMutableBufferPointer<Int32>, rowStart: (Int) -> Int, offset: Int, last: Int) -> Bool {
        for k in 0..<K {
            rowStarts[k] = rowStart(k)
            precondition(rowStarts[k] >= 0 && rowStarts[k] + last < rows.count, "spread: a release row out of range")
        }
        guard let base = rows.baseAddress else { return false }
        return tally.spread(n, placing: placing, staying: staying,
                            room: UnsafeBufferPointer(room.slice(from: 0, count: K)), rows: base,
                            rowStarts: UnsafeBufferPointer(rowStarts.slice(from: 0, count: K)),
                            offset: offset, last: last, placed: counts.slice(from: 0, count: K),
                            zeros: zeros.slice(from: 0, count: K), scratch: scratch)
    }

    /// A multinomial sample of `n` over `K` categories of weights `weight(k)` (not all 0) into
    /// `drawn[0..<K]`.
    ///
    /// A few people over many establishments are drawn one by one (a uniform and a binary search
    /// of the cumulative weights each), which is cheaper than GSL's K conditional binomials; either
    /// way the counts are multinomial.
    /// - Complexity: O(min(K, n log K)).
    func multinomial(_ n: Int, count K: Int, stream: RandomStream, weight: (Int) -> Double) {
        precondition(K <= weights.count, "more categories than the placement was sized for")
        for k in 0..<K { weights[k] = weight(k) }
        guard n < 4 * K else {
            stream.multinomial(trials: n, probabilities: UnsafeBufferPointer(weights.slice(from: 0, count: K)),
                               into: drawn.slice(from: 0, count: K))
            return
        }
        var total = 0.0, lastPositive = 0
        for k in 0..<K {
            drawn[k] = 0
            total += weights[k]
            cumulative[k] = total
            if weights[k] > 0 { lastPositive = k }
        }
        precondition(total > 0 || n == 0, "\(n) people over establishments with no weight would be lost")
        for _ in 0..<n {
            // The first establishment whose cumulative weight exceeds u: never one of weight 0.
            let u = stream.uniform() * total
            var lo = 0, hi = K - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            if cumulative[lo] <= u { lo = lastPositive }  // u rounded up to the total
            drawn[lo] += 1
        }
    }
}
