import ArgumentParser
import EstateReports
import Foundation

/// `estate-sim report`: rebuild a run's report.html from its stored results.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild a run's report.html from its results.sqlite.",
        discussion: """
            Writes RUN/report.html (atomically) from the stored results only: the same bytes \
            the run wrote. With --compare OTHER the report also shows the differences of RUN \
            from OTHER (OTHER as plan A); with --observed CSV the observed series is drawn over \
            the fan chart and scored (see estate-sim compare --help).

            Examples:
              estate-sim report runs/plan
              estate-sim report runs/plan --compare runs/no-houseblocks
            """
    )

    @Argument(help: ArgumentHelp("A run folder written by estate-sim run or merge.", valueName: "run"))
    var folder: String

    @Option(help: ArgumentHelp("Another run to compare with (plan A; RUN is plan B).", valueName: "run"))
    var compare: String?

    @Option(help: ArgumentHelp("Observed series to draw and score: `month,value` or `date,value`.", valueName: "csv"))
    var observed: String?

    @Option(help: ArgumentHelp("A published projection, `month,central[,low,high]`, scored beside the run.", valueName: "csv"))
    var published: String?

    @Option(help: "The figure scored against --observed (default population).")
    var metric = "population"

    @Option(help: ArgumentHelp("First month scored, YYYY-MM.", valueName: "month"))
    var from: String?

    @Option(help: ArgumentHelp("Last month scored, YYYY-MM.", valueName: "month"))
    var to: String?

    @Flag(help: "Print nothing: for scripts.")
    var quiet = false

    func validate() throws {
        if published != nil, observed == nil { throw ValidationError("--published needs --observed.") }
        _ = try Comparisons.month(from, option: "--from")
        _ = try Comparisons.month(to, option: "--to")
    }

    func run() throws {
        let stored = try Comparisons.read(folder, command: "report")
        let comparison = try compare.map { try Comparisons.compare(a: Comparisons.read($0, command: "report"), b: stored,
                                                                   command: "report") }
        let score = try observed.map {
            try Comparisons.score(stored, observed: $0, published: published, metric: metric,
                                  from: try Comparisons.month(from, option: "--from"),
                                  to: try Comparisons.month(to, option: "--to"), command: "report")
        }
        do {
            try AtomicFile.write(Data(ReportPage.html(stored, comparison: comparison, score: score).utf8), to: folder,
                                 name: ReportPage.fileName)
        } catch {
            Console.error("estate-sim report: \(error)")
            throw ExitCode.failure
        }
        if !quiet { print("Wrote \(folder)/\(ReportPage.fileName)") }
    }
}
