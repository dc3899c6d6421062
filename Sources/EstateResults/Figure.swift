public import EstateModel

/// One figure of the monthly results (population, headroom, crowded %, …): its name, how it is
/// summarised over replications, and how each replication's value is computed. `Figure.monthly`
/// is the one list of them; `monthly.csv`, the `monthly` and `replication_monthly` tables and the
/// run summary are all made from it, so adding a figure is one edit there.
public struct Figure: Sendable {
    /// How a figure is summarised over the replications of a month.
    public enum Summary: Sendable, Hashable {
        /// The same in every replication (a capacity): one integer column, `<name>`.
        case capacity
        /// `<name>_mean`, `_sd`, then `extraQuantiles` and `_p05` … `_p95`.
        case distribution(extraQuantiles: [Double])
        /// `<name>_mean` only.
        case mean
        /// The share of replications in which it holds, `<name>`, and its 95 % interval,
        /// `<name>_low95` and `<name>_high95`.
        case probability
    }

    /// The column name, or the stem of the columns: `population`, `male_headroom`.
    public let name: String
    /// How the figure is summarised over the replications of a month, which fixes its columns.
    public let summary: Summary
    /// Whether each replication's value is a whole number (an SQL INTEGER column).
    public let isIntegral: Bool
    /// The step each replication's value in month t is taken to for the statistics over
    /// replications (1 for a count), so that they are kept as exact integer sums and histograms
    /// that merge exactly (`NationalAccumulator`); `replication_monthly` stores the value itself.
    public let resolution: @Sendable (_ capacity: CapacitySchedule, _ t: Int) -> Double
    /// The value of the figure in month t: of replication `series`, or nil for a capacity; nil
    /// when it does not apply (a group the scenario does not have, a ratio to zero).
    public let value: @Sendable (_ results: BatchResults, _ series: ReplicationSeries?, _ t: Int) -> Double?
    /// Whether a replication's value follows from figures stored already (a cost, from the
    /// populations and the rates of the `costs` table), so it is not stored again.
    public let isDerived: Bool

    /// A figure named `name`, summarised as `summary`, whose value in month t is `value`. `resolution`
    /// gives the step of the statistics over replications; when nil, 1 for an integral figure and
    /// `defaultResolution` otherwise.
    public init(_ name: String, _ summary: Summary, isIntegral: Bool = true, isDerived: Bool = false,
                resolution: (@Sendable (CapacitySchedule, Int) -> Double)? = nil,
                value: @escaping @Sendable (BatchResults, ReplicationSeries?, Int) -> Double?) {
        self.name = name
        self.summary = summary
        self.isIntegral = isIntegral
        self.isDerived = isDerived
        self.resolution = resolution ?? { _, _ in isIntegral ? 1 : Self.defaultResolution }
        self.value = value
    }

    /// Whether each replication's value is stored (`replication_monthly`): every figure that
    /// varies between replications, except the probabilities (a replication's is 0 or 1) and
    /// the figures derived from stored ones.
    public var isPerReplication: Bool {
        guard !isDerived else { return false }
        return switch summary {
        case .distribution, .mean: true
        case .capacity, .probability: false
        }
    }

    /// The figure's columns in `monthly`, in order.
    public var columns: [String] {
        switch summary {
        case .capacity: [name]
        case .distribution(let extra):
            ["\(name)_mean", "\(name)_sd"] + extra.map { "\(name)_\(Self.quantileName($0))" }
                + SummaryStatistics.quantileLevels.map { "\(name)_\($0.name)" }
        case .mean: ["\(name)_mean"]
        case .probability: [name, "\(name)_low95", "\(name)_high95"]
        }
    }

    /// The resolution of a figure that is not a whole number unless it says otherwise: far below
    /// the four decimals the CSV files print, so its mean is as written.
    public static let defaultResolution = 1e-9

    /// The resolution of crowded % in month t: 100 / the national operational capacity, one
    /// person's share, so that its histogram is no wider than that of the crowded count.
    static let crowdedPercentResolution: @Sendable (CapacitySchedule, Int) -> Double = { capacity, t in
        100 / Double(max(1, capacity.total(.operationalCapacity, month: t)))
    }

    /// `p01` for 0.01.
    static func quantileName(_ p: Double) -> String {
        let percent = Int((p * 100).rounded())
        return percent < 10 ? "p0\(percent)" : "p\(percent)"
    }
}

extension Figure {
    /// A figure from one replication's series.
    static func replication(_ name: String, _ summary: Summary, isIntegral: Bool = true, isDerived: Bool = false,
                            resolution: (@Sendable (CapacitySchedule, Int) -> Double)? = nil,
                            _ value: @escaping @Sendable (BatchResults, ReplicationSeries, Int) -> Double?) -> Figure {
        Figure(name, summary, isIntegral: isIntegral, isDerived: isDerived,
               resolution: resolution) { results, series, t in
            series.flatMap { value(results, $0, t) }
        }
    }

    /// A capacity of the estate, the same in every replication.
    static func capacity(_ name: String, _ value: @escaping @Sendable (CapacitySchedule, Int) -> Int) -> Figure {
        Figure(name, .capacity) { results, _, t in Double(value(results.capacity, t)) }
    }

