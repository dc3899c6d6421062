import Foundation
import Testing

@Suite("estate-sim run, end to end", .serialized)
struct RunCommandTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "estate-sim-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("running the fixture writes the three files with the contracted headers and one row per month")
    func fixture() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/run"
        let result = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "20", "--jobs", "2", "--out", out])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains(out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            == ["establishments.csv", "manifest.json", "monthly.csv"])

        let monthly = try String(contentsOfFile: out + "/monthly.csv", encoding: .utf8).split(separator: "\n")
        #expect(monthly.first?.hasPrefix("scenario,month,population_mean,population_sd,population_p05,") == true)
        #expect(monthly.first?.hasSuffix(",population_male-remand_mean,population_male-sentenced_mean,population_female_mean") == true)
        #expect(monthly.count == 1 + 24)  // the fixture runs 24 months
        #expect(monthly[1].hasPrefix("EstateSim fixture,2015-01,"))
        #expect(monthly[24].hasPrefix("EstateSim fixture,2016-12,"))

        let establishments = try String(contentsOfFile: out + "/establishments.csv", encoding: .utf8).split(separator: "\n")
        let expectedHeader = "scenario,month,establishment,function,sex,baseline_cna,in_use_cna,"
            + "operational_capacity,population_mean,population_p05,population_p95,crowded_mean,pct_pop_to_in_use_cna_mean"
        #expect(establishments.first.map(String.init) == expectedHeader)
        // Four establishments for 24 months, less Brookfield after its close (2015-10) and three-month run-down.
        #expect(establishments.count == 1 + 3 * 24 + 12)

        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
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
        try Data("[scenario]\nname = \"bad\"\nmonths = -1\ncolour = \"red\"\n".utf8).write(to: URL(fileURLWithPath: bad))
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
        let result = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "2", "--out", root + "/file/run"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("cannot write \(root)/file/run"))
    }

    @Test("--shard and --resume say they are not built yet and exit 1", arguments: [
        ["--shard", "1/2"], ["--resume", "--out", "runs/none"],
    ])
    func notBuiltYet(options: [String]) throws {
        let result = try EstateSimBinary.run(["run", "Models/fixture.toml"] + options)
        #expect(result.status == 1)
        #expect(result.standardError.contains("not built yet"))
    }
}
