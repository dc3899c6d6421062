/// The statistics over replications that every output column uses: `mean`, `sd`, `p05`, `p25`,
/// `p50`, `p75`, `p95` (DESIGN.md §3). Quantiles interpolate between order statistics (R's type 7,
/// numpy's default); sd is the sample standard deviation (n − 1).
public struct SummaryStatistics: Sendable, Hashable {
    /// The quantiles reported, by column suffix.
    public static let quantileLevels: [(name: String, p: Double)] =
        [("p05", 0.05), ("p25", 0.25), ("p50", 0.50), ("p75", 0.75), ("p95", 0.95)]
    /// Column suffixes in output order.
    public static let names = ["mean", "sd"] + quantileLevels.map(\.name)

    /// Mean over replications.
    public var mean: Double
    /// Sample standard deviation over replications.
    public var sd: Double
    /// In the order of `quantileLevels`.
    public var quantiles: [Double]

    /// Further quantiles asked for (`extraLevels`), in that order.
    public var extraQuantiles: [Double]

    /// Statistics of `values`, summed in the order given (replication order), so reproducible;
    /// with the quantiles `extraLevels` too (a headroom's p01), from the same sort.
    public init(_ values: [Double], extraLevels: [Double] = []) {
        let n = values.count
        guard n > 0 else {
            mean = .nan; sd = .nan; quantiles = Self.quantileLevels.map { _ in .nan }
            extraQuantiles = extraLevels.map { _ in .nan }
            return
        }
        var sum = 0.0
        for v in values { sum += v }
        let m = sum / Double(n)
        var squares = 0.0
        for v in values { squares += (v - m) * (v - m) }
        mean = m
        sd = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
        let sorted = values.sorted()
        quantiles = Self.quantileLevels.map { level in quantileType7(level.p, count: n) { sorted[$0] } }
        extraQuantiles = extraLevels.map { p in quantileType7(p, count: n) { sorted[$0] } }
    }

    /// Statistics of `value` of each value of `histogram`, for a `value` that never decreases, with
    /// the quantiles `extraLevels` too: `mean` as given
    /// (from an exact sum); the deviations summed in order of the histogram's values, so the result
    /// depends only on the values, not on the order they were added or merged in; the quantiles
    /// R's type 7, as from sorting the values.
    public init(_ histogram: IntegerHistogram, mean: Double, extraLevels: [Double] = [],
                value: (Int32) -> Double) {
        let n = histogram.total
        guard n > 0 else {
            self.mean = .nan; sd = .nan; quantiles = Self.quantileLevels.map { _ in .nan }
            extraQuantiles = extraLevels.map { _ in .nan }
            return
        }
        var squares = 0.0
        for i in histogram.counts.indices {
            let d = value(histogram.values[i]) - mean
            squares += Double(histogram.counts[i]) * d * d
        }
        self.mean = mean
        sd = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
        // Every order statistic the quantiles need, found in one pass over the histogram.
        let levels = Self.quantileLevels.map(\.p) + extraLevels
        let ranks = levels.flatMap { p in let (lo, hi) = quantileType7Ranks(p, count: n); return [lo, hi] }
        let found = Dictionary(zip(ranks, histogram.values(atRanks: ranks)), uniquingKeysWith: { a, _ in a })
        func quantile(_ p: Double) -> Double {
            quantileType7(p, count: n) { k in value(found[k]!) }
        }
        quantiles = Self.quantileLevels.map { quantile($0.p) }
        extraQuantiles = extraLevels.map(quantile)
    }

    /// All seven statistics in the order of `names`.
    public var all: [Double] { [mean, sd] + quantiles }
}

/// The quantile `p` of `count` values by linear interpolation between order statistics (R's type 7,
/// numpy's default); `orderStatistic(k)` is the k-th smallest (0-based).
func quantileType7(_ p: Double, count: Int, orderStatistic: (Int) -> Double) -> Double {
    let h = Double(count - 1) * p
    let (lo, hi) = quantileType7Ranks(p, count: count)
    let a = orderStatistic(lo)
    return a + (h - Double(lo)) * (orderStatistic(hi) - a)
}

/// The two order statistics (0-based ranks) that `quantileType7(p, count:)` interpolates between.
func quantileType7Ranks(_ p: Double, count: Int) -> (Int, Int) {
    let lo = Int((Double(count - 1) * p).rounded(.down))
    return (lo, min(lo + 1, count - 1))
}

/// A share of replications with its 95 % interval (Wilson's score interval), so that "0 of 200"
/// reads as "below 1.9 %" rather than as a certainty.
public struct Proportion: Sendable, Hashable {
    /// Replications in which the event happened, and replications in all.
    public let count: Int, total: Int

    /// `count` replications out of `total`.
    public init(count: Int, of total: Int) {
        self.count = count
        self.total = total
    }

    /// count / total; NaN for no replications.
    public var share: Double { total > 0 ? Double(count) / Double(total) : .nan }

    /// Wilson's 95 % score interval for the share (z = 1.959964).
    public var interval95: (low: Double, high: Double) {
        guard total > 0 else { return (.nan, .nan) }
        let z = 1.959963984540054, n = Double(total), p = share
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}
