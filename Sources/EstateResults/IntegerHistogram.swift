/// Exact counts of integer values: the distinct values added, in increasing order, each with how
/// many times it was added.
///
/// Gives exact quantiles over replications in memory that grows with the number of distinct values
/// — at most the number of replications, and at most the spread of the values — 8 bytes each, and
/// merges exactly (so shards and threads agree to the bit: the form depends only on the values).
public struct IntegerHistogram: Sendable, Hashable {
    /// The distinct values added, in increasing order.
    public private(set) var values: [Int32] = []
    /// counts[i]: how many times `values[i]` was added (never 0).
    public private(set) var counts: [UInt32] = []
    /// How many values were added.
    public private(set) var total: Int = 0

    /// An empty histogram.
    public init() {}

    /// The histogram with `counts[i]` values `values[i]`; nil unless `values` increase strictly and
    /// every count is above 0.
    init?(values: [Int32], counts: [UInt32]) {
        guard values.count == counts.count, counts.allSatisfy({ $0 > 0 }),
              zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        self.values = values
        self.counts = counts
        total = counts.reduce(0) { $0 + Int($1) }
    }

    /// Adds `value`, `count` times.
    /// - Complexity: O(log d) for a value seen before, O(d) for a new one (d distinct values).
    public mutating func add(_ value: Int32, count: UInt32 = 1) {
        guard count > 0 else { return }
        total += Int(count)
        if let last = values.last, value > last {
            values.append(value)
            counts.append(count)
            return
        }
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        if lo < values.count, values[lo] == value {
            counts[lo] += count
        } else {
            values.insert(value, at: lo)
            counts.insert(count, at: lo)
        }
    }

    /// Adds every value of `other`.
    /// - Complexity: O(d + d′).
    public mutating func merge(_ other: IntegerHistogram) {
        guard other.total > 0 else { return }
        guard total > 0 else { self = other; return }
        var mergedValues = [Int32](), mergedCounts = [UInt32]()
        mergedValues.reserveCapacity(values.count + other.values.count)
        mergedCounts.reserveCapacity(values.count + other.values.count)
        var i = 0, j = 0
        while i < values.count || j < other.values.count {
            if j == other.values.count || (i < values.count && values[i] < other.values[j]) {
                mergedValues.append(values[i]); mergedCounts.append(counts[i]); i += 1
            } else if i == values.count || other.values[j] < values[i] {
                mergedValues.append(other.values[j]); mergedCounts.append(other.counts[j]); j += 1
            } else {
                mergedValues.append(values[i]); mergedCounts.append(counts[i] + other.counts[j]); i += 1; j += 1
            }
        }
        values = mergedValues
        counts = mergedCounts
        total += other.total
    }

    /// The values of ranks `ranks` (0-based, in any order), in the order given, in one pass.
    public func values(atRanks ranks: [Int]) -> [Int32] {
        let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
        var found = [Int32](repeating: values.last ?? 0, count: ranks.count)
        var next = 0, seen = 0
        for i in counts.indices where next < order.count {
            seen += Int(counts[i])
            while next < order.count, ranks[order[next]] < seen {
                found[order[next]] = values[i]
                next += 1
            }
        }
        return found
    }
}
