public import EstateResults
import EstateModel
import EstateRandom
import Foundation

/// The checkpoints of a run in progress, so that `--resume` can finish an interrupted batch with
/// the same outputs, byte for byte, as an uninterrupted one.
///
/// A folder beside the output folder (`OutputDirectory.checkpointFolder`) holds `run.json` (what
/// the run is: versions, shard, every scenario's settings and file hashes), one saved-results
/// file per scenario (`results-<scenario>.plist`: the results of the replications run so far,
/// replaced at each checkpoint) and the run's series spool (`SeriesSpool`:
/// `series-<scenario>-<n>.bin`, one per chunk of replications), each written atomically. Since
/// results merge exactly, the results of an interrupted run and those of the run that resumes it
/// make the same results as one run; series files of replications the saved results do not hold
/// are removed when it resumes (those replications are run again). The folder is removed when the
/// outputs are in place.
public struct Checkpoint: Sendable {
    /// What a run is, to check that a resumed run is the same batch.
    public struct Identity: Codable, Sendable, Equatable {
        /// `estateSimVersion` of the build that ran it.
        public var estatesimVersion: String
        /// `GSLRuntime.version`: the GSL linked at run time.
        public var gslVersion: String
        /// The part of the batch run (`run --shard`, e.g. `"0/4"`), or nil for the whole batch.
        public var shard: String?
        /// Every scenario's settings and file hashes, in the run's order.
        public var scenarios: [ScenarioInfo]

        /// The identity of a run of `scenarios` (part `shard` of the batch) by this build.
        public init(scenarios: [ScenarioInfo], shard: String?) {
            estatesimVersion = estateSimVersion
            gslVersion = GSLRuntime.version
            self.shard = shard
            self.scenarios = scenarios
        }
    }

    /// The checkpoint folder.
    public let folder: String
    static let identityFile = "run.json"

    /// The checkpoint kept in `folder` (nothing is read or written until asked).
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

        /// The message, or the read error's description.
        public var description: String {
            switch self {
            case .otherRun(let message): message
            case .unreadable(let error): error.description
            }
        }
    }

    /// The results saved so far, per scenario of `identity` (nil for a scenario with none), and
    /// the spool of their series, after checking that the checkpoint is of the same batch.
    public func load(_ identity: Identity) throws(ResumeProblem) -> (results: [BatchResults?], spool: SeriesSpool) {
        let saved: Identity
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + Self.identityFile))
            saved = try JSONDecoder().decode(Identity.self, from: data)
        } catch {
            throw .unreadable(ReportError(path: folder + "/" + Self.identityFile, reason: "\(error)",
                                          verb: "cannot read"))
        }
        guard saved == identity else { throw .otherRun(Self.describe(saved, against: identity)) }
        var results = [BatchResults?](repeating: nil, count: identity.scenarios.count)
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for k in results.indices where entries.contains(Self.resultsName(k)) {
            let path = folder + "/" + Self.resultsName(k)
            let saved: [BatchResults]
            do { saved = try SavedResults.read(path) } catch { throw .unreadable(error) }
            guard saved.count == 1, saved[0].scenario == identity.scenarios[k] else {
                throw .unreadable(ReportError(path: path,
                                              reason: "expected the results of \"\(identity.scenarios[k].name)\"",
                                              verb: "cannot read"))
            }
            results[k] = saved[0]
        }
        // A series file belongs to one checkpoint: kept if its replications are held, else run again.
        var spool = SeriesSpool()
        for entry in entries {
            guard let (k, first) = Self.parse(entry, prefix: "series-", suffix: ".bin") else { continue }
            if results.indices.contains(k), results[k]?.indices.contains(first) == true {
                spool.append(file: folder + "/" + entry)
            } else {
                try? FileManager.default.removeItem(atPath: folder + "/" + entry)
            }
        }
        return (results, spool)
    }

    /// (scenario, first replication) of a file named `<prefix><k>-<n><suffix>`.
    static func parse(_ entry: String, prefix: String, suffix: String) -> (Int, Int)? {
        guard entry.hasPrefix(prefix), entry.hasSuffix(suffix) else { return nil }
        let parts = entry.dropFirst(prefix.count).dropLast(suffix.count).split(separator: "-")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        return (k, n)
    }

    static func resultsName(_ k: Int) -> String { "results-\(k).plist" }

    /// Saves the results of scenario `k` run so far (atomically, replacing the last checkpoint's);
    /// their series are already in the spool (`spool(_:scenario:into:)`).
    public func save(_ results: BatchResults, scenario k: Int) throws(ReportError) {
        try SavedResults.write([results], to: folder, name: Self.resultsName(k))
    }

    /// Writes `series` (of scenario `k`, in increasing replication) into the checkpoint folder as
    /// one more file of `spool`.
    public func spool(_ series: [ReplicationSeries], scenario k: Int,
                      into spool: inout SeriesSpool) throws(ReportError) {
        guard let first = series.first?.replication else { return }
        try spool.write(series, scenario: k, to: folder, name: "series-\(k)-\(String(format: "%09d", first)).bin")
    }

    static func describe(_ saved: Identity, against current: Identity) -> String {
        var reasons = [String]()
        if saved.estatesimVersion != current.estatesimVersion || saved.gslVersion != current.gslVersion {
            reasons.append("written by estate-sim \(saved.estatesimVersion) with GSL \(saved.gslVersion)")
        }
        if saved.shard != current.shard {
            reasons.append("shard \(saved.shard ?? "none") against \(current.shard ?? "none")")
        }
        if saved.scenarios.map(\.name) != current.scenarios.map(\.name) {
            reasons.append("scenarios \(saved.scenarios.map(\.name)) against \(current.scenarios.map(\.name))")
        } else {
            for (a, b) in zip(saved.scenarios, current.scenarios) { reasons += a.differences(from: b) }
        }
        return "the checkpoint is of another batch (" + reasons.joined(separator: "; ")
            + "); run with the same scenarios, seed and replications, or --force to start again"
    }
}
