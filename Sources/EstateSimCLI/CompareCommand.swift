import ArgumentParser

/// `estate-sim compare`: scenarios against each other, or against an observed series.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs, or a run against an observed or published series.",
        discussion: """
            With two run directories: the monthly differences between the scenarios. With one and \
            --observed: error (MAPE, bias) and interval coverage against the series.

            Examples:
              estate-sim compare runs/plan runs/no-new-houseblocks
              estate-sim compare runs/plan --observed Data/observed-population.csv
            """
    )

    @Argument(help: ArgumentHelp("One or two run directories.", valueName: "dir"))
    var directories: [String]

    @Option(help: ArgumentHelp("An observed or published monthly series (CSV) to compare one run with.", valueName: "csv"))
    var observed: String?

    func validate() throws {
        switch (directories.count, observed) {
        case (1, .some), (2, .none): break
        default: throw ValidationError("Give two run directories, or one run directory and --observed CSV.")
        }
    }

    func run() throws {
        throw Console.notBuiltYet("compare")
    }
}
