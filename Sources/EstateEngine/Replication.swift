import EstateModel
import EstateRandom
import EstateResults

/// Runs replications of one plan, one at a time, reusing its buffers: one per worker thread.
///
/// The state of a replication is counts of people by establishment and group, and a release
/// book — who leaves in each month — in one of two forms, chosen once by the plan (`Book`):
/// - `ReleaseCounts`, counts by establishment × group × release month (the fast form: receiving
///   people is a tally of alias-table draws; releasing a month is O(E·G) whatever its size);
/// - `PersonRecords`, per-person records bucketed by release month, when some policy needs each
///   person's reception month (a stay policy reaching the stock) or their readiness to progress.
///
/// Generic rather than an existential, so each form's hot path is specialised and inlined.
/// Not `Sendable`: each worker owns one.
final class Replication<Book: ReleaseBook> {
    let plan: SimulationPlan
    let shape: StateShape
    /// The unaccommodated pool's establishment index, E.
    var pool: Int { shape.pool }

    /// Who leaves when.
    let book: Book
    /// People by establishment × group (`shape.stock(e, g)`), e = E for the unaccommodated.
    let population: CountTable
    /// People by establishment (Σ over groups), E + 1 counts.
    let held: CountTable
    /// Recalled people due to be received, by group × month (`shape.flow(g, t)`).
    let recallsDue: CountTable
    /// Releases of the month by group.
    let releasedByGroup: CountTable
    /// The month's flows by establishment (E + 1), for the conservation check.
    let flows: MonthFlows
    /// Scratch space of the placement draws.
    let placement: Placement

    /// The streams of the replication in progress.
    var streams: ReplicationStreams
    /// The month in progress.
    var month = 0
    /// The national series of the replication in progress.
    var series: ReplicationSeries
    /// The rates of the replication in progress: the plan's, or those of its drawn parameters.
    var rates: ReplicationRates
    /// The capacities of the replication in progress: the plan's, or moved by the estate's drift.
    var capacity: ReplicationCapacity

    /// Per-establishment figures of the current replication, `[t * E + e]`.
    var establishmentPopulation: [Int32]
    var establishmentCrowded: [Int32]

    /// A worker for `plan`, with the streams of replication 0 until `run` is called.
    /// - Throws: `RandomError` if GSL cannot allocate a generator.
    init(plan: SimulationPlan) throws {
        self.plan = plan
        shape = plan.shape
        book = Book(shape: shape)
        population = CountTable(count: shape.stockCells)
        held = CountTable(count: shape.establishments + 1)
        recallsDue = CountTable(count: shape.groups * shape.months)
        releasedByGroup = CountTable(count: shape.groups)
        flows = MonthFlows(establishments: shape.establishments + 1)
        placement = Placement(capacity: shape.establishments + 1)
        streams = try ReplicationStreams(plan.scenario, replication: 0)
        series = ReplicationSeries(replication: 0, months: shape.months, groups: shape.groups,
                                   functions: plan.capacity.functions.count)
        rates = ReplicationRates(plan)
        capacity = ReplicationCapacity(planned: plan)
        establishmentPopulation = Array(repeating: 0, count: shape.months * shape.establishments)
        establishmentCrowded = establishmentPopulation
    }

    /// Runs replication `index` from the scenario seed and returns its national series; the
    /// per-establishment figures are left in `establishmentPopulation` and `establishmentCrowded`.
    func run(replication index: Int) throws -> ReplicationSeries {
        streams = try ReplicationStreams(plan.scenario, replication: index)
        rates = try plan.parameterModel.map { model in
            try model.rates(plan,
                            stream: try ReplicationStreams.stream("parameters", plan.scenario, replication: index))
        } ?? ReplicationRates(plan)
        capacity = try plan.drift.map { drift in
            ReplicationCapacity(plan: plan, drift: drift,
                                stream: try ReplicationStreams.stream("drift", plan.scenario, replication: index))
        } ?? ReplicationCapacity(planned: plan)
        book.removeAll()
        population.reset()
        held.reset()
        recallsDue.reset()
        series = ReplicationSeries(replication: index, months: shape.months, groups: shape.groups,
                                   functions: plan.capacity.functions.count)
        series.parameters = rates.parameters
        placeInitialStock()
        seedRecallPipeline()
        for t in 0..<shape.months {
            month = t
            step()
        }
        return series
    }

    // MARK: - The month

    /// DESIGN.md §2: policies → releases → decants → receptions → population management →
    /// progression → figures.
    private func step() {
        flows.reset()
        #if DEBUG
        let startHeld = held.values
        #endif
        for (k, policy) in plan.stockPolicies[month].enumerated() {
            book.rescaleStays(policy, factor: rates.stockFactors[month][k], in: self)
        }
        releaseDue()
        for decant in plan.decants[month] { self.decant(decant) }
        placeUnaccommodated()
        receive()
        if plan.fillsTrainingPrisons { fillTrainingPrisons() }
        if plan.hasProgression { book.progress(in: self) }
        record()
        #if DEBUG
        for e in 0...shape.establishments {
            let expected = startHeld[e] + flows.received[e] + flows.transferredIn[e] - flows.released[e]
                - flows.transferredOut[e]
            assert(held[e] == expected, "conservation broken at establishment \(e), month \(month)")
        }
        #endif
    }

    /// Takes this month's releases out of the book and the counts.
    /// - Complexity: O(E·G) with release counts; O(people released) with records.
    private func releaseDue() {
        releasedByGroup.reset()
        book.release(month: month) { e, g, n in
            population[shape.stock(e, g)] -= n
            held[e] -= n
            flows.released[e] += n
            releasedByGroup[g] += n
        }
        for g in 0..<shape.groups where releasedByGroup[g] > 0 { released(Int(releasedByGroup[g]), group: g) }
    }
}

/// One stream per concern of a replication, so that a draw added in one place does not shift the
/// others: counts of receptions, stays, placement, recalls, and the movements of people already in.
struct ReplicationStreams {
    let arrivals: RandomStream
    let stays: RandomStream
    let placement: RandomStream
    let recalls: RandomStream
    let movements: RandomStream

    /// The streams of replication `index` of `scenario`, derived only from its seed and the index.
    init(_ scenario: Scenario, replication index: Int) throws {
        arrivals = try Self.stream("arrivals", scenario, replication: index)
        stays = try Self.stream("stays", scenario, replication: index)
        placement = try Self.stream("placement", scenario, replication: index)
        recalls = try Self.stream("recalls", scenario, replication: index)
        movements = try Self.stream("movements", scenario, replication: index)
    }

    /// The stream named `key` of replication `index`.
    static func stream(_ key: String, _ scenario: Scenario, replication index: Int) throws -> RandomStream {
        try RandomStream(generator: scenario.generator, seed: scenario.seed, replication: index,
                         key: RandomStream.streamKey(key))
    }
}

/// A month's flows by establishment (the pool included), kept for the conservation check.
struct MonthFlows: ~Copyable {
    let received: CountTable
    let released: CountTable
    let transferredIn: CountTable
    let transferredOut: CountTable

    init(establishments: Int) {
        received = CountTable(count: establishments)
        released = CountTable(count: establishments)
        transferredIn = CountTable(count: establishments)
        transferredOut = CountTable(count: establishments)
    }

    func reset() {
        received.reset()
        released.reset()
        transferredIn.reset()
        transferredOut.reset()
    }
}
