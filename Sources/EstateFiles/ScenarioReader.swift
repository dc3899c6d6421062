internal import EstateModel
internal import EstateRandom

/// Reads a merged scenario tree into a `ScenarioDraft`, reporting every key that is unknown,
/// missing, of the wrong type or out of range (DESIGN.md §3 names the keys).
struct ScenarioReader {
    let log: ProblemLog

    static let topLevelKeys = ["scenario", "group", "event", "policy", "uncertainty", "placement", "costs", "drift"]
    static let placementKeys = ["rule", "target_fill", "persistence"]
    static let driftKeys = ["in_use_cna", "operational_capacity", "reversion"]
    static let driverKeys = ["id", "trend", "level", "shocks"]
    static let scenarioKeys = ["name", "start", "months", "estate", "seed", "replications", "operating_margin",
                               "crowding_factor", "generator", "base", "remove_events"]
    static let groupKeys = ["id", "sex", "holds", "receptions", "stay", "initial", "progression", "recall"]
    static let receptionKeys = ["mean", "trend", "seasonality", "dispersion", "recalls", "level", "shocks", "driver"]
    static let operatingMarginKeys = ["male", "female"]
    static let progressionKeys = ["from", "to", "after"]
    static let recallKeys = ["probability", "to", "after"]

    func read(_ root: TOMLNode) -> ScenarioDraft {
        var draft = ScenarioDraft()
        guard let top = TableReader(root, expecting: "a TOML document", log: log) else { return draft }
        top.rejectUnknownKeys(allowed: Self.topLevelKeys, context: "a scenario file")
        if let scenario = top.table("scenario", required: true, expecting: "a [scenario] table") {
            readSettings(scenario, into: &draft)
        }
        let groups = top.array("group", expecting: "[[group]] tables") ?? []
        if groups.isEmpty, top.has("scenario") {
            log.report(top.origin(of: "group"), "missing; expected at least one [[group]]")
        }
        draft.groups = groups.compactMap { TableReader($0, expecting: "a [[group]] table", log: log).map(readGroup) }
        let events = top.array("event", expecting: "[[event]] tables") ?? []
        draft.events = events.compactMap { TableReader($0, expecting: "an [[event]] table", log: log).map(readEvent) }
        let policies = top.array("policy", expecting: "[[policy]] tables") ?? []
        draft.policies = policies.compactMap {
            TableReader($0, expecting: "a [[policy]] table", log: log).map(readPolicy)
        }
        if let placement = top.table("placement", expecting: "a [placement] table") {
            draft.placement = readPlacement(placement) ?? draft.placement
        }
        if let costs = top.table("costs", expecting: "a [costs] table") {
            draft.costs = readCosts(costs) ?? draft.costs
        }
        if let drift = top.table("drift", expecting: "a [drift] table") {
            draft.drift = readDrift(drift) ?? draft.drift
        }
        let drivers = top.array("uncertainty", expecting: "[[uncertainty]] tables") ?? []
        draft.drivers = drivers.compactMap {
            TableReader($0, expecting: "an [[uncertainty]] table", log: log).map(readDriver)
        }
        return draft
    }

    private func readSettings(_ scenario: TableReader, into draft: inout ScenarioDraft) {
        scenario.rejectUnknownKeys(allowed: Self.scenarioKeys, context: "[scenario]")
        draft.name = scenario.string("name", required: true, Expectation("a non-empty string") { !$0.isEmpty })
        draft.start = scenario.month("start", required: true)
        draft.months = scenario.integer("months", required: true, .months)
        if let estate = scenario.string("estate", required: true,
                                        Expectation("a path to the estate CSV") { !$0.isEmpty }) {
            draft.estate = (estate, scenario.origin(of: "estate"))
        }
        if let seed = scenario.integer("seed", .nonNegative) { draft.seed = UInt64(seed) }
        if let replications = scenario.integer("replications", .replications) {
            draft.replications = replications
            draft.replicationsOrigin = scenario.origin(of: "replications")
        }
        draft.operatingMargin = readOperatingMargin(scenario) ?? draft.operatingMargin
        draft.crowdingFactor = scenario.number("crowding_factor", .factor) ?? draft.crowdingFactor
        draft.generator = scenario.choice("generator", of: GeneratorKind.self) ?? draft.generator
        // `base` and `remove_events` were acted on when the files were merged; only their types are checked here.
        _ = scenario.string("base", Expectation("a path to the base scenario") { !$0.isEmpty })
        _ = scenario.strings("remove_events", Expectation("event id"))
    }

