/// Scores of a projection against an observed (or published) series, month by month and over a
/// period: the error of the mean (MAPE, bias, RMSE), the coverage of the p05–p95 and p25–p75
/// bands, and the continuous ranked probability score of the replications. The same scores of a
/// point forecast (the naive "no change since the start" forecast, a published central
/// projection) sit beside them, so that a projection's skill is never assumed (DESIGN.md §4).
public enum ForecastScores {
    /// The CRPS of the empirical distribution of `sample` for the outcome `observed`, exactly:
    /// CRPS = (1/n) Σ|xᵢ − y| − (1/2n²) Σᵢ Σⱼ |xᵢ − xⱼ|, in the units of the figure (lower is
    /// better; for a single value, a point forecast, it is the absolute error). NaN for an empty
    /// sample or a missing outcome.
    ///
    /// - Complexity: O(n log n): the double sum is 2 Σₖ (2k − n − 1) x₍ₖ₎ over the sorted sample.
    public static func crps(sample: [Double], observed y: Double) -> Double {
        let xs = sample.filter { !$0.isNaN }.sorted()
        guard !xs.isEmpty, !y.isNaN else { return .nan }
        let n = Double(xs.count)
        var absolute = 0.0, spread = 0.0
        for (k, x) in xs.enumerated() {
            absolute += abs(x - y)
            spread += (2 * Double(k + 1) - n - 1) * x
        }
        return absolute / n - spread / (n * n)
    }

    /// One month scored: the projection's distribution over replications against the outcome.
    public struct Month: Sendable, Hashable {
        /// The outcome observed that month.
        public var observed: Double
        /// The mean over replications.
        public var mean: Double
        /// p05, p25, p50, p75, p95 of the replications (R's type 7).
        public var quantiles: [Double]
        /// The continuous ranked probability score of the replications against the outcome, in
        /// the figure's units (0 for a forecast that is certain and right).
        public var crps: Double
        /// mean − observed.
        public var error: Double { mean - observed }
        /// |mean − observed| / |observed| × 100.
        public var absolutePercentError: Double { abs(mean - observed) / abs(observed) * 100 }
        /// Whether the outcome is inside the p05–p95 band (ends included).
        public var inside90: Bool { observed >= quantiles[0] && observed <= quantiles[4] }
        /// Whether the outcome is inside the p25–p75 band (ends included).
        public var inside50: Bool { observed >= quantiles[1] && observed <= quantiles[3] }

        /// The month scored from the replications' values `sample`.
        public init(sample: [Double], observed: Double) {
            let statistics = SummaryStatistics(sample.filter { !$0.isNaN })
            self.observed = observed
            mean = statistics.mean
            quantiles = statistics.quantiles
            crps = ForecastScores.crps(sample: sample, observed: observed)
        }
    }

    /// Scores over a period. For a point forecast the coverages are nil and the CRPS is its mean
    /// absolute error.
    public struct Summary: Sendable, Hashable {
        /// Months scored.
        public var months: Int
        /// Mean absolute percentage error of the mean (or central) forecast, in %.
        public var mape: Double
        /// Mean error, forecast − observed: positive when it projects too many.
        public var bias: Double
        /// Root mean squared error.
        public var rmse: Double
        /// Share of months with the outcome inside p05–p95 (or a published low–high band).
        public var coverage90: Double?
        /// Share of months with the outcome inside p25–p75.
        public var coverage50: Double?
        /// Mean CRPS.
        public var crps: Double
    }

    /// The scores of a projection, from its scored months.
    public static func summary(_ months: [Month]) -> Summary {
        var point = summary(forecast: months.map(\.mean), observed: months.map(\.observed))
        let n = Double(months.count)
        point.coverage90 = months.isEmpty ? nil : Double(months.filter(\.inside90).count) / n
        point.coverage50 = months.isEmpty ? nil : Double(months.filter(\.inside50).count) / n
        point.crps = months.isEmpty ? .nan : months.reduce(0) { $0 + $1.crps } / n
        return point
    }

    /// The scores of a point forecast (`forecast[i]` for the outcome `observed[i]`), with the
    /// coverage of a band when `band` gives each month's (low, high).
    public static func summary(forecast: [Double], observed: [Double],
                               band: [(low: Double, high: Double)]? = nil) -> Summary {
        precondition(forecast.count == observed.count, "one forecast per outcome")
        let n = Double(forecast.count)
        guard n > 0 else { return Summary(months: 0, mape: .nan, bias: .nan, rmse: .nan, crps: .nan) }
        var ape = 0.0, error = 0.0, squared = 0.0, absolute = 0.0
        for (f, y) in zip(forecast, observed) {
            ape += abs(f - y) / abs(y) * 100
            error += f - y
            squared += (f - y) * (f - y)
            absolute += abs(f - y)
        }
        var coverage: Double?
        if let band {
            coverage = Double(zip(band, observed).filter { $0.0.low <= $0.1 && $0.1 <= $0.0.high }.count) / n
        }
        return Summary(months: forecast.count, mape: ape / n, bias: error / n, rmse: (squared / n).squareRoot(),
                       coverage90: coverage, coverage50: nil, crps: absolute / n)
    }
}
