public import EstateEngine
import EstateModel
import EstateRandom
import Foundation

/// `manifest.json`: what produced a run's files, enough to reproduce them byte for byte.
///
/// It holds no timestamp, host or thread count, so rerunning the same scenarios with the same seed
/// and replications gives the same bytes (the creation time is in the default directory name only).
/// Seed, generator and replications are recorded per scenario, since scenarios run together may
/// come with different ones.
public struct RunManifest: Codable, Sendable, Hashable {
    /// One scenario of the run.
    public struct ScenarioEntry: Codable, Sendable, Hashable {
        /// The `[scenario]` name that labels its rows.
        public var name: String
        /// First simulated month, `YYYY-MM`.
        public var start: String
        public var months: Int
        /// GSL's name of the uniform generator, e.g. `mt19937`.
        public var generator: String
        /// The seed used, after any `--seed`.
        public var seed: UInt64
        public var replications: Replications
        /// Scenario and estate files as given, and content hashes of them (`Scenario.provenance`).
        public var scenarioPath: String
        public var scenarioHash: String
        public var estatePath: String
        public var estateHash: String
    }

    /// Which replications were run: how many, and their indices as closed ranges in Slurm's
    /// array notation (`"0-499"`; `"0-99", "200-299"` for two shards).
    public struct Replications: Codable, Sendable, Hashable {
        public var count: Int
        public var indices: [String]
    }

    /// `estateSimVersion` of the build that wrote the files.
    public var estatesimVersion: String
    /// `GSLRuntime.version`: the GSL linked at run time.
    public var gslVersion: String
    public var scenarios: [ScenarioEntry]
    /// The data files written beside the manifest.
    public var files: [String]

    /// The manifest of `results` written into `files`.
    public init(_ results: [BatchResult], files: [String]) {
        estatesimVersion = estateSimVersion
        gslVersion = GSLRuntime.version
        scenarios = results.map { result in
            let scenario = result.plan.scenario
            let provenance = scenario.provenance
            return ScenarioEntry(
                name: scenario.name, start: scenario.start.description, months: scenario.months,
                generator: scenario.generator.rawValue, seed: scenario.seed,
                replications: Replications(count: result.replications.count, indices: Self.ranges(result.replications)),
                scenarioPath: provenance.scenarioPath, scenarioHash: provenance.scenarioHash,
                estatePath: provenance.estatePath, estateHash: provenance.estateHash)
        }
        self.files = files
    }

    /// `indices` as closed ranges, `"a-b"` (or `"a"` for one), in the order given.
    static func ranges(_ indices: [Int]) -> [String] {
        var ranges = [String]()
        var i = indices.startIndex
        while i < indices.endIndex {
            var j = i
            while j + 1 < indices.endIndex, indices[j + 1] == indices[j] + 1 { j += 1 }
            ranges.append(i == j ? "\(indices[i])" : "\(indices[i])-\(indices[j])")
            i = j + 1
        }
        return ranges
    }

    /// Pretty-printed JSON with sorted snake_case keys and a final newline: stable bytes.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
