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

    @OptionGroup var scoring: ScoringOptions

    @Flag(help: "Print nothing: for scripts.")
    var quiet = false

    func run() throws {
        let stored = try Comparisons.read(folder, command: "report")
        let compared = try compare.map { try Comparisons.compare(a: Comparisons.read($0, command: "report"), b: stored,
                                                                 command: "report") }
        let score = try scoring.score(stored, command: "report")
        do {
            let page = ReportPage.html(stored, comparisons: compared?.comparisons ?? [], note: compared?.note,
                                       score: score)
            try AtomicFile.write(Data(page.utf8), to: folder, name: ReportPage.fileName)
        } catch {
            Console.error("estate-sim report: \(error)")
            throw ExitCode.failure
        }
        if !quiet { print("Wrote \(folder)/\(ReportPage.fileName)") }
    }
}
