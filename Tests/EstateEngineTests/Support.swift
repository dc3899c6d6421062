import EstateEngine
import EstateModel
import EstateRandom
import EstateResults
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Builders for small scenarios, and the statistical yardsticks the tests share.
enum Fixture {
    static let start = Month(year: 2020, month: 1)

    static func establishment(_ name: String, _ function: EstablishmentFunction = .local, sex: Sex = .male,
                              cna: Int = 1_000_000, opcap: Int? = nil, population: Int? = nil) -> Establishment {
        Establishment(name: name, sex: sex, function: function, baselineCNA: cna, inUseCNA: cna,
                      operationalCapacity: opcap ?? cna, population: population)
    }

    static func group(_ id: String, receptions: Double, stay: StayDistribution,
                      holds: [EstablishmentFunction] = [.local], sex: Sex = .male, initial: Int? = nil,
                      dispersion: Double? = nil) -> PopulationGroup {
        PopulationGroup(id: id, sex: sex, holds: holds,
                        receptions: ReceptionSpecification(mean: receptions, dispersion: dispersion),
                        stay: stay, initial: initial)
    }

    static func scenario(_ establishments: [Establishment], _ groups: [PopulationGroup], months: Int,
                         replications: Int = 200, seed: UInt64 = 2024, events: [CapacityEvent] = [],
                         policies: [Policy] = []) -> Scenario {
        Scenario(name: "test", start: start, months: months, estate: Estate(establishments: establishments),
                 seed: seed, replications: replications, groups: groups, events: events, policies: policies)
    }

    /// A batch's results, with its plan; every replication's national series is in replication order.
    struct Run {
        let plan: SimulationPlan
        let result: BatchResults
        var series: [ReplicationSeries] { result.series }
        var establishments: EstablishmentAccumulator { result.establishments }
    }

    static func run(_ scenario: Scenario, jobs: Int = 2) throws -> Run {
        let plan = try SimulationPlan(scenario)
        return Run(plan: plan, result: try Batch.run(plan, replications: Array(0..<scenario.replications), jobs: jobs))
    }

    /// Values of a per-replication national series at month t.
    static func values(_ run: Run, _ t: Int,
                       _ series: KeyPath<ReplicationSeries, ReplicationSeries.Months>) -> [Double] {
        run.series.map { Double($0[keyPath: series][t]) }
    }
}

/// Sample mean and variance.
func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
    let n = Double(x.count)
    let m = x.reduce(0, +) / n
    return (m, x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1))
}

/// Wilson–Hilferty normal score of a chi-square statistic with k degrees of freedom (accurate to
/// a few 1e-3 in z for k ≥ 30), so a bound |z| < 5 rejects a correct engine about 6e-7 of the time.
func chiSquareZ(_ x: Double, degreesOfFreedom k: Double) -> Double {
    let a = 2 / (9 * k)
    return (pow(x / k, 1.0 / 3) - (1 - a)) / a.squareRoot()
}
