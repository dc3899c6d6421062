import EstateModel

/// The tables of a run's results — one or more scenarios run together — as every writer sees
/// them: `monthly`, `establishment_monthly`, `replication_monthly`, `scenarios`, `groups` and
/// `events` (docs/outputs.md gives each column). Statistics over replications are computed here
/// and only here, from `BatchResults`, in replication order, so the same replications give the
/// same cells however they were run or merged.
public struct ResultTables: Sendable {
    /// The results of each scenario, in the order of their rows.
    public let results: [BatchResults]
    /// The figures of `monthly`, for the union of the scenarios' groups and functions.
    public let figures: [Figure]

    /// The tables of `results`.
    public init(_ results: [BatchResults]) {
        self.results = results
        var seen = Set<String>(), groups = [String]()
        for result in results {
            for group in result.scenario.groups where seen.insert(group.id).inserted { groups.append(group.id) }
        }
        let used = Set(results.flatMap(\.capacity.functions))
        figures = Figure.monthly(groups: groups, functions: EstablishmentFunction.allCases.filter(used.contains))
        // Computed once: the CSV files, the store and the report all show these two.
        monthly = Self.monthly(results, figures: figures).materialized()
        establishmentMonthly = Self.establishmentMonthly(results).materialized()
    }

    /// Every table, in the order they are written, with each replication's rows read from `series`.
    public func all(series: any SeriesSource) -> [ResultTable] {
        [monthly, establishmentMonthly, replicationMonthly(series), replicationParameters(series), scenarios, groups,
         events, costs]
    }

    // MARK: monthly

    /// One row per scenario × month: every figure of `figures` with its statistics over replications.
    public let monthly: ResultTable

    private static func monthly(_ results: [BatchResults], figures: [Figure]) -> ResultTable {
        var columns = [ResultTable.Column("scenario", .text), .init("month", .text), .init("replications", .integer)]
        for figure in figures {
            let kind: ResultTable.Column.Kind = figure.summary == .capacity ? .integer : .real
            columns += figure.columns.map { ResultTable.Column($0, kind) }
        }
        let rows = Self.monthRows(results)
        return ResultTable(name: "monthly", columns: columns, key: ["scenario", "month"], rowCount: rows.count) { i in
            let (k, t) = rows[i]
            let result = results[k]
            var cells: [Cell] = [.text(result.scenario.name), .text(result.scenario.month(at: t).description),
                                 .integer(result.replicationCount)]
            for figure in figures { cells += Self.statistics(figure, result, month: t) }
            return cells
        }
    }

    /// (scenario, month) of every row of a table with one row per scenario × month.
    static func monthRows(_ results: [BatchResults]) -> [(Int, Int)] {
        results.indices.flatMap { k in (0..<results[k].capacity.months).map { (k, $0) } }
    }

    /// The cells of `figure`'s columns in month t of `result`, from its exact accumulators.
    static func statistics(_ figure: Figure, _ result: BatchResults, month t: Int) -> [Cell] {
        let national = result.national, f = national.position(of: figure.name)
        switch figure.summary {
        case .capacity:
            return [figure.value(result, nil, t).map { .integer(Int($0)) } ?? .real(.nan)]
        case .distribution(let extra):
            let statistics = national.statistics(figure, month: t, capacity: result.capacity, extraLevels: extra)
                ?? SummaryStatistics([], extraLevels: extra)
            return ([statistics.mean, statistics.sd] + statistics.extraQuantiles + statistics.quantiles).map(Cell.real)
        case .mean:
            return [.real(f.map { national.mean($0, month: t) } ?? .nan)]
        case .probability:
            let share = f.map {
                Proportion(count: national.countAboveZero($0, month: t), of: national.count($0, month: t))
            }
                ?? Proportion(count: 0, of: 0)
            let interval = share.interval95
            return [.real(share.share), .real(interval.low), .real(interval.high)]
        }
    }

    // MARK: establishment_monthly

    /// One row per scenario × month × establishment that exists that month (from its opening to
    /// the end of its run-down), with its function and sex as of the month.
    public let establishmentMonthly: ResultTable

