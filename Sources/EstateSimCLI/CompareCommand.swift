import ArgumentParser
import EstateFiles
import EstateReports
import EstateResults
import Foundation

/// `estate-sim compare`: two plans against each other, or a run against an observed series.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs month by month, or score a run against an observed series.",
        discussion: """
            compare RUN_A RUN_B: the differences B − A, month by month, of national, male and \
            female population and headroom, crowded and crowded %, P(over useable capacity), \
            the population of each function and the costs: the mean difference, its 95 % \
            interval and the share of replications in which B is worse, and plan B's saving over \
            the months compared. Runs with the same seed, generator and \
            replications used common random numbers, so replication r of A is paired with \
            replication r of B (much tighter intervals); otherwise they are compared as \
            independent samples. Which was done is printed and written in the `pairing` column. \
            Runs of several scenarios are compared scenario by scenario, matched by name.

            compare RUN --observed CSV: scores the run's projection of --metric against an \
            observed series (`month,value` or `date,value`; several metrics as columns): MAPE, \
            bias and RMSE of the mean, coverage of the p05–p95 and p25–p75 bands, and the CRPS of \
            the replications, beside the same scores of the naive forecast (no change since the \
            month before the run's start) and of a --published projection \
            (`month,central[,low,high]`) if given.

            Writes comparison.csv (and scores.csv when scoring) and report.html — the report of \
            RUN_B (or RUN) with the comparison — into --out as one set, and prints a summary.

            Examples:
              estate-sim compare runs/plan runs/no-houseblocks
              estate-sim compare runs/backtest --observed Data/observed-population-2012-2014.csv \
            --from 2013-09 --to 2014-08
            """
    )

    @Argument(help: ArgumentHelp("RUN_A RUN_B: two run folders; or RUN with --observed.", valueName: "run"))
    var runs: [String]

    @OptionGroup var scoring: ScoringOptions

    @Option(help: ArgumentHelp("Output folder (default: <RUN_B or RUN>/comparison, replaced each time).",
                               valueName: "dir"))
    var out: String?

    @Flag(help: "Replace an earlier comparison in --out.")
    var force = false

    @Flag(help: "No summary: for scripts.")
    var quiet = false

    func validate() throws {
        let observed = scoring.observed
        if observed == nil, runs.count != 2 {
            throw ValidationError("Name two run folders (RUN_A RUN_B), or one run folder with --observed CSV.")
        }
        if observed != nil, runs.count != 1 {
            throw ValidationError("--observed scores one run: name one run folder, not \(runs.count).")
        }
        if observed == nil, scoring.from != nil || scoring.to != nil || scoring.metric != "population" {
            throw ValidationError("--metric, --from and --to apply to scoring with --observed.")
        }
        if let out {
            do { try OutputPath.validate(out) } catch { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let target = runs[runs.count - 1]
        let folder = out ?? target + "/comparison"
        var files = [(name: String, table: ResultTable)]()
        var lines = [String]()
        let page: String
        let run = try Comparisons.read(target, command: "compare")
        if let score = try scoring.score(run, command: "compare") {
            files = [("comparison.csv", score.monthTable), ("scores.csv", score.summaryTable)]
            lines = Self.scoreSummary(score)
            page = ReportPage.html(run, score: score)
        } else {
            let a = try Comparisons.read(runs[0], command: "compare")
            let compared = try Comparisons.compare(a: a, b: run, command: "compare")
            files = [("comparison.csv", PlanComparison.table(compared.comparisons.map(\.comparison)))]
            lines = Comparisons.summary(compared)
            page = ReportPage.html(run, comparisons: compared.comparisons, note: compared.note)
        }
        let output = try OutputStep.prepare(folder, mode: out == nil || force ? .replace : .fresh)
        do {
            for (name, table) in files {
                try AtomicFile.write(Data(TableCSV.text(table).utf8), to: output.staging, name: name)
            }
            try AtomicFile.write(Data(page.utf8), to: output.staging, name: ReportPage.fileName)
            try output.commit()
            Interruption.cleanUp(nil)
        } catch {
            output.abandon()
            Console.error("estate-sim compare: \(error)")
            throw ExitCode.failure
        }
        guard !quiet else { return }
        print("Wrote \((files.map(\.name) + [ReportPage.fileName]).joined(separator: ", ")) to \(output.path)")
        for line in lines { print(line) }
    }

    /// The scores as a few lines, the run's beside the naive forecast's.
    static func scoreSummary(_ score: ProjectionScore) -> [String] {
        var lines = ["\(score.metric), \(score.months.count) months "
                     + "\(score.months.first ?? "")–\(score.months.last ?? ""):"]
        var rows = [("run", score.run), ("naive (no change since \(score.naiveMonth))", score.naive)]
        if let published = score.publishedSummary { rows.append(("published", published)) }
        for (name, s) in rows {
            var line = "  \(name): MAPE \(ReportFormat.percent(s.mape, decimals: 2)), "
                + "bias \(ReportFormat.fixed(s.bias, decimals: 0)), "
                + "RMSE \(ReportFormat.fixed(s.rmse, decimals: 0)), CRPS \(ReportFormat.fixed(s.crps, decimals: 0))"
            if let c90 = s.coverage90 { line += ", p05–p95 coverage \(ReportFormat.share(c90))" }
            if let c50 = s.coverage50 { line += ", p25–p75 coverage \(ReportFormat.share(c50))" }
            lines.append(line)
        }
        return lines
    }
}
