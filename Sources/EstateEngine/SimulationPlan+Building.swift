public import EstateModel
import EstateResults
import EstateRandom

/// A scenario the engine cannot run (the loader validates first, so this is rare: a table GSL
/// could not build, say).
public struct PlanError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, in a sentence naming the part of the scenario.
    public let description: String
}

extension SimulationPlan {
    /// Compiles `scenario`: the estate month by month (`EstateSchedule`), who may hold whom
    /// (`Eligibility`), each group's flows and their alias tables (`GroupFlows`, `StayTables`),
    /// and the state at the start (`InitialState`).
    ///
    /// - Throws: `PlanError` for a scenario the engine cannot run (an event naming an unknown
    ///   establishment, a recall loop with no steady state, more than the limits).
    /// - Complexity: O(H × (E + G·E)) plus the tables; done once per scenario.
    public init(_ scenario: Scenario) throws {
        self.scenario = scenario
        let H = scenario.months
        months = H
        let schedule = try EstateSchedule(scenario)
        establishments = schedule.establishments
        baselineCNA = schedule.baselineCNA
        inUseCNA = schedule.inUseCNA
        operationalCapacity = schedule.operationalCapacity
        function = schedule.function
        sex = schedule.sex
        accepting = schedule.accepting
        exists = schedule.exists
        decants = schedule.decants
        fillTarget = Self.fillTargets(scenario, schedule: schedule)
        fillsTrainingPrisons = fillTarget.contains { $0 > 0 }
        drift = scenario.drift.moves ? scenario.drift : nil
        let capacity = CapacitySchedule(
            establishments: schedule.establishments.map { .init(name: $0.name, sector: $0.sector, region: $0.region) },
            months: H, baselineCNA: baselineCNA, inUseCNA: inUseCNA, operationalCapacity: operationalCapacity,
            function: function, sex: sex, exists: exists, operatingMargin: scenario.operatingMargin)
        self.capacity = capacity
        let functions = Dictionary(capacity.functions.enumerated().map { ($0.element, UInt8($0.offset)) },
                                   uniquingKeysWith: { first, _ in first })
        functionIndex = try function.map { f in
            guard let i = functions[f] else {
                throw PlanError(description: "no capacity is kept for the function \(f)")
            }
            return i
        }
        eligibility = Eligibility(schedule, groups: scenario.groups, months: H)

        // Beyond the run every delay is alike, so tables fold the mass past it into one cell; only
        // stay policies on the stock need whole stays.
        let fullStays = scenario.policies.contains {
            if case .stay(_, true) = $0.lever { return true } else { return false }
        }
        var tables = StayTables(months: H, fullStays: fullStays)
        let groupIndex = Dictionary(scenario.groups.enumerated().map { ($0.element.id, $0.offset) },
                                    uniquingKeysWith: { first, _ in first })
        let shape = StateShape(establishments: schedule.establishments.count, groups: scenario.groups.count, months: H)
        let flows = try GroupFlows(scenario, shape: shape, groupIndex: groupIndex, tables: &tables)
        receptionMean = flows.receptionMean
        receptionDispersion = scenario.groups.map { $0.receptions.dispersion ?? 0 }
        receptionsAreRecalls = scenario.groups.map(\.receptions.areRecalls)
        stayTable = flows.stayTable
        recallRule = flows.recallRule
        recallSource = flows.recallSource
        stockPolicies = flows.stockPolicies
        parameterModel = ParameterModel(scenario, fullStays: fullStays)
        tracksReceptionMonths = flows.stockPolicies.contains { !$0.isEmpty }

        progressionTable = try scenario.groups.map { group in
            try group.progression.map { try tables.table($0.after) } ?? -1
        }
        progressionTargets = scenario.groups.map { $0.progression?.to ?? [] }
        progressionFrom = scenario.groups.map { $0.progression?.from }
        hasProgression = scenario.groups.contains { $0.progression != nil }

        let initial = try InitialState(scenario, schedule: schedule, groupIndex: groupIndex,
                                       tracksReceptionMonths: tracksReceptionMonths, tables: &tables)
        initialStock = initial.stock
        initialStockIsFixed = initial.stockIsFixed
        initialWeights = initial.weights
        residualTable = initial.residualTable
        lengthBiasedTable = initial.lengthBiasedTable
        recallPipeline = initial.recallPipeline

        // With release counts, receptions are booked as multinomial counts (DiscreteTally).
        keepsPerPersonRecords = tracksReceptionMonths || hasProgression
        self.tables = tables.tables
        tallies = try tables.tallies(keepsPerPersonRecords: keepsPerPersonRecords)
        try checkLimits()
    }
}

extension SimulationPlan {
    /// The places the `target-fill` rule keeps filled, `[t * E + e]` (DESIGN.md §2, population
    /// management): for a training prison open for business, its share × its operational
    /// capacity, at most the capacity; 0 elsewhere.
    ///
    /// The share is the function's target T. Where the estate file gives the populations, a prison
    /// starts from its own fill f (population ÷ operational capacity at the start) and approaches
    /// the target: with p the placement's `persistence`, its share in month t (0-based) is
    /// T + (f − T)·p^(t+1). With p = 1 it stays at its own fill, with p = 0 it is at the target
    /// from the first month; between, its departure from the target fades as prisons' departures
    /// from their function's fill do in the bulletins (a wing out of use, a new prison filling, a
    /// regime), and the run starts from the estate file's state rather than from the targets.
    /// A prison empty at the start, re-roled to another function, or opened by an event takes T.
    static func fillTargets(_ scenario: Scenario, schedule: EstateSchedule) -> [Int32] {
        let estate = scenario.estate.establishments
        let shape = StateShape(establishments: schedule.establishments.count, groups: scenario.groups.count,
                               months: scenario.months)
        var remaining = [Double](), p = 1.0
        for _ in 0..<scenario.months {
            p *= scenario.placement.persistence
            remaining.append(p)
        }
        // Each estate-file prison's fill at the start, when known.
        let startFill = estate.map { establishment -> Double? in
            guard let population = establishment.population, population > 0, establishment.operationalCapacity > 0
            else { return nil }
            return Double(population) / Double(establishment.operationalCapacity)
        }
        return (0..<shape.months).flatMap { t in (0..<shape.establishments).map { e -> Int32 in
            let i = shape.schedule(t, e)
            guard schedule.accepting[i], var share = scenario.placement.target(for: schedule.function[i]) else {
                return 0
            }
            if e < estate.count, schedule.function[i] == estate[e].function, let fill = startFill[e] {
                share += (fill - share) * remaining[t]
            }
            return Int32(min(1, share) * Double(schedule.operationalCapacity[i]))
        } }
    }
}
