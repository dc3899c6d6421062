public import EstateResults
import EstateModel
import EstateRandom
import Foundation

/// `manifest.json`: what produced a run's files, enough to reproduce them byte for byte.
///
/// It holds no timestamp, host or thread count, so rerunning the same scenarios with the same seed
/// and replications gives the same bytes (the creation time is in the `runs` table of
/// `results.sqlite` and in the default directory name only). Seed, generator and replications are
/// recorded per scenario, since scenarios run together may come with different ones.
public struct RunManifest: Codable, Sendable, Hashable {
    /// The file's name in the output directory.
    public static let fileName = "manifest.json"

    /// One scenario of the run.
    public struct ScenarioEntry: Codable, Sendable, Hashable {
        /// The `[scenario]` name that labels its rows.
        public var name: String
        /// First simulated month, `YYYY-MM`.
        public var start: String
        /// The number of months simulated.
        public var months: Int
        /// GSL's name of the uniform generator, e.g. `mt19937`.
        public var generator: String
        /// The seed used, after any `--seed`.
        public var seed: UInt64
        /// The replications run of this scenario.
        public var replications: Replications
        /// Scenario and estate files as given, and content hashes of them (`Scenario.provenance`).
        public var scenarioPath: String
        /// A content hash of the scenario file.
        public var scenarioHash: String
        /// The estate file, as given.
        public var estatePath: String
        /// A content hash of the estate file.
        public var estateHash: String
    }

    /// Which replications were run: how many, and their indices as closed ranges in Slurm's
    /// array notation (`"0-499"`; `"0-99", "200-299"` for two shards).
    public struct Replications: Codable, Sendable, Hashable {
        /// How many replications were run.
        public var count: Int
        /// Their indices as closed ranges, `"a-b"` (or `"a"` for one).
        public var indices: [String]
    }

    /// `estateSimVersion` of the build that wrote the files.
    public var estatesimVersion: String
    /// `GSLRuntime.version`: the GSL linked at run time.
    public var gslVersion: String
    /// The scenarios run, in the run's order.
    public var scenarios: [ScenarioEntry]
    /// The data files written beside the manifest.
    public var files: [String]
    /// For a shard folder, which part of the batch it holds: `"0/4"` (`run --shard`); absent
    /// otherwise, so a merged batch has the same manifest as one run.
    public var shard: String?

    /// The manifest of `results` written into `files`.
    public init(_ results: [BatchResults], files: [String], shard: String? = nil) {
        self.shard = shard
        estatesimVersion = estateSimVersion
        gslVersion = GSLRuntime.version
        scenarios = results.map { result in
            let scenario = result.scenario
            return ScenarioEntry(
                name: scenario.name, start: scenario.start.description, months: scenario.months,
                generator: scenario.generator, seed: scenario.seed,
                replications: Replications(count: result.replicationCount, indices: result.indices.rangeTexts),
                scenarioPath: scenario.scenarioPath, scenarioHash: scenario.scenarioHash,
                estatePath: scenario.estatePath, estateHash: scenario.estateHash)
        }
        self.files = files
    }

    /// Pretty-printed JSON with sorted snake_case keys and a final newline: stable bytes.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The `runs` table of `results.sqlite`: the manifest, one row per scenario, and when the
    /// store was written (`created`, ISO 8601 UTC; the only cell that differs between two runs of
    /// the same batch).
    public func runsTable(created: Date) -> ResultTable {
        let scenarios = scenarios, version = estatesimVersion, gsl = gslVersion
        let formatter = ISO8601DateFormatter()
        let createdText = formatter.string(from: created)
        let columns: [ResultTable.Column] = [
            .init("scenario", .text), .init("scenario_path", .text), .init("scenario_hash", .text),
            .init("estate_path", .text), .init("estate_hash", .text), .init("seed", .text), .init("generator", .text),
            .init("replications", .integer), .init("replication_indices", .text), .init("estatesim_version", .text),
            .init("gsl_version", .text), .init("created", .text),
        ]
        return ResultTable(name: "runs", columns: columns, key: ["scenario"], rowCount: scenarios.count) { i in
            let s = scenarios[i]
            return [.text(s.name), .text(s.scenarioPath), .text(s.scenarioHash), .text(s.estatePath),
                    .text(s.estateHash), .text(String(s.seed)), .text(s.generator), .integer(s.replications.count),
                    .text(s.replications.indices.joined(separator: ",")), .text(version), .text(gsl),
                    .text(createdText)]
        }
    }
}
