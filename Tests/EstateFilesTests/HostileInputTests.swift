import EstateFiles
import EstateModel
import Foundation
import Testing

/// The findings of issue 13 ("Nothing crashes, nothing lost"), one test each: every input gives
/// problems with file, line and key, or loads.
@Suite("Hostile input (issue 13)")
struct HostileInputTests {
    /// The single problem of `scenario`, failing the test if there is not exactly one.
    private func onlyProblem(_ scenario: String, estate: String = goodEstateCSV) throws -> ScenarioProblem {
        let (found, _) = try problems(scenario: scenario, estate: estate)
        try #require(found.count == 1,
                     "expected one problem, got:\n\(found.map(\.description).joined(separator: "\n"))")
        return found[0]
    }

    // MARK: 1, 2 — nesting

    /// Each shape of nesting, `depth` levels deep, at the top of a file.
    static func nested(_ shape: String, depth: Int) -> String {
        switch shape {
        case "dotted key": return Array(repeating: "a", count: depth).joined(separator: ".") + " = 1\n"
        case "table header": return "[" + Array(repeating: "a", count: depth).joined(separator: ".") + "]\n"
        case "inline tables":
            return "x = " + String(repeating: "{a=", count: depth - 1) + "1"
                + String(repeating: "}", count: depth - 1) + "\n"
        default:
            return "x = " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "\n"
        }
    }

    @Test("nesting deeper than the limit is refused before parsing, with line and key, even 100,000 deep",
          arguments: ["dotted key", "table header", "inline tables", "arrays"], [65, 10_000, 100_000])
    func deepNesting(shape: String, depth: Int) throws {
        let problem = try onlyProblem(Self.nested(shape, depth: depth) + scenarioText())
        #expect(problem.line == 1, "\(problem)")
        #expect(problem.key.hasPrefix(shape.hasPrefix("dotted") || shape.hasPrefix("table") ? "a.a" : "x"),
                "\(problem)")
        #expect(problem.key.count < 80, "a key 100,000 levels deep is shortened")
        #expect(problem.message.contains("expected at most \(ScenarioLimits.nesting)"), "\(problem)")
    }

    @Test("nesting at the limit is parsed, and reported as an unknown key",
          arguments: ["dotted key", "table header", "inline tables", "arrays"])
    func nestingAtTheLimit(shape: String) throws {
        let problem = try onlyProblem(Self.nested(shape, depth: ScenarioLimits.nesting) + scenarioText())
        #expect(problem.message.contains("unknown key in a scenario file"), "\(problem)")
        #expect(problem.line == 1)
    }

    // MARK: 5 — control characters

    @Test("a control character in any string is refused with its key, NUL included", arguments: [
        ("start = \"2015-01\"", "start = \"2015-01\\u0000junk\"", "scenario.start", 3),
        ("estate = \"estate.csv\"", "estate = \"estate.csv\\u0000.bogus\"", "scenario.estate", 5),
        ("name = \"Small\"", "name = \"Small\\U00000000\"", "scenario.name", 2),
        ("name = \"Small\"", "name = \"Sm\\tall\"", "scenario.name", 2),
        ("name = \"Small\"", "name = \"\"\"Sm\nall\"\"\"", "scenario.name", 2),
        ("name = \"Small\"", "name = \"Sm\\u007Fall\"", "scenario.name", 2),
        ("name = \"Small\"", "name = \"Sm\\u0085all\"", "scenario.name", 2),
    ])
    func controlCharacters(_ old: String, _ new: String, _ key: String, _ line: Int) throws {
        let problem = try onlyProblem(scenarioText(settings: goodSettings.replacingOccurrences(of: old, with: new)))
        #expect(problem.key == key && problem.line == line, "\(problem)")
        #expect(problem.message.contains("a string with a control character"), "\(problem)")
    }

    @Test("an id with a NUL does not collide with another id")
    func nulInID() throws {
        let groups = goodGroups.replacingOccurrences(of: "id = \"women\"", with: "id = \"men\\u0000x\"")
        let problem = try onlyProblem(scenarioText(groups: groups))
        #expect(problem.key == "group[2].id", "\(problem)")
        #expect(problem.message.contains("control character (U+0000 or U+0001 at character 4)"), "\(problem)")
    }

    @Test("a NUL in a quoted key does not turn it into a known key")
    func nulInKey() throws {
        let problem = try onlyProblem(scenarioText(settings: goodSettings + "\"seed\\u0000x\" = 7\n"))
        #expect(problem.key == "scenario.seed\u{1}x" && problem.line == 6, "\(problem)")
        #expect(problem.description.contains("scenario.seed\\u{1}x: unknown key"),
                "shown without the control character: \(problem)")
    }

    @Test("a control character in an estate name or region is refused", arguments: ["Alder", "North East"])
    func controlInEstate(_ cell: String) throws {
        let estate = goodEstateCSV.replacingOccurrences(of: cell,
                                                        with: String(cell.prefix(3)) + "\u{1}" + cell.dropFirst(3))
        let problem = try onlyProblem(scenarioText(), estate: estate)
        #expect(problem.key == "row 1, column \(cell == "Alder" ? "name" : "region")" && problem.line == 2,
                "\(problem)")
        #expect(problem.message.contains("control character (U+0000 or U+0001 at character 4)"), "\(problem)")
    }

    @Test("quoted keys are found on their lines, dots and escapes included", arguments: [
        ("\"col.our\" = 1", "scenario.col.our"), ("'colour' = 1", "scenario.colour"),
        ("\"col\\u006Fur\" = 1", "scenario.colour"),
        ("\"a\" . 'b' = 1", "scenario.a"),
    ])
    func quotedKeys(_ line: String, _ key: String) throws {
        let problem = try onlyProblem(scenarioText(settings: goodSettings + line + "\n"))
        #expect(problem.key == key && problem.line == 6, "\(problem)")
    }

    // MARK: 6 — months

    @Test("a month with a sign is refused", arguments: ["2015-+1", "+015-01", "2015- 1"])
    func signedMonth(_ text: String) throws {
        let problem = try onlyProblem(
            scenarioText(settings: goodSettings.replacingOccurrences(of: "2015-01", with: text)))
        #expect(problem.key == "scenario.start" && problem.line == 3 && problem.message.contains("got \"\(text)\""),
                "\(problem)")
    }

    // MARK: 7 — lines

    @Test("an unknown array of tables or dotted table names the line of its header", arguments: [
        ("[[events]]\nmonth = \"2015-02\"\n", "events"), ("[a.b]\nc = 1\n", "a"), ("[[a.b]]\nc = 1\n", "a"),
    ])
    func unknownTablesHaveLines(_ rest: String, _ key: String) throws {
        let problem = try onlyProblem(scenarioText(rest: rest))
        #expect(problem.key == key && problem.line == 21, "\(problem)")
        #expect(problem.message.contains("unknown key in a scenario file"))
    }

    @Test("a byte-order mark before [scenario] keeps the lines of its keys")
    func byteOrderMark() throws {
        let problem = try onlyProblem("\u{FEFF}" + scenarioText(settings: goodSettings + "colour = \"red\"\n"))
        #expect(problem.key == "scenario.colour" && problem.line == 6, "\(problem)")
    }

    @Test("bytes that are not UTF-8 are located by line, column and key")
    func notUTF8() throws {
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", goodEstateCSV)
        var bytes = Array(scenarioText().utf8)
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "S")))  // name = "Small", line 2
        bytes[at] = 0xFF
        let path = "\(directory.path)/scenario.toml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect {
            try ScenarioLoader().load(path: path)
        } throws: { error in
            let problem = (error as? ScenarioLoadError)?.problems.first
            return problem?.line == 2 && problem?.key == "scenario.name"
                && problem?.message == "cannot read the scenario: is not UTF-8 text: "
                                       + "byte 0xFF at column 9 (byte 20 of the file) is not valid UTF-8"
        }
    }

    @Test("an estate file that is not UTF-8 names its row")
    func estateNotUTF8() throws {
        let directory = try ScratchDirectory()
        var bytes = Array(goodEstateCSV.utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "B"))!] = 0xC3  // a lead byte without its continuation, row 2
        let path = "\(directory.path)/estate.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect {
            try ScenarioLoader().loadEstate(path: path)
        } throws: { error in
            let problem = (error as? ScenarioLoadError)?.problems.first
            return problem?.line == 3 && problem?.key == "row 2"
                && problem?.message.contains("byte 0xC3 at column 1") == true
        }
    }

    @Test("special files are refused as what they are, not as a permission problem", arguments: [
        ("/dev/null", "is a character device, expected a regular file"),
        ("/dev/zero", "is a character device, expected a regular file"),
        ("fifo", "is a FIFO (named pipe), expected a regular file"),
        ("folder", "is a directory, expected a regular file"),
    ])
    func specialFiles(_ name: String, _ reason: String) throws {
        let directory = try ScratchDirectory()
        try directory.write("folder/placeholder", "")
        #expect(mkfifo("\(directory.path)/fifo", 0o600) == 0)
        let path = name.hasPrefix("/") ? name : "\(directory.path)/\(name)"
        #expect {
            try ScenarioLoader().load(path: path)
        } throws: { error in
            (error as? ScenarioLoadError)?.problems.map(\.message) == ["cannot read the scenario: \(reason)"]
        }
    }

    @Test("a file in a folder that cannot be searched is a permission problem, not a missing file",
          .enabled(if: getuid() != 0, "root searches every folder"))
    func unsearchableFolder() throws {
        let directory = try ScratchDirectory()
        let path = try directory.write("locked/scenario.toml", scenarioText())
        #expect(chmod("\(directory.path)/locked", 0o600) == 0)
        defer { chmod("\(directory.path)/locked", 0o700) }
        #expect {
            try ScenarioLoader().load(path: path)
        } throws: { error in
            (error as? ScenarioLoadError)?.problems.first?.message.contains("permission denied") == true
        }
    }

    // MARK: 7, 8 — limits with their lines

    @Test("replications are limited by the run's length and the generator, at the replications line", arguments: [
        (24, 10_000_000, "mt19937", "expected at most 7456540 replications for 24 months"),
        (1, 10_000_001, "mt19937", "expected an integer from 1 to 10000000"),
        (12, 2_097_153, "taus2", "expected at most 2097152 replications with the taus2 generator"),
    ])
    func replicationLimits(months: Int, replications: Int, generator: String, message: String) throws {
        let settings = goodSettings.replacingOccurrences(of: "months = 12", with: "months = \(months)")
            + "replications = \(replications)\ngenerator = \"\(generator)\"\n"
        let problem = try onlyProblem(scenarioText(settings: settings))
        #expect(problem.key == "scenario.replications" && problem.line == 6, "\(problem)")
        #expect(problem.message.contains(message), "\(problem)")
    }

    @Test("the most replications each limit allows are accepted", arguments: [
        (24, 7_456_540, "mt19937"), (1, 10_000_000, "mt19937"), (12, 2_097_152, "taus2"),
    ])
    func replicationsAtTheLimit(months: Int, replications: Int, generator: String) throws {
        let settings = goodSettings.replacingOccurrences(of: "months = 12", with: "months = \(months)")
            + "replications = \(replications)\ngenerator = \"\(generator)\"\n"
        let (found, _) = try problems(scenario: scenarioText(settings: settings))
        #expect(found.isEmpty, "\(found)")
        #expect(ScenarioLimits.maximumReplications(months: months, generator: generator == "taus2" ? .taus2 : .mt19937)
                == replications)
    }

    @Test("more groups than the limit are refused at the first one too many")
    func tooManyGroups() throws {
        let group = "[[group]]\nsex = \"male\"\nholds = [\"local\"]\nreceptions = { mean = 1 }\n"
                    + "stay = { distribution = \"fixed\", months = 1 }\n"
        let groups = (1...ScenarioLimits.groups + 1).map { "\(group)id = \"g\($0)\"\n" }.joined()
        let problem = try onlyProblem(scenarioText(groups: groups))
        #expect(problem.key == "group[256]" && problem.line == 7 + 6 * 255, "\(problem)")
        #expect(problem.message == "expected at most 255 [[group]] tables, got 256")
    }

    @Test("more establishments than the limit, with those opened by events, are refused at the event")
    func tooManyEstablishments() throws {
        let rows = (1...ScenarioLimits.establishments - 4).map { "E\($0),male,local,public,North,1,1,1,\n" }.joined()
        let event = "[[event]]\nmonth = \"2015-02\"\nkind = \"open\"\nsex = \"male\"\nfunction = \"local\"\ncna = 1\n"
                    + "operational_capacity = 1\n"
        let events = (1...2).map { "\(event)establishment = \"New \($0)\"\n" }.joined()
        let problem = try onlyProblem(scenarioText(rest: events), estate: goodEstateCSV + rows)
        #expect(problem.key == "event[2]" && problem.line == 29, "\(problem)")
        #expect(problem.message.contains("expected at most 65534 establishments"), "\(problem)")
    }
}
