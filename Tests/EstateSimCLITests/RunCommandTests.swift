import Foundation
import Testing

@Suite("estate-sim run, end to end", .serialized)
struct RunCommandTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "estate-sim-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("running the fixture writes the five files with the contracted headers, one row per month, and a summary")
    func fixture() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/run"
        let result = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "20", "--jobs", "2",
                                              "--out", out])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains(out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            == ["establishments.csv", "manifest.json", "monthly.csv", "report.html", "results.sqlite"])
        // Nothing left beside it: no staging folder, no lock file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["run"])
        // The summary: the worst month of headroom of each estate with P(over), the most crowded at the horizon.
        for estate in ["national", "male", "female"] {
            #expect(result.standardOutput.contains(Regex<Substring>(verbatim: estate)), "\(estate) in the summary")
        }
        #expect(result.standardOutput.contains("worst month of headroom (p05)"))
        #expect(result.standardOutput.contains("P(over) "))
        #expect(result.standardOutput.contains("most crowded at 2016-12"))
        // And its cost: places at the direct rate, the same in every replication.
        #expect(result.standardOutput.contains("  cost 2015-01…2016-12: £"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("of which one-off £0.0 m"))

        let monthly = try String(contentsOfFile: out + "/monthly.csv", encoding: .utf8).split(separator: "\n")
        #expect(monthly.first?.hasPrefix("scenario,month,replications,population_mean,population_sd,population_p05,")
                == true)
        #expect(monthly.first?.contains(",population_male-remand_mean,population_male-sentenced_mean,"
                                        + "population_female_mean,") == true)
        #expect(monthly.count == 1 + 24)  // the fixture runs 24 months
        #expect(monthly[1].hasPrefix("EstateSim fixture,2015-01,"))
        #expect(monthly[24].hasPrefix("EstateSim fixture,2016-12,"))

        let establishments = try String(contentsOfFile: out + "/establishments.csv", encoding: .utf8)
            .split(separator: "\n")
        let expectedHeader = "scenario,month,establishment,function,sex,sector,region,baseline_cna,in_use_cna,"
            + "operational_capacity,population_mean,population_p05,population_p95,crowded_mean,crowded_p05,crowded_p95,"
            + "pct_pop_to_in_use_cna_mean,p_over_operational_capacity"
        #expect(establishments.first.map(String.init) == expectedHeader)
        // Four establishments for 24 months, less Brookfield after its close (2015-10) and three-month run-down.
        #expect(establishments.count == 1 + 3 * 24 + 12)

        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
        let scenario = try #require(((manifest as? [String: Any])?["scenarios"] as? [[String: Any]])?.first)
        #expect((scenario["replications"] as? [String: Any])?["count"] as? Int == 20)
        #expect(scenario["seed"] as? Int == 7)
    }

    @Test("the same seed gives the same bytes on one job and on two")
    func jobsDoNotChangeBytes() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for jobs in ["1", "2"] {
            let result = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "12", "--seed", "99",
                                                  "--jobs", jobs, "--out", root + "/jobs-" + jobs])
            #expect(result.status == 0, "stderr: \(result.standardError)")
        }
        for name in ["monthly.csv", "establishments.csv", "manifest.json"] {
            let one = try Data(contentsOf: URL(fileURLWithPath: root + "/jobs-1/" + name))
            let two = try Data(contentsOf: URL(fileURLWithPath: root + "/jobs-2/" + name))
            #expect(one == two, "\(name) differs")
        }
    }

    @Test("an invalid scenario lists its problems on stderr, exits 2 and writes nothing")
    func invalidInput() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bad = root + "/bad.toml"
        try Data("[scenario]\nname = \"bad\"\nmonths = -1\ncolour = \"red\"\n".utf8)
            .write(to: URL(fileURLWithPath: bad))
        let result = try EstateSimBinary.run(["run", bad, "--out", root + "/out"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("scenario.months"))
        #expect(result.standardError.contains("colour"))
        #expect(!FileManager.default.fileExists(atPath: root + "/out"))
    }

    @Test("an unwritable output directory is a clear error with exit 1")
    func unwritableOutput() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data().write(to: URL(fileURLWithPath: root + "/file"))
        let result = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "2", "--out",
                                              root + "/file/run"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("cannot write \(root)/file"))
    }

    @Test("a folder holding an earlier run is refused with exit 2 unless --force, which replaces it whole")
    func existingRun() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/run"
        let first = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "4", "--seed", "1",
                                             "--out", out, "--quiet"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.isEmpty, "--quiet prints nothing")
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/monthly.csv"))
        let refused = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "4", "--seed", "2",
                                               "--out", out])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("holds an earlier run; give --force"), "\(refused.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/monthly.csv")) == before)
        // With --force the new set replaces the old one, and nothing else is left.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/stale.txt"))
        let forced = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "4", "--seed", "2",
                                              "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/monthly.csv")) != before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            == ["establishments.csv", "manifest.json", "monthly.csv", "report.html", "results.sqlite"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["run"])
    }

    @Test("an empty or root --out, or a folder of other files, is invalid input", arguments: [
        ("", "empty path"), ("/", "the root folder"), ("OTHER", "not an estate-sim run"),
    ])
    func invalidOut(out: String, expected: String) throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/other", withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: root + "/other/notes.txt"))
        let result = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "2", "--out",
                                              out == "OTHER" ? root + "/other" : out])
        #expect(result.status == 2)
        #expect(result.standardError.contains(expected), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "/monthly.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/other") == ["notes.txt"])
    }

    @Test("a run killed at any moment leaves the previous complete set, and the next run clears its leftovers")
    func killed() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/run"
        let first = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "4", "--out", out,
                                             "--quiet"])
        #expect(first.status == 0)
        let files = ["establishments.csv", "manifest.json", "monthly.csv", "report.html", "results.sqlite"]
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) }
        for (signal, delay) in [(SIGKILL, 0.3), (SIGKILL, 1.0), (SIGTERM, 0.5), (SIGINT, 0.8)] {
            let process = try EstateSimBinary.start(["run", "Models/fixture.toml", "--replications", "2000", "--jobs",
                                                     "1", "--out", out, "--force"])
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            #expect(try files.map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) } == before,
                    "signal \(signal) after \(delay) s")
            if signal != SIGKILL {
                // A caught signal removes the staged files at once; the checkpoint stays for --resume.
                #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted()
                    == [".run.estate-sim-partial", "run"])
            }
        }
        let next = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "3", "--out", root + "/run",
                                            "--force"])
        #expect(next.status == 0, "\(next.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["run"])
    }

    @Test("a second run into a folder another run is writing is refused with exit 2, and the first completes")
    func concurrent() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/run"
        let first = try EstateSimBinary.start(["run", "Models/fixture.toml", "--replications", "300", "--jobs", "1",
                                               "--out", out])
        Thread.sleep(forTimeInterval: 0.5)
        let second = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "2", "--out", out,
                                              "--force"])
        #expect(second.status == 2)
        #expect(second.standardError.contains("another estate-sim run is writing this folder"),
                "\(second.standardError)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"count\" : 300"))
    }

    @Test("check and run warn, without failing, when the start's stock is far from the estate's population")
    func startingStockWarning() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fixture = try String(contentsOf: EstateSimBinary.packageRoot.appendingPathComponent("Models/fixture.toml"),
                                 encoding: .utf8)
        let scenario = fixture
            .replacingOccurrences(of: "../Data/fixture-estate.csv",
                                  with: "\(EstateSimBinary.packageRoot.path)/Data/fixture-estate.csv")
            .replacingOccurrences(of: "initial = 1600", with: "initial = 2000")
        try scenario.write(toFile: root + "/high.toml", atomically: true, encoding: .utf8)
        let check = try EstateSimBinary.run(["check", root + "/high.toml"])
        #expect(check.status == 0)
        // 480 + 2,000 + 320 against the file's 1,000 + 290 + 790 + 320.
        #expect(check.standardError.contains("warning: the groups' stock at the start (2,800) differs from the "
                                             + "estate file's population total (2,400) by +16.7 %"),
                "\(check.standardError)")
        #expect(check.standardError.contains("is above useable operational capacity"))
        let run = try EstateSimBinary.run(["run", root + "/high.toml", "--replications", "2", "--out", root + "/out"])
        #expect(run.status == 0)
        #expect(run.standardError.contains("warning: the groups' stock at the start (2,800)"))
    }
}