    private static func establishmentMonthly(_ results: [BatchResults]) -> ResultTable {
        var existing = [(scenario: Int32, month: Int32, establishment: Int32)]()
        for (k, result) in results.enumerated() {
            let E = result.capacity.establishmentCount, cells = result.capacity.cells
            for t in 0..<result.capacity.months {
                for e in 0..<E where result.capacity.exists[cells.index(month: t, establishment: e)] {
                    existing.append((Int32(k), Int32(t), Int32(e)))
                }
            }
        }
        let rows = existing
        let columns: [ResultTable.Column] = [
            .init("scenario", .text), .init("month", .text), .init("establishment", .text), .init("function", .text),
            .init("sex", .text), .init("sector", .text), .init("region", .text), .init("baseline_cna", .integer),
            .init("in_use_cna", .integer), .init("operational_capacity", .integer), .init("population_mean", .real),
            .init("population_p05", .real), .init("population_p95", .real), .init("crowded_mean", .real),
            .init("crowded_p05", .real), .init("crowded_p95", .real), .init("pct_pop_to_in_use_cna_mean", .real),
            .init("p_over_operational_capacity", .real),
        ]
        return ResultTable(name: "establishment_monthly", columns: columns, key: ["scenario", "month", "establishment"],
                           indexes: [["establishment", "month"]], rowCount: rows.count) { i in
            let (k, t, e) = (Int(rows[i].scenario), Int(rows[i].month), Int(rows[i].establishment))
            let result = results[k], capacity = result.capacity, figures = result.establishments
            let j = capacity.cells.index(month: t, establishment: e)
            let n = Double(figures.replications)
            // Over no replications every figure is unknown, not zero.
            let populationMean = n > 0 ? Double(figures.populationSum(j)) / n : .nan
            let histogram = figures.populationHistogram(j)
            let inUseCNA = capacity.inUseCNA[j]
            let establishment = capacity.establishments[e]
            let factor = result.scenario.crowdingFactor
            func crowded(_ p: Double) -> Double {
                histogram.quantile(p) {
                    Double(Crowding.crowded(population: $0, inUseCNA: inUseCNA, factor: factor))
                }
            }
            return [
                .text(result.scenario.name), .text(result.scenario.month(at: t).description), .text(establishment.name),
                .text(capacity.function[j].rawValue), .text(capacity.sex[j].rawValue),
                .text(establishment.sector.rawValue),
                .text(establishment.region), .integer(Int(capacity.baselineCNA[j])), .integer(Int(inUseCNA)),
                .integer(Int(capacity.operationalCapacity[j])), .real(populationMean),
                .real(histogram.quantile(0.05)), .real(histogram.quantile(0.95)),
                .real(n > 0 ? Double(figures.crowdedSum(j)) / n : .nan),
                .real(crowded(0.05)), .real(crowded(0.95)),
                .real(inUseCNA > 0 ? populationMean / Double(inUseCNA) * 100 : .nan),
                .real(n > 0 ? Double(figures.overOperationalCapacity(j)) / n : .nan),
            ]
        }
    }

    // MARK: replication_monthly

    /// One row per scenario × replication × month: each replication's value of every figure that
    /// varies between replications, its series read from `source` (which must give exactly the
    /// replications each scenario's results hold, or reading throws `SeriesMismatch`).
    public func replicationMonthly(_ source: any SeriesSource) -> ResultTable {
        let results = results
        let figures = figures.filter(\.isPerReplication)
        let columns = [ResultTable.Column("scenario", .text), .init("replication", .integer), .init("month", .text)]
            + figures.map { ResultTable.Column($0.name, $0.isIntegral ? .integer : .real) }
        let expected = results.reduce(0) { $0 + $1.replicationCount * $1.capacity.months }
        return ResultTable(name: "replication_monthly", columns: columns, key: ["scenario", "replication", "month"],
                           expectedRows: expected) { body in
            let months = results.map { result in
                (0..<result.capacity.months).map { Cell.text(result.scenario.month(at: $0).description) }
            }
            let names = results.map { Cell.text($0.scenario.name) }
            var cells = [Cell]()
            cells.reserveCapacity(columns.count)
            try Self.forEachSeries(results, source) { k, series in
                let result = results[k]
                for t in 0..<result.capacity.months {
                    cells.removeAll(keepingCapacity: true)
                    cells.append(names[k])
                    cells.append(.integer(series.replication))
                    cells.append(months[k][t])
                    for figure in figures {
                        guard let value = figure.value(result, series, t) else { cells.append(.real(.nan)); continue }
                        cells.append(figure.isIntegral ? .integer(Int(value)) : .real(value))
                    }
                    try body(cells)
                }
            }
        }
    }

