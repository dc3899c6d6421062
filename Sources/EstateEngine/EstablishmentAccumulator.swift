/// Per-establishment, per-month summaries over replications, streamed: integer sums (exact, so the
/// order replications arrive in cannot change a bit) and histograms for the quantiles.
public struct EstablishmentAccumulator: Sendable {
    public let establishments: Int
    public let months: Int
    public private(set) var replications = 0
    /// `[t * E + e]`.
    public private(set) var populationSum: [Int64]
    public private(set) var crowdedSum: [Int64]
    public private(set) var populationHistogram: [IntegerHistogram]

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

    public mutating func merge(_ other: EstablishmentAccumulator) {
        for i in populationSum.indices {
            populationSum[i] += other.populationSum[i]
            crowdedSum[i] += other.crowdedSum[i]
            populationHistogram[i].merge(other.populationHistogram[i])
        }
        replications += other.replications
    }
}
