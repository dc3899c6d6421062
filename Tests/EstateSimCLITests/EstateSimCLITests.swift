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
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == """
            Models/fixture.toml: ok: "EstateSim fixture": 4 establishments, 3 groups, 2 events, 0 policies, \
            24 months (2015-01 to 2016-12)
            """)
        // Then the memory a run of it would need (the fixture: the program itself, about 50 MB).
        #expect(lines.count == 2 && lines[1].hasPrefix("memory: about ")
                && lines[1].contains(" MB at the peak with --jobs "),
                "\(result.standardOutput)")
    }

    @Test("check lists every problem of a bad scenario on stderr and exits 2")
    func checkBad() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("estate-sim-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try String(contentsOf: EstateSimBinary.packageRoot.appendingPathComponent("Models/fixture.toml"),
                                 encoding: .utf8)
        let bad = fixture
            .replacingOccurrences(of: "../Data/fixture-estate.csv",
                                  with: "\(EstateSimBinary.packageRoot.path)/Data/fixture-estate.csv")
            .replacingOccurrences(of: "months = 24", with: "months = 24\ncolour = \"red\"")
            .replacingOccurrences(of: "sd = 2.5 }", with: "sd = -2.5 }")
        try bad.write(to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)

        let result = try EstateSimBinary.run(
            ["check", "bad.toml", "\(EstateSimBinary.packageRoot.path)/Models/fixture.toml"], in: directory)
        #expect(result.status == 2)
        #expect(result.standardError.contains("bad.toml:11: scenario.colour: unknown key in [scenario]"))
        #expect(result.standardError.contains("bad.toml:23: group[1].stay.sd: "
                                              + "expected a number of months > 0 (at most 1200), got -2.5"))
        #expect(result.standardError.contains("2 problems in 1 of 2 scenarios"))
        #expect(result.standardOutput.contains("ok: \"EstateSim fixture\""), "the good scenario is still summarised")
    }

    /// Edits of the fixture scenario that make it invalid, and what the message must name:
    /// problems the loader finds and problems only compiling the plan finds alike.
    static let badEdits: [(edit: (String, String), expected: String)] = [
        (("months = 24", "months = 0"), "scenario.months"),
        (("replications = 50", "replications = 50\ngenerator = \"xorshift\""), "scenario.generator"),
        (("id = \"female\"", "id = \"male-remand\""), "male-remand"),
        (("to = [\"cat-c\"]", "to = [\"local\"]"), "progression"),
        (("probability = 0.10, to = \"male-sentenced\"", "probability = 0.10, to = \"nobody\""), "nobody"),
        (("crowding_factor = 2", "crowding_factor = -1"), "crowding_factor"),
        (("initial = 1600\nprogression = { from = \"local\", to = [\"cat-c\"], "
              + "after = { distribution = \"exponential\", mean = 2.0 } }\nrecall = { probability = 0.10",
          "progression = { from = \"local\", to = [\"cat-c\"], "
              + "after = { distribution = \"exponential\", mean = 2.0 } }\nrecall = { probability = 1.0"),
         "no steady state"),
        (("replications = 50", "replications = 3000000\ngenerator = \"taus2\""), "taus2"),
        (("rundown_months = 3", "rundown_months = 3\n\n[costs]\nplace = -27675"),
         "costs.place: expected pounds a year from 0 to 10000000, got -27675"),
        (("rundown_months = 3", "rundown_months = 3\ncost = \"£25m\""), "event[2].cost: expected pounds from"),
        (("rundown_months = 3", "rundown_months = 3\n\n[costs.function]\ncat-c = { place = 1, rent = 2 }"),
         "costs.function.cat-c.rent: unknown key in costs.function.cat-c; expected one of: place, prisoner"),
    ]

    @Test("check exits 2 on a table of bad scenarios, naming the problem", arguments: badEdits.indices)
    func checkTable(index: Int) throws {
        let (edit, expected) = Self.badEdits[index]
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("estate-sim-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try String(contentsOf: EstateSimBinary.packageRoot.appendingPathComponent("Models/fixture.toml"),
                                 encoding: .utf8)
        #expect(fixture.contains(edit.0), "the fixture no longer has \(edit.0)")
        let bad = fixture
            .replacingOccurrences(of: "../Data/fixture-estate.csv",
                                  with: "\(EstateSimBinary.packageRoot.path)/Data/fixture-estate.csv")
            .replacingOccurrences(of: edit.0, with: edit.1)
        try bad.write(to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let result = try EstateSimBinary.run(["check", "bad.toml"], in: directory)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardError.contains("bad.toml"))
        #expect(result.standardError.contains(expected), "\(result.standardError)")
    }

    @Test("a missing scenario file exits 2 with the reason")
    func checkMissing() throws {
        let result = try EstateSimBinary.run(["check", "Models/no-such-scenario.toml"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("Models/no-such-scenario.toml: cannot read the scenario: no such file"))
    }

    @Test("usage errors exit 2, not ArgumentParser's 64", arguments: [
        ["check"], ["check", "Models/fixture.toml", "--frobnicate"], ["run", "Models/fixture.toml", "--shard", "2/2"],
        ["run", "Models/fixture.toml", "--shard", "-1/2"], ["merge", "--out", "x"],
        ["run", "Models/fixture.toml", "--replications", "0"], ["compare", "a"], ["no-such-command"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try EstateSimBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains("Error:") || result.standardError.contains("unknown command"))
    }

    @Test("negative numbers for --replications, --jobs and --seed say what is wrong, not \"Missing value\"",
          arguments: [
              (["--replications", "-5"], "--replications must be from 1 to 10000000, got -5"),
              (["--jobs", "-1"], "--jobs must be from 1 to 1024, got -1"),
              (["--seed", "-1"], "--seed must be a whole number from 0 to 18446744073709551615, got -1"),
          ])
    func negativeNumbers(_ options: [String], expected: String) throws {
        let result = try EstateSimBinary.run(["run", "Models/fixture.toml"] + options)
        #expect(result.status == 2)
        #expect(result.standardError.contains(expected), "\(result.standardError)")
        #expect(!result.standardError.contains("Missing value"))
    }

    @Test("a mistyped command suggests the nearest one and exits 2", arguments: [
        ("rnu", "run"), ("chek", "check"), ("ru", "run"), ("Run", "run"),
    ])
    func suggestion(typed: String, nearest: String) throws {
        let result = try EstateSimBinary.run([typed, "Models/fixture.toml"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("unknown command '\(typed)'; did you mean '\(nearest)'?"),
                "\(result.standardError)")
    }

    @Test("a word far from every command gets the list of commands, no guess")
    func noSuggestion() throws {
        let result = try EstateSimBinary.run(["frobnicate"])
        #expect(result.status == 2)
        #expect(!result.standardError.contains("did you mean"))
        #expect(result.standardError.contains("Commands: check, run, merge, report, compare"))
    }

    @Test("every command has --help with a summary, usage and an example",
          arguments: ["check", "run", "merge", "report", "compare"])
    func help(_ command: String) throws {
        let result = try EstateSimBinary.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("OVERVIEW:"))
        #expect(result.standardOutput.contains("USAGE: estate-sim \(command)"))
        #expect(result.standardOutput.contains("estate-sim \(command) "), "an example")
    }

    @Test("the root --help lists the commands that work, and no other")
    func rootHelp() throws {
        let result = try EstateSimBinary.run(["--help"])
        #expect(result.status == 0)
        for command in ["check", "run", "merge", "report", "compare"] {
            #expect(result.standardOutput.contains("  \(command) "), "\(command) listed")
        }
    }
}