    /// `operating_margin = 1700` or `operating_margin = { male = 1500, female = 200 }`.
    private func readOperatingMargin(_ scenario: TableReader) -> OperatingMargin? {
        guard let node = scenario.node("operating_margin", required: false, expecting: "places") else { return nil }
        guard node.table != nil else {
            return scenario.integer("operating_margin", .places).map(OperatingMargin.national)
        }
        guard let bySex = scenario.table("operating_margin", expecting: "a table { male = …, female = … }") else {
            return nil
        }
        bySex.rejectUnknownKeys(allowed: Self.operatingMarginKeys, context: "operating_margin")
        let male = bySex.integer("male", required: true, .places)
        let female = bySex.integer("female", required: true, .places)
        guard let male, let female else { return nil }
        return .bySex(male: male, female: female)
    }

    // MARK: Groups

    private func readGroup(_ reader: TableReader) -> GroupDraft {
        reader.rejectUnknownKeys(allowed: Self.groupKeys, context: "a [[group]]")
        let id = reader.string("id", required: true, .identifier)
        let sex = reader.choice("sex", required: true, of: Sex.self, allowed: [.male, .female])
        let holds = reader.functions("holds", required: true)
        let receptions = reader.table("receptions", required: true, expecting: "a table such as { mean = 1700 }")
            .flatMap(readReceptions)
        let stay = reader.distribution("stay", required: true, extraKeys: ["factor"])
        let stayFactor = reader.table("stay", expecting: "a distribution table")?.estimate("factor", .factor)
        let initial = reader.integer("initial", .people)
        let progression = reader.table("progression", expecting: "a table { from, to, after }").flatMap(readProgression)
        let recall = reader.table("recall", expecting: "a table { probability, to, after }").map(readRecall)

        var draft = GroupDraft(origin: reader.origin, id: id, idOrigin: reader.origin(of: "id"), sex: sex, holds: holds,
                               holdsOrigin: reader.origin(of: "holds"))
        draft.recallTo = recall?.target
        if let driver = receptions?.uncertainty.driver {
            draft.driver = (driver,
                            reader.table("receptions", expecting: "a table")?.origin(of: "driver") ?? reader.origin)
        }
        if let progression, progression.to.contains(progression.from) {
            log.report(reader.origin(of: "progression"),
                       "expected destinations other than `from` (\(progression.from.rawValue)): "
                       + "people would move between \(progression.from.rawValue) establishments every month")
        }
        if let progression, let holds {
            for function in [progression.from] + progression.to where !holds.contains(function) {
                log.report(reader.origin(of: "progression"),
                           "expected functions among the group's holds "
                           + "(\(holds.map(\.rawValue).joined(separator: ", "))), "
                           + "got \(function.rawValue)")
            }
        }
        let optionalsValid = reader.validWhereGiven("initial", initial)
            && reader.validWhereGiven("progression", progression)
            && reader.validWhereGiven("recall", recall?.value)
        if let id, let sex, let holds, let receptions, let stay, optionalsValid {
            draft.group = PopulationGroup(id: id, sex: sex, holds: holds, receptions: receptions, stay: stay,
                                          initial: initial, progression: progression, recall: recall?.value)
            draft.group?.stayFactor = stayFactor ?? Estimate(1)
        }
        return draft
    }

