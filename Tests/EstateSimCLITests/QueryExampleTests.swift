import Foundation
import Testing

/// README's example queries of `results.sqlite` (Scripts/queries/), run for real on a fresh run of
/// the fixture and checked against the CSV files of the same run.
@Suite("README's example queries of results.sqlite", .serialized)
struct QueryExampleTests {
    /// A run of the fixture shared by the examples, and its monthly.csv and establishments.csv as records.
    static let run: Result<(store: String, monthly: [[String]], establishments: [[String]]), any Error> = Result {
        let root = NSTemporaryDirectory() + "estate-sim-queries-" + UUID().uuidString
        let result = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "40", "--out",
                                              root + "/run", "--quiet"])
        guard result.status == 0 else { throw Failure(description: result.standardError) }
        func records(_ name: String) throws -> [[String]] {
            try String(contentsOfFile: root + "/run/" + name, encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        return (root + "/run/results.sqlite", try records("monthly.csv"), try records("establishments.csv"))
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func script(_ name: String) -> String { EstateSimBinary.packageRoot.path + "/Scripts/queries/" + name }

    /// Runs `program script store` and returns its standard output's lines.
    static func lines(_ program: String, _ script: String, _ store: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program, script, store]
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "\(program) \(script): \(message)") }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: ",").map(String.init)
        }
    }

    @Test("README shows each example exactly as it is run here")
    func inReadme() throws {
        let readme = try String(contentsOfFile: EstateSimBinary.packageRoot.path + "/README.md", encoding: .utf8)
        for name in ["male-winter-risk.py", "over-capacity-duckdb.py", "horizon-headroom.R"] {
            let text = try String(contentsOfFile: Self.script(name), encoding: .utf8)
            #expect(readme.contains(text), "README.md does not show Scripts/queries/\(name) as it is")
        }
    }

    @Test("Python's sqlite3: the male estate's winter risk equals monthly.csv's male_p_over_useable_capacity")
    func sqlite3() throws {
        let run = try Self.run.get()
        let lines = try Self.lines("python3", Self.script("male-winter-risk.py"), run.store)
        let header = run.monthly[0]
        let p = try #require(header.firstIndex(of: "male_p_over_useable_capacity"))
        let winter = run.monthly.dropFirst().filter { ["11", "12", "01", "02"].contains(String($0[1].suffix(2))) }
        #expect(lines.count == winter.count && !lines.isEmpty)
        for (line, row) in zip(lines, winter) {
            #expect(line[1] == row[1])
            #expect(line[2] == row[p], "\(row[1])")
            #expect(Double(line[3])! <= Double(line[2])! && Double(line[2])! <= Double(line[4])!)
        }
    }

    @Test("DuckDB reads results.sqlite: its most-often-over establishments agree with establishments.csv")
    func duckdb() throws {
        let run = try Self.run.get()
        let lines = try Self.lines("python3", Self.script("over-capacity-duckdb.py"), run.store)
        let header = run.establishments[0]
        let name = try #require(header.firstIndex(of: "establishment"))
        let over = try #require(header.firstIndex(of: "p_over_operational_capacity"))
        var shares = [String: [Double]]()
        for row in run.establishments.dropFirst() { shares[row[name], default: []].append(Double(row[over])!) }
        #expect(lines.count == min(5, shares.count))
        for line in lines {
            let values = try #require(shares[line[1]])
            #expect(abs(Double(line[3])! - values.reduce(0, +) / Double(values.count)) < 1e-4, "\(line)")
        }
        let shown = lines.map { Double($0[3])! }
        #expect(shown == shown.sorted(by: >))
    }

    static let hasR: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["Rscript", "-e", "library(RSQLite)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("R's RSQLite example runs",
          .enabled(if: hasR, "R with RSQLite is not installed here: the R example is documented, not run"))
    func rsqlite() throws {
        let run = try Self.run.get()
        let lines = try Self.lines("Rscript", Self.script("horizon-headroom.R"), run.store)
        #expect(!lines.isEmpty)
    }
}
