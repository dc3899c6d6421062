import EstateFiles
import EstateModel
import Foundation
import Testing

/// `[costs]` and the one-off `cost` of an event (docs/scenario-format.md, Costs).
@Suite("Costs in the scenario format")
struct CostFormatTests {
    private func load(_ text: String) throws -> Scenario {
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", goodEstateCSV)
        return try ScenarioLoader().load(path: try directory.write("scenario.toml", text))
    }

    @Test("""
        without [costs], places and prisoners cost the published direct resource figures and the total \
        counts places
        """)
    func defaults() throws {
        let costs = try load(scenarioText()).costs
        #expect(costs.basis == .direct && costs.running == .places && costs.placeCount == .baselineCNA
                && costs.functions.isEmpty)
        #expect(costs.national == CostRates.Rates(place: 27_675, prisoner: 26_139))
        #expect(CostRates.Basis.overall.published == CostRates.Rates(place: 36_808, prisoner: 34_766))
    }

    @Test("a basis, explicit rates, per-function rates (a part not given is the national one) and event costs are read")
    func explicit() throws {
        let rest = """
            [costs]
            basis = "overall"
            prisoner = 30_000
            running_cost = "both"
            place_count = "operational_capacity"

            [costs.function]
            cat-c = { place = 24_000.5, prisoner = 21_000 }
            local = { place = 40_000 }

            [[event]]
            month = "2015-03"
            kind = "houseblock"
            establishment = "Alder"
            cna = 10
            operational_capacity = 10
            cost = 25_000_000

            [[event]]
            month = "2015-06"
            kind = "close"
            establishment = "Birch"
            cost = -12.5e6

            """
        let scenario = try load(scenarioText(rest: rest))
        let costs = scenario.costs
        #expect(costs.basis == .overall && costs.running == .both && costs.placeCount == .operationalCapacity)
        #expect(costs.national == CostRates.Rates(place: 36_808, prisoner: 30_000))
        #expect(costs.rates(.catC) == CostRates.Rates(place: 24_000.5, prisoner: 21_000))
        #expect(costs.rates(.local) == CostRates.Rates(place: 40_000, prisoner: 30_000))
        #expect(costs.rates(.open) == costs.national)
        #expect(scenario.events.map(\.cost) == [25_000_000, -12_500_000])
    }

    @Test("""
        the [costs] example of docs/scenario-format.md loads as documented, \
        and README's costed fixture is Models/fixture-costed.toml
        """)
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let docs = try String(contentsOf: root.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        let section = try #require(docs.range(of: "## `[costs]`"))
        let block = try #require(docs[section.upperBound...].components(separatedBy: "```toml\n").dropFirst().first?
            .components(separatedBy: "```").first)
        let costs = try load(scenarioText(rest: block)).costs
        #expect(costs.basis == .direct && costs.running == .places)
        #expect(costs.national == CostRates.Rates(place: 27_675, prisoner: 26_139))
        #expect(costs.rates(.catC) == CostRates.Rates(place: 24_000, prisoner: 22_500))
        #expect(costs.rates(.local) == CostRates.Rates(place: 31_000, prisoner: 26_139))

        let model = try String(contentsOf: root.appendingPathComponent("Models/fixture-costed.toml"), encoding: .utf8)
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```toml\n" + model + "```\n"),
                "README.md does not show Models/fixture-costed.toml as it is")
        let scenario = try ScenarioLoader().load(path: root.appendingPathComponent("Models/fixture-costed.toml").path)
        #expect(scenario.costs.basis == .overall && scenario.events.compactMap(\.cost) == [25_000_000])
    }

    @Test("a companion scenario's [costs] keys replace its base's one by one")
    func companion() throws {
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", goodEstateCSV)
        try directory.write("base.toml", scenarioText(rest: "[costs]\nbasis = \"overall\"\nplace = 30000\n"))
        let child = try directory.write("child.toml", "[scenario]\nbase = \"base.toml\"\n\n[costs]\nprisoner = 1000\n")
        let costs = try ScenarioLoader().load(path: child).costs
        #expect(costs.national == CostRates.Rates(place: 30_000, prisoner: 1_000))
        #expect(costs.basis == .overall)
    }

    /// A bad `[costs]` (or event cost) and the key, line and expectation its problem must name.
    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String
        var rest: String
        var key: String
        var line: Int
        var expectation: String
        var testDescription: String { name }
    }

    /// The line of the first line of `rest` in `scenarioText(rest:)`.
    static let restLine = scenarioText().split(separator: "\n", omittingEmptySubsequences: false).count

    static let bad: [Bad] = [
        Bad(name: "an unknown key", rest: "[costs]\nplaces = 30000\n", key: "costs.places", line: 1,
            expectation: "unknown key in [costs]; expected one of: basis, place, prisoner, place_count, "
                + "running_cost, function"),
        Bad(name: "an unknown place count", rest: "[costs]\nplace_count = \"cells\"\n",
            key: "costs.place_count", line: 1,
            expectation: "expected one of baseline_cna, in_use_cna, operational_capacity, got \"cells\""),
        Bad(name: "an unknown basis", rest: "[costs]\nbasis = \"gross\"\n", key: "costs.basis", line: 1,
            expectation: "expected one of direct, overall, got \"gross\""),
        Bad(name: "a negative place cost", rest: "[costs]\nplace = -1\n", key: "costs.place", line: 1,
            expectation: "expected pounds a year from 0 to 10000000, got -1"),
        Bad(name: "a cost written as a string", rest: "[costs]\nprisoner = \"26139\"\n", key: "costs.prisoner", line: 1,
            expectation: "expected pounds a year from 0 to 10000000, got the string \"26139\""),
        Bad(name: "a cost a day in pence", rest: "[costs]\nprisoner = 2.6e8\n", key: "costs.prisoner", line: 1,
            expectation: "expected pounds a year from 0 to 10000000, got 260000000"),
        Bad(name: "an unknown running cost", rest: "[costs]\nrunning_cost = \"all\"\n",
            key: "costs.running_cost", line: 1,
            expectation: "expected one of places, prisoners, both, got \"all\""),
        Bad(name: "an unknown function", rest: "[costs.function]\ncat-z = { place = 1 }\n",
            key: "costs.function.cat-z", line: 1,
            expectation: "unknown key in costs.function (establishment functions)"),
        Bad(name: "a function's rate as a number", rest: "[costs.function]\ncat-c = 24000\n",
            key: "costs.function.cat-c", line: 1,
            expectation: "expected a table { place = …, prisoner = … } in pounds a year, got the integer 24000"),
        Bad(name: "a function's rates empty", rest: "[costs.function]\ncat-c = {}\n",
            key: "costs.function.cat-c", line: 1,
            expectation: "expected place, prisoner or both (pounds a year), got neither"),
        Bad(name: "a function's unknown key", rest: "[costs.function]\ncat-c = { rent = 5 }\n",
            key: "costs.function.cat-c.rent",
            line: 1, expectation: "unknown key in costs.function.cat-c; expected one of: place, prisoner"),
        Bad(name: "a function's negative rate", rest: "[costs.function]\nlocal = { prisoner = -3 }\n",
            key: "costs.function.local.prisoner", line: 1,
            expectation: "expected pounds a year from 0 to 10000000, got -3"),
        Bad(name: "[costs] as an array", rest: "[[costs]]\nplace = 1\n", key: "costs", line: 0,
            expectation: "expected a [costs] table, got an array"),
        Bad(name: "an event cost as a string",
            rest: "[[event]]\nmonth = \"2015-03\"\nkind = \"close\"\nestablishment = \"Birch\"\ncost = \"lots\"\n",
            key: "event[1].cost", line: 4,
            expectation: "expected pounds from -100000000000 to 100000000000 (negative: a receipt), "
                + "got the string \"lots\""),
        Bad(name: "an event cost past the limit",
            rest: "[[event]]\nmonth = \"2015-03\"\nkind = \"close\"\nestablishment = \"Birch\"\ncost = 2e11\n",
            key: "event[1].cost", line: 4,
            expectation: "expected pounds from -100000000000 to 100000000000 (negative: a receipt), got 200000000000"),
    ]

    @Test("every bad cost is one problem naming the file, the key, its line and what was expected", arguments: bad)
    func badCosts(_ bad: Bad) throws {
        let (found, _) = try problems(scenario: scenarioText(rest: bad.rest))
        try #require(found.count == 1,
                     "expected one problem, got:\n\(found.map(\.description).joined(separator: "\n"))")
        let problem = found[0]
        #expect(problem.file.hasSuffix("scenario.toml"), "\(problem)")
        #expect(problem.key == bad.key, "\(problem)")
        if bad.line > 0 { #expect(problem.line == Self.restLine + bad.line, "\(problem)") }
        #expect(problem.message.contains(bad.expectation), "\(problem)")
    }
}
