import ArgumentParser

/// `estate-sim merge`: put the shards of a batch back together.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the outputs of `run --shard` into one batch, byte-identical to an unsharded run.",
        discussion: """
            Example:
              estate-sim merge runs/plan-shard-* --out runs/plan
            """
    )

    @Argument(help: ArgumentHelp("Shard output directories.", valueName: "dir"))
    var shards: [String]

    @Option(help: ArgumentHelp("Directory for the merged batch.", valueName: "dir"))
    var out: String

    func run() throws {
        throw Console.notBuiltYet("merge")
    }
}
