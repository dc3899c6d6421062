public import EstateEngine
import Foundation

/// Writes the files of a run — `monthly.csv`, `establishments.csv` and `manifest.json` — into an
/// output directory, each atomically (see `AtomicFile`).
///
/// Several scenarios run together go into the same files, one block of rows per scenario, labelled
/// by scenario name. The same seed and replications give byte-identical files whatever the number of
/// threads the batch ran on.
///
/// ```swift
/// let result = try Batch.run(SimulationPlan(scenario), replications: Array(0..<100), jobs: 2)
/// let written = try ReportWriter(directory: "runs/fixture").write([result])
/// ```
public struct ReportWriter: Sendable {
    /// The output directory; created, with its parents, if missing.
    public let directory: String

    /// A writer into `directory`.
    public init(directory: String) { self.directory = directory }

    /// Writes every file and returns their names in the order written (the manifest last, so that
    /// a directory with a manifest is complete).
    ///
    /// - Throws: `ReportError` if the directory cannot be created or a file cannot be written.
    @discardableResult
    public func write(_ results: [BatchResult]) throws(ReportError) -> [String] {
        try AtomicFile.makeDirectories(directory)
        let tables = [
            (MonthlyTable.fileName, MonthlyTable.csv(results)),
            (EstablishmentTable.fileName, EstablishmentTable.csv(results)),
        ]
        for (name, text) in tables { try AtomicFile.write(Data(text.utf8), to: directory, name: name) }
        let manifest: Data
        do {
            manifest = try RunManifest(results, files: tables.map(\.0)).json()
        } catch {
            throw ReportError(path: directory + "/" + RunManifest.fileName, reason: "\(error)")
        }
        try AtomicFile.write(manifest, to: directory, name: RunManifest.fileName)
        return tables.map(\.0) + [RunManifest.fileName]
    }
}

extension RunManifest {
    /// The file's name in the output directory.
    public static let fileName = "manifest.json"
}
