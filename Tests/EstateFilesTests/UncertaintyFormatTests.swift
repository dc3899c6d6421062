import EstateFiles
import EstateModel
import Foundation
import Testing

@Suite("Reading uncertain rates and the margin by sex")
struct UncertaintyFormatTests {
    static let uncertainGroups = """
        [[uncertainty]]
        id = "demand"
        trend = { mean = 0.01, sd = 0.02 }
        level = { sd = 0.03 }
        shocks = { sd = 0.004 }

        [[group]]
        id = "men"
        sex = "male"
        holds = ["local", "cat-c"]
        receptions = { mean = 100, trend = { mean = -0.01, sd = 0.015 }, level = { sd = 0.02 }, \
        shocks = { sd = 0.005 }, driver = "demand" }
        stay = { distribution = "lognormal", mean = 3.0, sd = 2.0, factor = { mean = 1.0, sd = 0.03 } }

        [[group]]
        id = "women"
        sex = "female"
        holds = ["female-closed"]
        receptions = { mean = 20, trend = 0.02 }
        stay = { distribution = "exponential", mean = 4.0 }

        [[policy]]
        month = "2015-06"
        kind = "stay"
        factor = { mean = 0.8, sd = 0.05 }

        [[policy]]
        month = "2015-06"
        kind = "recall"
        group = "men"
        probability = { mean = 0.2, sd = 0.03 }
        to = "men"
        after = { distribution = "exponential", mean = 3.0 }
        """

    @Test("every { mean, sd } and the driver load into the scenario")
    func reads() throws {
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", goodEstateCSV)
        let path = try directory.write("scenario.toml", scenarioText(
            settings: goodSettings + "operating_margin = { male = 40, female = 10 }\n", groups: Self.uncertainGroups))
        let scenario = try ScenarioLoader().load(path: path)
        #expect(scenario.operatingMargin == .bySex(male: 40, female: 10))
        #expect(scenario.drivers == [UncertaintyDriver(id: "demand", trend: Estimate(0.01, sd: 0.02), levelSD: 0.03,
                                                       shockSD: 0.004)])
        let men = scenario.groups[0]
        #expect(men.receptions.annualTrend == -0.01)
        #expect(men.receptions.uncertainty == ReceptionUncertainty(trendSD: 0.015, levelSD: 0.02, shockSD: 0.005,
                                                                   driver: "demand"))
        #expect(men.stayFactor == Estimate(1.0, sd: 0.03))
        #expect(men.stay == .lognormal(mean: 3.0, sd: 2.0))
        #expect(scenario.groups[1].receptions.annualTrend == 0.02
                && !scenario.groups[1].receptions.uncertainty.isUncertain)
        #expect(scenario.policies.map(\.sd) == [0.05, 0.03])
        #expect(scenario.hasParameterUncertainty)
    }

    @Test("bad uncertainty is reported with its line and key", arguments: [
        ("trend = { mean = -0.01, sd = 0.015 }", "trend = { mean = -0.01, sd = -1 }", "receptions.trend.sd"),
        ("level = { sd = 0.02 }", "level = { sd = 0.02, mean = 1 }", "receptions.level.mean"),
        ("driver = \"demand\"", "driver = \"supply\"", "receptions.driver"),
        ("factor = { mean = 1.0, sd = 0.03 }", "factor = { mean = 1.0, sd = \"big\" }", "stay.factor.sd"),
        ("probability = { mean = 0.2, sd = 0.03 }", "probability = { mean = 0.2, sd = 0.5 }", "policy[2].probability"),
        ("id = \"demand\"\n", "id = \"demand\"\nvolatility = 2\n", "uncertainty[1].volatility"),
    ])
    func badUncertainty(original: String, replacement: String, key: String) throws {
        #expect(Self.uncertainGroups.contains(original))
        let text = scenarioText(groups: Self.uncertainGroups.replacingOccurrences(of: original, with: replacement))
        let (found, _) = try problems(scenario: text)
        #expect(found.contains { $0.key.hasSuffix(key) && $0.line != nil }, "\(found.map(\.description))")
    }

    @Test("operating_margin = { male, female } needs both, as places")
    func badMargin() throws {
        let (found, _) = try problems(
            scenario: scenarioText(settings: goodSettings + "operating_margin = { male = 40 }\n"))
        #expect(found.contains { $0.key == "scenario.operating_margin.female" && $0.message.contains("missing") },
                "\(found.map(\.description))")
    }
}

