import EstateEngine
import EstateResults

/// The replications of a run in chunks, each a `Batch.run` into the run's results, so that their
/// series can be spooled to disk and a checkpoint saved between them: the first chunk is a few
/// replications per job;
/// the next ones are sized from the rate measured so far to take about `checkpointSeconds`, but
/// hold at most `maximumPerJob` replications a job, so that the series held in memory at once
/// stay few whatever the number of replications. Chunking changes no output: results merge exactly.
struct Chunks {
    let plan: SimulationPlan
    let jobs: Int
    let checkpointSeconds: Double
    let advance: @Sendable () -> Void
    /// Replications a job of a chunk at most.
    static let maximumPerJob = 64
    private var remaining: ArraySlice<Int>
    private var rate: Double?

    init(plan: SimulationPlan, replications: [Int], jobs: Int, checkpointSeconds: Double,
         advance: @escaping @Sendable () -> Void) {
        self.plan = plan
        self.jobs = jobs
        self.checkpointSeconds = checkpointSeconds
        self.advance = advance
        remaining = replications[...]
    }

    /// Whether every replication has run.
    var isDone: Bool { remaining.isEmpty }

    /// Runs the next chunk into `results`; false when every replication has run.
    mutating func next(into results: inout BatchResults) throws -> Bool {
        guard !remaining.isEmpty else { return false }
        let size = rate.map {
            max(2 * jobs, min(Self.maximumPerJob * jobs, Int(min(Double(remaining.count), $0 * checkpointSeconds))))
        } ?? 2 * jobs
        let chunk = Array(remaining.prefix(size))
        remaining = remaining.dropFirst(chunk.count)
        let started = ContinuousClock.now
        let advance = advance
        try Batch.run(plan, replications: chunk, jobs: jobs, into: &results, progress: { _ in advance() })
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        rate = Double(chunk.count) / max(seconds, 1e-3)
        return true
    }
}
