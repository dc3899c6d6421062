public import EstateResults
import Foundation
import Synchronization

/// Writes the files of a run into a folder — `monthly.csv`, `establishments.csv`,
/// `results.sqlite`, `report.html` and `manifest.json` — each atomically (see `AtomicFile`), the manifest last.
/// `OutputDirectory` makes the set appear in the user's folder at once.
///
/// Several scenarios run together go into the same files, one block of rows per scenario, labelled
/// by scenario name. The same seed and replications give byte-identical CSV files and manifest,
/// and the same table contents, whatever the number of threads or shards they ran on.
///
/// ```swift
/// let results = try Batch.run(SimulationPlan(scenario), replications: Array(0..<100), jobs: 2)
/// let written = try ReportWriter(directory: "runs/fixture").write([results])
/// ```
public struct ReportWriter: Sendable {
    /// The output directory; created, with its parents, if missing.
    public let directory: String

    /// A writer into `directory`.
    public init(directory: String) { self.directory = directory }

    /// The CSV files of a run and the tables they show.
    public static let csvFiles = [("monthly.csv", \ResultTables.monthly),
                                  ("establishments.csv", \.establishmentMonthly)]

    /// Writes every file and returns their names in the order written (the manifest last, so that
    /// a directory with a manifest is complete); `created` is recorded in the store's `runs` table.
    /// Each replication's series (for `replication_monthly`) are read from `spool` and from the
    /// results themselves (`BatchResults.series`): together they must be every replication held.
    ///
    /// - Throws: `ReportError` if the directory cannot be created, a file cannot be written, or
    ///   the series read are not those of the results.
    @discardableResult
    public func write(_ results: [BatchResults], spool: SeriesSpool = SeriesSpool(),
                      created: Date = Date()) throws(ReportError) -> [String] {
        try AtomicFile.makeDirectories(directory)
        let tables = ResultTables(results)
        let files = Self.csvFiles.map(\.0) + [ResultsDatabase.fileName, ReportPage.fileName]
        let manifest = RunManifest(results, files: files)
        let runs = manifest.runsTable(created: created)
        // The store on one core, the CSV files on the other.
        let failure = Mutex<ReportError?>(nil)
        let directory = directory
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            do throws(ReportError) {
                if part == 0 {
                    try ResultsDatabase.write([runs]
                                              + tables.all(series: Series(spool: spool, held: HeldSeries(results))),
                                              to: directory)
                } else {
                    for (name, table) in Self.csvFiles {
                        try TableCSV.write(tables[keyPath: table], to: directory, name: name)
                    }
                    // From the tables as the store holds them, so `estate-sim report` rebuilds the same bytes.
                    let page = ReportPage.html(StoredRun(tables: tables, runs: runs))
                    try AtomicFile.write(Data(page.utf8), to: directory, name: ReportPage.fileName)
                }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        try write(manifest)
        return files + [RunManifest.fileName]
    }

    /// Writes a shard folder: the saved results (`results.plist`), which `estate-sim merge`
    /// combines exactly, every replication's series in one file (`series.bin`, from `spool` and
    /// the results' own `series`), and its manifest naming the shard. Returns the names written.
    @discardableResult
    public func writeShard(_ results: [BatchResults], spool: SeriesSpool = SeriesSpool(),
                           shard: String) throws(ReportError) -> [String] {
        try AtomicFile.makeDirectories(directory)
        var results = results, spool = spool
        // The series still held go into the spool first, so the shard's file holds them all.
        for k in results.indices where !results[k].series.isEmpty {
            try spool.write(results[k].takeSeries(), scenario: k, to: directory,
                            name: AtomicFile.temporaryPrefix + "held-\(k)-" + SeriesSpool.fileName)
        }
        try spool.copy(to: directory)
        for file in spool.files where file.hasPrefix(directory + "/" + AtomicFile.temporaryPrefix + "held-") {
            try? FileManager.default.removeItem(atPath: file)
        }
        try SavedResults.write(results, to: directory)
        try write(RunManifest(results, files: [SavedResults.fileName, SeriesSpool.fileName], shard: shard))
        return [SavedResults.fileName, SeriesSpool.fileName, RunManifest.fileName]
    }

    /// Writes `manifest.json`: last, so that a folder with a manifest is complete.
    private func write(_ manifest: RunManifest) throws(ReportError) {
        let json: Data
        do {
            json = try manifest.json()
        } catch {
            throw ReportError(path: directory + "/" + RunManifest.fileName, reason: "\(error)")
        }
        try AtomicFile.write(json, to: directory, name: RunManifest.fileName)
    }
}

/// The series spooled on disk, then those the results hold.
private struct Series: SeriesSource {
    let spool: SeriesSpool
    let held: HeldSeries
    func forEachSeries(_ body: (Int, ReplicationSeries) throws -> Void) throws {
        try spool.forEachSeries(body)
        try held.forEachSeries(body)
    }
}