    /// One row per scenario × replication × drawn parameter: the values each replication drew
    /// (`ScenarioInfo.parameterNames`), so a researcher can see which assumptions drive the tail.
    public func replicationParameters(_ source: any SeriesSource) -> ResultTable {
        let results = results
        let expected = results.reduce(0) { $0 + $1.replicationCount * $1.scenario.parameterNames.count }
        let columns = [ResultTable.Column("scenario", .text), .init("replication", .integer), .init("parameter", .text),
                       .init("value", .real)]
        return ResultTable(name: "replication_parameters", columns: columns,
                           key: ["scenario", "replication", "parameter"],
                           indexes: [["parameter"]], expectedRows: expected) { body in
            // Nothing drawn: no rows, and no need to read the series.
            guard expected > 0 else { return }
            try Self.forEachSeries(results, source) { k, series in
                let result = results[k], names = result.scenario.parameterNames
                for p in names.indices {
                    try body([.text(result.scenario.name), .integer(series.replication), .text(names[p]),
                              .real(p < series.parameters.count ? series.parameters[p] : .nan)])
                }
            }
        }
    }

    /// Every series of `source`, checked to be exactly the replications `results` hold.
    static func forEachSeries(_ results: [BatchResults], _ source: any SeriesSource,
                              _ body: (Int, ReplicationSeries) throws -> Void) throws {
        var seen = [Int](repeating: 0, count: results.count)
        try source.forEachSeries { k, series in
            guard results.indices.contains(k), results[k].indices.contains(series.replication),
                  series.months == results[k].capacity.months, series.groups == results[k].scenario.groups.count else {
                throw SeriesMismatch(description: "the saved series of replication \(series.replication) "
                                     + "of scenario \(k + 1) are not of these results")
            }
            seen[k] += 1
            try body(k, series)
        }
        for (k, result) in results.enumerated() where seen[k] != result.replicationCount {
            throw SeriesMismatch(description: "the saved series of \"\(result.scenario.name)\" hold \(seen[k]) "
                                 + "replications, its results \(result.replicationCount)")
        }
    }

    // MARK: scenarios, groups, events

    /// One row per scenario: its settings and margins.
    public var scenarios: ResultTable {
        let results = results
        let columns: [ResultTable.Column] = [
            .init("scenario", .text), .init("start", .text), .init("end", .text), .init("months", .integer),
            .init("seed", .text), .init("generator", .text), .init("replications", .integer),
            .init("replications_held", .integer), .init("crowding_factor", .real), .init("operating_margin", .integer),
            .init("male_operating_margin", .integer), .init("female_operating_margin", .integer),
            .init("establishments", .integer), .init("groups", .integer), .init("events", .integer),
        ]
        return ResultTable(name: "scenarios", columns: columns, key: ["scenario"], rowCount: results.count) { k in
            let result = results[k], scenario = result.scenario, capacity = result.capacity
            return [
                .text(scenario.name), .text(scenario.start.description),
                .text(scenario.month(at: scenario.months - 1).description),
                .integer(scenario.months), .text(String(scenario.seed)), .text(scenario.generator),
                .integer(scenario.replications), .integer(result.replicationCount), .real(scenario.crowdingFactor),
                .integer(capacity.operatingMargin(.national)), .integer(capacity.operatingMargin(.male)),
                .integer(capacity.operatingMargin(.female)), .integer(capacity.establishmentCount),
                .integer(scenario.groups.count), .integer(scenario.events.count),
            ]
        }
    }

    /// One row per scenario × population group.
    public var groups: ResultTable {
        let rows = results.enumerated().flatMap { k, result in result.scenario.groups.map { (k, $0) } }
        let names = results.map(\.scenario.name)
        let columns: [ResultTable.Column] = [.init("scenario", .text), .init("group_id", .text), .init("sex", .text),
                                             .init("holds", .text)]
        return ResultTable(name: "groups", columns: columns, key: ["scenario", "group_id"], rowCount: rows.count) { i in
            let (k, group) = rows[i]
            return [.text(names[k]), .text(group.id), .text(group.sex.rawValue),
                    .text(group.holds.map(\.rawValue).joined(separator: ","))]
        }
    }

