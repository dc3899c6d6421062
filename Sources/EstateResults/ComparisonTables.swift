/// The tables `estate-sim compare` writes (docs/outputs.md, `comparison.csv` and `scores.csv`).
extension PlanComparison {
    /// One row per figure × month: A's and B's means, B − A with its 95 % interval, the share of
    /// replications in which B is worse, and the interval as if the runs were independent.
    public var table: ResultTable { Self.table([self]) }

    /// The rows of several comparisons (the scenarios of two runs, matched by name), one after another.
    public static func table(_ comparisons: [PlanComparison]) -> ResultTable {
        let rows = comparisons.indices.flatMap { k in
            comparisons[k].series.indices.flatMap { f in comparisons[k].months.indices.map { (k, f, $0) } }
        }
        let columns: [ResultTable.Column] = [
            .init("scenario", .text), .init("figure", .text), .init("month", .text), .init("worse_when", .text),
            .init("mean_a", .real), .init("mean_b", .real), .init("difference_mean", .real),
            .init("difference_low95", .real), .init("difference_high95", .real), .init("share_b_worse", .real),
            .init("pairing", .text),
            .init("replications", .integer), .init("independent_low95", .real), .init("independent_high95", .real),
        ]
        return ResultTable(name: "comparison", columns: columns, key: ["scenario", "figure", "month"],
                           rowCount: rows.count) { i in
            let (k, f, t) = rows[i]
            let c = comparisons[k], s = c.series[f], d = s.difference[t], alone = s.independent[t]
            let pairing = c.paired ? "paired" : "independent"
            return [.text(c.scenario), .text(s.figure.name), .text(c.months[t]), .text(s.figure.worse.rawValue),
                    .real(s.meanA[t]), .real(s.meanB[t]),
                    .real(d.mean), .real(d.low95), .real(d.high95), .real(d.shareWorse), .text(pairing),
                    .integer(d.count), .real(alone.low95), .real(alone.high95)]
        }
    }
}

extension ProjectionScore {
    /// One row per month scored: the outcome, the run's distribution, its errors, band
    /// membership and CRPS, and the naive (and published) forecasts' errors.
    public var monthTable: ResultTable {
        let months = months, scored = scored, naive = naiveValue, published = published
        var columns: [ResultTable.Column] = [
            .init("month", .text), .init("metric", .text), .init("observed", .real), .init("mean", .real),
            .init("p05", .real), .init("p25", .real), .init("p50", .real), .init("p75", .real), .init("p95", .real),
            .init("error", .real), .init("abs_pct_error", .real), .init("in_p05_p95", .integer),
            .init("in_p25_p75", .integer), .init("crps", .real), .init("naive", .real), .init("naive_error", .real),
            .init("naive_abs_pct_error", .real),
        ]
        if published != nil {
            columns += [.init("published_central", .real), .init("published_low", .real),
                        .init("published_high", .real), .init("published_error", .real),
                        .init("published_abs_pct_error", .real)]
        }
        let metric = self.metric
        return ResultTable(name: "comparison", columns: columns, key: ["month"], rowCount: months.count) { t in
            let m = scored[t], y = m.observed
            var cells: [Cell] = [.text(months[t]), .text(metric), .real(y), .real(m.mean)] + m.quantiles.map(Cell.real)
            cells += [.real(m.error), .real(m.absolutePercentError), .integer(m.inside90 ? 1 : 0),
                      .integer(m.inside50 ? 1 : 0), .real(m.crps), .real(naive), .real(naive - y),
                      .real(abs(naive - y) / abs(y) * 100)]
            if let p = published?[t] {
                cells += [.real(p.central), .real(p.low ?? .nan), .real(p.high ?? .nan), .real(p.central - y),
                          .real(abs(p.central - y) / abs(y) * 100)]
            }
            return cells
        }
    }

    /// One row per forecast (this run, the naive forecast, the published projection if given)
    /// with its scores over the months.
    public var summaryTable: ResultTable {
        var forecasts = [("run", run), ("naive", naive)]
        if let publishedSummary { forecasts.append(("published", publishedSummary)) }
        let rows = forecasts, metric = metric, first = months.first ?? "", last = months.last ?? ""
        let columns: [ResultTable.Column] = [
            .init("forecast", .text), .init("metric", .text), .init("from", .text), .init("to", .text),
            .init("months", .integer), .init("mape", .real), .init("bias", .real), .init("rmse", .real),
            .init("coverage_p05_p95", .real), .init("coverage_p25_p75", .real), .init("crps", .real),
        ]
        return ResultTable(name: "scores", columns: columns, key: ["forecast"], rowCount: rows.count) { i in
            let (name, s) = rows[i]
            return [.text(name), .text(metric), .text(first), .text(last), .integer(s.months), .real(s.mape),
                    .real(s.bias), .real(s.rmse), .real(s.coverage90 ?? .nan), .real(s.coverage50 ?? .nan),
                    .real(s.crps)]
        }
    }
}
