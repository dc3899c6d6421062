public import EstateModel

/// The costs of two plans compared (`compare RUN_A RUN_B`): each replication's cost derived from
/// its stored populations and the run's rates (`MonthlyCost`), never stored, so that replication r
/// of A is paired with replication r of B as for every other figure.
extension PlanComparison {
    /// The cost figures `compare` reports, in pounds: each month's total and prisoner cost, the
    /// total of the 12 months to each month (a year's cost, from the 12th month compared on), and
    /// the total from the first month compared to each month (its last month: the whole horizon),
    /// and the same of the prisoner cost (the other reckoning of the running cost).
    public static let costFigures: [Figure] = [
        Figure("cost_total", worse: .higher), Figure("cost_prisoners", worse: .higher),
        Figure("cost_total_12_months", worse: .higher), Figure("cost_total_cumulative", worse: .higher),
        Figure("cost_prisoners_cumulative", worse: .higher),
    ]

    /// The stored columns of `replication_monthly` a replication's prisoner cost is derived from,
    /// for a run whose establishments have `functions`.
    public static func costSourceColumns(functions: [EstablishmentFunction]) -> [String] {
        ["unaccommodated"] + functions.map { "function_\($0.rawValue)_population" }
    }

    /// `values` (`[column][r][t]`, months `months`) with the cost figures added: `cost_prisoners`
    /// from each replication's population by function (`functions`, those of the run) and
    /// unaccommodated at `rates`; `cost_total` from it, the month's `places` and `events` (the
    /// stored `cost_places` and `cost_events`) as `rates.running` counts them; and `cost_total_12_months` and
    /// `cost_total_cumulative` summed over the months from `firstMonth` on (the first month both
    /// runs have, so both plans are summed over the same months). NaN where a month is missing.
    public static func addingCosts(_ values: [String: [[Double]]], months: [String], rates: CostRates,
                                   functions: [EstablishmentFunction], places: [Double], events: [Double],
                                   from firstMonth: String) -> [String: [[Double]]] {
        var values = values
        let held = functions.map { values["function_\($0.rawValue)_population"] ?? [] }
        let unaccommodated = values["unaccommodated"] ?? []
        let R = unaccommodated.count
        let first = months.firstIndex { $0 >= firstMonth } ?? months.count
        func cell(_ rows: [[Double]], _ r: Int, _ t: Int) -> Double {
            r < rows.count && t < rows[r].count && rows[r][t].isFinite ? rows[r][t] : 0
        }
        var prisoners = [[Double]](), totals = [[Double]](), year = [[Double]](), cumulative = [[Double]]()
        var prisonersCumulative = [[Double]]()
        for r in 0..<R {
            var p = [Double](repeating: .nan, count: months.count)
            var total = p, window = p, running = p, runningPrisoners = p
            var sum = 0.0, sumPrisoners = 0.0
            for t in months.indices {
                guard t < unaccommodated[r].count, unaccommodated[r][t].isFinite else { continue }
                p[t] = MonthlyCost.prisoners(rates, functions: functions, held: { cell(held[$0], r, t) },
                                             unaccommodated: unaccommodated[r][t])
                total[t] = MonthlyCost.total(rates.running, places: t < places.count ? places[t] : .nan,
                                             prisoners: p[t],
                                             events: t < events.count && events[t].isFinite ? events[t] : 0)
                guard t >= first else { continue }
                sum += total[t]
                running[t] = sum
                sumPrisoners += p[t]
                runningPrisoners[t] = sumPrisoners
                if t - first >= 11 {
                    var twelve = 0.0
                    for s in (t - 11)...t { twelve += total[s] }
                    window[t] = twelve
                }
            }
            prisoners.append(p)
            totals.append(total)
            year.append(window)
            cumulative.append(running)
            prisonersCumulative.append(runningPrisoners)
        }
        values["cost_prisoners"] = prisoners
        values["cost_total"] = totals
        values["cost_total_12_months"] = year
        values["cost_total_cumulative"] = cumulative
        values["cost_prisoners_cumulative"] = prisonersCumulative
        return values
    }

    /// B − A of the total cost from the first month compared to the last (negative: B saves),
    /// with its 95 % interval; nil when the comparison has no costs.
    public var totalCostDifference: (months: Int, first: String, last: String, difference: PlanDifference)? {
        costDifference("cost_total_cumulative")
    }

    /// The same of `figure`, a cost to date (`cost_total_cumulative`, `cost_prisoners_cumulative`).
    public func costDifference(_ figure: String)
        -> (months: Int, first: String, last: String, difference: PlanDifference)? {
        guard let series = series.first(where: { $0.figure.name == figure }),
              let t = series.difference.lastIndex(where: { $0.mean.isFinite }) else { return nil }
        let first = series.difference.firstIndex { $0.mean.isFinite } ?? t
        return (t - first + 1, months[first], months[t], series.difference[t])
    }
}
