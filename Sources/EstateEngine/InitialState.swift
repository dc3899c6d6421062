import EstateModel
import EstateRandom

/// The state of custody at the start (DESIGN.md §2): each group's expected initial stock, where it
/// is held, the tables its release months are drawn from, and the recalls already on their way. A
/// builder of `SimulationPlan`.
struct InitialState {
    /// Expected initial stock of each group: its `initial`, or its steady state λ·E[S] counting
    /// the recalls it receives.
    let stock: [Double]
    /// Whether a group's stock is given (drawn as is) rather than a steady state (Poisson).
    let stockIsFixed: [Bool]
    /// Placement weights of each group's stock over establishments, `[g * E + e]` (`StateShape.weight`).
    let weights: [Double]
    /// Stationary residual tables per group (positions in the plan's tables).
    let residualTable: [Int32]
    /// Length-biased stay tables per group, to date each initial person's reception when some
    /// policy needs to know it (positions in the plan's tables, or −1).
    let lengthBiasedTable: [Int32]
    /// Expected recalls due into group g in month t from people released before the start,
    /// `[g * H + t]`: the recalls already in the pipeline of a steady state.
    let recallPipeline: [Double]

    /// The initial state of `scenario` over `schedule`'s establishments; tables come from (and are
    /// added to) `tables`.
    /// - Throws: `PlanError` when a recall loop leaves no steady state (see `steadyInflow`).
    init(_ scenario: Scenario, schedule: EstateSchedule, groupIndex: [String: Int], tracksReceptionMonths: Bool,
         tables: inout StayTables) throws {
        let H = scenario.months, G = scenario.groups.count
        let shape = StateShape(establishments: schedule.establishments.count, groups: G, months: H)
        residualTable = try scenario.groups.map { try tables.table($0.stay, kind: .residual) }
        lengthBiasedTable = try scenario.groups.map { group in
            tracksReceptionMonths ? try tables.table(group.stay, kind: .lengthBiased) : -1
        }
        // The steady state counts every reception: a group's own and the recalls it receives from
        // the groups that recall into it (itself included).
        let inflow = try SimulationPlan.steadyInflow(scenario.groups, index: groupIndex)
        stock = scenario.groups.enumerated().map { g, group in
            group.initial.map(Double.init) ?? inflow[g] * group.stay.mean
        }
        stockIsFixed = scenario.groups.map { $0.initial != nil }

        // Before the start, a stationary stock N of group g released N / E[D] people a month; those
        // released j ≥ 1 months before the start come back in month t with probability
        // p · P(M = j + t), M = max(1, D) the recall delay. Summed over j: p · P(M ≥ t + 1).
        var recallPipeline = [Double](repeating: 0, count: G * H)
        for (g, group) in scenario.groups.enumerated() {
            guard let recall = group.recall, recall.probability > 0, group.stay.mean > 0 else { continue }
            guard let h = groupIndex[recall.to] else {
                throw PlanError(description: "no group has the id \(recall.to)")
            }
            let delay = try WholeMonthStay(recall.after).probabilities
            var atLeast = 1.0  // P(M ≥ t + 1); P(M ≥ 1) = 1 since M ≥ 1
            for t in 0..<H {
                if t == 1 { atLeast -= delay[0] }
                if t >= 1 { atLeast -= t < delay.count ? delay[t] : 0 }
                recallPipeline[shape.flow(h, t)] += inflow[g] * recall.probability * max(0, atLeast)
            }
        }
        self.recallPipeline = recallPipeline

        // Every establishment of the estate file that exists in the first month holds its people
        // at the start, one closing from that month included: its run-down decants them.
        let estate = scenario.estate.establishments.count
        weights = InitialStock.weights(
            establishments: Array(schedule.establishments.prefix(estate)), shape: shape,
            groups: scenario.groups, stocks: stock,
            eligible: { g, e in
                let i = shape.schedule(0, e)
                return e < estate && schedule.exists[i]
                    && scenario.groups[g].canBeHeld(by: schedule.function[i], sex: schedule.sex[i])
            })
    }
}
