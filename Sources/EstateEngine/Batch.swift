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
        let parts = plan.keepsPerPersonRecords
            ? run(plan, replications: replications, jobs: jobs, book: PersonRecords.self, progress: progress)
            : run(plan, replications: replications, jobs: jobs, book: ReleaseCounts.self, progress: progress)
        // Exact: integer sums and histograms, and series kept in replication order.
        return try BatchResults.merged(try parts.get())
    }

    /// The part results of each thread, the release book chosen once for the whole batch; the
    /// failure of the lowest position if any replication failed.
    private static func run<Book: ReleaseBook>(_ plan: SimulationPlan, replications: [Int], jobs: Int, book: Book.Type,
                                               progress: (@Sendable (Int) -> Void)?) -> Result<[BatchResults], any Error> {
        let empty = BatchResults(scenario: plan.info, capacity: plan.capacity)
        let jobs = max(1, min(jobs, replications.count))
        let next = Atomic<Int>(0)
        let parts = Mutex<[BatchResults]>([])
        // The failure of the lowest position, so the message does not depend on thread timing.
        let failure = Mutex<(position: Int, error: any Error)?>(nil)
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            let replication: Replication<Book>
            do {
                replication = try Replication<Book>(plan: plan)
            } catch {
                failure.withLock { if $0 == nil { $0 = (-1, error) } }
                return
            }
            var part = empty
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < replications.count, failure.withLock({ $0 == nil }) else { break }
                do {
                    let series = try replication.run(replication: replications[i])
                    part.add(series, establishmentPopulation: replication.establishmentPopulation,
                             establishmentCrowded: replication.establishmentCrowded,
                             operationalCapacity: replication.capacity.operationalDrift == nil
                                ? nil : replication.capacity.operationalCapacity)
                    progress?(done.add(1, ordering: .relaxed).newValue)
                } catch {
                    failure.withLock { if $0.map({ i < $0.position }) ?? true { $0 = (i, error) } }
                }
            }
            parts.withLock { $0.append(part) }
        }
        if let failed = failure.withLock({ $0 }) { return .failure(failed.error) }
        return .success(parts.withLock { $0 })
    }
}
