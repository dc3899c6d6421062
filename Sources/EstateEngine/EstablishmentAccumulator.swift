/// Per-establishment, per-month summaries over replications, streamed: integer sums (exact, so the
/// order replications arrive in cannot change a bit) and histograms for the quantiles.
public struct EstablishmentAccumulator: Sendable {
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
    /// The population's exact distribution over replications, `[t * E + e]`.
    public private(set) var populationHistogram: [IntegerHistogram]

    /// An empty accumulator for E establishments and H months.
    public init(establishments: Int, months: Int) {
        self.establishments = establishments
        self.months = months
        populationSum = Array(repeating: 0, count: establishments * months)
        crowdedSum = populationSum
        populationHistogram = Array(repeating: IntegerHistogram(), count: establishments * months)
    }

    /// Adds one replication's figures (`[t * E + e]`).
    public mutating func add(population: [Int32], crowded: [Int32]) {
        for i in populationSum.indices {
            populationSum[i] += Int64(population[i])
            crowdedSum[i] += Int64(crowded[i])
            populationHistogram[i].add(population[i])
        }
        replications += 1
    }

    /// Adds another accumulator's replications (exact: the order of merging does not matter).
    public mutating func merge(_ other: EstablishmentAccumulator) {
        for i in populationSum.indices {
            populationSum[i] += other.populationSum[i]
            crowdedSum[i] += other.crowdedSum[i]
            populationHistogram[i].merge(other.populationHistogram[i])
        }
        replications += other.replications
    }
}
