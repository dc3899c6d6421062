public import EstateResults
import EstateModel
import Foundation

/// The saved form of results (`results.plist`): the `BatchResults` of every scenario of a run, as
/// a binary property list with the counts packed. A shard folder holds it, and so do the
/// checkpoints of a run in progress; `estate-sim merge` and `--resume` read it back and merge
/// exactly. It is for EstateSim to read again, not a format for users (they have results.sqlite).
public enum SavedResults {
    /// The file's name in a shard folder.
    public static let fileName = "results.plist"

    /// `results` encoded.
    public static func data(_ results: [BatchResults]) throws(ReportError) -> Data {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        do {
            return try encoder.encode(results)
        } catch {
            throw ReportError(path: fileName, reason: "cannot encode the results: \(error)")
        }
    }

    /// Writes `results` atomically to `directory/name`.
    public static func write(_ results: [BatchResults], to directory: String,
                             name: String = fileName) throws(ReportError) {
        try AtomicFile.write(try data(results), to: directory, name: name)
    }

    /// The results saved in the file at `path`.
    ///
    /// - Throws: `ReportError` naming the file when it cannot be read or is not saved results.
    public static func read(_ path: String) throws(ReportError) -> [BatchResults] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReportError(path: path, reason: "cannot read it (\(error.localizedDescription))", verb: "cannot read")
        }
        do {
            return try PropertyListDecoder().decode([BatchResults].self, from: data)
        } catch {
            throw ReportError(path: path, reason: "not results saved by estate-sim \(estateSimVersion) (\(error))",
                              verb: "cannot read")
        }
    }
}
