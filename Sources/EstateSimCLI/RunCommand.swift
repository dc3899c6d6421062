import ArgumentParser
import EstateEngine
import EstateFiles
import EstateModel
import EstateReports
import EstateResults
import Foundation

/// `estate-sim run`: simulate a batch of replications of one or more scenarios.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run replications of scenarios and write their results.",
        discussion: """
            Validates each scenario first (as `check` does: every problem is listed and the exit \
            code is 2), then runs its replications on --jobs cores and writes monthly.csv, \
            establishments.csv, results.sqlite, report.html and manifest.json into --out. The files appear \
            together or not at all; a folder that holds an earlier run is refused unless --force. \
            Several scenarios go into the same files, labelled by scenario name. The same seed \
            gives the same bytes whatever the number of jobs. A short summary follows on \
            standard output: the worst month of headroom nationally and for the male and female \
            estates, and the most crowded establishments at the horizon.

            Examples:
              estate-sim run Models/fixture.toml
              estate-sim run Models/fixture.toml --replications 1000 --seed 42 --jobs 2 --out runs/fixture
            """
    )

    @OptionGroup var input: ScenarioArguments

    @Option(parsing: .unconditional, help: "Replications per scenario (default: the scenario's `replications`).")
    var replications: Int?

    @Option(parsing: .unconditional,
            help: "Seed of the batch, a whole number from 0 to 2^64−1 (default: the scenario's `seed`).",
            transform: { text in
                guard let seed = UInt64(text) else {
                    throw ValidationError("--seed must be a whole number from 0 to 18446744073709551615, got \(text).")
                }
                return seed
            })
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads (default: every core).")
    var jobs: Int?

    @Option(help: ArgumentHelp("""
        Most memory the run may use, e.g. 800M or 4G (powers of 1,024); the machine's available memory \
        is the limit anyway. A run estimated to need more runs on fewer --jobs, or is refused (exit 2).
        """, valueName: "size"), transform: MemoryBudget.parse)
    var memoryLimit: Int?

    @Option(help: ArgumentHelp("Output folder (default: runs/<scenario>-<timestamp>/).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("""
        Run only part I of K of each scenario's replications (I from 0 to K-1, as a Slurm array's \
        SLURM_ARRAY_TASK_ID): the contiguous block from I*R/K to (I+1)*R/K. Writes a shard folder \
        for `estate-sim merge`.
        """, valueName: "I/K"))
    var shard: Shard?

    @Flag(help: """
        Finish the interrupted run into --out from its checkpoint; the outputs are the same bytes as an \
        uninterrupted run's.
        """)
    var resume = false

    @Option(help: ArgumentHelp("Seconds of work between checkpoints (default 10).", valueName: "seconds"))
    var checkpoint: Double = 10

    @Flag(help: "Replace the earlier run in --out (or discard an interrupted run's checkpoint).")
    var force = false

    @Flag(help: "No progress and no summary: for scripts.")
    var quiet = false

    func validate() throws {
        if let replications, !(1...ScenarioLimits.replications).contains(replications) {
            throw ValidationError("--replications must be from 1 to \(ScenarioLimits.replications), "
                                  + "got \(replications).")
        }
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be from 1 to 1024, got \(jobs).") }
        if let out {
            do { try OutputPath.validate(out) } catch { throw ValidationError(error.description) }
        }
        if resume, out == nil { throw ValidationError("--resume needs the --out folder of the run to finish.") }
        if resume, force {
            throw ValidationError("give --resume to finish an interrupted run or --force to start again, not both.")
        }
        if !(checkpoint > 0 && checkpoint <= 86_400) {
            throw ValidationError("--checkpoint must be a number of seconds above 0 and at most 86400, "
                                  + "got \(checkpoint).")
        }
    }

    func run() throws {
        let started = ContinuousClock.now
        let plans = try loadPlans()
        let targets = plans.map {
            shard?.replications(of: $0.scenario.replications) ?? Array(0..<$0.scenario.replications)
        }
        // Refuse a run the machine cannot hold, or give it fewer jobs, before anything is written.
        let memory = MemoryCheck.decide(plans: plans, replications: targets.map(\.count),
                                        jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, limit: memoryLimit)
        let jobs: Int, estimate: MemoryEstimate
        switch memory {
        case let .fits(j, e, _): (jobs, estimate) = (j, e)
        case let .fewerJobs(j, _, e, _, _):
            (jobs, estimate) = (j, e)
            Console.error(MemoryCheck.note(memory, command: "run")!)
        case let .tooLarge(e, budget):
            Console.error(MemoryCheck.refusal(e, budget, command: "run"))
            throw ExitCode.invalidInput
        }
        // Fail before a long batch, not after it, if the results could not be stored.
        let output = try OutputStep.prepare(out ?? Self.defaultDirectory(for: plans.map(\.scenario.name), at: Date()),
                                            mode: resume ? .resume : force ? .replace : .fresh)
        // Whatever happens next, nothing staged is left behind (a no-op once the outputs are in place).
        defer { output.abandon(); Interruption.cleanUp(nil) }
        let checkpoints = Checkpoint(folder: output.checkpointFolder)
        let identity = Checkpoint.Identity(scenarios: plans.map { $0.info }, shard: shard?.description)
        var held = [BatchResults?](repeating: nil, count: plans.count)
        // Every replication's series, on disk beside the checkpoints rather than in memory.
        var spool = SeriesSpool()
        do {
            if resume, checkpoints.exists {
                (held, spool) = try checkpoints.load(identity)
            } else {
                if resume, output.holdsRun {
                    Console.error("estate-sim run: nothing to resume: \(output.path) holds a complete run")
                    return
                }
                try checkpoints.begin(identity)
            }
        } catch let problem as Checkpoint.ResumeProblem {
            Console.error("estate-sim run: --resume \(output.path): \(problem)")
            if case .otherRun = problem { throw ExitCode.invalidInput }
            throw ExitCode.failure
        } catch {
            Console.error("estate-sim run: \(error)")
            throw ExitCode.failure
        }

        let progress = ProgressBar(total: targets.reduce(0) { $0 + $1.count },
                                   style: quiet ? .silent : isatty(STDERR_FILENO) == 1 ? .terminal : .log)
        var results = [BatchResults]()
        do {
            for (k, plan) in plans.enumerated() {
                let done = held[k]?.indices ?? ReplicationIndices()
                progress.advance(by: done.count)
                var batch = Chunks(plan: plan, replications: targets[k].filter { !done.contains($0) }, jobs: jobs,
                                   checkpointSeconds: checkpoint) { progress.advance() }
                var saved = ContinuousClock.now
                // Taken out of `held`, so that the chunks add to it in place.
                var scenarioResults = held[k] ?? BatchResults(scenario: plan.info, capacity: plan.capacity)
                held[k] = nil
                while try batch.next(into: &scenarioResults) {
                    try checkpoints.spool(scenarioResults.takeSeries(), scenario: k, into: &spool)
                    // The run's last chunk goes straight into the outputs: a run killed while
                    // writing them redoes only the replications since the last checkpoint.
                    let last = batch.isDone && k == plans.count - 1
                    if !last, batch.isDone || saved.duration(to: .now) >= .seconds(checkpoint) {
                        try checkpoints.save(scenarioResults, scenario: k)
                        saved = .now
                    }
                }
                results.append(scenarioResults)
            }
        } catch {
            progress.finish()
            Console.error("estate-sim run: the simulation failed: \(error)")
            throw ExitCode.failure
        }
        progress.finish()
        try OutputStep.finish(results, spool: spool, in: output, shard: shard, quiet: quiet, started: started)
        if !quiet {
            print("Peak memory: \(MemoryEstimate.megabytes(peakResidentBytes())) "
                  + "(estimated \(MemoryEstimate.megabytes(estimate.peak)) "
                  + "with --jobs \(jobs)).")
        }
    }

    /// Loads every scenario, applies --replications and --seed, and compiles it; lists every
    /// problem of every file and exits with 2 if any. Warnings are shown and do not stop the run.
    private func loadPlans() throws -> [SimulationPlan] {
        let loaded = ScenarioCompiler.compile(input.scenarios) { scenario in
            if let replications { scenario.replications = replications }
            if let seed { scenario.seed = seed }
        }
        var problems = loaded.problems
        var names = Set<String>()
        for (path, plan) in loaded.plans where !names.insert(plan.scenario.name).inserted {
            problems.append("\(path): another scenario of this run is also named \"\(plan.scenario.name)\"; "
                + "rows are labelled by name, so give each a different [scenario] name")
        }
        guard problems.isEmpty else {
            for problem in problems { Console.error(problem) }
            Console.error("\(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was run")
            throw ExitCode.invalidInput
        }
        for (path, plan) in loaded.plans {
            for warning in plan.startingPointWarnings { Console.error("\(path): warning: \(warning)") }
        }
        return loaded.plans.map(\.plan)
    }

    /// `runs/<first-scenario-slug>[-and-N-more]-<YYYYmmdd-HHMMSS>`, local time.
    static func defaultDirectory(for names: [String], at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let more = names.count > 1 ? "-and-\(names.count - 1)-more" : ""
        return "runs/\(slug(names.first ?? ""))\(more)-\(formatter.string(from: date))"
    }

    /// Lower-case letters and digits, other runs of characters as one `-`: "E&W plan 2014-15" → "e-w-plan-2014-15".
    static func slug(_ name: String) -> String {
        var slug = ""
        for c in name.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) {
                slug.append(c)
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "scenario" : slug
    }
}
