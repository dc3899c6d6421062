import ArgumentParser
import EstateReports
import EstateResults
import Foundation

/// The last steps of `run` and `merge`: claim the output folder, write the files into it as one
/// set, and print the summary.
enum OutputStep {
    /// Claims `path` (see `OutputDirectory`), exiting 2 for a folder the user may not use and 1
    /// when the system refuses; from now on SIGINT and SIGTERM remove the staged files.
    static func prepare(_ path: String, mode: OutputDirectory.Mode) throws -> OutputDirectory {
        do {
            let output = try OutputDirectory(path, mode: mode)
            Interruption.cleanUp(output)
            return output
        } catch {
            Console.error("estate-sim: \(error)")
            if case .invalid = error { throw ExitCode.invalidInput }
            throw ExitCode.failure
        }
    }

    /// Writes `results` (a shard folder when `shard` is given) and puts them in place; prints
    /// what was written and, for a whole batch, the run summary.
    static func finish(_ results: [BatchResults], spool: SeriesSpool, in output: OutputDirectory, shard: Shard?,
                       quiet: Bool, started: ContinuousClock.Instant) throws {
        do {
            let writer = ReportWriter(directory: output.staging)
            let writing = ContinuousClock.now
            let files = try shard.map { try writer.writeShard(results, spool: spool, shard: $0.description) }
                ?? writer.write(results, spool: spool)
            try output.commit()
            let written = writing.duration(to: .now)
            Interruption.cleanUp(nil)
            guard !quiet else { return }
            print("Wrote \(files.joined(separator: ", ")) to \(output.path)")
            let seconds = started.duration(to: .now)
            if let shard {
                let counts = results.map { "\"\($0.scenario.name)\": \($0.replicationCount)" }.joined(separator: ", ")
                print("shard \(shard) of the batch: replications \(counts); merge the shards with estate-sim merge")
            } else {
                print("Writing the outputs took \(RunSummaryText.seconds(written)) "
                      + "of \(RunSummaryText.seconds(seconds)) in all.")
                for result in results { print(RunSummaryText.text(RunSummary(result), seconds: seconds)) }
            }
        } catch {
            output.abandon()
            Console.error("estate-sim: \(error)")
            throw ExitCode.failure
        }
    }
}
