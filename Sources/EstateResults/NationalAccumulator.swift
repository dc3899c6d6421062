import Foundation
import EstateModel

/// The national figures of every month over replications, streamed: for each figure of
/// `Figure.monthly` that varies between replications, each replication's value taken to the
/// figure's `resolution` (a whole number of steps) and kept as exact integers — how many
/// replications had a value, their sum, and, for a figure with quantiles, their histogram
/// (`IntegerHistogram`). So the statistics of `monthly` need no replication's series, memory
/// depends on the spread of the figures and not on the number of replications, and merging in
/// any order gives the same value to the bit.
public struct NationalAccumulator: Sendable, Hashable, Codable {
    /// H.
    public let months: Int
    /// The figures accumulated, by name, in the order of `Figure.monthly`.
    public let names: [String]
    /// Each figure's resolution in each month, `[f * H + t]`: the steps of its histogram.
    public let resolutions: [Double]
    /// Each figure's resolution for its sum: 1 for a whole number, else `Figure.defaultResolution`
    /// (finer than its histogram's, so that its mean is as exact as written).
    public let sumResolutions: [Double]
    /// Replications added.
    public private(set) var replications = 0
    /// Replications in which figure f had a value in month t, `[f * H + t]`.
    var present: [Int64]
    /// Σ of the values in steps of the sum's resolution, `[f * H + t]`.
    var sums: [Int128]
    /// The values in steps of the resolution, `[f * H + t]`: for the figures with quantiles only
    /// (`Figure.Summary.distribution`); empty for the others.
    var histograms: [IntegerHistogram]
    /// Figure f keeps histograms.
    let hasHistogram: [Bool]
    private let positions: [String: Int]

