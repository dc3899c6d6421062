import Foundation

/// Per-establishment, per-month figures over replications, streamed, in a fixed size per
/// establishment × month (a cell): the sums of the population and of the crowded, the count of
/// replications over operational capacity (all exact, whatever the order replications arrive in)
/// and a `BoundedHistogram` of the population for its quantiles.
///
/// Memory: a few replications (up to `rawReplications`, what one job adds between checkpoints of
/// a large estate) are kept as they came, 12 bytes a cell each; past that the accumulator holds a
/// summary of `summaryBytesPerCell` bytes a cell (32-bit sums and 16-bit counts, whose rare
/// overflows are carried in a side table, so they stay exact at any number of replications).
/// Which form holds the figures depends only on the number of replications, and every figure is
/// computed the same way from either, so threads, shards and `--resume` give the same bytes.
public struct EstablishmentAccumulator: Sendable, Hashable, Codable {
    /// E.
    public let establishments: Int
    /// H.
    public let months: Int
    /// Replications added so far.
    public private(set) var replications = 0

    /// Replications kept as they came before they are summarised.
    public static let rawReplications = 4
    /// Bins of each cell's histogram, fixed by the size of the estate (`BoundedHistogram.binCount(cells:)`).
    public let binCount: Int
    /// Bytes a cell of the summary takes: the bins' 16-bit counts, the bin width and first bin,
    /// the two 32-bit sums and the 16-bit count over operational capacity.
    public static func summaryBytesPerCell(binCount: Int) -> Int { binCount * 2 + 1 + 4 + 4 + 4 + 2 }
    /// Bytes a cell of one replication kept as it came takes: its population, crowded and operational capacity.
    public static let rawBytesPerCell = 12

    /// The replications kept as they came (while `replications <= rawReplications`).
    private var raw = Raw()
    /// The summary, once there are more than `rawReplications`.
    private var summary: Summary?

    /// An empty accumulator for E establishments and H months; it allocates nothing until the
    /// first replication is added.
    public init(establishments: Int, months: Int) {
        self.establishments = establishments
        self.months = months
        binCount = BoundedHistogram.binCount(cells: establishments * months)
    }

    private var cells: Int { establishments * months }

    /// Adds one replication's figures, each `[t * E + e]`, against the operational capacity of
    /// each establishment and month.
    public mutating func add(population: [Int32], crowded: [Int32], operationalCapacity: [Int32]) {
        precondition(population.count == cells && crowded.count == cells && operationalCapacity.count == cells,
                     "figures of another estate")
        if summary == nil, replications < Self.rawReplications {
            raw.population.append(population)
            raw.crowded.append(crowded)
            raw.operationalCapacity.append(operationalCapacity)
        } else {
            summarise()
            summary!.add(population: population, crowded: crowded, operationalCapacity: operationalCapacity)
        }
        replications += 1
    }

    /// Adds another accumulator's replications (exact: the order of merging does not matter).
    public mutating func merge(_ other: EstablishmentAccumulator) {
        precondition(other.establishments == establishments && other.months == months,
                     "merging accumulators of different estates")
        guard other.replications > 0 else { return }
        guard replications > 0 else { self = other; return }
        if summary == nil, other.summary == nil, replications + other.replications <= Self.rawReplications {
            raw.population += other.raw.population
            raw.crowded += other.raw.crowded
            raw.operationalCapacity += other.raw.operationalCapacity
        } else {
            summarise()
            if let theirs = other.summary {
                summary!.merge(theirs)
            } else {
                for k in other.raw.population.indices {
                    summary!.add(population: other.raw.population[k], crowded: other.raw.crowded[k],
                                 operationalCapacity: other.raw.operationalCapacity[k])
                }
            }
        }
        replications += other.replications
    }

    /// Turns the replications kept as they came into the summary.
    private mutating func summarise() {
        guard summary == nil else { return }
        var made = Summary(cells: cells, binCount: binCount)
        for k in raw.population.indices {
            made.add(population: raw.population[k], crowded: raw.crowded[k],
                     operationalCapacity: raw.operationalCapacity[k])
        }
        summary = made
        raw = Raw()
    }

    // MARK: The figures of a cell (`t * E + e`)

    /// Σ over replications of the population.
    public func populationSum(_ cell: Int) -> Int64 {
        if let summary { return Int64(summary.populationSum[cell]) }
        return raw.population.reduce(0) { $0 + Int64($1[cell]) }
    }

