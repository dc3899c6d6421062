import ArgumentParser
import EstateEngine
import EstateFiles
import EstateModel
import EstateReports
import Foundation

/// `estate-sim run`: simulate a batch of replications of one or more scenarios.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run replications of scenarios and write their monthly and per-establishment results.",
        discussion: """
            Validates each scenario first (as `check` does: every problem is listed and the exit \
            code is 2), then runs its replications on --jobs cores and writes monthly.csv, \
            establishments.csv and manifest.json into --out, each file atomically. Several \
            scenarios go into the same files, labelled by scenario name. The same seed gives the \
            same bytes whatever the number of jobs. results.sqlite, report.html, --shard and \
            --resume are not built yet.

            Examples:
              estate-sim run Models/fixture.toml
              estate-sim run Models/fixture.toml --replications 1000 --seed 42 --jobs 2 --out runs/fixture
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

    @Option(help: ArgumentHelp("Run only part I of N of the replications, for a Slurm array or GNU parallel; 1-based. Not built yet.",
                               valueName: "I/N"))
    var shard: Shard?

    @Flag(help: "Continue an interrupted batch in --out, skipping the replications already stored. Not built yet.")
    var resume = false

    func validate() throws {
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1, got \(replications).") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
        if resume, out == nil { throw ValidationError("--resume needs the --out directory of the batch to continue.") }
    }

    func run() throws {
        if shard != nil { throw Console.notBuiltYet("run --shard") }
        if resume { throw Console.notBuiltYet("run --resume") }

        let plans = try loadPlans()
        // Fail before a long batch, not after it, if the results could not be stored.
        let directory = out ?? Self.defaultDirectory(for: plans.map(\.scenario.name), at: Date())
        do {
            try AtomicFile.makeDirectories(directory)
        } catch {
            Console.error("estate-sim run: \(error)")
            throw ExitCode.failure
        }
        let jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let progress = ProgressBar(total: plans.reduce(0) { $0 + $1.scenario.replications })
        var results = [BatchResult]()
        do {
            for plan in plans {
                results.append(try Batch.run(plan, replications: Array(0..<plan.scenario.replications), jobs: jobs,
                                             progress: { _ in progress.advance() }))
            }
        } catch {
            progress.finish()
            Console.error("estate-sim run: the simulation failed: \(error)")
            throw ExitCode.failure
        }
        progress.finish()

        do {
            let files = try ReportWriter(directory: directory).write(results)
            print("Wrote \(files.joined(separator: ", ")) to \(directory)")
        } catch {
            Console.error("estate-sim run: \(error)")
            throw ExitCode.failure
        }
    }

    /// Loads every scenario, applies --replications and --seed, and compiles it; lists every
    /// problem of every file and exits with 2 if any.
    private func loadPlans() throws -> [SimulationPlan] {
        let loader = ScenarioLoader()
        var scenarios = [(path: String, scenario: Scenario)]()
        var problems = [String]()
        for path in input.scenarios {
            do {
                var scenario = try loader.load(path: path)
                if let replications { scenario.replications = replications }
                if let seed { scenario.seed = seed }
                scenarios.append((path, scenario))
            } catch {
                problems += error.problems.map(\.description)
            }
        }
        var names = Set<String>()
        for (path, scenario) in scenarios where !names.insert(scenario.name).inserted {
            problems.append("\(path): another scenario of this run is also named \"\(scenario.name)\"; "
                + "rows are labelled by name, so give each a different [scenario] name")
        }
        var plans = [SimulationPlan]()
        for (path, scenario) in scenarios where problems.isEmpty {
            do {
                plans.append(try SimulationPlan(scenario))
            } catch {
                problems.append("\(path): \(error)")
            }
        }
        guard problems.isEmpty else {
            for problem in problems { Console.error(problem) }
            Console.error("\(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was run")
            throw ExitCode.invalidInput
        }
        return plans
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
            if c.isASCII && (c.isLetter || c.isNumber) { slug.append(c) } else if !slug.isEmpty && slug.last != "-" { slug.append("-") }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "scenario" : slug
    }
}
