import ArgumentParser
import EstateEngine
import EstateFiles
import EstateModel

/// `estate-sim check`: validate scenarios without running them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate scenario files and their estate files without running them.",
        discussion: """
            Reads each scenario, the scenarios it builds on (scenario.base) and its estate CSV, and \
            lists every problem on standard error as file:line: key: message. For each valid \
            scenario it prints a one-line summary on standard output. Exits with 2 if any scenario \
            has a problem, 0 otherwise.

            Example:
              estate-sim check Models/fixture.toml Models/*.toml
            """
    )

    @OptionGroup var input: ScenarioArguments

    func run() throws {
        let loader = ScenarioLoader()
        var failed = 0
        var problemCount = 0
        for path in input.scenarios {
            do {
                let scenario = try loader.load(path: path)
                // What `run` would compile too: limits and the steady state are checked there.
                do {
                    _ = try SimulationPlan(scenario)
                    print("\(path): ok: \(scenario.summary)")
                } catch {
                    failed += 1
                    problemCount += 1
                    Console.error("\(path): \(error)")
                }
            } catch {
                failed += 1
                problemCount += error.problems.count
                for problem in error.problems { Console.error(problem.description) }
            }
        }
        if failed > 0 {
            Console.error("\(problemCount) problem\(problemCount == 1 ? "" : "s") in \(failed) of \(input.scenarios.count) scenario\(input.scenarios.count == 1 ? "" : "s")")
            throw ExitCode.invalidInput
        }
    }
}

extension Scenario {
    /// "EstateSim fixture": 4 establishments, 3 groups, 2 events, 0 policies, 24 months (2015-01 to 2016-12)
    var summary: String {
        func count(_ n: Int, _ singular: String, _ plural: String) -> String { "\(n) \(n == 1 ? singular : plural)" }
        let parts = [
            count(estate.establishments.count, "establishment", "establishments"), count(groups.count, "group", "groups"),
            count(events.count, "event", "events"), count(policies.count, "policy", "policies"),
            "\(count(months, "month", "months")) (\(start) to \(month(at: months - 1)))",
        ]
        return "\"\(name)\": " + parts.joined(separator: ", ")
    }
}
