import EstateFiles
import EstateModel
import Testing

@Suite("Building a scenario on another")
struct ScenarioBaseTests {
    @Test("a companion scenario overrides settings, merges groups by id and appends events and policies")
    func companion() throws {
        let base = try ScenarioLoader().load(path: fixturePath("good.toml"))
        let companion = try ScenarioLoader().load(path: fixturePath("companion.toml"))

        #expect(companion.name == "Companion")
        #expect(companion.months == 48)
        #expect(companion.start == base.start && companion.seed == base.seed && companion.generator == base.generator)
        #expect(companion.estate == base.estate)

        #expect(companion.groups.map(\.id) == ["male-remand", "male-sentenced", "female", "male-lifers"])
        var expectedRemand = base.groups[0]
        expectedRemand.receptions.mean = 300
        #expect(companion.groups[0] == expectedRemand, "only the keys the child gives change, inside receptions too")
        #expect(companion.groups[1] == base.groups[1])
        #expect(companion.groups[3].stay == .fixed(months: 120))

        #expect(companion.events.map(\.id) == [nil, "close-birch", nil, nil, "birch-houseblock"])
        #expect(companion.events.count == base.events.count)
        #expect(companion.policies.count == base.policies.count + 1)
        #expect(companion.policies.last?.groups == ["female"])

        #expect(companion.provenance.scenarioHash != base.provenance.scenarioHash)
        #expect(companion.provenance.estateHash == base.provenance.estateHash)
    }

    @Test("bases chain, and each level can remove events it inherits")
    func chain() throws {
        let grandchild = try ScenarioLoader().load(path: fixturePath("grandchild.toml"))
        #expect(grandchild.name == "Grandchild")
        #expect(grandchild.months == 48)
        #expect(grandchild.groups.count == 4)
        #expect(grandchild.events.compactMap(\.id) == ["birch-houseblock"])
    }

    @Test("an event id that the base does not have cannot be removed")
    func unknownRemoval() throws {
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", goodEstateCSV)
        try directory.write("base.toml", scenarioText())
        let child = try directory.write("child.toml", "[scenario]\nbase = \"base.toml\"\nremove_events = [\"never\"]\n")
        let error = #expect(throws: ScenarioLoadError.self) { try ScenarioLoader().load(path: child) }
        let problem = try #require(error?.problems.first)
        #expect(problem.file == child)
        #expect(problem.key == "scenario.remove_events[1]")
        #expect(problem.line == 3)
        #expect(problem.message.contains("expected the id of an event in the base scenario, got \"never\""))
    }

    @Test("a problem in a base names the base file, and one in the child names the child")
    func problemsKeepTheirFile() throws {
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", goodEstateCSV)
        let base = try directory.write(
            "base.toml", scenarioText(groups: goodGroups.replacingOccurrences(of: "sd = 2.0", with: "sd = 0")))
        let child = try directory.write("child.toml", """
            [scenario]
            base = "base.toml"

            [[group]]
            id = "women"
            initial = -5
            """)
        let error = #expect(throws: ScenarioLoadError.self) { try ScenarioLoader().load(path: child) }
        let problems = error?.problems ?? []
        #expect(problems.contains { $0.file == base && $0.key == "group[1].stay.sd" && $0.line == 12 })
        #expect(problems.contains { $0.file == child && $0.key == "group[1].initial" && $0.line == 6 })
    }

    @Test("a cycle of bases is refused")
    func cycle() throws {
        let directory = try ScratchDirectory()
        let first = try directory.write("first.toml", "[scenario]\nbase = \"second.toml\"\n")
        let second = try directory.write("second.toml", "[scenario]\nbase = \"first.toml\"\n")
        let error = #expect(throws: ScenarioLoadError.self) { try ScenarioLoader().load(path: first) }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.file == second)
        #expect(error?.problems.first?.message.contains("cycle") == true)
    }

    @Test("a missing base is reported where it is named")
    func missingBase() throws {
        let directory = try ScratchDirectory()
        let child = try directory.write("child.toml", "[scenario]\nname = \"x\"\nbase = \"../nowhere/base.toml\"\n")
        let error = #expect(throws: ScenarioLoadError.self) { try ScenarioLoader().load(path: child) }
        #expect(error?.problems.first?.key == "scenario.base")
        #expect(error?.problems.first?.line == 3)
        #expect(error?.problems.first?.message.contains("cannot read the base scenario") == true)
    }

    @Test("the estate path of a base stays relative to the base")
    func estateRelativeToBase() throws {
        let directory = try ScratchDirectory()
        try directory.write("base/estate.csv", goodEstateCSV)
        try directory.write("base/base.toml", scenarioText())
        let child = try directory.write("variants/child.toml",
                                        "[scenario]\nbase = \"../base/base.toml\"\nname = \"Variant\"\n")
        let scenario = try ScenarioLoader().load(path: child)
        #expect(scenario.name == "Variant")
        #expect(scenario.provenance.estatePath == "\(directory.path)/base/estate.csv")
    }
}
