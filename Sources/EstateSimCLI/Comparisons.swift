import ArgumentParser
import EstateFiles
import EstateModel
import EstateReports
import EstateResults
import Foundation

/// What `compare` and `report` share: reading runs and observed series, pairing two runs, and
/// scoring a run; each failure is a message and an exit code (2 for input, 1 for the system).
enum Comparisons {
    /// The run in `folder`, or exit.
    static func read(_ folder: String, command: String) throws -> StoredRun {
        do {
            let run = try StoredRun.read(folder)
            guard !run.scenarios.isEmpty else {
                Console.error("estate-sim \(command): \(folder): the store holds no scenario")
                throw ExitCode.invalidInput
            }
            return run
        } catch let error as StoredRun.ReadError {
            Console.error("estate-sim \(command): \(error)")
            throw error.isInput ? ExitCode.invalidInput : ExitCode.failure
        }
    }

    /// The replications of `columns` for the first scenario of the run in `folder`.
    static func replications(_ folder: String, _ scenario: StoredRun.Scenario, _ columns: [String],
                             command: String) throws -> (indices: [Int], values: [String: [[Double]]]) {
        do {
            return try StoredRun.replications(folder, scenario: scenario.name, columns: columns)
        } catch {
            Console.error("estate-sim \(command): \(error)")
            throw error.isInput ? ExitCode.invalidInput : ExitCode.failure
        }
    }

    /// Whether replication r of A and of B drew the same random numbers, and the sentence that says why.
    static func pairing(_ a: StoredRun.Scenario, _ b: StoredRun.Scenario) -> (paired: Bool, note: String) {
        var differences = [String]()
        for (key, name) in [("seed", "seeds"), ("generator", "generators"), ("replication_indices", "replications")]
        where a.manifestValue(key) != b.manifestValue(key) {
            differences.append("\(name) differ (A \(a.manifestValue(key)), B \(b.manifestValue(key)))")
        }
        if differences.isEmpty {
            return (true, "Paired: both runs have seed \(a.manifestValue("seed")), "
                    + "generator \(a.manifestValue("generator")) "
                    + "and replications \(a.manifestValue("replication_indices")), so replication r of each "
                    + "drew the same random numbers (common random numbers) and replication r of A is paired "
                    + "with replication r of B.")
        }
        return (false, "Independent samples: " + differences.joined(separator: "; ")
                + ", so the runs do not share their random numbers and are compared as independent samples (Welch).")
    }

    /// The scenarios of two runs compared: those of the same name (or the only one of each, when
    /// each run holds one scenario), and the names only one run has.
    struct ScenarioComparisons {
        var comparisons: [ReportPage.Comparison]
        var onlyInA: [String], onlyInB: [String]

