/// Two plans compared month by month (`estate-sim compare RUN_A RUN_B`): for each figure, the
/// difference B − A with its 95 % interval and the share of replications in which B is worse.
///
/// Runs with the same seed, generator and replication indices drew the same random numbers for
/// replication r (common random numbers, DESIGN.md §2), so replication r of A is paired with
/// replication r of B and the interval is that of the paired differences, much tighter than for
/// independent samples; otherwise they are compared as independent samples. Both intervals are
/// kept, so the gain from pairing is visible.
public struct PlanComparison: Sendable {
    /// A figure compared: its name (a column of `replication_monthly`, or a `p_over_…` indicator)
    /// and which way is worse.
    public struct Figure: Sendable, Hashable {
        /// The figure's name: a column of `replication_monthly` or a `p_over_…` indicator.
        public var name: String
        /// Which way of the difference is worse.
        public var worse: WorseDirection
        /// The figure `name`, worse in direction `worse`.
        public init(_ name: String, worse: WorseDirection) {
            self.name = name
            self.worse = worse
        }
    }

    /// One figure's differences, month by month.
    public struct Series: Sendable {
        /// The figure compared.
        public var figure: Figure
        /// The comparison reported: paired when the runs share their random numbers.
        public var difference: [PlanDifference]
        /// The same months compared as independent samples (Welch), for reference.
        public var independent: [PlanDifference]
        /// A's and B's means.
        public var meanA: [Double], meanB: [Double]
    }

    /// The scenario compared (B's name; a run may hold several scenarios).
    public var scenario: String
    /// The months compared (those both runs have), `YYYY-MM`.
    public var months: [String]
    /// Whether replication r of A was paired with replication r of B.
    public var paired: Bool
    /// Each figure's differences, in the order of the figures given.
    public var series: [Series]

    /// The figures `compare` reports: national, male and female population and headroom, crowded
    /// and crowded %, P(over useable capacity) (from each replication's headroom), and the
    /// population of each function in `functions`.
    public static func figures(functions: [String]) -> [Figure] {
        var figures: [Figure] = []
        for p in ["", "male_", "female_"] {
            figures.append(Figure("\(p)population", worse: .higher))
            figures.append(Figure("\(p)headroom", worse: .lower))
            figures.append(Figure("\(p)p_over_useable_capacity", worse: .higher))
        }
        figures += [Figure("crowded", worse: .higher), Figure("crowded_pct", worse: .higher)]
        figures += functions.map { Figure("function_\($0)_population", worse: .higher) }
        return figures
    }

    /// The stored column a figure's replication values come from: `p_over_…` from headroom.
    public static func sourceColumn(_ figure: String) -> String {
        figure.hasSuffix("p_over_useable_capacity")
            ? String(figure.dropLast("p_over_useable_capacity".count)) + "headroom" : figure
    }

    /// Compares `b` with `a`: `values[column][r][t]` of each run (replications in index order,
    /// months as `monthsA`/`monthsB`), over the months both have, paired when `paired`.
    public init(figures: [Figure], monthsA: [String], a: [String: [[Double]]],
                monthsB: [String], b: [String: [[Double]]], paired: Bool, scenario: String = "") {
        self.scenario = scenario
        let common = monthsA.filter(Set(monthsB).contains)
        let indexA = Dictionary(uniqueKeysWithValues: monthsA.enumerated().map { ($1, $0) })
        let indexB = Dictionary(uniqueKeysWithValues: monthsB.enumerated().map { ($1, $0) })
        months = common
        self.paired = paired
        series = figures.map { figure in
            let column = Self.sourceColumn(figure.name)
            let isRisk = column != figure.name
            func sample(_ values: [String: [[Double]]], _ t: Int?) -> [Double] {
                guard let t, let rows = values[column] else { return [] }
                return rows.map { row in
                    let v = t < row.count ? row[t] : .nan
                    return isRisk ? (v.isNaN ? .nan : (v < 0 ? 1 : 0)) : v
                }
            }
            var difference = [PlanDifference](), independent = [PlanDifference](),
                meanA = [Double](), meanB = [Double]()
            for month in common {
                let xa = sample(a, indexA[month]), xb = sample(b, indexB[month])
                let alone = PlanDifference.independent(a: xa, b: xb, worse: figure.worse)
                independent.append(alone)
                difference.append(paired && xa.count == xb.count
                                  ? PlanDifference.paired(a: xa, b: xb, worse: figure.worse) : alone)
                meanA.append(orderedMean(xa.filter { !$0.isNaN }))
                meanB.append(orderedMean(xb.filter { !$0.isNaN }))
            }
            return Series(figure: figure, difference: difference, independent: independent, meanA: meanA, meanB: meanB)
        }
    }

