import ArgumentParser
import EstateReports
import EstateResults

/// The options that score a run against an observed series, shared by `compare` and `report`.
struct ScoringOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Observed series to score the run against: `month,value` or `date,value`.",
                               valueName: "csv"))
    var observed: String?

    @Option(help: ArgumentHelp("A published projection, `month,central[,low,high]`, scored beside the run.",
                               valueName: "csv"))
    var published: String?

    @Option(help: "The figure scored: a column of replication_monthly (default population).")
    var metric = "population"

    @Option(help: ArgumentHelp("First month scored, YYYY-MM.", valueName: "month"))
    var from: String?

    @Option(help: ArgumentHelp("Last month scored, YYYY-MM.", valueName: "month"))
    var to: String?

    func validate() throws {
        if published != nil, observed == nil { throw ValidationError("--published needs --observed.") }
        _ = try Comparisons.month(from, option: "--from")
        _ = try Comparisons.month(to, option: "--to")
    }

    /// `run` scored against --observed, or nil without it.
    func score(_ run: StoredRun, command: String) throws -> ProjectionScore? {
        try observed.map {
            try Comparisons.score(run, observed: $0, published: published, metric: metric,
                                  from: try Comparisons.month(from, option: "--from"),
                                  to: try Comparisons.month(to, option: "--to"), command: command)
        }
    }
}