        /// "Compared …; only in A: …" when the runs do not hold the same scenarios; nil when they do.
        var note: String? {
            guard !onlyInA.isEmpty || !onlyInB.isEmpty else { return nil }
            var parts = ["Compared by name: "
                         + comparisons.map { "\"\($0.comparison.scenario)\"" }.joined(separator: ", ")]
            if !onlyInA.isEmpty {
                parts.append("only in A (not compared): " + onlyInA.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            if !onlyInB.isEmpty {
                parts.append("only in B (not compared): " + onlyInB.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            return parts.joined(separator: "; ") + "."
        }
    }

    /// B's scenarios compared with A's: each scenario with the one of the same name in the other
    /// run; two runs of one scenario each are compared whatever their names (two plans). Exits 2
    /// when no scenario is in both.
    static func compare(a: StoredRun, b: StoredRun, command: String) throws -> ScenarioComparisons {
        var pairs = [(StoredRun.Scenario, StoredRun.Scenario)]()
        var onlyInA = [String](), onlyInB = [String]()
        if a.scenarios.count == 1, b.scenarios.count == 1 {
            pairs = [(a.scenarios[0], b.scenarios[0])]
        } else {
            let namesB = Set(b.scenarios.map(\.name))
            for sb in b.scenarios {
                if let sa = a.scenarios.first(where: { $0.name == sb.name }) {
                    pairs.append((sa, sb))
                } else {
                    onlyInB.append(sb.name)
                }
            }
            onlyInA = a.scenarios.map(\.name).filter { !namesB.contains($0) }
            guard !pairs.isEmpty else {
                Console.error("estate-sim \(command): the runs have no scenario in common by name (A: "
                              + a.scenarios.map { "\"\($0.name)\"" }.joined(separator: ", ") + "; B: "
                              + b.scenarios.map { "\"\($0.name)\"" }.joined(separator: ", ")
                              + "); several scenarios are compared by name")
                throw ExitCode.invalidInput
            }
        }
        let comparisons = try pairs.map { sa, sb in try compare(sa, in: a, with: sb, in: b, command: command) }
        return ScenarioComparisons(comparisons: comparisons, onlyInA: onlyInA, onlyInB: onlyInB)
    }

    /// Scenario `sb` of run B compared with scenario `sa` of run A, costs included when both runs kept them.
    static func compare(_ sa: StoredRun.Scenario, in a: StoredRun, with sb: StoredRun.Scenario, in b: StoredRun,
                        command: String) throws -> ReportPage.Comparison {
        let functions = Set((sa.monthlyColumns + sb.monthlyColumns).compactMap { column -> String? in
            guard column.hasPrefix("function_"), column.hasSuffix("_population_mean") else { return nil }
            return String(column.dropFirst("function_".count).dropLast("_population_mean".count))
        }).sorted()
        var figures = PlanComparison.figures(functions: functions)
        var columns = Array(Set(figures.map { PlanComparison.sourceColumn($0.name) })).sorted()
        let costs = sa.costs.flatMap { ra in sb.costs.map { (ra, $0) } }
        let costFunctions = EstablishmentFunction.allCases.filter { functions.contains($0.rawValue) }
        if costs != nil {
            figures += PlanComparison.costFigures
            columns = Array(Set(columns + PlanComparison.costSourceColumns(functions: costFunctions))).sorted()
        }
        var ra = try replications(a.folder, sa, columns, command: command)
        var rb = try replications(b.folder, sb, columns, command: command)
        if let (ratesA, ratesB) = costs {
            let first = max(sa.months.first ?? "", sb.months.first ?? "")
            func added(_ values: [String: [[Double]]], _ s: StoredRun.Scenario,
                       _ rates: CostRates) -> [String: [[Double]]] {
                let none = Array(repeating: Double.nan, count: s.months.count)
                return PlanComparison.addingCosts(values, months: s.months, rates: rates, functions: costFunctions,
                                                  places: s.series("cost_places") ?? none,
                                                  events: s.series("cost_events") ?? none, from: first)
            }
            ra.values = added(ra.values, sa, ratesA)
            rb.values = added(rb.values, sb, ratesB)
        }
        let (paired, note) = pairing(sa, sb)
        let comparison = PlanComparison(figures: figures, monthsA: sa.months, a: ra.values, monthsB: sb.months,
                                        b: rb.values, paired: paired && ra.indices == rb.indices, scenario: sb.name)
        guard !comparison.months.isEmpty else {
            Console.error("estate-sim \(command): the runs have no month in common (A \(sa.months.first ?? "")–"
                          + "\(sa.months.last ?? ""), B \(sb.months.first ?? "")–\(sb.months.last ?? ""))")
            throw ExitCode.invalidInput
        }
        return ReportPage.Comparison(comparison: comparison, nameA: "\(sa.name) (\(a.folder))",
                                     nameB: "\(sb.name) (\(b.folder))", pairing: note)
    }

    /// The run's first scenario scored against `observed` (and `published`).
    static func score(_ run: StoredRun, observed path: String, published publishedPath: String?, metric: String,
                      from: String?, to: String?, command: String) throws -> ProjectionScore {
        let scenario = run.scenarios[0]
        let observed = try readSeries(path, command: command)
        guard let column = observed.column(for: metric) else {
            Console.error("estate-sim \(command): \(path): no column `\(metric)` or `value` "
                          + "to score \(metric) against; "
                          + "columns: \(observed.columns.joined(separator: ", "))")
            throw ExitCode.invalidInput
        }
        var published: [String: ProjectionScore.Published]?
        if let publishedPath {
            let series = try readSeries(publishedPath, command: command)
            guard let central = series.values["central"] else {
                Console.error("estate-sim \(command): \(publishedPath): "
                              + "expected a published projection `month,central[,low,high]`")
                throw ExitCode.invalidInput
            }
            published = central.mapValues { ProjectionScore.Published(central: $0) }
            for (month, _) in central {
                published?[month]?.low = series.values["low"]?[month]
                published?[month]?.high = series.values["high"]?[month]
            }
        }
        let sample = try replications(run.folder, scenario, [metric], command: command)
        guard let values = sample.values[metric], values.contains(where: { $0.contains { !$0.isNaN } }) else {
            Console.error("estate-sim \(command): --metric \(metric): the run stores no such figure per replication "
                          + "(a column of replication_monthly: population, male_population, female_population, "
                          + "crowded, …)")
            throw ExitCode.invalidInput
        }
        guard let start = scenario.months.first.flatMap(Month.init) else {
            Console.error("estate-sim \(command): \(run.folder): the run has no months")
            throw ExitCode.invalidInput
        }
        do {
            return try ProjectionScore(metric: metric, runMonths: scenario.months, sample: values,
                                       observed: observed.values[column] ?? [:], naiveMonth: (start + -1).description,
                                       published: published, from: from, to: to)
        } catch {
            Console.error("estate-sim \(command): \(path): \(error)")
            throw ExitCode.invalidInput
        }
    }

    static func readSeries(_ path: String, command: String) throws -> ObservedSeries {
        do {
            return try ObservedSeriesReader.read(path: path)
        } catch {
            for problem in error.problems { Console.error(problem) }
            throw ExitCode.invalidInput
        }
    }

    /// A month option's value, `YYYY-MM`.
    static func month(_ text: String?, option: String) throws -> String? {
        guard let text else { return nil }
        guard let month = Month(text) else { throw ValidationError("\(option) must be a month YYYY-MM, got \(text).") }
        return month.description
    }

    /// The largest differences as sentences: "plan B: 1,950 fewer people in crowded accommodation
    /// in 2016-08, 95 % CI 1,890–2,010".
    static func summary(_ c: ReportPage.Comparison) -> [String] {
        var lines = [c.pairing]
        let phrases: [(String, String, String, Bool)] = [
            ("crowded", "more people in crowded accommodation", "fewer people in crowded accommodation", false),
            ("population", "more people in custody", "fewer people in custody", false),
            ("headroom", "more places of headroom", "fewer places of headroom", false),
            ("p_over_useable_capacity", "points more chance of running out of useable capacity",
             "points less chance of running out of useable capacity", true),
        ]
        for (figure, more, fewer, isShare) in phrases {
            for (month, d) in c.comparison.largest(figure, count: 1) {
                let scale = isShare ? 100.0 : 1
                let size: (Double) -> String = {
                    isShare ? ReportFormat.fixed(abs($0) * scale, decimals: 1) : ReportFormat.count(abs($0))
                }
                let (low, high) = d.mean >= 0 ? (d.low95, d.high95) : (-d.high95, -d.low95)
                // The interval in the direction of the phrase, signed where it crosses no difference.
                let signed: (Double) -> String = { ($0 < 0 ? "-" : "") + size($0) }
                let interval = d.low95.isFinite ? ", 95 % CI \(signed(low))–\(signed(high))" : ""
                let sign = low > 0 || high < 0 ? "" : " (the interval includes no difference)"
                lines.append("plan B: \(size(d.mean)) \(d.mean >= 0 ? more : fewer) in \(month)\(interval)\(sign); "
                             + "B worse in \(ReportFormat.share(d.shareWorse)) of "
                             + "\(c.comparison.paired ? "replications" : "pairs")")
            }
        }
        let costs = costSummary(c.comparison)
        lines += costs.isEmpty ? ["Costs not compared: a run has no costs table (written before costs were kept); "
                                  + "run it again to compare costs."] : costs
        return lines
    }

    /// "plan B costs £12.3 m less over 2014-09…2019-08 (60 months), 95 % CI £11.9 m–£12.7 m; £2.5 m a
    /// year; B costs more in 0.0 % of replications", or nil without costs.
    static func costSummary(_ comparison: PlanComparison) -> [String] {
        var lines = [String]()
        if let line = costSummary(comparison, "cost_total_cumulative", what: "costs") { lines.append(line) }
        if let line = costSummary(comparison, "cost_prisoners_cumulative", what: "costs by the prisoner reckoning") {
            lines.append(line)
        }
        return lines
    }

    static func costSummary(_ comparison: PlanComparison, _ figure: String, what: String) -> String? {
        guard let (months, first, last, d) = comparison.costDifference(figure) else { return nil }
        let saves = d.mean <= 0
        // The interval in the direction of the phrase: a saving A − B, or an extra cost B − A.
        let (low, high) = saves ? (-d.high95, -d.low95) : (d.low95, d.high95)
        let years = Double(months) / 12
        func pounds(_ value: Double) -> String { ReportFormat.millions(value) }
        let interval = d.low95.isFinite ? ", 95 % CI \(pounds(low))–\(pounds(high))" : ""
        let sign = low > 0 || high < 0 ? "" : " (the interval includes no difference)"
        return "plan B \(what) \(pounds(abs(d.mean))) \(saves ? "less" : "more") "
            + "over \(first)…\(last) (\(months) months)"
            + "\(interval)\(sign); \(pounds(abs(d.mean) / years)) a year"
            + (d.low95.isFinite ? " (\(pounds(low / years))–\(pounds(high / years)))" : "")
            + "; B costs more in \(ReportFormat.share(d.shareWorse)) of \(comparison.paired ? "replications" : "pairs")"
    }

    /// Every scenario pair's summary, after a note of the scenarios only one run has.
    static func summary(_ set: ScenarioComparisons) -> [String] {
        var lines = set.note.map { [$0] } ?? []
        for c in set.comparisons {
            if set.comparisons.count > 1 { lines.append("Scenario \"\(c.comparison.scenario)\":") }
            lines += summary(c)
        }
        return lines
    }
}
