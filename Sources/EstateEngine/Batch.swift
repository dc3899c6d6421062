import Dispatch
import EstateModel
import Synchronization

/// The replications of one scenario: every replication's national series, in replication order, and
/// the per-establishment summaries.
public struct BatchResult: Sendable {
    public let plan: SimulationPlan
    /// The replication indices run (a shard runs part of the batch).
    public let replications: [Int]
    /// `national[i]` belongs to replication `replications[i]`.
    public let national: [NationalSeries]
    public let establishments: EstablishmentAccumulator
}

/// Runs replications on several threads. A replication's random streams derive only from the
/// scenario seed and its index, and results are combined exactly, so the output does not depend on
/// the number of threads or the order replications finish in.
public enum Batch {
    /// Runs `replications` of `plan` on `jobs` threads; `progress` is called after each replication
    /// with the number done so far.
    public static func run(_ plan: SimulationPlan, replications: [Int], jobs: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) throws -> BatchResult {
        let jobs = max(1, min(jobs, replications.count))
        let next = Atomic<Int>(0)
        let results = Mutex<[NationalSeries?]>(Array(repeating: nil, count: replications.count))
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
                    results.withLock { $0[i] = series }
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
        return BatchResult(plan: plan, replications: replications,
                           national: results.withLock { $0.compactMap { $0 } }, establishments: total)
    }
}
