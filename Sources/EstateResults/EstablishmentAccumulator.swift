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
}
