import ArgumentParser

/// `estate-sim run`: simulate a batch of replications of one or more scenarios.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run replications of scenarios and write monthly results and a report.",
        discussion: """
            Validates each scenario first (as `check` does), then runs its replications on --jobs \
            cores and writes monthly.csv, establishments.csv, results.sqlite, report.html and \
            manifest.json into --out. The same seed gives the same bytes whatever the number of \
            jobs or shards.

            Examples:
              estate-sim run Models/fixture.toml
              estate-sim run Models/fixture.toml --replications 1000 --seed 42 --jobs 2 --out runs/fixture
              estate-sim run Models/plan.toml --shard 3/8 --out runs/plan-shard-3
            """
    )

    @OptionGroup var input: ScenarioArguments

    @Option(help: "Replications per scenario (default: the scenario's `replications`).")
    var replications: Int?

    @Option(help: "Seed of the batch (default: the scenario's `seed`).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: every core).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Output directory (default: runs/<scenario>-<timestamp>/).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Run only part I of N of the replications, for a Slurm array or GNU parallel; 1-based.",
                               valueName: "I/N"))
    var shard: Shard?

    @Flag(help: "Continue an interrupted batch in --out, skipping the replications already stored.")
    var resume = false

    func validate() throws {
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1, got \(replications).") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
        if resume, out == nil { throw ValidationError("--resume needs the --out directory of the batch to continue.") }
    }

    func run() throws {
        throw Console.notBuiltYet("run")
    }
}
