import EstateFiles
import Testing

/// One malformed scenario or estate file and the problem it must produce.
struct BadCase: CustomTestStringConvertible, Sendable {
    var name: String
    var scenario: String = scenarioText()
    var estate: String = goodEstateCSV
    /// The file the problem must name: "scenario.toml" or "estate.csv".
    var file = "scenario.toml"
    var key: String
    /// A part of the message that states the expectation.
    var expectation: String
    var line: Int?

    var testDescription: String { name }
}

private func settings(adding line: String) -> String { goodSettings + line + "\n" }
private func settings(replacing old: String, with new: String) -> String {
    goodSettings.replacingOccurrences(of: old, with: new)
}
private func groups(replacing old: String, with new: String) -> String {
    goodGroups.replacingOccurrences(of: old, with: new)
}
private func estate(replacing old: String, with new: String) -> String {
    goodEstateCSV.replacingOccurrences(of: old, with: new)
}

private let houseblock = """
    [[event]]
    id = "hb"
    month = "2015-03"
    kind = "houseblock"
    establishment = "Alder"
    cna = 10
    operational_capacity = 10

    """

let badCases: [BadCase] = [
    // Keys that are not part of the format
    BadCase(name: "an unknown top-level table", scenario: scenarioText(rest: "[extras]\na = 1\n"),
            key: "extras",
            expectation: "unknown key in a scenario file; expected one of: scenario, group, event, policy"),
    BadCase(name: "an unknown [scenario] key", scenario: scenarioText(settings: settings(adding: "colour = \"blue\"")),
            key: "scenario.colour", expectation: "unknown key in [scenario]", line: 6),
    BadCase(name: "a misspelt group key",
            scenario: scenarioText(groups: groups(replacing: "receptions = { mean = 20 }",
                                                  with: "receptions = { mean = 20 }\nstays = 3")),
            key: "group[2].stays", expectation: "unknown key in a [[group]]", line: 19),
    BadCase(name: "a parameter of another distribution",
            scenario: scenarioText(groups: groups(replacing: "mean = 4.0 }", with: "mean = 4.0, sd = 1 }")),
            key: "group[2].stay.sd",
            expectation: "unknown key in an exponential distribution; expected one of: distribution, mean"),
    BadCase(name: "a key of another event kind", scenario: scenarioText(rest: houseblock + "rundown_months = 2\n"),
            key: "event[1].rundown_months", expectation: "unknown key in a houseblock event"),
    // Missing keys and wrong types
    BadCase(name: "a scenario without a name",
            scenario: scenarioText(settings: settings(replacing: "name = \"Small\"\n", with: "")),
            key: "scenario.name", expectation: "missing; expected a non-empty string", line: 1),
    BadCase(name: "a group without a stay",
            scenario: scenarioText(groups: groups(replacing: "stay = { distribution = \"exponential\", mean = 4.0 }",
                                                  with: "")),
            key: "group[2].stay", expectation: "missing; expected a distribution table", line: 14),
    BadCase(name: "months written as a string",
            scenario: scenarioText(settings: settings(replacing: "months = 12", with: "months = \"12\"")),
            key: "scenario.months",
            expectation: "expected a whole number of months from 1 to 1200, got the string \"12\"", line: 4),
    BadCase(name: "a start month written as a TOML date",
            scenario: scenarioText(settings: settings(replacing: "\"2015-01\"", with: "2015-01-01")),
            key: "scenario.start", expectation: "expected a month \"YYYY-MM\", got a date", line: 3),
    BadCase(name: "[[group]] written as a single table", scenario: scenarioText(groups: "[group]\nid = \"men\"\n"),
            key: "group", expectation: "expected [[group]] tables, got a table"),
    // Impossible values
    BadCase(name: "a thirteenth month",
            scenario: scenarioText(settings: settings(replacing: "2015-01", with: "2015-13")),
            key: "scenario.start", expectation: "expected a month \"YYYY-MM\", got \"2015-13\""),
    BadCase(name: "a run of no months",
            scenario: scenarioText(settings: settings(replacing: "months = 12", with: "months = 0")),
            key: "scenario.months", expectation: "expected a whole number of months from 1 to 1200, got 0"),
    BadCase(name: "a run of a thousand years",
            scenario: scenarioText(settings: settings(replacing: "months = 12", with: "months = 12000")),
            key: "scenario.months", expectation: "expected a whole number of months from 1 to 1200, got 12000"),
    BadCase(name: "a stay in days rather than months",
            scenario: scenarioText(groups: groups(replacing: "mean = 4.0 }", with: "mean = 1e300 }")),
            key: "group[2].stay.mean", expectation: "expected a number of months > 0 (at most 1200), got 1e+300"),
    BadCase(name: "an infinite reception mean",
            scenario: scenarioText(groups: groups(replacing: "{ mean = 20 }", with: "{ mean = inf }")),
            key: "group[2].receptions.mean", expectation: "got inf"),
    BadCase(name: "no replications", scenario: scenarioText(settings: settings(adding: "replications = 0")),
            key: "scenario.replications", expectation: "expected an integer from 1 to 10000000, got 0"),
    BadCase(name: "a negative seed", scenario: scenarioText(settings: settings(adding: "seed = -4")),
            key: "scenario.seed", expectation: "expected an integer >= 0, got -4"),
    BadCase(name: "a crowding factor of zero",
            scenario: scenarioText(settings: settings(adding: "crowding_factor = 0")),
            key: "scenario.crowding_factor", expectation: "expected a factor > 0 (at most 100), got 0"),
    BadCase(name: "an unknown generator",
            scenario: scenarioText(settings: settings(adding: "generator = \"xorshift\"")),
            key: "scenario.generator", expectation: "expected one of mt19937"),
    BadCase(name: "a group of both sexes",
            scenario: scenarioText(groups: groups(replacing: "sex = \"female\"", with: "sex = \"both\"")),
            key: "group[2].sex", expectation: "expected one of male, female, got \"both\""),
    BadCase(name: "an unknown function",
            scenario: scenarioText(groups: groups(replacing: "\"cat-c\"]", with: "\"cat-z\"]")),
            key: "group[1].holds[2]", expectation: "expected one of local, cat-b, cat-c", line: 10),
    BadCase(name: "a negative standard deviation",
            scenario: scenarioText(groups: groups(replacing: "sd = 2.0", with: "sd = -1")),
            key: "group[1].stay.sd", expectation: "expected a number of months > 0 (at most 1200), got -1", line: 12),
    BadCase(name: "a zero mean stay",
            scenario: scenarioText(groups: groups(replacing: "mean = 3.0", with: "mean = 0.0")),
            key: "group[1].stay.mean", expectation: "expected a number of months > 0 (at most 1200), got 0.0"),
    BadCase(name: "a profile that does not sum to 1",
            scenario: scenarioText(groups: groups(replacing: "{ distribution = \"exponential\", mean = 4.0 }",
                                                  with: "{ distribution = \"empirical\", profile = [0.5, 0.4] }")),
            key: "group[2].stay.profile", expectation: "must sum to 1"),
    BadCase(name: "a recall probability above 1",
            scenario: scenarioText(groups: goodGroups + "recall = { probability = 1.5, to = \"women\", "
                                                        + "after = { distribution = \"exponential\", mean = 6 } }\n"),
            key: "group[2].recall.probability", expectation: "expected a probability in [0, 1], got 1.5"),
    BadCase(name: "eleven seasonal factors",
            scenario: scenarioText(groups: groups(replacing: "{ mean = 100 }",
                                                  with: "{ mean = 100, seasonality = [1, 1, 1, 1, 1, 1, 1, "
                                                      + "1, 1, 1, 1] }")),
            key: "group[1].receptions.seasonality",
            expectation: "expected 12 numbers > 0, January to December, got 11"),
    BadCase(name: "a negative seasonal factor",
            scenario: scenarioText(groups: groups(replacing: "{ mean = 100 }",
                                                  with: "{ mean = 100, seasonality = [1, 1, -1, 1, 1, 1, 1, 1, "
                                                      + "1, 1, 1, 1] }")),
            key: "group[1].receptions.seasonality[3]", expectation: "expected a number > 0 (at most 10), got -1"),
    BadCase(name: "a zero policy factor",
            scenario: scenarioText(rest: "[[policy]]\nmonth = \"2015-02\"\nkind = \"receptions\"\nfactor = 0\n"),
            key: "policy[1].factor", expectation: "expected a factor > 0 (at most 100), got 0"),
    BadCase(name: "an unknown event kind",
            scenario: scenarioText(rest: houseblock.replacingOccurrences(of: "\"houseblock\"", with: "\"demolish\"")),
            key: "event[1].kind",
            expectation: "expected one of open, close, houseblock, re-role, capacity-change, got \"demolish\""),
    BadCase(name: "a re-role that changes nothing",
            scenario: scenarioText(rest: "[[event]]\nmonth = \"2015-02\"\nkind = \"re-role\"\n"
                                   + "establishment = \"Alder\"\n"),
            key: "event[1]", expectation: "expected a re-role to change function, sex or both"),
    BadCase(name: "both group and groups in a policy",
            scenario: scenarioText(rest: "[[policy]]\nmonth = \"2015-02\"\nkind = \"stay\"\ngroup = \"men\"\n"
                                   + "groups = [\"women\"]\nfactor = 0.9\n"),
            key: "policy[1].groups", expectation: "expected either group or groups, got both"),
    // Cross-references
    BadCase(name: "a repeated group id",
            scenario: scenarioText(groups: groups(replacing: "id = \"women\"", with: "id = \"men\"")),
            key: "group[2].id", expectation: "expected each group id once, got \"men\" again (first on line 8)",
            line: 15),
    BadCase(name: "a repeated event id", scenario: scenarioText(rest: houseblock + "\n" + houseblock),
            key: "event[2].id", expectation: "expected each event id once, got \"hb\" again"),
    BadCase(name: "an event at an establishment that does not exist",
            scenario: scenarioText(rest: houseblock.replacingOccurrences(of: "\"Alder\"", with: "\"Nowhere\"")),
            key: "event[1].establishment",
            expectation: "expected an establishment of the estate file or opened by an earlier open event, "
                + "got \"Nowhere\""),
    BadCase(name: "an event before the establishment opens",
            scenario: scenarioText(rest: houseblock.replacingOccurrences(of: "\"Alder\"", with: "\"Elm\"")
                + "[[event]]\nmonth = \"2015-06\"\nkind = \"open\"\nestablishment = \"Elm\"\nsex = \"male\"\n"
                  + "function = \"local\"\ncna = 100\noperational_capacity = 120\n"),
            key: "event[1].establishment", expectation: "got \"Elm\""),
    BadCase(name: "opening an establishment that exists",
            scenario: scenarioText(rest: "[[event]]\nmonth = \"2015-06\"\nkind = \"open\"\nestablishment = \"Alder\"\n"
                                   + "sex = \"male\"\nfunction = \"local\"\ncna = 100\noperational_capacity = 120\n"),
            key: "event[1].establishment",
            expectation: "expected a new establishment for an open event, got \"Alder\", which already exists"),
    BadCase(name: "an event after the run",
            scenario: scenarioText(rest: houseblock.replacingOccurrences(of: "2015-03", with: "2016-01")),
            key: "event[1].month", expectation: "expected a month from 2015-01 to 2015-12 (the run), got 2016-01"),
    BadCase(name: "a policy for an unknown group",
            scenario: scenarioText(rest: "[[policy]]\nmonth = \"2015-02\"\nkind = \"receptions\"\ngroup = \"boys\"\n"
                                   + "factor = 1.1\n"),
            key: "policy[1].group", expectation: "expected a group id (men, women), got \"boys\""),
    BadCase(name: "a recall into an unknown group",
            scenario: scenarioText(groups: goodGroups + "recall = { probability = 0.1, to = \"recalled-women\", "
                                                        + "after = { distribution = \"exponential\", mean = 6 } }\n"),
            key: "group[2].recall.to", expectation: "expected a group id (men, women), got \"recalled-women\""),
    BadCase(name: "a group that no establishment can hold",
            scenario: scenarioText(groups: groups(replacing: "[\"female-closed\"]", with: "[\"female-open\"]")),
            key: "group[2].holds", expectation: "expected a function that some female or dual establishment has"),
    BadCase(name: "events removed without a base",
            scenario: scenarioText(settings: settings(adding: "remove_events = [\"hb\"]")),
            key: "scenario.remove_events",
            expectation: "expected a base scenario (scenario.base) to remove events from"),
    // Not TOML at all
    BadCase(name: "a TOML syntax error", scenario: scenarioText(rest: "[[event]\nmonth = 1\n"),
            key: "", expectation: "not valid TOML", line: 21),
    BadCase(name: "a table header with three brackets", scenario: scenarioText(rest: "[[[event]]\n"),
            key: "", expectation: "not valid TOML at column 3: expected a table name after '[', saw '['", line: 21),
    BadCase(name: "an array closed by a brace",
            scenario: scenarioText(groups: groups(replacing: "{ mean = 100 }",
                                                  with: "{ mean = 100, seasonality = [1.0, } }")),
            key: "group[1].receptions", expectation: "expected a value or ']' in an array, saw '}'", line: 11),
    // The estate file
    BadCase(name: "a missing estate file",
            scenario: scenarioText(settings: settings(replacing: "\"estate.csv\"", with: "\"no-such.csv\"")),
            key: "scenario.estate", expectation: "cannot read the estate file", line: 5),
    BadCase(name: "an estate file without a population column",
            estate: estate(replacing: ",population", with: "").replacingOccurrences(of: ",600\n", with: "\n")
                .replacingOccurrences(of: ",\n", with: "\n").replacingOccurrences(of: ",280\n", with: "\n"),
            file: "estate.csv", key: "header", expectation: "missing column population", line: 1),
    BadCase(name: "an extra estate column", estate: estate(replacing: "population\n", with: "population,notes\n"),
            file: "estate.csv", key: "header, column 10", expectation: "unknown column \"notes\"", line: 1),
    BadCase(name: "a capacity that is not a whole number",
            estate: estate(replacing: "400,400,450", with: "400,400.5,450"),
            file: "estate.csv", key: "row 2, column in_use_cna",
            expectation: "expected a whole number from 0 to 1000000, got \"400.5\"", line: 3),
    BadCase(name: "a negative capacity", estate: estate(replacing: "640,600", with: "-640,600"),
            file: "estate.csv", key: "row 1, column operational_capacity",
            expectation: "expected a whole number from 0 to 1000000, got \"-640\"", line: 2),
    BadCase(name: "in-use CNA above baseline CNA", estate: estate(replacing: "300,290", with: "300,310"),
            file: "estate.csv", key: "row 3, column in_use_cna",
            expectation: "expected at most baseline_cna (300), got 310", line: 4),
    BadCase(name: "an unknown sex in the estate", estate: estate(replacing: "Birch,male", with: "Birch,men"),
            file: "estate.csv", key: "row 2, column sex",
            expectation: "expected one of male, female, both, got \"men\""),
    BadCase(name: "an unknown function in the estate",
            estate: estate(replacing: "cat-c,private", with: "cat-d,private"),
            file: "estate.csv", key: "row 2, column function", expectation: "got \"cat-d\""),
    BadCase(name: "an unknown sector in the estate", estate: estate(replacing: "private", with: "charity"),
            file: "estate.csv", key: "row 2, column sector",
            expectation: "expected one of public, private, got \"charity\""),
    BadCase(name: "an establishment listed twice", estate: estate(replacing: "Cedar,", with: "Alder,"),
            file: "estate.csv", key: "row 3, column name", expectation: "got \"Alder\" again (first in row 1)"),
    BadCase(name: "a row with too few fields", estate: estate(replacing: "Wales,400,400,450,", with: "Wales,400,400"),
            file: "estate.csv", key: "row 2", expectation: "expected 9 fields, got 7", line: 3),
    BadCase(name: "an estate file with no establishments",
            estate: "name,sex,function,sector,region,baseline_cna,in_use_cna,operational_capacity,population\n",
            file: "estate.csv", key: "", expectation: "expected at least one establishment row, got none"),
]

