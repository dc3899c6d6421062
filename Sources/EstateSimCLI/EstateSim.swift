import ArgumentParser
import EstateModel
import EstateRandom
import Foundation

/// The `estate-sim` command: simulate a prison estate's population against its capacity.
///
/// Exit codes (DESIGN.md §3): 0 success, 1 runtime failure, 2 invalid input. ArgumentParser's own
/// usage errors (64 by default) are mapped to 2, since for a user a mistyped option and a mistyped
/// scenario are the same kind of mistake.
@main
struct EstateSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estate-sim",
        abstract: "Simulate a prison estate's population against its capacity, month by month.",
        discussion: """
            EstateSim runs batches of stochastic replications of a scenario (a TOML file in Models/ \
            naming an estate CSV, population groups, capacity events and policy levers) and reports \
            population, headroom and crowding with their uncertainty.

            Examples:
              estate-sim check Models/fixture.toml
              estate-sim run Models/fixture.toml --replications 200 --out runs/fixture
            """,
        version: versionText,
        subcommands: [CheckCommand.self, RunCommand.self, MergeCommand.self, ReportCommand.self, CompareCommand.self]
    )

    /// What `--version` prints: the release, the GSL it runs on and the default generator.
    static let versionText = """
        estate-sim \(estateSimVersion)
        GSL \(GSLRuntime.version)
        default generator \(GeneratorKind.default.rawValue)
        """

    static func main() {
        GSLRuntime.installErrorHandling()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.error(fullMessage(for: error))
                exit(withError: ExitCode.invalidInput)
            }
            exit(withError: error)
        }
    }
}

extension ExitCode {
    /// 2: a scenario, estate file, option or argument is not valid (DESIGN.md §3).
    static let invalidInput = ExitCode(2)
}
