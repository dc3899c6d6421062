import ArgumentParser
import EstateModel
import EstateRandom
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
              estate-sim compare runs/plan runs/no-houseblocks
              estate-sim report runs/fixture
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
        #if canImport(Glibc)
        // Large buffers (a checkpoint being encoded, a chunk of series) from mmap, so that they go
        // back to the system when freed: glibc's default threshold rises after the first such
        // free and then keeps them in the heap, which made peak memory creep up over a long run.
        // (mallopt is in <malloc.h>, which the Glibc module does not export; M_MMAP_THRESHOLD is -3.)
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 256 << 10)
        }
        #endif
        GSLRuntime.installErrorHandling()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first), first != "help" {
            var message = "estate-sim: unknown command '\(first)'"
            if let nearest = nearestCommand(to: first) { message += "; did you mean '\(nearest)'?" }
            Console.error(message + " Commands: \(commandNames.joined(separator: ", ")); see estate-sim --help.")
            exit(withError: ExitCode.invalidInput)
        }
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

extension EstateSim {
    /// The subcommands' names, as typed.
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName }
    }

    /// The command within two edits of `typed` (or a prefix of one), if any: `rnu` → `run`.
    static func nearestCommand(to typed: String) -> String? {
        let candidates = commandNames.map { ($0, editDistance(typed.lowercased(), $0)) }
        if let prefixed = commandNames.first(where: { $0.hasPrefix(typed.lowercased()) }), typed.count >= 2 {
            return prefixed
        }
        guard let best = candidates.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    /// Levenshtein distance, with a transposition counted as one edit (`rnu` is one from `run`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

extension ExitCode {
    /// 2: a scenario, estate file, option or argument is not valid (DESIGN.md §3).
    static let invalidInput = ExitCode(2)
}
