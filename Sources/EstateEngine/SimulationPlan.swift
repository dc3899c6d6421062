public import EstateModel
public import EstateResults
import EstateRandom

/// A scenario compiled for the engine: every dated event and policy resolved to per-month arrays,
/// every stay and delay distribution turned into an alias table. Built once per scenario and shared,
/// read-only, by every replication and thread.
///
/// Flat arrays indexed `[t * establishmentCount + e]` hold what varies by month and establishment.
public struct SimulationPlan: Sendable {
    /// The scenario compiled.
    public let scenario: Scenario
    /// Months of the run (H).
    public let months: Int
    /// Establishments of the estate file, then those opened by events, in event order.
    public let establishments: [Establishment]
    /// E, the establishments (without the unaccommodated pool).
    public var establishmentCount: Int { establishments.count }
    /// G, the population groups.
    public var groupCount: Int { scenario.groups.count }
    /// The shape of a replication's state, and its flat indices.
    var shape: StateShape { StateShape(establishments: establishmentCount, groups: groupCount, months: months) }
    /// Cells of a replication's release counts (`ReleaseCounts`): establishments and the pool × groups
    /// × release months (`StateShape.releaseCells`), for the memory a run needs.
    package var releaseCells: Int { shape.releaseCells }

    // Per month × establishment (deterministic: the same in every replication).
    /// Baseline CNA, `[t * E + e]`.
    public let baselineCNA: [Int32]
    /// In-use CNA, `[t * E + e]`.
    public let inUseCNA: [Int32]
    /// Operational capacity, `[t * E + e]`.
    public let operationalCapacity: [Int32]
    /// Function as of each month (re-roles change it), `[t * E + e]`.
    public let function: [EstablishmentFunction]
    /// Sex held as of each month, `[t * E + e]`.
    public let sex: [Sex]
    /// Open for business: exists, has opened, and is not closing. Only these receive people.
    let accepting: [Bool]
    /// Shown in the reports: from its opening to the end of its run-down.
    public let exists: [Bool]
    /// Places the `target-fill` rule keeps filled, `[t * E + e]`: target × operational capacity
    /// of a training prison open for business (approached from the prison's own fill at the start
    /// where the estate file gives populations: `fillTargets`), 0 elsewhere.
    let fillTarget: [Int32]
    /// Whether the `target-fill` rule moves people each month.
    let fillsTrainingPrisons: Bool
    /// The estate's own drift, when capacities move (`[drift]`); nil keeps every replication on the plan's.
    let drift: CapacityDrift?

    /// The same capacities as results see them, with the totals and useable capacity of each sex
    /// estate (EstateResults computes every total; the engine only fills establishments).
    public let capacity: CapacitySchedule
    /// The position of `function[t * E + e]` in `capacity.functions`, for the population by function.
    let functionIndex: [UInt8]

    /// The establishments that may receive each group in each month.
    let eligibility: Eligibility

    // Flows per group × month.
    let receptionMean: [Double]     // [g * H + t]
    /// Negative binomial dispersion of each group's receptions; 0 for Poisson.
    let receptionDispersion: [Double]
    /// Whether each group's own receptions are recalls.
    let receptionsAreRecalls: [Bool]
    let stayTable: [Int32]          // [g * H + t] → index into `tables`
    let recallRule: [RecallRule?]   // [g * H + t]
    /// The position among the scenario's policies of the recall policy that set `recallRule`
    /// (−1 for a group's own rule or none), `[g * H + t]`.
    let recallSource: [Int32]
    /// What a replication draws, when the scenario carries parameter uncertainty.
    let parameterModel: ParameterModel?
    let progressionTable: [Int32]   // [g] → index into `tables`, or -1
    let progressionTargets: [[EstablishmentFunction]]
    let progressionFrom: [EstablishmentFunction?]

    /// Stay policies that reach the people already in custody, by month.
    let stockPolicies: [[StockPolicy]]  // [t]
    /// Closures and re-roles decanting in month t.
    let decants: [[Decant]]  // [t]

    let tables: [DiscreteTable]
    /// For stay tables when the plan keeps release counts: the same distribution, drawn as counts.
    let tallies: [DiscreteTally?]
    /// Whether replications keep per-person records (a stay policy reaching the stock, or
    /// progression) rather than release counts.
    let keepsPerPersonRecords: Bool
    /// Stationary residual tables for the initial stock, per group (index into `tables`).
    let residualTable: [Int32]
    /// Length-biased D tables per group, used with a uniform to date each initial person's reception
    /// when some policy needs to know it (index into `tables`, or -1).
    let lengthBiasedTable: [Int32]
    /// Expected initial stock of each group, and its placement weights over establishments [g * E + e].
    let initialStock: [Double]
    /// Expected recalls due into group g in month t from people released before the start,
    /// `[g * H + t]`: the recalls already in the pipeline of a steady state.
    let recallPipeline: [Double]
    let initialStockIsFixed: [Bool]
    let initialWeights: [Double]

    /// Whether some policy needs each person's reception month.
    let tracksReceptionMonths: Bool
    let hasProgression: Bool

    struct RecallRule: Sendable {
        var probability: Double
        var to: Int
        var delayTable: Int32
    }

    struct StockPolicy: Sendable {
        var factor: Double
        var groups: [Bool]  // [g]
        /// Its position among the scenario's policies.
        var policy: Int
    }

    struct Decant: Sendable {
        enum Reason: Sendable { case closure, reRole }
        var establishment: Int
        var reason: Reason
        /// Months of the run-down left including this one: move ceil(n / monthsLeft).
        var monthsLeft: Int
    }

    /// The delay table of group g's progression if establishment e (not the pool) is one it
    /// progresses from in month t; nil otherwise.
    func progressionTable(group g: Int, establishment e: Int, month t: Int) -> DiscreteTable? {
        guard e < establishmentCount, let from = progressionFrom[g], function[shape.schedule(t, e)] == from
        else { return nil }
        return tables[Int(progressionTable[g])]
    }

    /// The eligible establishments of group `g` in month `t`.
    func eligible(group g: Int, month t: Int) -> ArraySlice<Int32> {
        eligibility.establishments(group: g, month: t)
    }
}
