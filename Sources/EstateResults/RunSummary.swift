/// The few numbers a planner reads first after a run: for each estate, the month whose headroom is
/// worst (the lowest p05 over months) with the chance of running out that month, the most
/// crowded establishments at the horizon, and the run's cost. Computed from the same figures as the tables.
public struct RunSummary: Sendable {
    /// The worst month of headroom of one estate.
    public struct WorstMonth: Sendable, Hashable {
        /// The estate: national, male or female.
        public let estate: SexEstate
        /// The month, `YYYY-MM`.
        public let month: String
        /// The 5th percentile of headroom that month (negative: over useable capacity).
        public let headroomP05: Double
        /// Replications over useable operational capacity that month.
        public let over: Proportion
    }

    /// One establishment at the horizon.
    public struct Crowded: Sendable, Hashable {
        /// The establishment's name.
        public let establishment: String
        /// Mean population as a percentage of in-use CNA.
        public let percentOfInUseCNA: Double
        /// The share of replications above operational capacity.
        public let overOperationalCapacity: Double
    }

    /// The scenario's name.
    public let scenario: String
    /// The number of replications the results hold.
    public let replications: Int
    /// National, male, female (an estate with no capacity is left out).
    public let worstMonths: [WorstMonth]
    /// The month of `mostCrowded`, the last of the run.
    public let horizon: String
    /// Up to `count` establishments, most crowded first.
    public let mostCrowded: [Crowded]

    /// What the run costs over its months, in pounds: the mean over replications of `cost_total`
    /// summed over the months (the sum of its monthly means; each month's spread is in `monthly`).
    public struct Cost: Sendable, Hashable {
        /// The run's first and last months, `YYYY-MM`.
        public let first: String, last: String
        /// The mean over replications of the cost summed over the months, in pounds.
        public let mean: Double
        /// The one-off costs of the events among it.
        public let oneOff: Double
    }

    /// Nil for results without costs or replications.
    public let cost: Cost?

    /// The summary of `results`, naming `count` crowded establishments.
    public init(_ results: BatchResults, count: Int = 5) {
        scenario = results.scenario.name
        replications = results.replicationCount
        let H = results.capacity.months, national = results.national
        var worst = [WorstMonth]()
        for estate in SexEstate.allCases {
            let risk = Figure.riskFigures(estate)
            guard H > 0, results.capacity.total(.operationalCapacity, estate, month: 0) > 0 || estate == .national,
                  results.replicationCount > 0, let overUseable = national.position(of: risk[1].name) else { continue }
            var best: (t: Int, p05: Double)?
            for t in 0..<H {
                guard let p05 = national.statistics(risk[0], month: t, capacity: results.capacity)?.quantiles[0] else {
                    continue
                }
                if best == nil || p05 < best!.p05 { best = (t, p05) }
            }
            guard let best else { continue }
            worst.append(WorstMonth(estate: estate, month: results.scenario.month(at: best.t).description,
                                    headroomP05: best.p05,
                                    over: Proportion(count: national.countAboveZero(overUseable, month: best.t),
                                                     of: national.count(overUseable, month: best.t))))
        }
        worstMonths = worst
        horizon = H > 0 ? results.scenario.month(at: H - 1).description : ""
        var crowded = [Crowded]()
        let accumulator = results.establishments, capacity = results.capacity, E = capacity.establishmentCount
        if H > 0, accumulator.replications > 0 {
            let n = Double(accumulator.replications)
            for e in 0..<E {
                let j = capacity.cells.index(month: H - 1, establishment: e)
                guard capacity.exists[j], capacity.inUseCNA[j] > 0 else { continue }
                crowded.append(Crowded(
                    establishment: capacity.establishments[e].name,
                    percentOfInUseCNA: Double(accumulator.populationSum(j)) / n / Double(capacity.inUseCNA[j]) * 100,
                    overOperationalCapacity: Double(accumulator.overOperationalCapacity(j)) / n))
            }
        }
        mostCrowded = Array(crowded.sorted { $0.percentOfInUseCNA > $1.percentOfInUseCNA }.prefix(count))
        cost = Self.cost(results)
    }

    private static func cost(_ results: BatchResults) -> Cost? {
        let H = results.capacity.months
        guard H > 0, results.replicationCount > 0, results.scenario.costs != nil,
              let total = Figure.costFigures().first(where: { $0.name == "cost_total" }) else { return nil }
        let means = (0..<H).map {
            results.national.statistics(total, month: $0, capacity: results.capacity)?.mean ?? .nan
        }
        guard means.allSatisfy(\.isFinite) else { return nil }
        let oneOff = (0..<H).reduce(0.0) { $0 + MonthlyCost.events(results.scenario, month: $1).rounded() }
        return Cost(first: results.scenario.month(at: 0).description,
                    last: results.scenario.month(at: H - 1).description,
                    mean: means.reduce(0, +), oneOff: oneOff)
    }
}