    /// Σ over replications of the crowded.
    public func crowdedSum(_ cell: Int) -> Int64 {
        if let summary { return Int64(summary.crowdedSum[cell]) }
        return raw.crowded.reduce(0) { $0 + Int64($1[cell]) }
    }

    /// Replications with the population above operational capacity.
    public func overOperationalCapacity(_ cell: Int) -> Int {
        if let summary { return Int(summary.over[cell]) }
        return zip(raw.population, raw.operationalCapacity).reduce(0) { $0 + ($1.0[cell] > $1.1[cell] ? 1 : 0) }
    }

    /// The population's distribution over replications. The crowded is a non-decreasing function
    /// of the population (`Crowding.crowded`), so its quantiles come from this histogram too.
    public func populationHistogram(_ cell: Int) -> BoundedHistogram {
        if let summary { return summary.histogram(cell) }
        return BoundedHistogram(binCount: binCount, values: raw.population.map { $0[cell] })
    }

    // MARK: Equality: of the figures, whichever form holds them

    /// Whether `a` and `b` hold the same figures (sums, counts over operational capacity and
    /// population histograms of every cell), whether raw or summarised.
    public static func == (a: EstablishmentAccumulator, b: EstablishmentAccumulator) -> Bool {
        guard a.establishments == b.establishments, a.months == b.months, a.replications == b.replications else {
            return false
        }
        if let x = a.summary, let y = b.summary { return x.hasSameFigures(as: y) }
        for cell in 0..<a.cells where a.replications > 0 {
            guard a.populationSum(cell) == b.populationSum(cell), a.crowdedSum(cell) == b.crowdedSum(cell),
                  a.overOperationalCapacity(cell) == b.overOperationalCapacity(cell),
                  a.populationHistogram(cell) == b.populationHistogram(cell) else { return false }
        }
        return true
    }

    /// Hashes the sizes only (establishments, months, replications, bins), which equal values share.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(establishments)
        hasher.combine(months)
        hasher.combine(replications)
        hasher.combine(binCount)
    }

    // MARK: Saved form

    enum CodingKeys: String, CodingKey {
        case establishments, months, replications
        case rawPopulation, rawCrowded, operationalCapacity
        case binShift, binStart, binCounts, binCountsCarry, populationSum, populationSumCarry
        case crowdedSum, crowdedSumCarry, overOperationalCapacity, overOperationalCapacityCarry
    }

    /// Decodes the saved form: each replication's raw values while few are held, otherwise the
    /// summary. Throws `DecodingError` for negative or overflowing sizes, packed arrays of the
    /// wrong length, or a histogram that does not hold every replication.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        establishments = try container.decode(Int.self, forKey: .establishments)
        months = try container.decode(Int.self, forKey: .months)
        replications = try container.decode(Int.self, forKey: .replications)
        guard establishments >= 0, months >= 0, replications >= 0,
              !establishments.multipliedReportingOverflow(by: months).overflow else {
            throw DecodingError.dataCorruptedError(forKey: .replications, in: container,
                                                   debugDescription: "negative sizes")
        }
        let cells = establishments * months
        binCount = BoundedHistogram.binCount(cells: cells)
        let B = binCount
        if replications <= Self.rawReplications {
            let population = try container.decodePacked([Int32].self, forKey: .rawPopulation,
                                                         count: cells * replications)
            let crowded = try container.decodePacked([Int32].self, forKey: .rawCrowded, count: cells * replications)
            let capacity = try container.decodePacked([Int32].self, forKey: .operationalCapacity,
                                                      count: cells * replications)
            for k in 0..<replications {
                raw.population.append(Array(population[k * cells ..< (k + 1) * cells]))
                raw.crowded.append(Array(crowded[k * cells ..< (k + 1) * cells]))
                raw.operationalCapacity.append(Array(capacity[k * cells ..< (k + 1) * cells]))
            }
        } else {
            var made = Summary(cells: 0, binCount: B)
            made.cells = cells
            made.isEmpty = false
            made.shift = try container.decodePacked([UInt8].self, forKey: .binShift, count: cells)
            made.start = try container.decodePacked([Int32].self, forKey: .binStart, count: cells)
            made.counts = try container.decodeWide(.binCounts, .binCountsCarry, count: cells * B)
            made.populationSum = try container.decodeWide(.populationSum, .populationSumCarry, count: cells)
            made.crowdedSum = try container.decodeWide(.crowdedSum, .crowdedSumCarry, count: cells)
            made.over = try container.decodeWide(.overOperationalCapacity, .overOperationalCapacityCarry, count: cells)
            for cell in 0..<cells {
                var total: UInt64 = 0
                for k in 0..<B { total += made.counts[cell * B + k] }
                guard made.shift[cell] <= 32, made.counts[cell * B] > 0, total == UInt64(replications),
                      made.over[cell] <= UInt64(replications) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .binCounts, in: container,
                        debugDescription: "a histogram that does not hold every replication")
                }
            }
            summary = made
        }
    }

    /// Encodes the saved form: each replication's raw values while they are kept, otherwise the
    /// summary (histograms in canonical form, sums and counts); throws what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(establishments, forKey: .establishments)
        try container.encode(months, forKey: .months)
        try container.encode(replications, forKey: .replications)
        if let summary {
            try summary.encodeCanonicalHistograms(to: &container)
            try container.encodeWide(summary.populationSum, .populationSum, .populationSumCarry)
            try container.encodeWide(summary.crowdedSum, .crowdedSum, .crowdedSumCarry)
            try container.encodeWide(summary.over, .overOperationalCapacity, .overOperationalCapacityCarry)
        } else {
            try container.encode(raw.population.packedOneAfterAnother, forKey: .rawPopulation)
            try container.encode(raw.crowded.packedOneAfterAnother, forKey: .rawCrowded)
            try container.encode(raw.operationalCapacity.packedOneAfterAnother, forKey: .operationalCapacity)
        }
    }
}

