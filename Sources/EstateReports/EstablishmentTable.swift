public import EstateEngine

/// `establishments.csv`: one row per scenario × month × establishment that exists that month
/// (from its opening to the end of its run-down), with its function and sex as of that month, since
/// a re-role changes them (DESIGN.md §3, Outputs).
///
/// Figures come from the engine's `EstablishmentAccumulator`, whose integer sums and histograms do
/// not depend on the order replications finished in.
public enum EstablishmentTable {
    /// The file's name in the output directory.
    public static let fileName = "establishments.csv"

    /// The column names, exactly as DESIGN.md §3 contracts them.
    public static let header = [
        "scenario", "month", "establishment", "function", "sex", "baseline_cna", "in_use_cna",
        "operational_capacity", "population_mean", "population_p05", "population_p95", "crowded_mean",
        "pct_pop_to_in_use_cna_mean",
    ]

    /// The whole file: header, then for each result its months, and in each month its
    /// establishments in plan order.
    public static func csv(_ results: [BatchResult]) -> String {
        var csv = CSVText()
        csv.append(header)
        for result in results {
            let plan = result.plan
            let figures = result.establishments
            let E = plan.establishmentCount
            let n = Double(figures.replications)
            for t in 0..<plan.months {
                let month = plan.scenario.month(at: t).description
                for e in 0..<E where plan.exists[t * E + e] {
                    let i = t * E + e
                    let inUseCNA = plan.inUseCNA[i]
                    // Over no replications every figure is unknown, not zero.
                    let populationMean = n > 0 ? Double(figures.populationSum[i]) / n : .nan
                    let histogram = figures.populationHistogram[i]
                    csv.append([
                        plan.scenario.name, month, plan.establishments[e].name,
                        plan.function[i].rawValue, plan.sex[i].rawValue,
                        NumberFormat.integer(plan.baselineCNA[i]), NumberFormat.integer(inUseCNA),
                        NumberFormat.integer(plan.operationalCapacity[i]),
                        NumberFormat.decimal(populationMean),
                        NumberFormat.decimal(histogram.quantile(0.05)),
                        NumberFormat.decimal(histogram.quantile(0.95)),
                        NumberFormat.decimal(n > 0 ? Double(figures.crowdedSum[i]) / n : .nan),
                        inUseCNA > 0 ? NumberFormat.decimal(populationMean / Double(inUseCNA) * 100) : "",
                    ])
                }
            }
        }
        return csv.text
    }
}