    private func readReceptions(_ reader: TableReader) -> ReceptionSpecification? {
        reader.rejectUnknownKeys(allowed: Self.receptionKeys, context: "receptions")
        let mean = reader.number("mean", required: true,
                                 Expectation("a number of receptions a month from 0 to \(Limits.places)") {
                                     $0 >= 0 && $0 <= Double(Limits.places)
                                 })
        let trend = reader.estimate("trend",
                                    Expectation("an annual proportional change > -1 and <= 1 (0.02 is +2 % a year)") {
                                        $0 > -1 && $0 <= 1
                                    }, defaultMean: 0)
        let level = reader.spread("level")
        let shocks = reader.spread("shocks")
        let driver = reader.string("driver", .identifier)
        let dispersion = reader.number("dispersion", Expectation("a number > 0 (at most 100)") { $0 > 0 && $0 <= 100 })
        let recalls = reader.boolean("recalls")
        var seasonality: [Double]?
        var seasonalityValid = true
        if let elements = reader.array("seasonality", expecting: "an array of 12 numbers > 0, January to December") {
            let values = elements.map {
                $0.readNumber(Expectation("a number > 0 (at most 10)") { $0 > 0 && $0 <= 10 }, log: log)
            }
            if values.count != 12 {
                log.report(reader.origin(of: "seasonality"),
                           "expected 12 numbers > 0, January to December, got \(values.count)")
                seasonalityValid = false
            } else if values.contains(nil) {
                seasonalityValid = false
            } else {
                seasonality = values.compactMap { $0 }
            }
        }
        let optionalsValid = reader.validWhereGiven("trend", trend) && reader.validWhereGiven("dispersion", dispersion)
            && reader.validWhereGiven("level", level) && reader.validWhereGiven("shocks", shocks)
            && reader.validWhereGiven("driver", driver)
        guard let mean, seasonalityValid, optionalsValid else { return nil }
        var specification = ReceptionSpecification(mean: mean, annualTrend: trend?.mean ?? 0,
                                                   seasonality: seasonality ?? Array(repeating: 1, count: 12),
                                                   dispersion: dispersion, areRecalls: recalls ?? false)
        specification.uncertainty = ReceptionUncertainty(trendSD: trend?.sd ?? 0, levelSD: level ?? 0,
                                                         shockSD: shocks ?? 0, driver: driver)
        return specification
    }

    // MARK: Placement

    /// `[placement]`: `rule = "proportional"` or `"target-fill"`, `target_fill = { cat-c = 0.98, … }`
    /// and `persistence` (0 to 1).
    private func readPlacement(_ reader: TableReader) -> Placement? {
        reader.rejectUnknownKeys(allowed: Self.placementKeys, context: "[placement]")
        let rules = ["proportional", "target-fill"]
        let rule = reader.string("rule", required: true,
                                 Expectation("one of: \(rules.joined(separator: ", "))") { rules.contains($0) })
        var targets = [EstablishmentFunction: Double]()
        var targetsValid = true
        if let table = reader.table("target_fill", expecting: "a table of function = share of operational capacity") {
            let names = EstablishmentFunction.allCases.map(\.rawValue)
            table.rejectUnknownKeys(allowed: names, context: "target_fill (establishment functions)")
            for function in EstablishmentFunction.allCases where table.has(function.rawValue) {
                let share = table.number(function.rawValue,
                                         Expectation("a share of operational capacity > 0 and at most 1.2") {
                                             $0 > 0 && $0 <= 1.2
                                         })
                if let share { targets[function] = share } else { targetsValid = false }
            }
        } else if reader.has("target_fill") {
            targetsValid = false
        }
        let persistence = reader.number("persistence", Expectation("a share from 0 to 1") { $0 >= 0 && $0 <= 1 })
        let persistenceValid = persistence != nil || !reader.has("persistence")
        guard let rule, targetsValid, persistenceValid else { return nil }
        if rule == "proportional" {
            for key in ["target_fill", "persistence"] where reader.has(key) {
                log.report(reader.origin(of: key), "expected no \(key) with rule = \"proportional\"")
            }
            return .proportional
        }
        return .targetFill(reader.has("target_fill") ? targets : Placement.defaultTargets,
                           persistence: persistence ?? 0)
    }

    // MARK: Drift