extension EstablishmentAccumulator {
    /// Replications as they came, each `[t * E + e]`.
    struct Raw: Sendable, Hashable {
        var population: [[Int32]] = []
        var crowded: [[Int32]] = []
        /// Each replication's (the plan's, or moved by the estate's drift).
        var operationalCapacity: [[Int32]] = []
    }

    /// The summary of any number of replications, a fixed size a cell, structure of arrays.
    ///
    /// Each cell's bins are a window of `binCount` bins at the cell's canonical width (that of
    /// `BoundedHistogram`, set by the smallest and largest value alone), but the window need not
    /// start at the smallest value's bin: a new cell's window is centred on its first value, and
    /// a window is moved (centred again) only when a value falls outside it, so a new smallest or
    /// largest value rarely costs more than one increment. The canonical form, with
    /// the window starting at the smallest value's bin, is what is read, compared and saved, so
    /// the figures do not depend on the order replications came in.
    struct Summary: Sendable {
        var cells: Int
        let binCount: Int
        /// Each cell's bins: width 2^shift, the bin of the window's first count, `binCount` counts
        /// `[cell * B + k]` for the bins `start + k`.
        var shift: [UInt8]
        var start: [Int32]
        var counts: WideCounters<UInt16>
        var populationSum: WideCounters<UInt32>
        var crowdedSum: WideCounters<UInt32>
        var over: WideCounters<UInt16>
        /// Whether a replication has been added.
        var isEmpty = true

        init(cells: Int, binCount: Int) {
            self.cells = cells
            self.binCount = binCount
            shift = Array(repeating: 0, count: cells)
            start = Array(repeating: 0, count: cells)
            counts = WideCounters(count: cells * binCount)
            populationSum = WideCounters(count: cells)
            crowdedSum = WideCounters(count: cells)
            over = WideCounters(count: cells)
        }

        mutating func add(population: [Int32], crowded: [Int32], operationalCapacity: [Int32]) {
            let B = binCount, cells = cells
            precondition(population.allSatisfy { $0 >= 0 } && crowded.allSatisfy { $0 >= 0 }, "a negative population")
            populationSum.add(cells) { UInt64(population[$0]) }
            crowdedSum.add(cells) { UInt64(crowded[$0]) }
            over.add(cells) { population[$0] > operationalCapacity[$0] ? 1 : 0 }
            if isEmpty {
                isEmpty = false
                for i in 0..<cells { start[i] = population[i] - Int32(B / 2) }
                counts.increment(cells) { $0 * B + B / 2 }
                return
            }
            // Each value's place in its cell's window, or nil outside it (then moved, below).
            var outside: [Int] = []
            shift.withUnsafeBufferPointer { shift in
                start.withUnsafeBufferPointer { start in
                    counts.increment(cells) { i in
                        let bin = (Int64(population[i]) >> Int64(shift[i])) - Int64(start[i])
                        guard bin >= 0, bin < Int64(B) else { outside.append(i); return nil }
                        return i * B + Int(bin)
                    }
                }
            }
            for i in outside { place([(Int64(population[i]), 1)], level: 0, in: i) }
        }

