/// The national figures of a batch, streamed so that memory does not grow with what is reported as
/// a mean: exact integer sums per month for those, and for the figures reported with quantiles
/// (population, crowded, crowded %), one number per replication and month, in replication order.
///
/// Integer sums do not depend on the order replications finish in, so a batch gives the same
/// summary on any number of threads.
public struct NationalSummary: Sendable, Hashable {
    /// H.
    public let months: Int
    /// G.
    public let groups: Int
    /// Replications in the batch (slots for the per-replication figures).
    public let replications: Int

    /// Per replication, `[i * months + t]`, i the position in the batch.
    public private(set) var population: [Int32]
    /// People held in establishments (population less the unaccommodated).
    public private(set) var heldPopulation: [Int32]
    /// Crowded people, Σ over establishments.
    public private(set) var crowded: [Int32]

    /// Sums over replications, per month.
    public private(set) var unaccommodatedSum: [Int64]
    public private(set) var receptionsSum: [Int64]
    public private(set) var releasesSum: [Int64]
    public private(set) var recallsSum: [Int64]
    public private(set) var transfersSum: [Int64]
    public private(set) var establishmentsOverCNASum: [Int64]
    /// `[g * months + t]`.
    public private(set) var groupPopulationSum: [Int64]

    /// An empty summary with room for `replications` replications.
    public init(months: Int, groups: Int, replications: Int) {
        self.months = months
        self.groups = groups
        self.replications = replications
        let perReplication = [Int32](repeating: 0, count: months * replications)
        population = perReplication
        heldPopulation = perReplication
        crowded = perReplication
        let sums = [Int64](repeating: 0, count: months)
        unaccommodatedSum = sums
        receptionsSum = sums
        releasesSum = sums
        recallsSum = sums
        transfersSum = sums
        establishmentsOverCNASum = sums
        groupPopulationSum = [Int64](repeating: 0, count: months * groups)
    }

    /// Adds the series of the replication at position `i` of the batch.
    public mutating func add(_ series: NationalSeries, at i: Int) {
        let H = months
        for t in 0..<H {
            population[i * H + t] = series.population[t]
            heldPopulation[i * H + t] = series.heldPopulation[t]
            crowded[i * H + t] = series.crowded[t]
            unaccommodatedSum[t] += Int64(series.unaccommodated[t])
            receptionsSum[t] += Int64(series.receptions[t])
            releasesSum[t] += Int64(series.releases[t])
            recallsSum[t] += Int64(series.recalls[t])
            transfersSum[t] += Int64(series.transfers[t])
            establishmentsOverCNASum[t] += Int64(series.establishmentsOverCNA[t])
        }
        for k in groupPopulationSum.indices { groupPopulationSum[k] += Int64(series.groupPopulation[k]) }
    }

    /// Month `t` of a per-replication figure, in replication order.
    public func values(_ figure: KeyPath<NationalSummary, [Int32]>, month t: Int) -> [Double] {
        let all = self[keyPath: figure]
        return (0..<replications).map { Double(all[$0 * months + t]) }
    }

    /// The mean over replications of month `t` of a summed figure.
    public func mean(_ sum: KeyPath<NationalSummary, [Int64]>, month t: Int) -> Double {
        replications > 0 ? Double(self[keyPath: sum][t]) / Double(replications) : .nan
    }

    /// The mean over replications of group g's population in month t.
    public func meanGroupPopulation(_ g: Int, month t: Int) -> Double {
        replications > 0 ? Double(groupPopulationSum[g * months + t]) / Double(replications) : .nan
    }
}
