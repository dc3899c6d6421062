/// Counts of integer values in a fixed number of bins (`binCount`), each `binWidth` = 2^shift
/// values wide and aligned on multiples of it: bin k holds the values v with
/// ⌊v / binWidth⌋ = start + k.
///
/// The width is always the smallest power of two at which every value added fits in the bins, and
/// `start` is the bin of the smallest value, so the histogram of a set of values does not depend
/// on the order they were added or merged in (threads, shards and `--resume` agree to the bit).
/// Values that span at most `binCount` consecutive integers are counted one per bin, and every
/// quantile is exact; a wider spread is counted in coarser bins, and a quantile is then within
/// `binWidth − 1` of the exact one, where `binWidth` < 2 × (max − min) / (binCount − 1)
/// (`docs/outputs.md`, establishments.csv).
public struct BoundedHistogram: Sendable, Hashable {
    /// Bins of a histogram: the spread of values counted exactly.
    public let binCount: Int
    /// The fewest and the most bins a histogram of an accumulator has.
    public static let binCounts = [16, 32, 64, 128, 256]
    /// The bytes the summaries of all the cells of an accumulator may take, unless even the fewest
    /// bins need more (`binCount(cells:)`).
    public static let summaryBudget = 320_000_000

    /// The bins of the histograms of an accumulator of `cells` establishment-months: the most (of
    /// `binCounts`) whose summary fits in `summaryBudget`, so a small estate keeps 256 (every
    /// quantile exact while the population spans at most 256 values) and the largest keep 16.
    /// Fixed by the plan before the run, so every job and shard has the same.
    public static func binCount(cells: Int) -> Int {
        binCounts.last { bins in
            let (bytes, overflow) = cells.multipliedReportingOverflow(
                by: EstablishmentAccumulator.summaryBytesPerCell(binCount: bins))
            return !overflow && bytes <= summaryBudget
        } ?? binCounts[0]
    }

    /// log2 of the bin width.
    public private(set) var shift: UInt8 = 0
    /// The bin of the smallest value: `counts[k]` counts the values v with v >> shift == start + k.
    public private(set) var start: Int32 = 0
    /// `binCount` counts, or none before the first value.
    public private(set) var counts: [UInt64] = []
    /// How many values were added.
    public private(set) var total: UInt64 = 0

    /// An empty histogram of `binCount` bins (at least 2).
    public init(binCount: Int = 32) {
        precondition(binCount >= 2, "a histogram needs two bins")
        self.binCount = binCount
    }

    /// A histogram from its parts, which must be canonical: `counts` has `binCount` entries (or
    /// none, for an empty histogram) and its first is not zero.
    init(binCount: Int, shift: UInt8, start: Int32, counts: [UInt64]) {
        precondition(counts.isEmpty || (counts.count == binCount && counts[0] > 0), "a histogram not in canonical form")
        self.binCount = binCount
        self.shift = counts.isEmpty ? 0 : shift
        self.start = counts.isEmpty ? 0 : start
        self.counts = counts
        total = counts.reduce(0, +)
    }

    /// The histogram of `values`, at once.
    init(binCount: Int, values: [Int32]) {
        self.init(binCount: binCount)
        rebuild(level: 0, bins: values.map { (Int64($0), 1) })
    }

    /// The width of a bin: 1 while the values span at most `binCount` consecutive integers.
    public var binWidth: Int64 { Int64(1) << Int64(shift) }

    /// The lowest value the first bin holds: the smallest value when the bin width is 1, else at most it.
    public var lowerBound: Int64 { Int64(start) << Int64(shift) }

    /// The highest value the last bin holding values holds: the largest value when the bin width
    /// is 1, else at least it.
    public var upperBound: Int64 {
        guard let last = counts.lastIndex(where: { $0 > 0 }) else { return 0 }
        return ((Int64(start) + Int64(last) + 1) << Int64(shift)) - 1
    }

    /// Adds `value`, `count` times.
    public mutating func add(_ value: Int32, count: UInt64 = 1) {
        guard count > 0 else { return }
        let bin = (Int64(value) >> Int64(shift)) - Int64(start)
        if !counts.isEmpty, bin >= 0, bin < Int64(binCount) {
            counts[Int(bin)] += count
            total += count
            return
        }
        rebuild(level: shift, bins: nonEmptyBins() + [(Int64(value) >> Int64(shift), count)])
    }

    /// Adds every value of `other`.
    public mutating func merge(_ other: BoundedHistogram) {
        guard other.total > 0 else { return }
        precondition(binCount == other.binCount, "merging histograms of different bins")
        guard total > 0 else { self = other; return }
        let level = max(shift, other.shift)
        func at(_ h: BoundedHistogram) -> [(Int64, UInt64)] {
            h.nonEmptyBins().map { ($0.bin >> Int64(level - h.shift), $0.count) }
        }
        rebuild(level: level, bins: at(self) + at(other))
    }

    /// The bins holding values, as (bin index at the current width, count).
    private func nonEmptyBins() -> [(bin: Int64, count: UInt64)] {
        counts.indices.compactMap { k in counts[k] > 0 ? (Int64(start) + Int64(k), counts[k]) : nil }
    }

    /// Sets the histogram to `bins` (bin indices at width 2^level), coarsened to the smallest
    /// width, from 2^level up, at which they fit in `binCount` bins.
    private mutating func rebuild(level: UInt8, bins: [(Int64, UInt64)]) {
        guard let lo = bins.map(\.0).min(), let hi = bins.map(\.0).max() else {
            self = BoundedHistogram(binCount: binCount)
            return
        }
        var extra: Int64 = 0
        while (hi >> extra) - (lo >> extra) >= Int64(binCount) { extra += 1 }
        var fresh = [UInt64](repeating: 0, count: binCount)
        let first = lo >> extra
        for (bin, count) in bins { fresh[Int((bin >> extra) - first)] += count }
        shift = level + UInt8(extra)
        start = Int32(first)
        counts = fresh
        total = fresh.reduce(0, +)
    }

    /// An estimate of the value of rank `rank` (0-based) in sorted order: exact when the bin
    /// width is 1; otherwise a whole number in the bin that holds that rank (so within
    /// `binWidth − 1` of the value), spread evenly over the bin by rank within it.
    public func value(atRank rank: UInt64) -> Int32 {
        var seen: UInt64 = 0
        for k in counts.indices {
            let c = counts[k]
            if seen + c > rank, c > 0 {
                let low = (Int64(start) + Int64(k)) << Int64(shift)
                let i = rank - seen
                let within = (binWidth - 1) * Int64(2 * i + 1) / Int64(2 * c)
                return Int32(clamping: low + within)
            }
            seen += c
        }
        return Int32(clamping: upperBound)
    }

    /// The quantile `p` with linear interpolation between order statistics (R's type 7, numpy's
    /// default): exact when the bin width is 1, else within `binWidth − 1`.
    public func quantile(_ p: Double) -> Double {
        quantile(p) { Double($0) }
    }

    /// The quantile `p` of `transform` of the values, for a `transform` that never decreases (so
    /// the order statistics of the transformed values are the transformed order statistics):
    /// the crowded of an establishment is such a function of its population.
    public func quantile(_ p: Double, of transform: (Int32) -> Double) -> Double {
        guard total > 0 else { return .nan }
        return quantileType7(p, count: Int(total)) { transform(value(atRank: UInt64($0))) }
    }
}
