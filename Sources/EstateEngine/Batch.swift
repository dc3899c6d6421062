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
        var results = BatchResults(scenario: plan.info, capacity: plan.capacity)
        try run(plan, replications: replications, jobs: jobs, into: &results, progress: progress)
        return results
    }

    /// Runs the replications `replications` of `plan` on `jobs` threads and adds them to
    /// `results` (of the same plan, holding none of them). Every thread adds its replications
    /// straight into `results`, one at a time: the accumulators are exact, so the order does not
    /// matter, and the batch holds one set of them, not one per thread. If a replication fails,
    /// its error is thrown and `results` holds the replications that finished.
    public static func run(_ plan: SimulationPlan, replications: [Int], jobs: Int, into results: inout BatchResults,
                           progress: (@Sendable (Int) -> Void)? = nil) throws {
        precondition(results.scenario == plan.info, "results of another scenario")
        if plan.scenario.generator == .taus2, let last = replications.max(),
           last >= SimulationPlan.maximumTaus2Replications {
            throw PlanError(description: "the taus2 generator keeps replications apart only below index "
                            + "\(SimulationPlan.maximumTaus2Replications), got \(last): use mt19937")
        }
        // Moved into the lock and back, so that it is never copied.
        let shared = Mutex(results)
        results = BatchResults(scenario: plan.info, capacity: plan.capacity)
        let failure = plan.keepsPerPersonRecords
            ? run(plan, replications: replications, jobs: jobs, book: PersonRecords.self, into: shared,
                  progress: progress)
            : run(plan, replications: replications, jobs: jobs, book: ReleaseCounts.self, into: shared,
                  progress: progress)
        shared.withLock { swap(&$0, &results) }
        if let failure { throw failure }
    }

    /// Runs the replications on `jobs` threads, the release book chosen once for the whole batch,
    /// adding each to `shared`; returns the failure of the lowest position if any replication failed.
    private static func run<Book: ReleaseBook>(_ plan: SimulationPlan, replications: [Int], jobs: Int, book: Book.Type,
                                               into shared: borrowing Mutex<BatchResults>,
                                               progress: (@Sendable (Int) -> Void)?) -> (any Error)? {
        let jobs = max(1, min(jobs, replications.count))
        let next = Atomic<Int>(0)
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
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < replications.count, failure.withLock({ $0 == nil }) else { break }
                do {
                    let series = try replication.run(replication: replications[i])
                    shared.withLock { results in
                        results.add(series, establishmentPopulation: replication.establishmentPopulation,
                                    establishmentCrowded: replication.establishmentCrowded,
                                    operationalCapacity: replication.capacity.operationalDrift == nil
                                        ? nil : replication.capacity.operationalCapacity)
                    }
                    progress?(done.add(1, ordering: .relaxed).newValue)
                } catch {
                    failure.withLock { if $0.map({ i < $0.position }) ?? true { $0 = (i, error) } }
                }
            }
        }
        return failure.withLock { $0?.error }
    }
}
