import EstateFiles
import EstateModel
import EstateRandom
import Foundation
import Testing

@Suite("Loading a valid scenario")
struct ScenarioLoaderTests {
    @Test("a scenario using every key loads into the expected values")
    func goodScenario() throws {
        let path = try fixturePath("good.toml")
        let scenario = try ScenarioLoader().load(path: path)

        #expect(scenario.name == "Good")
        #expect(scenario.start == Month(year: 2016, month: 3))
        #expect(scenario.months == 36)
        #expect(scenario.seed == 99)
        #expect(scenario.replications == 20)
        #expect(scenario.operatingMargin == 50)
        #expect(scenario.crowdingFactor == 2)
        #expect(scenario.generator == .taus2)

        #expect(scenario.estate.establishments.map(\.name) == ["Alder", "Birch", "Cedar, The"])
        #expect(scenario.estate.establishments[0] == Establishment(
            name: "Alder", sex: .male, function: .local, sector: .public, region: "North East",
            baselineCNA: 500, inUseCNA: 480, operationalCapacity: 640, population: 600))
        #expect(scenario.estate.establishments[1].population == nil)
        #expect(scenario.estate.establishments[1].sector == .private)

        #expect(scenario.groups.map(\.id) == ["male-remand", "male-sentenced", "female"])
        let remand = scenario.groups[0]
        #expect(remand.sex == .male)
        #expect(remand.holds == [.local])
        #expect(remand.receptions.mean == 240)
        #expect(remand.receptions.annualTrend == 0.02)
        #expect(remand.receptions.seasonality.first == 1.1 && remand.receptions.seasonality.count == 12)
        #expect(remand.receptions.dispersion == nil)
        #expect(remand.stay == .lognormal(mean: 2.3, sd: 2.8))
        #expect(remand.initial == 560)
        let sentenced = scenario.groups[1]
        #expect(sentenced.receptions == ReceptionSpecification(mean: 40, dispersion: 0.05))
        #expect(sentenced.stay == .gamma(mean: 10.5, sd: 6))
        #expect(sentenced.initial == nil)
        #expect(sentenced.progression == Progression(from: .local, to: [.catC], after: .exponential(mean: 2)))
        #expect(sentenced.recall == Recall(probability: 0.1, to: "male-sentenced",
                                           after: .weibull(shape: 1.5, scale: 8)))
        #expect(scenario.groups[2].stay == .empirical(profile: [0.25, 0.25, 0.25, 0.25]))
        #expect(scenario.groups[2].receptions == ReceptionSpecification(mean: 50))

        #expect(scenario.events == [
            CapacityEvent(id: "alder-houseblock", month: Month(year: 2016, month: 6), establishment: "Alder",
                          kind: .houseblock(cna: 100, operationalCapacity: 120, rampMonths: 4)),
            CapacityEvent(month: Month(year: 2017, month: 1), establishment: "Elm",
                          kind: .open(sex: .both, function: .local, sector: .private, region: "Midlands", cna: 200,
                                      operationalCapacity: 250, rampMonths: 1)),
            CapacityEvent(id: "close-birch", month: Month(year: 2017, month: 4), establishment: "Birch",
                          kind: .close(rundownMonths: 1)),
            CapacityEvent(month: Month(year: 2017, month: 5), establishment: "Elm",
                          kind: .reRole(function: .catC, sex: nil, rundownMonths: 2)),
            CapacityEvent(month: Month(year: 2016, month: 9), establishment: "Alder",
                          kind: .capacityChange(inUseCNA: -30, operationalCapacity: -40, months: 6)),
        ])
        #expect(scenario.policies == [
            Policy(month: Month(year: 2016, month: 6), groups: ["male-sentenced"],
                   lever: .recall(Recall(probability: 0.2, to: "male-sentenced", after: .fixed(months: 3)))),
            Policy(month: Month(year: 2017, month: 1), groups: ["male-remand", "male-sentenced"],
                   lever: .stay(factor: 0.8, appliesToStock: true)),
            Policy(month: Month(year: 2017, month: 2), groups: nil, lever: .receptions(factor: 1.05)),
        ])
    }

    @Test("omitted settings take the documented defaults")
    func defaults() throws {
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", goodEstateCSV)
        let path = try directory.write("scenario.toml", scenarioText(rest: """
            [[event]]
            month = "2015-03"
            kind = "houseblock"
            establishment = "Alder"
            cna = 10
            operational_capacity = 10

            [[event]]
            month = "2015-04"
            kind = "close"
            establishment = "Birch"

            [[event]]
            month = "2015-05"
            kind = "re-role"
            establishment = "Alder"
            sex = "both"

            [[policy]]
            month = "2015-06"
            kind = "stay"
            factor = 0.9
            """))
        let scenario = try ScenarioLoader().load(path: path)
        #expect(scenario.replications == 100)
        #expect(scenario.seed == 1)
        #expect(scenario.operatingMargin == 0)
        #expect(scenario.crowdingFactor == 2)
        #expect(scenario.generator == .mt19937)
        #expect(scenario.groups[0].receptions == ReceptionSpecification(
            mean: 100, annualTrend: 0, seasonality: Array(repeating: 1, count: 12), dispersion: nil))
        #expect(scenario.events.map(\.kind) == [
            .houseblock(cna: 10, operationalCapacity: 10, rampMonths: 1),
            .close(rundownMonths: 1),
            .reRole(function: nil, sex: .both, rundownMonths: 1),
        ])
        #expect(scenario.policies[0].lever == .stay(factor: 0.9, appliesToStock: false))
        #expect(scenario.policies[0].groups == nil)
    }

    @Test("provenance names the files and hashes their contents")
    func provenance() throws {
        let directory = try ScratchDirectory()
        try directory.write("data/estate.csv", goodEstateCSV)
        let text = scenarioText(settings: goodSettings.replacingOccurrences(of: "\"estate.csv\"",
                                                                            with: "\"../data/estate.csv\""))
        let path = try directory.write("models/scenario.toml", text)
        let first = try ScenarioLoader().load(path: path)
        #expect(first.provenance.scenarioPath == path)
        #expect(first.provenance.estatePath == "\(directory.path)/data/estate.csv")
        #expect(first.provenance.scenarioHash.count == 16 && first.provenance.scenarioHash.allSatisfy(\.isHexDigit))
        #expect(first.provenance.estateHash.count == 16 && first.provenance.estateHash != first.provenance.scenarioHash)

        try directory.write("models/scenario.toml", text + "\n# a comment changes the bytes\n")
        let second = try ScenarioLoader().load(path: path)
        #expect(second.provenance.scenarioHash != first.provenance.scenarioHash)
        #expect(second.provenance.estateHash == first.provenance.estateHash)
    }

    @Test("the repository's fixture scenario is valid")
    func repositoryFixture() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let scenario = try ScenarioLoader().load(path: root.appendingPathComponent("Models/fixture.toml").path)
        #expect(scenario.estate.establishments.count == 4)
        #expect(scenario.groups.count == 3)
        #expect(scenario.events.count == 2)
        #expect(scenario.months == 24 && scenario.replications == 50 && scenario.seed == 7)
    }

    @Test("an estate file loads on its own")
    func estateOnly() throws {
        let estate = try ScenarioLoader().loadEstate(path: fixturePath("estate.csv"))
        #expect(estate.establishments.count == 3)
        #expect(estate.establishments[2].name == "Cedar, The")
    }

    @Test("a problem renders as file:line: key: message")
    func rendering() {
        #expect(ScenarioProblem(file: "a.toml", line: 3, key: "group[1].sex", message: "expected x").description
                == "a.toml:3: group[1].sex: expected x")
        #expect(ScenarioProblem(file: "a.toml", key: "", message: "cannot read").description == "a.toml: cannot read")
        let error = ScenarioLoadError(problems: [
            ScenarioProblem(file: "a", line: 1, key: "k", message: "m"),
            ScenarioProblem(file: "b", key: "j", message: "n"),
        ])
        #expect(error.description == "a:1: k: m\nb: j: n")
    }
}
