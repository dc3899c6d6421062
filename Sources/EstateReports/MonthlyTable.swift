public import EstateEngine

/// `monthly.csv`: one row per scenario × month of national figures (DESIGN.md §3, Outputs).
///
/// Statistics over replications are computed from `BatchResult.national` in replication order, so
/// the bytes depend only on the seed and the replication indices, never on the number of threads.
public enum MonthlyTable {
    /// The file's name in the output directory.
    public static let fileName = "monthly.csv"

    /// Figures with all seven statistics (`<metric>_mean` … `<metric>_p95`), in column order.
    static let distributed = ["population", "headroom", "crowded", "crowded_pct"]
    /// Figures given by their mean only, in column order.
    static let meansOnly = ["establishments_over_cna", "unaccommodated", "receptions", "releases", "recalls", "transfers"]

    /// The column names for `groups` (group ids, in order), exactly as DESIGN.md §3 contracts them.
    public static func header(groups: [String]) -> [String] {
        func statistics(_ metric: String) -> [String] { SummaryStatistics.names.map { "\(metric)_\($0)" } }
        return ["scenario", "month"] + statistics("population")
            + ["baseline_cna", "in_use_cna", "operational_capacity", "useable_operational_capacity"]
            + statistics("headroom") + ["p_over_useable_capacity"]
            + statistics("crowded") + statistics("crowded_pct") + ["pct_pop_to_in_use_cna_mean"]
            + meansOnly.map { "\($0)_mean" }
            + groups.map { "population_\($0)_mean" }
    }

    /// The group ids of all `results`, in order of first appearance: the union of their groups.
    public static func groupColumns(_ results: [BatchResult]) -> [String] {
        var seen = Set<String>(), ids = [String]()
        for result in results {
            for group in result.plan.scenario.groups where seen.insert(group.id).inserted { ids.append(group.id) }
        }
        return ids
    }

    /// The whole file: header, then each result's months in order.
    public static func csv(_ results: [BatchResult]) -> String {
        let groups = groupColumns(results)
        var csv = CSVText()
        csv.append(header(groups: groups))
        for result in results {
            for t in 0..<result.plan.months { csv.append(row(result, month: t, groups: groups)) }
        }
        return csv.text
    }

    /// The fields of month `t` of `result`; empty cells for `groups` the scenario does not have.
    static func row(_ result: BatchResult, month t: Int, groups: [String]) -> [String] {
        let plan = result.plan
        let national = result.national
        func statistics(_ x: [Double]) -> [String] { SummaryStatistics(x).all.map(NumberFormat.decimal) }
        func mean(_ x: [Double]) -> String { NumberFormat.decimal(orderedMean(x)) }

        let population = national.values(\.population, month: t)
        let held = national.values(\.heldPopulation, month: t)
        let crowded = national.values(\.crowded, month: t)
        let useable = Double(plan.useableOperationalCapacity[t])
        let inUseCNA = Double(plan.totalInUseCNA[t])
        // Nobody held means nobody crowded: 0 %, not a division by zero.
        let crowdedPercent = zip(crowded, held).map { $1 > 0 ? $0 / $1 * 100 : 0 }
        let overUseable = population.map { $0 > useable ? 1.0 : 0.0 }

        var fields = [plan.scenario.name, plan.scenario.month(at: t).description]
        fields += statistics(population)
        fields += [plan.totalBaselineCNA[t], plan.totalInUseCNA[t], plan.totalOperationalCapacity[t],
                   plan.useableOperationalCapacity[t]].map(NumberFormat.integer)
        fields += statistics(population.map { useable - $0 })
        fields.append(mean(overUseable))
        fields += statistics(crowded)
        fields += statistics(crowdedPercent)
        fields.append(inUseCNA > 0 ? mean(held.map { $0 / inUseCNA * 100 }) : "")
        fields += [\NationalSummary.establishmentsOverCNASum, \.unaccommodatedSum, \.receptionsSum, \.releasesSum,
                   \.recallsSum, \.transfersSum].map { NumberFormat.decimal(national.mean($0, month: t)) }
        let groupIndex = Dictionary(plan.scenario.groups.enumerated().map { ($0.element.id, $0.offset) },
                                    uniquingKeysWith: { first, _ in first })
        for id in groups {
            guard let g = groupIndex[id] else { fields.append(""); continue }
            fields.append(NumberFormat.decimal(national.meanGroupPopulation(g, month: t)))
        }
        return fields
    }
}

/// The mean of `values` summed in the order given (replication order), so reproducible; NaN for none.
func orderedMean(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    var sum = 0.0
    for v in values { sum += v }
    return sum / Double(values.count)
}
