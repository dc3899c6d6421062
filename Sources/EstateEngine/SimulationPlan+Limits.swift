import EstateModel

extension SimulationPlan {
    /// Most groups and establishments a plan may have: per-person records keep a group in a byte
    /// and an establishment (plus the unaccommodated pool) in two. The loader refuses more, with
    /// the line; these are `ScenarioLimits`' figures, checked again for scenarios built in code.
    public static let maximumGroups = ScenarioLimits.groups
    /// Most establishments, including those opened by events.
    public static let maximumEstablishments = ScenarioLimits.establishments
    /// Most people a replication may receive over the run, initial stock included, in
    /// expectation: counts are 32-bit, and a run that size would take hours anyway.
    public static let maximumPeople = Double(ScenarioLimits.peoplePerReplication)

    /// Most bytes the per-replication national figures of a batch may take (three 32-bit numbers
    /// per replication and month).
    public static let maximumSummaryBytes = 12 * ScenarioLimits.replicationMonths
    /// taus2 is seeded with 21 bits of the replication index (see EstateRandom's README).
    public static let maximumTaus2Replications = ScenarioLimits.taus2Replications

    /// Checks that the plan fits the engine's counters. The loader checks the same limits (from
    /// `ScenarioLimits`) with the line of each key; this catches scenarios built in code and
    /// replications changed after loading.
    func checkLimits() throws {
        if let problem = ScenarioLimits.replicationProblem(scenario.replications, months: months,
                                                           generator: scenario.generator) {
            throw PlanError(description: "replications: \(problem)")
        }
        if groupCount > Self.maximumGroups {
            throw PlanError(description: "a scenario may have at most \(Self.maximumGroups) groups, got \(groupCount)")
        }
        if establishmentCount > Self.maximumEstablishments {
            throw PlanError(description: "a scenario may have at most \(Self.maximumEstablishments) establishments "
                            + "(including those opened by events), got \(establishmentCount)")
        }
        let people = initialStock.reduce(0, +) + receptionMean.reduce(0, +)
        if !(people <= Self.maximumPeople) {
            throw PlanError(description: "the scenario would receive about \(people.rounded()) people in a replication "
                            + "(initial stock and receptions, with trends and policies); "
                            + "the most is \(Int(Self.maximumPeople))")
        }
    }
}