    /// The months where the mean difference of `figure` is largest in size, largest first.
    public func largest(_ figure: String, count: Int = 3) -> [(month: String, difference: PlanDifference)] {
        guard let series = series.first(where: { $0.figure.name == figure }) else { return [] }
        return zip(months, series.difference).filter { $0.1.mean.isFinite }
            .sorted { abs($0.1.mean) > abs($1.1.mean) }.prefix(count).map { ($0.0, $0.1) }
    }
}

/// A run's projection of one figure scored against an observed series, with the naive
/// no-change forecast and, if given, a published projection scored beside it.
public struct ProjectionScore: Sendable {
    /// A published projection's central value and, if given, its band, by month.
    public struct Published: Sendable, Hashable {
        /// The projection's central value.
        public var central: Double
        /// The ends of its band, when published.
        public var low: Double?, high: Double?
        /// A published value `central` with, if given, its band from `low` to `high`.
        public init(central: Double, low: Double? = nil, high: Double? = nil) {
            self.central = central
            self.low = low
            self.high = high
        }
    }

    /// The figure scored (`population`, `male_population`, …).
    public var metric: String
    /// The months scored, `YYYY-MM`.
    public var months: [String]
    /// Each month scored: the run's replications against the observed value.
    public var scored: [ForecastScores.Month]
    /// The naive forecast: the observed value of the month before the run's start, held.
    public var naiveValue: Double
    /// The month it was taken from.
    public var naiveMonth: String
    /// The published projection in each month scored; nil when none was given.
    public var published: [Published]?
    /// The run's scores over the months: its mean against the observed values, and its p05–p95
    /// and p25–p75 coverage.
    public var run: ForecastScores.Summary
    /// The naive forecast's scores over the months.
    public var naive: ForecastScores.Summary
    /// The published projection's scores (with its band's coverage when it has one); nil when
    /// none was given.
    public var publishedSummary: ForecastScores.Summary?

    /// Scores the run's replications `sample[r][t]` of `metric` (months `runMonths`) in the months
    /// that have an observation (and a published value, if given), from `from` to `to` if set.
    /// Throws a message when no month can be scored or the naive forecast lacks its start.
    public init(metric: String, runMonths: [String], sample: [[Double]], observed: [String: Double],
                naiveMonth: String, published: [String: Published]? = nil, from: String? = nil, to: String? = nil)
        throws(ScoreProblem) {
        guard let naiveValue = observed[naiveMonth] else {
            throw ScoreProblem(message: "the observed series has no value for \(naiveMonth), the month before "
                               + "the run's start: the naive no-change forecast starts from it")
        }
        var months = [String](), scored = [ForecastScores.Month](), publishedRows = [Published]()
        for (t, month) in runMonths.enumerated() {
            if let from, month < from { continue }
            if let to, month > to { continue }
            guard let y = observed[month], y.isFinite else { continue }
            var row: Published?
            if let published {
                guard let p = published[month] else { continue }
                row = p
            }
            months.append(month)
            scored.append(ForecastScores.Month(sample: sample.map { t < $0.count ? $0[t] : .nan }, observed: y))
            if let row { publishedRows.append(row) }
        }
        guard !months.isEmpty else {
            throw ScoreProblem(message: "no month of the run (\(runMonths.first ?? "")..\(runMonths.last ?? ""))"
                               + " has an observed value\(published == nil ? "" : " and a published one")"
                               + (from != nil || to != nil ? " between --from and --to" : ""))
        }
        self.metric = metric
        self.months = months
        self.scored = scored
        self.naiveValue = naiveValue
        self.naiveMonth = naiveMonth
        let observedValues = scored.map(\.observed)
        run = ForecastScores.summary(scored)
        naive = ForecastScores.summary(forecast: Array(repeating: naiveValue, count: scored.count),
                                       observed: observedValues)
        if published != nil {
            self.published = publishedRows
            let band = publishedRows.compactMap { p in p.low.flatMap { low in p.high.map { (low: low, high: $0) } } }
            publishedSummary = ForecastScores.summary(forecast: publishedRows.map(\.central), observed: observedValues,
                                                      band: band.count == publishedRows.count ? band : nil)
        }
    }
}

/// Why a projection cannot be scored.
public struct ScoreProblem: Error, CustomStringConvertible, Sendable {
    /// Why, in words.
    public var message: String
    /// The message.
    public var description: String { message }
}