    /// `[drift]`: `in_use_cna` and `operational_capacity`, the monthly sd of the share of a
    /// function's capacity that drifts, and `reversion`, the share that returns each month.
    private func readDrift(_ reader: TableReader) -> CapacityDrift? {
        reader.rejectUnknownKeys(allowed: Self.driftKeys, context: "[drift]")
        let share = Expectation<Double>("a monthly sd of the share of capacity, at least 0 and at most 0.1") {
            $0 >= 0 && $0 <= 0.1
        }
        let inUse = reader.number("in_use_cna", share)
        let operational = reader.number("operational_capacity", share)
        let reversion = reader.number("reversion",
                                      Expectation("a share returning each month, at least 0 and at most 1") {
                                          $0 >= 0 && $0 <= 1
                                      })
        guard inUse != nil || !reader.has("in_use_cna"), operational != nil || !reader.has("operational_capacity"),
              reversion != nil || !reader.has("reversion") else { return nil }
        return CapacityDrift(inUseCNA: inUse ?? 0, operationalCapacity: operational ?? 0, reversion: reversion ?? 0)
    }

    // MARK: Uncertainty

    /// An `[[uncertainty]]` driver: `id`, and its `trend` (a number or `{ mean, sd }`), `level = { sd }`
    /// and `shocks = { sd }`.
    private func readDriver(_ reader: TableReader) -> DriverDraft {
        reader.rejectUnknownKeys(allowed: Self.driverKeys, context: "an [[uncertainty]]")
        let id = reader.string("id", required: true, .identifier)
        let trend = reader.estimate("trend",
                                    Expectation("an annual proportional change > -1 and <= 1 (0.02 is +2 % a year)") {
                                        $0 > -1 && $0 <= 1
                                    }, defaultMean: 0)
        let level = reader.spread("level")
        let shocks = reader.spread("shocks")
        var draft = DriverDraft(origin: reader.origin, id: id)
        if let id, reader.validWhereGiven("trend", trend), reader.validWhereGiven("level", level),
           reader.validWhereGiven("shocks", shocks) {
            draft.driver = UncertaintyDriver(id: id, trend: trend ?? Estimate(0), levelSD: level ?? 0,
                                             shockSD: shocks ?? 0)
        }
        return draft
    }

    private func readProgression(_ reader: TableReader) -> Progression? {
        reader.rejectUnknownKeys(allowed: Self.progressionKeys, context: "progression")
        let from = reader.choice("from", required: true, of: EstablishmentFunction.self)
        let to = reader.functions("to", required: true)
        let after = reader.distribution("after", required: true)
        guard let from, let to, let after else { return nil }
        return Progression(from: from, to: to, after: after)
    }

    /// The recall, when valid, and the group it names, for the cross-check, even when it is not.
    private func readRecall(_ reader: TableReader) -> (value: Recall?, target: (id: String, origin: Origin)?) {
        reader.rejectUnknownKeys(allowed: Self.recallKeys, context: "recall")
        let probability = reader.number("probability", required: true, .probability)
        let to = reader.string("to", required: true, .identifier)
        let after = reader.distribution("after", required: true)
        let target = to.map { ($0, reader.origin(of: "to")) }
        guard let probability, let to, let after else { return (nil, target) }
        return (Recall(probability: probability, to: to, after: after), target)
    }
}

extension Expectation<String> {
    static let identifier = Expectation("a non-empty id") { !$0.isEmpty }
}

extension TableReader {
    /// False when `key` was given but did not read as a valid `value` (the problem is already reported).
    func validWhereGiven<Value>(_ key: String, _ value: Value?) -> Bool { value != nil || !has(key) }

    /// A non-empty array of establishment functions without repeats.
    func functions(_ key: String, required: Bool = false) -> [EstablishmentFunction]? {
        let what = "a non-empty array of functions (\(EstablishmentFunction.expectation()))"
        guard let elements = array(key, required: required, expecting: what) else { return nil }
        guard !elements.isEmpty else {
            log.report(origin(of: key), "expected \(what), got an empty array")
            return nil
        }
        let functions = elements.map { $0.readChoice(EstablishmentFunction.self, log: log) }
        guard !functions.contains(nil) else { return nil }
        let values = functions.compactMap { $0 }
        if values.uniqued().count != values.count {
            log.report(origin(of: key),
                       "expected each function once, got \(values.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return values
    }
}