        mutating func merge(_ other: Summary) {
            guard !other.isEmpty else { return }
            guard !isEmpty else { self = other; return }
            let B = binCount
            for i in 0..<cells {
                populationSum.add(other.populationSum[i], at: i)
                crowdedSum.add(other.crowdedSum[i], at: i)
                over.add(other.over[i], at: i)
                guard let (first, last) = other.occupied(i) else { continue }
                let offset = Int(other.start[i]) - Int(start[i])
                if shift[i] == other.shift[i], first + offset >= 0, last + offset < B {
                    for k in first...last { counts.add(other.counts[i * B + k], at: i * B + k + offset) }
                } else {
                    place(other.bins(i), level: other.shift[i], in: i)
                }
            }
        }

        /// The first and last places of cell `i`'s window that hold values (nil for none).
        func occupied(_ i: Int) -> (first: Int, last: Int)? {
            let B = binCount
            guard let first = (0..<B).first(where: { counts[i * B + $0] > 0 }),
                  let last = (0..<B).last(where: { counts[i * B + $0] > 0 }) else { return nil }
            return (first, last)
        }

        /// The bins of cell `i` holding values, lowest first, as (bin at the cell's width, count).
        func bins(_ i: Int) -> [(bin: Int64, count: UInt64)] {
            let B = binCount
            var found: [(bin: Int64, count: UInt64)] = []
            for k in 0..<B {
                let count = counts[i * B + k]
                if count > 0 { found.append((Int64(start[i]) + Int64(k), count)) }
            }
            return found
        }

        /// Adds `added` (bins at width 2^level) to cell `i` when they do not all fall in its
        /// window: the width becomes the smallest, from the cell's and `level` up, that holds every
        /// value in `binCount` bins, and the window is centred on them.
        private mutating func place(_ added: [(bin: Int64, count: UInt64)], level: UInt8, in i: Int) {
            let B = binCount
            let width = max(shift[i], level)
            let all = bins(i).map { ($0.bin >> Int64(width - shift[i]), $0.count) }
                + added.map { ($0.bin >> Int64(width - level), $0.count) }
            guard let lo = all.map(\.0).min(), let hi = all.map(\.0).max() else { return }
            var extra: Int64 = 0
            while (hi >> extra) - (lo >> extra) >= Int64(B) { extra += 1 }
            let first = (lo >> extra) - (Int64(B) - 1 - ((hi >> extra) - (lo >> extra))) / 2
            var fresh = [UInt64](repeating: 0, count: B)
            for (bin, count) in all { fresh[Int((bin >> extra) - first)] += count }
            shift[i] = width + UInt8(extra)
            start[i] = Int32(first)
            for k in 0..<B { counts.set(fresh[k], at: i * B + k) }
        }

        /// Cell `i`'s histogram, in canonical form.
        func histogram(_ i: Int) -> BoundedHistogram {
            let B = binCount
            guard let (first, last) = occupied(i) else { return BoundedHistogram(binCount: B) }
            var canonical = [UInt64](repeating: 0, count: B)
            for k in first...last { canonical[k - first] = counts[i * B + k] }
            return BoundedHistogram(binCount: B, shift: shift[i], start: start[i] + Int32(first), counts: canonical)
        }

        /// Encodes the histograms in canonical form, every window starting at its smallest value's
        /// bin, straight from the windows: no copy of the counts is made on the way.
        func encodeCanonicalHistograms(to container: inout KeyedEncodingContainer<CodingKeys>) throws {
            let B = binCount
            var canonicalStart = start
            var low = Data(count: cells * B * MemoryLayout<UInt16>.size)
            var carried: [(Int, UInt64)] = []
            low.withUnsafeMutableBytes { raw in
                let canonical = raw.bindMemory(to: UInt16.self)
                for i in 0..<cells {
                    guard let (first, last) = occupied(i) else { continue }
                    canonicalStart[i] = start[i] + Int32(first)
                    for k in first...last {
                        canonical[i * B + k - first] = counts.low[i * B + k].littleEndian
                    }
                }
            }
            if counts.hasCarry {
                for (index, high) in counts.carry {
                    let i = index / B
                    carried.append((index - occupied(i)!.first, high))
                }
            }
            try container.encode(shift.packed, forKey: .binShift)
            try container.encode(canonicalStart.packed, forKey: .binStart)
            try container.encodeWide(WideCounters<UInt16>(low: [], carry: Dictionary(uniqueKeysWithValues: carried)),
                                     lowData: low, .binCounts, .binCountsCarry)
        }

        /// Equal figures, whatever the windows.
        func hasSameFigures(as other: Summary) -> Bool {
            guard cells == other.cells, binCount == other.binCount, isEmpty == other.isEmpty,
                  shift == other.shift, populationSum == other.populationSum, crowdedSum == other.crowdedSum,
                  over == other.over else { return false }
            return (0..<cells).allSatisfy { histogram($0) == other.histogram($0) }
        }
    }
}

