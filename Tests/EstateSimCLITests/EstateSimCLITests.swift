import Foundation
import Testing

@Suite("The estate-sim command line")
struct EstateSimCLITests {
    @Test("--version prints the EstateSim version, the GSL version and the default generator")
    func version() throws {
        let result = try EstateSimBinary.run(["--version"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "estate-sim 0.1.0")
        #expect(lines.contains { $0.hasPrefix("GSL 2.") })
        #expect(lines.contains("default generator mt19937"))
    }

    @Test("check accepts the fixture scenario and summarises it on one line")
    func checkGood() throws {
        let result = try EstateSimBinary.run(["check", "Models/fixture.toml"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        #expect(result.standardOutput == """
            Models/fixture.toml: ok: "EstateSim fixture": 4 establishments, 3 groups, 2 events, 0 policies, 24 months (2015-01 to 2016-12)

            """)
    }

    @Test("check lists every problem of a bad scenario on stderr and exits 2")
    func checkBad() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("estate-sim-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try String(contentsOf: EstateSimBinary.packageRoot.appendingPathComponent("Models/fixture.toml"), encoding: .utf8)
        let bad = fixture
            .replacingOccurrences(of: "../Data/fixture-estate.csv", with: "\(EstateSimBinary.packageRoot.path)/Data/fixture-estate.csv")
            .replacingOccurrences(of: "months = 24", with: "months = 24\ncolour = \"red\"")
            .replacingOccurrences(of: "sd = 2.5 }", with: "sd = -2.5 }")
        try bad.write(to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)

        let result = try EstateSimBinary.run(["check", "bad.toml", "\(EstateSimBinary.packageRoot.path)/Models/fixture.toml"], in: directory)
        #expect(result.status == 2)
        #expect(result.standardError.contains("bad.toml:11: scenario.colour: unknown key in [scenario]"))
        #expect(result.standardError.contains("bad.toml:23: group[1].stay.sd: expected a number of months > 0 (at most 1200), got -2.5"))
        #expect(result.standardError.contains("2 problems in 1 of 2 scenarios"))
        #expect(result.standardOutput.contains("ok: \"EstateSim fixture\""), "the good scenario is still summarised")
    }

    @Test("a missing scenario file exits 2 with the reason")
    func checkMissing() throws {
        let result = try EstateSimBinary.run(["check", "Models/no-such-scenario.toml"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("Models/no-such-scenario.toml: cannot read the scenario: no such file"))
    }

    @Test("usage errors exit 2, not ArgumentParser's 64", arguments: [
        ["check"], ["check", "Models/fixture.toml", "--frobnicate"], ["run", "Models/fixture.toml", "--shard", "5/4"],
        ["run", "Models/fixture.toml", "--replications", "0"], ["compare", "a"], ["no-such-command"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try EstateSimBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains("Error:"))
    }

    @Test("commands not built yet say so and exit 1", arguments: [
        ["merge", "a", "b", "--out", "c"], ["report", "runs/x"], ["compare", "a", "b"],
    ])
    func notBuiltYet(_ arguments: [String]) throws {
        let result = try EstateSimBinary.run(arguments)
        #expect(result.status == 1)
        #expect(result.standardError.contains("not built yet"))
    }

    @Test("every command has --help with a summary, usage and an example", arguments: ["check", "run", "merge", "report", "compare"])
    func help(_ command: String) throws {
        let result = try EstateSimBinary.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("OVERVIEW:"))
        #expect(result.standardOutput.contains("USAGE: estate-sim \(command)"))
        #expect(result.standardOutput.contains("estate-sim \(command) "), "an example")
    }

    @Test("the root --help lists the subcommands")
    func rootHelp() throws {
        let result = try EstateSimBinary.run(["--help"])
        #expect(result.status == 0)
        for command in ["check", "run", "merge", "report", "compare"] {
            #expect(result.standardOutput.contains("  \(command) "), "\(command) listed")
        }
    }
}