@Suite("Reporting bad scenarios and estate files")
struct BadScenarioTests {
    @Test("each malformed file is reported with its file, key and expectation", arguments: badCases)
    func reported(_ bad: BadCase) throws {
        let (found, directory) = try problems(scenario: bad.scenario, estate: bad.estate)
        let file = "\(directory.path)/\(bad.file)"
        let match = found.first { $0.file == file && $0.key == bad.key && $0.message.contains(bad.expectation) }
        #expect(match != nil, """
            expected \(bad.key): …\(bad.expectation)… in \(bad.file); got:
            \(found.map(\.description).joined(separator: "\n"))
            """)
        if let line = bad.line { #expect(match?.line == line) }
    }

    @Test("several problems in one file are all reported, in line order")
    func severalProblems() throws {
        let text = scenarioText(
            settings: settings(replacing: "months = 12", with: "months = 0\ncolour = \"red\""),
            groups: groups(replacing: "sd = 2.0", with: "sd = -2")
                .replacingOccurrences(of: "sex = \"female\"", with: "sex = \"other\""),
            rest: "[[policy]]\nmonth = \"2015-02\"\nkind = \"stay\"\nfactor = -1\n")
        let (found, _) = try problems(scenario: text, estate: estate(replacing: "500,480", with: "500,520"))
        let keys = found.map(\.key)
        for key in ["scenario.months", "scenario.colour", "group[1].stay.sd", "group[2].sex", "policy[1].factor",
                    "row 1, column in_use_cna"] {
            #expect(keys.contains(key), "no problem for \(key) in \(keys)")
        }
        let scenarioLines = found.filter { $0.file.hasSuffix("scenario.toml") }.compactMap(\.line)
        #expect(scenarioLines == scenarioLines.sorted())
    }

    @Test("a missing scenario file is a problem, not a crash")
    func missingScenario() throws {
        let directory = try ScratchDirectory()
        #expect {
            try ScenarioLoader().load(path: "\(directory.path)/absent.toml")
        } throws: { error in
            (error as? ScenarioLoadError)?.problems.first?.message == "cannot read the scenario: no such file"
        }
    }

    @Test("a directory given as the estate is a problem", arguments: ["estate-dir", "."])
    func directoryAsEstate(_ name: String) throws {
        let directory = try ScratchDirectory()
        try directory.write("estate-dir/placeholder", "")
        let path = try directory.write("scenario.toml",
                                       scenarioText(settings: settings(replacing: "\"estate.csv\"",
                                                                       with: "\"\(name)\"")))
        #expect(throws: ScenarioLoadError.self) { try ScenarioLoader().load(path: path) }
    }
}
