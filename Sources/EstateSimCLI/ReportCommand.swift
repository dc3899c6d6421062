import ArgumentParser

/// `estate-sim report`: rebuild the HTML report of a stored batch.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild report.html from the results stored in a run directory.",
        discussion: """
            Example:
              estate-sim report runs/fixture
            """
    )

    @Argument(help: ArgumentHelp("A run directory written by `estate-sim run`.", valueName: "dir"))
    var directory: String

    func run() throws {
        throw Console.notBuiltYet("report")
    }
}