    /// An empty accumulator of `figures` (those that vary between replications) over the months
    /// of `capacity`.
    public init(figures: [Figure], capacity: CapacitySchedule) {
        let figures = figures.filter { $0.summary != .capacity }
        let months = capacity.months
        self.months = months
        names = figures.map(\.name)
        resolutions = figures.flatMap { figure in (0..<months).map { figure.resolution(capacity, $0) } }
        sumResolutions = figures.map { $0.isIntegral ? 1 : Figure.defaultResolution }
        hasHistogram = figures.map { figure in
            if case .distribution = figure.summary { true } else { false }
        }
        present = Array(repeating: 0, count: figures.count * months)
        sums = Array(repeating: 0, count: figures.count * months)
        histograms = Array(repeating: IntegerHistogram(), count: figures.count * months)
        positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    /// Of no figure.
    static let none = NationalAccumulator()

    private init() {
        months = 0
        names = []
        resolutions = []
        sumResolutions = []
        present = []
        sums = []
        histograms = []
        hasHistogram = []
        positions = [:]
    }

    /// How many histograms it keeps: one a month for each figure with quantiles. Each holds 8
    /// bytes a distinct value (`IntegerHistogram`): at most the number of replications.
    public var histogramCount: Int { hasHistogram.filter { $0 }.count * months }

    /// The position of figure `name`, if it is accumulated.
    public func position(of name: String) -> Int? { positions[name] }

    /// A value in whole steps of `resolution`, or nil for none.
    static func steps(_ value: Double?, resolution: Double) -> Int128? {
        guard let value, value.isFinite else { return nil }
        let steps = (resolution == 1 ? value : value / resolution).rounded()
        guard abs(steps) < 1e36 else { return nil }
        return Int128(steps)
    }

    /// Adds one replication: `value(f, t)` is figure f's value in month t (nil when it has none).
    public mutating func add(_ value: (_ figure: Int, _ month: Int) -> Double?) {
        for f in names.indices {
            for t in 0..<months {
                let i = f * months + t
                guard let x = value(f, t), let steps = Self.steps(x, resolution: sumResolutions[f]) else { continue }
                present[i] += 1
                sums[i] += steps
                if hasHistogram[f] {
                    let bin = sumResolutions[f] == resolutions[i]
                        ? steps : Self.steps(x, resolution: resolutions[i]) ?? 0
                    histograms[i].add(Int32(clamping: bin))
                }
            }
        }
        replications += 1
    }

    /// Adds another accumulator's replications (exact: the order of merging does not matter).
    public mutating func merge(_ other: NationalAccumulator) {
        precondition(other.names == names && other.months == months, "merging accumulators of different figures")
        for i in present.indices {
            present[i] += other.present[i]
            sums[i] += other.sums[i]
            histograms[i].merge(other.histograms[i])
        }
        replications += other.replications
    }

    /// Replications with a value of figure f in month t.
    public func count(_ f: Int, month t: Int) -> Int { Int(present[f * months + t]) }

    /// The mean of figure f in month t over the replications with a value (NaN for none). For a
    /// whole-number figure it is the same double as summing the values in any order.
    public func mean(_ f: Int, month t: Int) -> Double {
        let i = f * months + t
        guard present[i] > 0 else { return .nan }
        return Double(sums[i]) * sumResolutions[f] / Double(present[i])
    }

    /// How many replications had a value above zero (for a 0/1 figure, a probability's count).
    public func countAboveZero(_ f: Int, month t: Int) -> Int {
        let i = f * months + t
        return Int(sums[i])
    }

    /// The statistics of `figure` in month t, with the quantiles `extraLevels` too, from its
    /// histogram; nil for a figure without one.
    public func statistics(_ figure: Figure, month t: Int, capacity: CapacitySchedule,
                           extraLevels: [Double] = []) -> SummaryStatistics? {
        guard let f = position(of: figure.name) else { return nil }
        let i = f * months + t
        if hasHistogram[f] {
            let r = resolutions[i]
            return SummaryStatistics(histograms[i], mean: mean(f, month: t), extraLevels: extraLevels) {
                r == 1 ? Double($0) : Double($0) * r
            }
        }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case months, names, resolutions, sumResolutions, replications, present, sumsLow, sumsHigh, histograms
        case histogramLengths, histogramValues, histogramCounts
    }

    /// Decodes the saved form. Throws `DecodingError` when the resolutions, packed arrays or
    /// histogram lengths do not match the figures and months, or a histogram's values are out of
    /// order or counted 0 times.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        months = try container.decode(Int.self, forKey: .months)
        names = try container.decode([String].self, forKey: .names)
        resolutions = try container.decode([Double].self, forKey: .resolutions)
        sumResolutions = try container.decode([Double].self, forKey: .sumResolutions)
        replications = try container.decode(Int.self, forKey: .replications)
        let cells = names.count * months
        guard resolutions.count == cells, sumResolutions.count == names.count, months >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .resolutions, in: container,
                                                   debugDescription: "one resolution per figure")
        }
        present = try container.decodePacked([Int64].self, forKey: .present, count: cells)
        let low = try container.decodePacked([Int64].self, forKey: .sumsLow, count: cells)
        let high = try container.decodePacked([Int64].self, forKey: .sumsHigh, count: cells)
        sums = zip(low, high).map { Int128($1) << 64 | Int128(UInt64(bitPattern: $0)) }
        hasHistogram = try container.decode([Bool].self, forKey: .histograms)
        let lengths = try container.decodePacked([Int32].self, forKey: .histogramLengths, count: cells)
        let values = try container.decodePacked([Int32].self, forKey: .histogramValues)
        let counts = try container.decodePacked([UInt32].self, forKey: .histogramCounts)
        guard hasHistogram.count == names.count, lengths.allSatisfy({ $0 >= 0 }),
              lengths.reduce(0, { $0 + Int($1) }) == counts.count, values.count == counts.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .histogramCounts, in: container,
                debugDescription: "histogram lengths do not match their values and counts")
        }
        var start = 0
        histograms = []
        histograms.reserveCapacity(cells)
        for i in 0..<cells {
            let end = start + Int(lengths[i])
            guard let histogram = IntegerHistogram(values: Array(values[start..<end]),
                                                   counts: Array(counts[start..<end])) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .histogramValues, in: container,
                    debugDescription: "a histogram's values out of order or counted 0 times")
            }
            histograms.append(histogram)
            start = end
        }
        positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    /// Encodes the saved form: sums as low and high 64-bit halves, histograms as packed lengths,
    /// values and counts; throws what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(months, forKey: .months)
        try container.encode(names, forKey: .names)
        try container.encode(resolutions, forKey: .resolutions)
        try container.encode(sumResolutions, forKey: .sumResolutions)
        try container.encode(replications, forKey: .replications)
        try container.encode(present.packed, forKey: .present)
        try container.encode(sums.map { Int64(truncatingIfNeeded: $0) }.packed, forKey: .sumsLow)
        try container.encode(sums.map { Int64(truncatingIfNeeded: $0 >> 64) }.packed, forKey: .sumsHigh)
        try container.encode(hasHistogram, forKey: .histograms)
        try container.encode(histograms.map { Int32($0.counts.count) }.packed, forKey: .histogramLengths)
        // Packed straight from each histogram, without a flat copy of every value first.
        let entries = histograms.reduce(0) { $0 + $1.counts.count }
        var values = Data(capacity: 4 * entries), counts = Data(capacity: 4 * entries)
        for histogram in histograms {
            for value in histogram.values { withUnsafeBytes(of: value.littleEndian) { values.append(contentsOf: $0) } }
            for count in histogram.counts { withUnsafeBytes(of: count.littleEndian) { counts.append(contentsOf: $0) } }
        }
        try container.encode(values, forKey: .histogramValues)
        try container.encode(counts, forKey: .histogramCounts)
    }

    // `positions` is derived from `names`.
    /// Whether `a` and `b` hold the same figures, resolutions, counts, sums and histograms.
    public static func == (a: NationalAccumulator, b: NationalAccumulator) -> Bool {
        a.months == b.months && a.names == b.names && a.resolutions == b.resolutions
            && a.sumResolutions == b.sumResolutions && a.replications == b.replications
            && a.present == b.present && a.sums == b.sums && a.histograms == b.histograms
    }

    /// Hashes the months, figure names, replications and sums, which equal values share.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(months)
        hasher.combine(names)
        hasher.combine(replications)
        hasher.combine(sums)
    }
}

extension Figure {
    /// The figures of `Figure.monthly` for one scenario's own groups and functions that vary
    /// between replications, in that order: what its `NationalAccumulator` keeps.
    static func accumulated(scenario: ScenarioInfo, capacity: CapacitySchedule) -> [Figure] {
        let used = Set(capacity.functions)
        return monthly(groups: scenario.groups.map(\.id),
                       functions: EstablishmentFunction.allCases.filter(used.contains))
            .filter { $0.summary != .capacity }
    }
}
