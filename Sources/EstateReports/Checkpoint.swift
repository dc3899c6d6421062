public import EstateResults
import EstateModel
import EstateRandom
import Foundation

/// The checkpoints of a run in progress, so that `--resume` can finish an interrupted batch with
/// the same outputs, byte for byte, as an uninterrupted one.
///
/// A folder beside the output folder (`OutputDirectory.checkpointFolder`) holds `run.json` (what
/// the run is: versions, shard, every scenario's settings and file hashes) and one saved-results
/// file per chunk of replications (`chunk-<scenario>-<n>.plist`), each written atomically. Since
/// results merge exactly, the chunks of an interrupted run and those of the run that resumes it
/// make the same results as one run. The folder is removed when the outputs are in place.
public struct Checkpoint: Sendable {
    /// What a run is, to check that a resumed run is the same batch.
    public struct Identity: Codable, Sendable, Equatable {
        public var estatesimVersion: String
        public var gslVersion: String
        public var shard: String?
        public var scenarios: [ScenarioInfo]

        public init(scenarios: [ScenarioInfo], shard: String?) {
            estatesimVersion = estateSimVersion
            gslVersion = GSLRuntime.version
            self.shard = shard
            self.scenarios = scenarios
        }
    }

    public let folder: String
    static let identityFile = "run.json"

    public init(folder: String) { self.folder = folder }

    /// Whether an interrupted run left a checkpoint.
    public var exists: Bool { FileManager.default.fileExists(atPath: folder + "/" + Self.identityFile) }

    /// Starts a new checkpoint for `identity`, discarding any earlier one.
    public func begin(_ identity: Identity) throws(ReportError) {
        try? FileManager.default.removeItem(atPath: folder)
        try AtomicFile.makeDirectories(folder)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try AtomicFile.write(try encoder.encode(identity), to: folder, name: Self.identityFile)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError(path: folder + "/" + Self.identityFile, reason: "\(error)")
        }
    }

    /// Why a checkpoint cannot be resumed by this run.
    public enum ResumeProblem: Error, CustomStringConvertible, Sendable {
        /// It is of another batch (exit 2).
        case otherRun(String)
        /// It cannot be read (exit 1).
        case unreadable(ReportError)

        public var description: String {
            switch self {
            case .otherRun(let message): message
            case .unreadable(let error): error.description
            }
        }
    }

    /// The results saved so far, per scenario of `identity` (nil for a scenario with none), after
    /// checking that the checkpoint is of the same batch.
    public func load(_ identity: Identity) throws(ResumeProblem) -> [BatchResults?] {
        let saved: Identity
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + Self.identityFile))
            saved = try JSONDecoder().decode(Identity.self, from: data)
        } catch {
            throw .unreadable(ReportError(path: folder + "/" + Self.identityFile, reason: "\(error)", verb: "cannot read"))
        }
        guard saved == identity else { throw .otherRun(Self.describe(saved, against: identity)) }
        var results = [BatchResults?](repeating: nil, count: identity.scenarios.count)
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for entry in entries where entry.hasPrefix("chunk-") && entry.hasSuffix(".plist") {
            let parts = entry.dropFirst("chunk-".count).split(separator: "-")
            guard parts.count == 2, let k = Int(parts[0]), results.indices.contains(k) else { continue }
            let path = folder + "/" + entry
            let chunk: [BatchResults]
            do { chunk = try SavedResults.read(path) } catch { throw .unreadable(error) }
            guard chunk.count == 1 else {
                throw .unreadable(ReportError(path: path, reason: "expected the results of one scenario", verb: "cannot read"))
            }
            if results[k] == nil {
                results[k] = chunk[0]
            } else {
                do { try results[k]!.merge(chunk[0]) } catch {
                    throw .unreadable(ReportError(path: path, reason: error.description, verb: "cannot use"))
                }
            }
        }
        return results
    }

    /// Saves the results of one more chunk of replications of scenario `k` (atomically).
    public func save(_ chunk: BatchResults, scenario k: Int) throws(ReportError) {
        let first = chunk.replications.first ?? 0
        try SavedResults.write([chunk], to: folder, name: "chunk-\(k)-\(String(format: "%09d", first)).plist")
    }

    static func describe(_ saved: Identity, against current: Identity) -> String {
        var reasons = [String]()
        if saved.estatesimVersion != current.estatesimVersion || saved.gslVersion != current.gslVersion {
            reasons.append("written by estate-sim \(saved.estatesimVersion) with GSL \(saved.gslVersion)")
        }
        if saved.shard != current.shard { reasons.append("shard \(saved.shard ?? "none") against \(current.shard ?? "none")") }
        if saved.scenarios.map(\.name) != current.scenarios.map(\.name) {
            reasons.append("scenarios \(saved.scenarios.map(\.name)) against \(current.scenarios.map(\.name))")
        } else {
            for (a, b) in zip(saved.scenarios, current.scenarios) { reasons += a.differences(from: b) }
        }
        return "the checkpoint is of another batch (" + reasons.joined(separator: "; ")
            + "); run with the same scenarios, seed and replications, or --force to start again"
    }
}
