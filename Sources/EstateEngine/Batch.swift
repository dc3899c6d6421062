import Dispatch
import EstateModel
public import EstateResults
import Synchronization

/// Runs replications on several threads. A replication's random streams derive only from the
/// scenario seed and its index, and results are combined exactly, so the output does not depend on
/// the number of threads or the order replications finish in.
public enum Batch {
    /// Runs the replications `replications` (indices into the batch) of `plan` on `jobs` threads
    /// and returns their results; `progress` is called after each replication with the number done
    /// so far, on worker threads, in no particular order.
    public static func run(_ plan: SimulationPlan, replications: [Int], jobs: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) throws -> BatchResults {
        if plan.scenario.generator == .taus2, let last = replications.max(), last >= SimulationPlan.maximumTaus2Replications {
            throw PlanError(description: "the taus2 generator keeps replications apart only below index "
                            + "\(SimulationPlan.maximumTaus2Replications), got \(last): use mt19937")
        }
        let empty = BatchResults(scenario: plan.info, capacity: plan.capacity)
        let jobs = max(1, min(jobs, replications.count))
        let next = Atomic<Int>(0)
        let parts = Mutex<[BatchResults]>([])
        // The failure of the lowest position, so the message does not depend on thread timing.
        let failure = Mutex<(position: Int, error: any Error)?>(nil)
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            let replication = Replication(plan: plan)
            var part = empty
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < replications.count, failure.withLock({ $0 == nil }) else { break }
                do {
                    let series = try replication.run(replication: replications[i])
                    part.add(series, establishmentPopulation: replication.establishmentPopulation,
                             establishmentCrowded: replication.establishmentCrowded)
                    progress?(done.add(1, ordering: .relaxed).newValue)
                } catch {
                    failure.withLock { if $0 == nil || i < $0!.position { $0 = (i, error) } }
                }
            }
            parts.withLock { $0.append(part) }
        }
        if let failed = failure.withLock({ $0 }) { throw failed.error }
        // Exact: integer sums and histograms, and series kept in replication order.
        return try BatchResults.merged(parts.withLock { $0 })
    }
}
