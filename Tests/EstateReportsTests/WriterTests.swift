import EstateEngine
import EstateModel
import EstateRandom
import EstateReports
import EstateResults
import Foundation
import Testing

@Suite("Writing a run's files")
struct WriterTests {
    let files = ["monthly.csv", "establishments.csv", "results.sqlite", "report.html", "manifest.json"]
    let byteIdentical = ["monthly.csv", "establishments.csv", "manifest.json"]

    @Test("the same seed gives byte-identical files on one thread and on two")
    func threadIndependence() throws {
        let scenario = Fixture.scenario(replications: 40)
        let one = try Fixture.temporaryDirectory(), two = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: one); try? FileManager.default.removeItem(atPath: two) }
        try ReportWriter(directory: one).write([Fixture.run(scenario, jobs: 1),
                                                Fixture.run(Fixture.scenario(name: "other"), jobs: 1)])
        try ReportWriter(directory: two).write([Fixture.run(scenario, jobs: 2),
                                                Fixture.run(Fixture.scenario(name: "other"), jobs: 2)])
        for name in byteIdentical {
            let a = try Data(contentsOf: URL(fileURLWithPath: one + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: two + "/" + name))
            #expect(!a.isEmpty && a == b, "\(name) differs between 1 and 2 jobs")
        }
        #expect(try StoreContents(one + "/results.sqlite") == StoreContents(two + "/results.sqlite"))
    }

    @Test("a finished write leaves exactly the five files and no temporary file, replacing old ones")
    func noTemporaryFiles() throws {
        let directory = try Fixture.temporaryDirectory() + "/nested/run"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: directory + "/monthly.csv"))
        let written = try ReportWriter(directory: directory)
            .write([Fixture.run(Fixture.scenario(months: 2, replications: 3))])
        #expect(written == files)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == files.sorted())
        let monthly = try String(contentsOfFile: directory + "/monthly.csv", encoding: .utf8)
        #expect(monthly.hasPrefix("scenario,month,replications,population_mean"))
    }

    @Test("an unwritable directory is a clear error and leaves nothing behind")
    func unwritable() throws {
        let parent = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let blocker = parent + "/not-a-directory"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let result = try Fixture.run(Fixture.scenario(months: 2, replications: 3))
        let error = #expect(throws: ReportError.self) { try ReportWriter(directory: blocker + "/run").write([result]) }
        #expect(error?.description.hasPrefix("cannot write \(blocker)/run") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["not-a-directory"])
    }

    @Test("AtomicFile removes its temporary file when the rename fails")
    func failedRename() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A non-empty directory under the final name makes rename(2) fail after the bytes were written.
        try FileManager.default.createDirectory(atPath: directory + "/monthly.csv/inside",
                                                withIntermediateDirectories: true)
        #expect(throws: ReportError.self) {
            try AtomicFile.write(Data("a,b\n".utf8), to: directory, name: "monthly.csv")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["monthly.csv"])
    }

    @Test("the manifest records versions, generator, seed, replications, provenance and files, and no time")
    func manifest() throws {
        let scenario = Fixture.scenario(replications: 6)
        let plan = try SimulationPlan(scenario)
        let result = try Batch.run(plan, replications: [0, 1, 2, 5, 7, 8], jobs: 2)
        let manifest = RunManifest([result], files: ["monthly.csv", "establishments.csv"])
        let json = try manifest.json()
        let decoded = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(decoded["estatesim_version"] as? String == estateSimVersion)
        #expect(decoded["gsl_version"] as? String == GSLRuntime.version)
        #expect(decoded["files"] as? [String] == ["monthly.csv", "establishments.csv"])
        let entry = try #require((decoded["scenarios"] as? [[String: Any]])?.first)
        #expect(entry["name"] as? String == "tiny")
        #expect(entry["generator"] as? String == "mt19937")
        #expect(entry["seed"] as? Int == 11)
        #expect(entry["start"] as? String == "2020-11")
        #expect(entry["months"] as? Int == 8)
        #expect(entry["scenario_hash"] as? String == "abc")
        #expect(entry["estate_path"] as? String == "Data/tiny.csv")
        let replications = try #require(entry["replications"] as? [String: Any])
        #expect(replications["count"] as? Int == 6)
        #expect(replications["indices"] as? [String] == ["0-2", "5", "7-8"])
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains("jobs") && !text.contains("time") && !text.contains("date"))
    }
}