@Suite("Reading the placement rule")
struct PlacementFormatTests {
    @Test("[placement] reads the rule and its targets; target-fill alone takes the defaults")
    func reads() throws {
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", goodEstateCSV)
        let given = try directory.write("given.toml", scenarioText(rest: """
            [placement]
            rule = "target-fill"
            target_fill = { cat-c = 0.97, female-closed = 0.9 }
            """))
        #expect(try ScenarioLoader().load(path: given).placement == .targetFill([.catC: 0.97, .femaleClosed: 0.9]))
        let defaults = try directory.write("defaults.toml", scenarioText(rest: "[placement]\nrule = \"target-fill\"\n"))
        #expect(try ScenarioLoader().load(path: defaults).placement == .targetFill(Placement.defaultTargets))
        #expect(try ScenarioLoader().load(path: defaults).placement.persistence == 0)
        let fading = try directory.write("fading.toml", scenarioText(rest: """
            [placement]
            rule = "target-fill"
            target_fill = { cat-c = 0.97 }
            persistence = 0.92
            """))
        #expect(try ScenarioLoader().load(path: fading).placement == .targetFill([.catC: 0.97], persistence: 0.92))
        let plain = try directory.write("plain.toml", scenarioText())
        #expect(try ScenarioLoader().load(path: plain).placement == .proportional)
    }

    @Test("a bad placement names its key", arguments: [
        ("rule = \"fill\"", "placement.rule"),
        ("rule = \"target-fill\"\ntarget_fill = { cat-z = 0.9 }", "placement.target_fill.cat-z"),
        ("rule = \"target-fill\"\ntarget_fill = { cat-c = 2 }", "placement.target_fill.cat-c"),
        ("rule = \"proportional\"\ntarget_fill = { cat-c = 0.9 }", "placement.target_fill"),
        ("rule = \"target-fill\"\npersistence = 1.5", "placement.persistence"),
        ("rule = \"target-fill\"\npersistence = -0.1", "placement.persistence"),
        ("rule = \"proportional\"\npersistence = 0.9", "placement.persistence"),
    ])
    func bad(body: String, key: String) throws {
        let (found, _) = try problems(scenario: scenarioText(rest: "[placement]\n" + body + "\n"))
        #expect(found.contains { $0.key == key && $0.line != nil }, "\(found.map(\.description))")
    }
}

@Suite("Reading the estate's drift")
struct DriftFormatTests {
    static let drift = """
        [drift]
        in_use_cna = 0.002
        operational_capacity = 0.004
        reversion = 0.1
        """

    @Test("[drift] reads its spreads and reversion; without it nothing drifts")
    func reads() throws {
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", goodEstateCSV)
        let given = try directory.write("given.toml", scenarioText(rest: Self.drift))
        let scenario = try ScenarioLoader().load(path: given)
        #expect(scenario.drift == CapacityDrift(inUseCNA: 0.002, operationalCapacity: 0.004, reversion: 0.1))
        #expect(scenario.drift.moves)
        let plain = try directory.write("plain.toml", scenarioText())
        #expect(try ScenarioLoader().load(path: plain).drift == .none)
    }

    @Test("bad drift is reported with its line and key", arguments: [
        ("in_use_cna = 0.002", "in_use_cna = -0.002", "drift.in_use_cna"),
        ("operational_capacity = 0.004", "operational_capacity = 0.5", "drift.operational_capacity"),
        ("operational_capacity = 0.004", "operational_capacity = \"some\"", "drift.operational_capacity"),
        ("reversion = 0.1", "reversion = 1.5", "drift.reversion"),
        ("reversion = 0.1", "reversion = 0.1\nwobble = 2", "drift.wobble"),
    ])
    func bad(original: String, replacement: String, key: String) throws {
        #expect(Self.drift.contains(original))
        let (found, _) = try problems(
            scenario: scenarioText(rest: Self.drift.replacingOccurrences(of: original, with: replacement)))
        #expect(found.contains { $0.key.hasSuffix(key) && $0.line != nil }, "\(found.map(\.description))")
    }
}