    /// One row per scenario × capacity event or policy, in the scenario's order.
    public var events: ResultTable {
        let rows = results.enumerated().flatMap { k, result in result.scenario.events.enumerated().map { (k, $0, $1) } }
        let names = results.map(\.scenario.name)
        let columns: [ResultTable.Column] = [
            .init("scenario", .text), .init("position", .integer), .init("category", .text), .init("month", .text),
            .init("kind", .text), .init("establishment", .text), .init("groups", .text), .init("cna", .integer),
            .init("in_use_cna", .integer), .init("operational_capacity", .integer), .init("months", .integer),
            .init("function", .text), .init("sex", .text), .init("factor", .real), .init("probability", .real),
            .init("label", .text), .init("cost", .real),
        ]
        return ResultTable(name: "events", columns: columns, key: ["scenario", "position"],
                           indexes: [["month"]], rowCount: rows.count) { i in
            let (k, position, event) = rows[i]
            func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .real(.nan) }
            func integer(_ value: Int?) -> Cell { value.map(Cell.integer) ?? .real(.nan) }
            return [
                .text(names[k]), .integer(position + 1), .text(event.category), .text(event.month.description),
                .text(event.kind), text(event.establishment), text(event.groups), integer(event.cna),
                integer(event.inUseCNA), integer(event.operationalCapacity), integer(event.months),
                text(event.function?.rawValue), text(event.sex?.rawValue), .real(event.factor ?? .nan),
                .real(event.probability ?? .nan), .text(event.label), .real(event.cost ?? .nan),
            ]
        }
    }

    /// One row per scenario × rate: `national` (establishments of a function without rates of
    /// its own, and the unaccommodated), then each function the scenario gives rates for.
    public var costs: ResultTable {
        let rows = results.flatMap { result -> [(String, CostRates, EstablishmentFunction?)] in
            guard let rates = result.scenario.costs else { return [] }
            return [(result.scenario.name, rates, nil)]
                + EstablishmentFunction.allCases.filter { rates.functions[$0] != nil }
                    .map { (result.scenario.name, rates, $0) }
        }
        let columns: [ResultTable.Column] = [
            .init("scenario", .text), .init("applies_to", .text), .init("place_per_year", .real),
            .init("prisoner_per_year", .real), .init("basis", .text), .init("running_cost", .text),
            .init("place_count", .text),
        ]
        return ResultTable(name: "costs", columns: columns, key: ["scenario", "applies_to"],
                           rowCount: rows.count) { i in
            let (name, rates, function) = rows[i]
            let applied = function.map { rates.rates($0) } ?? rates.national
            return [.text(name), .text(function?.rawValue ?? "national"), .real(applied.place), .real(applied.prisoner),
                    .text(rates.basis.rawValue), .text(rates.running.rawValue),
                    .text(rates.placeCount.rawValue)]
        }
    }
}

/// The mean of `values` summed in the order given (replication order), so reproducible; NaN for none.
func orderedMean(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    var sum = 0.0
    for v in values { sum += v }
    return sum / Double(values.count)
}

/// Where the per-replication series of a run are read from when its store is written: the
/// results' own `series` (`BatchResults.series`), or the series spooled on disk as the run went.
public protocol SeriesSource: Sendable {
    /// Calls `body` with every replication's series, with the position of its scenario among the
    /// results written, in any order; throws what reading or `body` throws.
    func forEachSeries(_ body: (_ scenario: Int, _ series: ReplicationSeries) throws -> Void) throws
}

/// The series the results themselves hold (`BatchResults.series`).
public struct HeldSeries: SeriesSource {
    /// The results whose series are given.
    public let results: [BatchResults]
    /// The series held by `results`.
    public init(_ results: [BatchResults]) { self.results = results }
    /// Calls `body` with each result's position and each of its series, in order; throws what
    /// `body` throws.
    public func forEachSeries(_ body: (Int, ReplicationSeries) throws -> Void) throws {
        for (k, result) in results.enumerated() {
            for series in result.series { try body(k, series) }
        }
    }
}

/// The series read for a store are not those of the results: some missing, more, or others.
public struct SeriesMismatch: Error, CustomStringConvertible, Sendable {
    /// Which series do not match, in words.
    public let description: String
}
