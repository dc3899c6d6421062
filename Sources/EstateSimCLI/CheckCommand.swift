import ArgumentParser
import EstateEngine
import EstateModel
import Foundation

/// `estate-sim check`: validate scenarios without running them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate scenario files and their estate files without running them.",
        discussion: """
            Reads each scenario, the scenarios it builds on (scenario.base) and its estate CSV, and \
            lists every problem on standard error as file:line: key: message. For each valid \
            scenario it prints a one-line summary on standard output, and on standard error a \
            warning where its starting stock differs from the estate file's population by more \
            than 2 % or is above useable operational capacity. It also estimates the memory that \
            `estate-sim run` of the same scenarios would need at its peak, with --jobs (default: \
            every core), against the smaller of --memory-limit and the machine's available memory: \
            a note when the run would get fewer jobs, a problem when it could not run at all. Exits \
            with 2 if any scenario has a problem, 0 otherwise (warnings and notes do not fail).

            Example:
              estate-sim check Models/fixture.toml Models/*.toml
            """
    )

    @OptionGroup var input: ScenarioArguments

    @Option(parsing: .unconditional,
            help: "Worker threads the run would have, for the memory estimate (default: every core).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Most memory the run may use, e.g. 800M or 4G, as for `run`.", valueName: "size"),
            transform: MemoryBudget.parse)
    var memoryLimit: Int?

    func validate() throws {
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be from 1 to 1024, got \(jobs).") }
    }

    func run() throws {
        let loaded = ScenarioCompiler.compile(input.scenarios)
        for (path, plan) in loaded.plans {
            print("\(path): ok: \(plan.scenario.summary)")
            for warning in plan.startingPointWarnings { Console.error("\(path): warning: \(warning)") }
        }
        for problem in loaded.problems { Console.error(problem) }
        var tooLarge = false
        if !loaded.plans.isEmpty {
            let plans = loaded.plans.map(\.plan)
            let memory = MemoryCheck.decide(plans: plans, replications: plans.map(\.scenario.replications),
                                            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                            limit: memoryLimit)
            switch memory {
            case let .fits(j, estimate, budget):
                print("memory: about \(MemoryEstimate.megabytes(estimate.peak)) at the peak with --jobs \(j)"
                      + (budget.map { " (\(MemoryEstimate.megabytes($0.bytes)) allowed by \($0.source))" } ?? ""))
            case let .fewerJobs(j, _, estimate, _, _):
                print("memory: about \(MemoryEstimate.megabytes(estimate.peak)) at the peak with --jobs \(j)")
                Console.error(MemoryCheck.note(memory, command: "check")!)
            case let .tooLarge(estimate, budget):
                Console.error(MemoryCheck.refusal(estimate, budget, command: "check"))
                tooLarge = true
            }
        }
        if tooLarge, loaded.failedFiles == 0 { throw ExitCode.invalidInput }
        if loaded.failedFiles > 0 {
            let problems = loaded.problems.count, files = input.scenarios.count
            let plural = (problems == 1 ? "" : "s", files == 1 ? "" : "s")
            Console.error("\(problems) problem\(plural.0) in \(loaded.failedFiles) of \(files) scenario\(plural.1)")
            throw ExitCode.invalidInput
        }
    }
}

extension Scenario {
    /// "EstateSim fixture": 4 establishments, 3 groups, 2 events, 0 policies, 24 months (2015-01 to 2016-12)
    var summary: String {
        func count(_ n: Int, _ singular: String, _ plural: String) -> String { "\(n) \(n == 1 ? singular : plural)" }
        let parts = [
            count(estate.establishments.count, "establishment", "establishments"),
            count(groups.count, "group", "groups"),
            count(events.count, "event", "events"), count(policies.count, "policy", "policies"),
            "\(count(months, "month", "months")) (\(start) to \(month(at: months - 1)))",
        ]
        return "\"\(name)\": " + parts.joined(separator: ", ")
    }
}
