import Dispatch
import EstateModel
import Synchronization

/// The replications of one scenario, summarised: national and per-establishment figures.
public struct BatchResult: Sendable {
    public let plan: SimulationPlan
    /// The replication indices run (a shard runs part of the batch), in batch order.
    public let replications: [Int]
    /// National figures; position i of its per-replication figures is replication `replications[i]`.
    public let national: NationalSummary
    public let establishments: EstablishmentAccumulator
}

/// Runs replications on several threads. A replication's random streams derive only from the
/// scenario seed and its index, and results are combined exactly, so the output does not depend on
/// the number of threads or the order replications finish in.
public enum Batch {
    /// Runs `replications` of `plan` on `jobs` threads; `progress` is called after each replication
    /// with the number done so far, and `observe` (if given) with each replication's position in
    /// the batch and its full national series — on worker threads, in no particular order.
    public static func run(_ plan: SimulationPlan, replications: [Int], jobs: Int,
                           progress: (@Sendable (Int) -> Void)? = nil,
                           observe: (@Sendable (Int, NationalSeries) -> Void)? = nil) throws -> BatchResult {
        if plan.scenario.generator == .taus2, let last = replications.max(), last >= SimulationPlan.maximumTaus2Replications {
            throw PlanError(description: "the taus2 generator keeps replications apart only below index "
                            + "\(SimulationPlan.maximumTaus2Replications), got \(last): use mt19937")
        }
        let jobs = max(1, min(jobs, replications.count))
        let next = Atomic<Int>(0)
        let national = Mutex(NationalSummary(months: plan.months, groups: plan.groupCount,
                                             replications: replications.count))
        let accumulators = Mutex<[EstablishmentAccumulator?]>(Array(repeating: nil, count: jobs))
        let failure = Mutex<(any Error)?>(nil)
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            let replication = Replication(plan: plan)
            var accumulator = EstablishmentAccumulator(establishments: plan.establishmentCount, months: plan.months)
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < replications.count, failure.withLock({ $0 == nil }) else { break }
                do {
                    let series = try replication.run(replication: replications[i])
                    accumulator.add(population: replication.establishmentPopulation,
                                    crowded: replication.establishmentCrowded)
                    national.withLock { $0.add(series, at: i) }
                    observe?(i, series)
                    let finished = done.add(1, ordering: .relaxed).newValue
                    progress?(finished)
                } catch {
                    failure.withLock { $0 = error }
                }
            }
            accumulators.withLock { $0[worker] = accumulator }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var total = EstablishmentAccumulator(establishments: plan.establishmentCount, months: plan.months)
        for accumulator in accumulators.withLock({ $0 }) {
            if let accumulator { total.merge(accumulator) }
        }
        return BatchResult(plan: plan, replications: replications, national: national.withLock { $0 },
                           establishments: total)
    }
}
