/// The people in custody, bucketed by release month: bucket r holds those released in month r, the
/// last bucket those released after the run.
///
/// Buckets are raw, manually grown buffers reached through `let` pointers, so appending a person on
/// the hot path costs a store and an increment — no copy-on-write check, no exclusivity check. The
/// buffers keep their capacity across replications and are freed in `deinit`. Owned by one
/// `PersonRecords`; not shareable.
final class ReleaseCalendar {
    let bucketCount: Int
    private let starts: UnsafeMutablePointer<UnsafeMutablePointer<Inmate>>
    private let counts: UnsafeMutablePointer<Int>
    private let capacities: UnsafeMutablePointer<Int>

    init(buckets: Int) {
        bucketCount = buckets
        starts = .allocate(capacity: buckets)
        counts = .allocate(capacity: buckets)
        capacities = .allocate(capacity: buckets)
        for r in 0..<buckets {
            starts[r] = .allocate(capacity: 64)
            counts[r] = 0
            capacities[r] = 64
        }
    }

    deinit {
        for r in 0..<bucketCount { starts[r].deallocate() }
        starts.deallocate()
        counts.deallocate()
        capacities.deallocate()
    }

    /// - Complexity: O(1) amortised.
    @inline(__always)
    func append(_ inmate: Inmate, to r: Int) {
        let n = counts[r]
        if n == capacities[r] { grow(r) }
        starts[r][n] = inmate
        counts[r] = n + 1
    }

    private func grow(_ r: Int) {
        let capacity = capacities[r] * 2
        let bigger = UnsafeMutablePointer<Inmate>.allocate(capacity: capacity)
        bigger.moveInitialize(from: starts[r], count: counts[r])
        starts[r].deallocate()
        starts[r] = bigger
        capacities[r] = capacity
    }

    /// The people of bucket r, to read or change in place (valid until the next append to r).
    @inline(__always)
    func bucket(_ r: Int) -> UnsafeMutableBufferPointer<Inmate> {
        UnsafeMutableBufferPointer(start: starts[r], count: counts[r])
    }

    /// Keeps the first `n` people of bucket r.
    func truncate(_ r: Int, to n: Int) { counts[r] = n }

    func removeAll() { for r in 0..<bucketCount { counts[r] = 0 } }
}
