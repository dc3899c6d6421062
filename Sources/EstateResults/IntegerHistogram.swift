/// Exact counts of integer values, stored as a window [offset, offset + counts.count).
///
/// Gives exact quantiles over replications in memory that depends on the spread of the values, not
/// on how many replications there are, and merges exactly (so shards and threads agree to the bit).
public struct IntegerHistogram: Sendable, Hashable {
    /// The smallest value the window holds.
    public private(set) var offset: Int32 = 0
    /// counts[i]: how many times `offset + i` was added.
    public private(set) var counts: [UInt32] = []
    /// How many values were added.
    public private(set) var total: Int = 0

    /// An empty histogram.
    public init() {}

    /// The histogram with `counts[i]` values `offset + i`.
    init(offset: Int32, counts: [UInt32]) {
        self.offset = counts.isEmpty ? 0 : offset
        self.counts = counts
        total = counts.reduce(0) { $0 + Int($1) }
    }

    /// Adds `value`, `count` times.
    /// - Complexity: O(1) amortised; O(spread) when a value falls outside the window.
    public mutating func add(_ value: Int32, count: UInt32 = 1) {
        if counts.isEmpty {
            offset = value
            counts = [0]
        } else if value < offset {
            counts.insert(contentsOf: repeatElement(0, count: Int(offset - value)), at: 0)
            offset = value
        } else if Int(value - offset) >= counts.count {
            counts.append(contentsOf: repeatElement(0, count: Int(value - offset) - counts.count + 1))
        }
        counts[Int(value - offset)] += count
        total += Int(count)
    }

    /// Adds every value of `other`.
    public mutating func merge(_ other: IntegerHistogram) {
        for (i, c) in other.counts.enumerated() where c > 0 { add(other.offset + Int32(i), count: c) }
    }

    /// The value of rank `rank` (0-based) in sorted order.
    public func value(atRank rank: Int) -> Int32 {
        var seen = 0
        for i in counts.indices {
            seen += Int(counts[i])
            if seen > rank { return offset + Int32(i) }
        }
        return offset + Int32(max(0, counts.count - 1))
    }

    /// The values of ranks `ranks` (0-based, in any order), in the order given, in one pass.
    public func values(atRanks ranks: [Int]) -> [Int32] {
        let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
        var found = [Int32](repeating: offset + Int32(max(0, counts.count - 1)), count: ranks.count)
        var next = 0, seen = 0
        for i in counts.indices where next < order.count {
            seen += Int(counts[i])
            while next < order.count, ranks[order[next]] < seen {
                found[order[next]] = offset + Int32(i)
                next += 1
            }
        }
        return found
    }

    /// The quantile `p` with linear interpolation between order statistics (R's type 7, numpy's default).
    public func quantile(_ p: Double) -> Double {
        quantile(p) { Double($0) }
    }

    /// The quantile `p` of `transform` of the values, for a `transform` that never decreases (so
    /// the order statistics of the transformed values are the transformed order statistics):
    /// the crowded of an establishment is such a function of its population.
    public func quantile(_ p: Double, of transform: (Int32) -> Double) -> Double {
        guard total > 0 else { return .nan }
        return quantileType7(p, count: total) { transform(value(atRank: $0)) }
    }
}
