/// Per-establishment, per-month figures over replications, streamed: integer sums and counts
/// (exact, so the order replications arrive in cannot change a bit) and histograms for the
/// quantiles. Memory depends on the spread of the figures, not on the number of replications.
public struct EstablishmentAccumulator: Sendable, Hashable, Codable {
    /// E.
    public let establishments: Int
    /// H.
    public let months: Int
    /// Replications added so far.
    public private(set) var replications = 0
    /// Σ over replications of the population, `[t * E + e]`.
    public private(set) var populationSum: [Int64]
    /// Σ over replications of the crowded, `[t * E + e]`.
    public private(set) var crowdedSum: [Int64]
    /// Replications with the population above operational capacity, `[t * E + e]`.
    public private(set) var overOperationalCapacity: [Int32]
    /// The population's exact distribution over replications, `[t * E + e]`. The crowded is a
    /// non-decreasing function of the population (`Crowding.crowded`), so its quantiles come from
    /// this histogram too.
    public private(set) var populationHistogram: [IntegerHistogram]

    /// An empty accumulator for E establishments and H months.
    public init(establishments: Int, months: Int) {
        self.establishments = establishments
        self.months = months
        populationSum = Array(repeating: 0, count: establishments * months)
        crowdedSum = populationSum
        overOperationalCapacity = Array(repeating: 0, count: establishments * months)
        populationHistogram = Array(repeating: IntegerHistogram(), count: establishments * months)
    }

    /// Adds one replication's figures, each `[t * E + e]`, against the operational capacity of
    /// each establishment and month.
    public mutating func add(population: [Int32], crowded: [Int32], operationalCapacity: [Int32]) {
        for i in populationSum.indices {
            populationSum[i] += Int64(population[i])
            crowdedSum[i] += Int64(crowded[i])
            if population[i] > operationalCapacity[i] { overOperationalCapacity[i] += 1 }
            populationHistogram[i].add(population[i])
        }
        replications += 1
    }

    /// Adds another accumulator's replications (exact: the order of merging does not matter).
    public mutating func merge(_ other: EstablishmentAccumulator) {
        precondition(other.establishments == establishments && other.months == months,
                     "merging accumulators of different estates")
        for i in populationSum.indices {
            populationSum[i] += other.populationSum[i]
            crowdedSum[i] += other.crowdedSum[i]
            overOperationalCapacity[i] += other.overOperationalCapacity[i]
            populationHistogram[i].merge(other.populationHistogram[i])
        }
        replications += other.replications
    }

    enum CodingKeys: String, CodingKey {
        case establishments, months, replications, populationSum, crowdedSum, overOperationalCapacity
        case histogramOffsets, histogramLengths, histogramCounts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        establishments = try container.decode(Int.self, forKey: .establishments)
        months = try container.decode(Int.self, forKey: .months)
        replications = try container.decode(Int.self, forKey: .replications)
        let cells = establishments * months
        populationSum = try container.decodePacked([Int64].self, forKey: .populationSum, count: cells)
        crowdedSum = try container.decodePacked([Int64].self, forKey: .crowdedSum, count: cells)
        overOperationalCapacity = try container.decodePacked([Int32].self, forKey: .overOperationalCapacity, count: cells)
        let offsets = try container.decodePacked([Int32].self, forKey: .histogramOffsets, count: cells)
        let lengths = try container.decodePacked([Int32].self, forKey: .histogramLengths, count: cells)
        let counts = try container.decodePacked([UInt32].self, forKey: .histogramCounts)
        guard lengths.allSatisfy({ $0 >= 0 }), lengths.reduce(0, { $0 + Int($1) }) == counts.count else {
            throw DecodingError.dataCorruptedError(forKey: .histogramCounts, in: container,
                                                   debugDescription: "histogram lengths do not match their counts")
        }
        var start = 0
        populationHistogram = (0..<cells).map { i in
            let end = start + Int(lengths[i])
            defer { start = end }
            return IntegerHistogram(offset: offsets[i], counts: Array(counts[start..<end]))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(establishments, forKey: .establishments)
        try container.encode(months, forKey: .months)
        try container.encode(replications, forKey: .replications)
        try container.encode(populationSum.packed, forKey: .populationSum)
        try container.encode(crowdedSum.packed, forKey: .crowdedSum)
        try container.encode(overOperationalCapacity.packed, forKey: .overOperationalCapacity)
        try container.encode(populationHistogram.map(\.offset).packed, forKey: .histogramOffsets)
        try container.encode(populationHistogram.map { Int32($0.counts.count) }.packed, forKey: .histogramLengths)
        try container.encode(populationHistogram.flatMap(\.counts).packed, forKey: .histogramCounts)
    }
}