/// Unsigned counters kept in `Low` (16 or 32 bits) with what overflows carried in a side table,
/// so they take little memory and stay exact: a counter is `low[i] + carry[i] << Low.bitWidth`.
struct WideCounters<Low: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable, Hashable {
    private(set) var low: [Low]
    /// The high part of the counters that overflowed `Low`.
    private(set) var carry: [Int: UInt64] = [:]

    init(count: Int) { low = Array(repeating: 0, count: count) }

    init(low: [Low], carry: [Int: UInt64]) {
        self.low = low
        self.carry = carry
    }

    var count: Int { low.count }
    var hasCarry: Bool { !carry.isEmpty }

    subscript(i: Int) -> UInt64 {
        let value = UInt64(low[i])
        guard !carry.isEmpty, let high = carry[i] else { return value }
        return value | high << UInt64(Low.bitWidth)
    }

    /// Adds `amount(i)` to each counter i of the first `count`.
    @inline(__always)
    mutating func add(_ count: Int, _ amount: (Int) -> UInt64) {
        precondition(count <= low.count, "more counters than there are")
        var overflowed: [(Int, UInt64)] = []
        low.withUnsafeMutableBufferPointer { low in
            for i in 0..<count {
                let sum = UInt64(low[i]) &+ amount(i)
                low[i] = Low(truncatingIfNeeded: sum)
                if sum >> UInt64(Low.bitWidth) != 0 { overflowed.append((i, sum >> UInt64(Low.bitWidth))) }
            }
        }
        for (i, high) in overflowed { carry[i, default: 0] &+= high }
    }

    /// Adds 1 to the counter `index(k)` for each k of `0..<count` where it is not nil.
    @inline(__always)
    mutating func increment(_ count: Int, _ index: (Int) -> Int?) {
        var overflowed: [Int] = []
        low.withUnsafeMutableBufferPointer { low in
            for k in 0..<count {
                guard let i = index(k) else { continue }
                precondition(i >= 0 && i < low.count, "a counter out of range")
                let (sum, overflow) = low[i].addingReportingOverflow(1)
                low[i] = sum
                if overflow { overflowed.append(i) }
            }
        }
        for i in overflowed { carry[i, default: 0] &+= 1 }
    }

    @inline(__always)
    mutating func add(_ amount: UInt64, at i: Int) {
        let sum = UInt64(low[i]) &+ amount
        low[i] = Low(truncatingIfNeeded: sum)
        let high = sum >> UInt64(Low.bitWidth)
        if high != 0 { carry[i, default: 0] &+= high }
    }

    mutating func set(_ value: UInt64, at i: Int) {
        low[i] = Low(truncatingIfNeeded: value)
        let high = value >> UInt64(Low.bitWidth)
        if high != 0 { carry[i] = high } else if !carry.isEmpty { carry[i] = nil }
    }
}

extension KeyedEncodingContainer {
    /// Encodes `counters`, their low parts as `lowData` when given (already packed) or packed here.
    mutating func encodeWide<Low: Packable & UnsignedInteger & Sendable>(_ counters: WideCounters<Low>,
                                                                          lowData: Data? = nil,
                                                                          _ lowKey: Key, _ carryKey: Key) throws {
        try encode(lowData ?? counters.low.packed, forKey: lowKey)
        let carried = counters.carry.sorted { $0.key < $1.key }
        try encode((carried.map { UInt64($0.key) } + carried.map(\.value)).packed, forKey: carryKey)
    }
}

extension KeyedDecodingContainer {
    func decodeWide<Low: Packable & UnsignedInteger & Sendable>(_ lowKey: Key, _ carryKey: Key,
                                                                count: Int) throws -> WideCounters<Low> {
        let low = try decodePacked([Low].self, forKey: lowKey, count: count)
        let pairs = try decodePacked([UInt64].self, forKey: carryKey)
        let n = pairs.count / 2
        guard pairs.count % 2 == 0, pairs[..<n].allSatisfy({ $0 < UInt64(count) }) else {
            throw DecodingError.dataCorruptedError(forKey: carryKey, in: self,
                                                   debugDescription: "carried counters out of range")
        }
        var carry = [Int: UInt64]()
        for k in 0..<n where pairs[n + k] != 0 { carry[Int(pairs[k])] = pairs[n + k] }
        return WideCounters(low: low, carry: carry)
    }
}