    /// The figures of the monthly results, in column order, for the union of the groups of the
    /// scenarios reported together (`groups`, their ids) and of the establishment functions that
    /// occur in them (`functions`).
    public static func monthly(groups: [String], functions: [EstablishmentFunction]) -> [Figure] {
        let spread = Summary.distribution(extraQuantiles: [])
        var figures: [Figure] = [
            .replication("population", spread) { _, s, t in Double(s[.population, month: t]) },
            .capacity("baseline_cna") { $0.total(.baselineCNA, month: $1) },
            .capacity("in_use_cna") { $0.total(.inUseCNA, month: $1) },
            .capacity("operational_capacity") { $0.total(.operationalCapacity, month: $1) },
            .capacity("useable_operational_capacity") { $0.useableOperationalCapacity(month: $1) },
        ]
        figures += riskFigures(.national)
        figures += [
            .replication("crowded", spread) { _, s, t in Double(s[.crowded, month: t]) },
            // Nobody held means nobody crowded: 0 %, not a division by zero. Its quantiles and sd
            // are of each replication's value to one person's share of the month's operational
            // capacity (docs/outputs.md).
            .replication("crowded_pct", spread, isIntegral: false, resolution: crowdedPercentResolution) { _, s, t in
                s[.held, month: t] > 0 ? Double(s[.crowded, month: t]) / Double(s[.held, month: t]) * 100 : 0
            },
            .replication("pct_pop_to_in_use_cna", .mean, isIntegral: false) { r, s, t in
                let cna = r.capacity.total(.inUseCNA, month: t)
                return cna > 0 ? Double(s[.held, month: t]) / Double(cna) * 100 : nil
            },
            .replication("establishments_over_cna", .mean) { _, s, t in Double(s[.establishmentsOverCNA, month: t]) },
            .replication("unaccommodated", .mean) { _, s, t in Double(s[.unaccommodated, month: t]) },
            .replication("receptions", .mean) { _, s, t in Double(s[.receptions, month: t]) },
            .replication("releases", .mean) { _, s, t in Double(s[.releases, month: t]) },
            .replication("recalls", .mean) { _, s, t in Double(s[.recalls, month: t]) },
            .replication("transfers", .mean) { _, s, t in Double(s[.transfers, month: t]) },
        ]
        for id in groups {
            figures.append(.replication("population_\(id)", .mean) { r, s, t in
                r.scenario.groups.firstIndex { $0.id == id }.map { Double(s.population(group: $0, month: t)) }
            })
        }
        for estate in [SexEstate.male, .female] {
            let p = estate.prefix
            figures.append(.replication("\(p)population", spread) { r, s, t in
                Double(r.population(estate, s, month: t))
            })
            figures.append(.capacity("\(p)in_use_cna") { $0.total(.inUseCNA, estate, month: $1) })
            figures.append(.capacity("\(p)operational_capacity") { $0.total(.operationalCapacity, estate, month: $1) })
            figures.append(.capacity("\(p)useable_operational_capacity") {
                $0.useableOperationalCapacity(estate, month: $1)
            })
            figures += riskFigures(estate)
        }
        for function in functions {
            figures.append(.replication("function_\(function.rawValue)_population", .mean) { r, s, t in
                r.capacity.functions.firstIndex(of: function).map { Double(s[function: $0, month: t]) }
            })
        }
        figures += costFigures()
        return figures
    }

    /// Headroom (with its 1st percentile, the planners' bad case) and the chance of running out
    /// of useable operational capacity, for `estate`.
    static func riskFigures(_ estate: SexEstate) -> [Figure] {
        let p = estate.prefix
        return [
            .replication("\(p)headroom", .distribution(extraQuantiles: [0.01])) { r, s, t in
                Double(r.useableOperationalCapacity(estate, s, month: t) - r.population(estate, s, month: t))
            },
            .replication("\(p)p_over_useable_capacity", .probability) { r, s, t in
                r.population(estate, s, month: t) > r.useableOperationalCapacity(estate, s, month: t) ? 1 : 0
            },
        ]
    }
}

extension BatchResults {
    /// The useable operational capacity of `estate` in month t of `series`: the plan's, moved by the
    /// estate's drift drawn for that replication (`[drift]`; the plan's without).
    public func useableOperationalCapacity(_ estate: SexEstate, _ series: ReplicationSeries, month t: Int) -> Int {
        capacity.useableOperationalCapacity(estate, month: t) + series.operationalCapacityDrift(estate, month: t)
    }

    /// The population of `estate` in month t of `series`: everyone nationally; for a sex estate,
    /// everyone in the groups of that sex, the unaccommodated included.
    public func population(_ estate: SexEstate, _ series: ReplicationSeries, month t: Int) -> Int {
        guard estate != .national else { return Int(series[.population, month: t]) }
        var n = 0
        for (g, group) in scenario.groups.enumerated() where estate.includes(group.sex) {
            n += Int(series.population(group: g, month: t))
        }
        return n
    }
}
