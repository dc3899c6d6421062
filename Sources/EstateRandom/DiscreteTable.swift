internal import CGSL

/// A discrete distribution on `0..<count`, precomputed once (`gsl_ran_discrete_preproc`, Walker's
/// alias method) and then sampled in O(1) with one uniform per draw (`gsl_ran_discrete`).
///
/// `@unchecked Sendable` because the table is immutable after `init`: `gsl_ran_discrete` only reads
/// the `gsl_ran_discrete_t` (its `K`, `A` and `F` arrays), all mutation happens in the stream that
/// is passed in, and the table is freed only in `deinit`, when no reference remains. So one table
/// can be built per scenario and read from every replication's task at once.
///
/// ```swift
/// let stay = try DiscreteTable(weights: WholeMonthStay(.gamma(mean: 10.5, sd: 6)).probabilities)
/// let months = stay.sample(stream)
/// ```
public final class DiscreteTable: @unchecked Sendable {
    let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    /// The table in the 32-bit domain, each threshold packed with its alias
    /// (`estatesim_alias_thresholds`), for the tallies.
    let thresholds: UnsafeMutablePointer<UInt64>

    /// The number of outcomes, `0..<count`.
    public let count: Int

    /// Builds the table; weights need not be normalised.
    /// - Throws: `RandomError` if `weights` is empty, has a negative or non-finite entry, sums to
    ///   zero, has more than `Int32.max` entries, or GSL cannot allocate the table.
    /// - Complexity: O(count).
    public init(weights: [Double]) throws {
        GSLRuntime.installErrorHandling()
        try requireWeights(weights, "weights")
        guard weights.count <= Int(Int32.max) else {
            throw RandomError("weights must have at most \(Int32.max) entries, got \(weights.count)")
        }
        let table = weights.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { gsl_ran_discrete_preproc(buffer.count, $0) }
        }
        guard let table else {
            throw RandomError("GSL could not build a discrete table of \(weights.count) weights")
        }
        self.table = table
        self.count = weights.count
        thresholds = .allocate(capacity: weights.count)
        estatesim_alias_thresholds(table, thresholds)
    }

    deinit {
        gsl_ran_discrete_free(table)
        thresholds.deallocate()
    }

    /// One draw in `0..<count`.
    /// - Complexity: O(1), one uniform.
    public func sample(_ stream: RandomStream) -> Int {
        Int(gsl_ran_discrete(stream.rng, table))
    }

    /// Fills `out` with independent draws. `package`: raw buffers stay inside EstateSim.
    /// - Complexity: O(out.count), one uniform per draw, no allocation.
    package func sample(_ stream: RandomStream, into out: UnsafeMutableBufferPointer<Int32>) {
        guard let base = out.baseAddress else { return }
        estatesim_ran_discrete_fill(stream.rng, table, base, out.count)
    }

    /// Adds `n` draws to `row` as counts — `row[min(offset + d, row.count − 1)] += 1` for each draw
    /// `d > 0` — and returns how many draws were 0. The same draws as `sample(_:into:)`; what the
    /// engine uses to book receptions into a release calendar without a buffer. `package`: raw
    /// buffers stay inside EstateSim.
    /// - Complexity: O(n), one uniform per draw, no allocation.
    package func tally(_ n: Int, from stream: RandomStream, into row: UnsafeMutableBufferPointer<Int32>,
                      offset: Int) -> Int {
        precondition(offset >= 0 && !row.isEmpty, "a tally needs a row and an offset >= 0")
        guard n > 0, let base = row.baseAddress else { return 0 }
        return estatesim_ran_discrete_tally(stream.rng, table, thresholds, n, base, offset, row.count - 1)
    }
}
