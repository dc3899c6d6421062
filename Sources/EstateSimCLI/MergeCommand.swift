import ArgumentParser
import EstateFiles
import EstateReports
import EstateResults
import Foundation

/// `estate-sim merge`: put the shards of a batch back together.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard folders of `run --shard` into the outputs of the whole batch.",
        discussion: """
            Reads each shard folder's results.plist, series.bin and manifest.json, checks that they are parts \
            of one batch (the same scenarios, scenario and estate files, seed, generator, \
            replications and versions), that no replication is held twice and that none is \
            missing (naming them), and writes the same files as one run of the whole batch: \
            monthly.csv, establishments.csv, report.html and manifest.json byte for byte, results.sqlite with \
            the same table contents. Exit 2, with the reason, for shards that do not make a batch.

            Example:
              estate-sim merge runs/plan-shards/shard-* --out runs/plan
            """
    )

    @Argument(help: ArgumentHelp("Shard folders written by `estate-sim run --shard I/K`.", valueName: "shard-dir"))
    var shards: [String]

    @Option(help: ArgumentHelp("Folder for the merged outputs.", valueName: "dir"))
    var out: String

    @Flag(help: "Replace the earlier run in --out.")
    var force = false

    @Flag(help: "No summary: for scripts.")
    var quiet = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("Name at least one shard folder.") }
        do { try OutputPath.validate(out) } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let started = ContinuousClock.now
        let merged: [BatchResults], spool: SeriesSpool
        do {
            (merged, spool) = try ShardSet.merge(shards)
        } catch let problem {
            Console.error("estate-sim merge: \(problem.message)")
            throw problem.isInput ? ExitCode.invalidInput : ExitCode.failure
        }
        let output = try OutputStep.prepare(out, mode: force ? .replace : .fresh)
        defer { output.abandon(); Interruption.cleanUp(nil) }
        try OutputStep.finish(merged, spool: spool, in: output, shard: nil, quiet: quiet, started: started)
    }
}

/// Shard folders read and checked to be the parts of one batch.
enum ShardSet {
    struct Problem: Error {
        var message: String
        /// The shards do not make a batch (exit 2), rather than a file that cannot be read (exit 1).
        var isInput: Bool
    }

    /// The shards' results merged, and the spool of their series (each shard's `series.bin`).
    static func merge(_ folders: [String]) throws(Problem) -> ([BatchResults], SeriesSpool) {
        var merged = [BatchResults]()
        var spool = SeriesSpool()
        var firstFolder = [String: String]()
        var version: (folder: String, text: String)?
        for folder in folders {
            let manifest = try readManifest(folder)
            let text = "estate-sim \(manifest.estatesimVersion), GSL \(manifest.gslVersion)"
            if let version, version.text != text {
                throw Problem(message: "\(folder) was written by \(text), \(version.folder) by \(version.text); "
                              + "run every shard with the same build", isInput: true)
            }
            version = version ?? (folder, text)
            guard manifest.shard != nil else {
                throw Problem(message: "\(folder) is not a shard folder (its manifest names no shard): "
                              + "write shards with estate-sim run --shard I/K", isInput: true)
            }
            let results: [BatchResults]
            do {
                results = try SavedResults.read(folder + "/" + SavedResults.fileName)
            } catch {
                throw Problem(message: error.description, isInput: false)
            }
            let series = folder + "/" + SeriesSpool.fileName
            guard FileManager.default.fileExists(atPath: series) else {
                throw Problem(message: "\(folder): no \(SeriesSpool.fileName); "
                              + "write shards with this build of estate-sim run --shard",
                              isInput: true)
            }
            spool.append(file: series)
            if merged.isEmpty {
                merged = results
                for result in results { firstFolder[result.scenario.name] = folder }
                continue
            }
            guard results.map(\.scenario.name) == merged.map(\.scenario.name) else {
                throw Problem(message: "\(folder) holds scenarios \(results.map(\.scenario.name)), "
                              + "\(folders[0]) holds \(merged.map(\.scenario.name)): shards of different runs",
                              isInput: true)
            }
            for (k, result) in results.enumerated() {
                do {
                    try merged[k].merge(result)
                } catch {
                    throw Problem(message: "\(folder) and \(firstFolder[result.scenario.name] ?? folders[0]): \(error)",
                                  isInput: true)
                }
            }
        }
        for result in merged where !result.missingReplications.isEmpty {
            let missing = result.missingReplications
            throw Problem(message: "\"\(result.scenario.name)\": \(missing.count) of \(result.scenario.replications) "
                          + "replications are missing: \(IndexRanges.text(missing)); "
                          + "run their shards, then merge again",
                          isInput: true)
        }
        return (merged, spool)
    }

    static func readManifest(_ folder: String) throws(Problem) -> RunManifest {
        let path = folder + "/" + RunManifest.fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(message: "\(folder): no \(RunManifest.fileName); "
                          + "is it a shard folder of estate-sim run --shard?",
                          isInput: true)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(RunManifest.self, from: data)
        } catch {
            throw Problem(message: "\(path): not an estate-sim manifest (\(error))", isInput: true)
        }
    }
}
