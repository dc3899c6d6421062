import ArgumentParser
import EstateEngine
import EstateModel
import EstateResults
import Foundation

/// What a run is expected to hold in memory at its peak, estimated from its plans before it starts
/// (`check` and `run`), so that a run too large for the machine is refused, or given fewer jobs,
/// before it starts rather than killed hours in.
///
/// The model, per scenario of E establishments (those opened by events included), H months and G
/// groups, with C = E × H establishment-months ("cells"), follows what the run allocates:
/// - the plan: the capacity schedule and the engine's tables, 21 bytes a cell, and the lists of
///   establishments each group may be placed in, 4 bytes a (month, group, establishment);
/// - each job (thread) runs one replication at a time: its per-establishment figures (8 bytes a
///   cell) and its release calendar, 4 bytes a (establishment, group, month) — or, where the
///   scenario keeps per-person records (progression, stay policies on the stock), about 32 bytes a
///   person in custody;
/// - the per-establishment results (`EstablishmentAccumulator`), one set for the run, which every
///   job adds to: the summary of `summaryBytesPerCell` a cell once a scenario has more than
///   `rawReplications`, before that 12 bytes a cell for each replication as it came;
/// - saving a checkpoint (after every chunk but the last): the results and the capacity encoded,
///   twice over while the property list is made from the packed arrays;
/// - the national series of the replications of a chunk, (9 + G + functions) × H × 4 bytes each,
///   until they are spooled to disk;
/// - writing the outputs: 20 bytes a cell (the list of establishment-months, the report's digest),
///   the rows of establishment_monthly when they are few enough to be kept (`ResultTable.materialized`,
///   up to 4 million cells, about 520 bytes a row), and 16 MB of buffers;
/// - and a fixed 48 MB: the program, its libraries and buffers.
/// The peak is the largest of the simulation, the checkpoint and the writing, with the results of
/// the scenarios already run held throughout, plus 10 %. Measured peaks are within the estimate
/// (README, Scale). The national statistics' histograms (`NationalAccumulator`: 8 bytes a distinct
/// value of each figure with quantiles in each month) are counted at one distinct value a
/// replication up to `distinctValues`: beyond that a figure's values repeat (the benchmark's
/// population spreads over about 2,000 people), so a run of very many replications of a model
/// with a very wide band can need more.
struct MemoryEstimate: Sendable {
    /// The fixed part: the program, the Swift runtime, Foundation, GSL and SQLite, measured at
    /// about 42 MB before the first replication.
    static let fixedBytes = 48 << 20
    /// Writing: the store's page cache and statements, the CSV files' megabyte buffers.
    static let writingBuffers = 16 << 20
    /// The distinct values a national histogram is counted at, at most.
    static let distinctValues = 4_000

    /// The parts of the estimate, largest first, for messages.
    let parts: [(what: String, bytes: Int)]
    /// The estimated peak.
    let peak: Int

    /// The estimate for running `replications[k]` replications of `plans[k]` on `jobs` threads.
    init(plans: [SimulationPlan], replications: [Int], jobs: Int) {
        var planBytes = 0, heldBefore = 0, phasePeak = 0
        var summaries = 0, engines = 0, series = 0, writing = 0
        for (plan, count) in zip(plans, replications) {
            let shape = Self.Shape(plan)
            planBytes += shape.planBytes
            let summaryBytes = shape.cells * EstablishmentAccumulator.summaryBytesPerCell(binCount: shape.binCount)
            let rawBytes = shape.cells * EstablishmentAccumulator.rawBytesPerCell
            let summary = (count > EstablishmentAccumulator.rawReplications ? summaryBytes : rawBytes * count)
                + shape.histograms * 8 * min(count, Self.distinctValues)
            // The series of a chunk, at most `Chunks.maximumPerJob` replications a job.
            let seriesBytes = min(count, Chunks.maximumPerJob * jobs) * (shape.seriesBytesPerReplication + 160)
            let engine = min(jobs, count) * shape.engineBytesPerJob
            let simulating = heldBefore + summary + seriesBytes + engine
            // A checkpoint is saved after every chunk but the last: the results and the capacity
            // encoded, twice over (the packed arrays, then the property list made of them).
            let saving = count <= 2 * jobs ? 0 : heldBefore + summary + seriesBytes + 2 * (summary + shape.cells * 15)
            phasePeak = max(phasePeak, simulating, saving)
            heldBefore += summary
            summaries += summary
            engines = max(engines, engine)
            series = max(series, seriesBytes)
            writing += shape.cells * 20 + shape.materializedBytes
        }
        phasePeak = max(phasePeak, heldBefore + writing + Self.writingBuffers)
        // 10 % for what the model leaves out: the allocator's slack (each thread's arena keeps
        // what it freed).
        peak = (Self.fixedBytes + planBytes + phasePeak) * 11 / 10
        parts = [("the results (per establishment and national)", summaries),
                 ("the simulation's state, \(jobs) job\(jobs == 1 ? "" : "s")", engines),
                 ("the plan (capacity by establishment and month)", planBytes),
                 ("the national series of a chunk", series), ("writing the outputs", writing)]
            .filter { $0.1 >= 1 << 20 }.sorted { $0.1 > $1.1 }
    }

    /// The sizes of one scenario that memory depends on.
    struct Shape {
        let cells: Int, binCount: Int, planBytes: Int, engineBytesPerJob: Int, seriesBytesPerReplication: Int
        /// The national histograms: figures with quantiles × months.
        let histograms: Int
        /// The rows of establishment_monthly computed once and kept while the outputs are written,
        /// when they are at most 4 million cells (`ResultTable.materialized`): about 520 bytes a row.
        var materializedBytes: Int { cells * 18 <= 4_000_000 ? cells * 520 : 0 }

        init(_ plan: SimulationPlan) {
            let E = plan.establishmentCount, H = plan.months, G = plan.groupCount
            cells = E * H
            binCount = BoundedHistogram.binCount(cells: cells)
            // Who each group may be placed with, at the start (events change it little).
            var eligible = 0
            let capacity = plan.capacity
            for group in plan.scenario.groups {
                for e in 0..<E where H > 0 {
                    let i = capacity.cells.index(month: 0, establishment: e)
                    if capacity.exists[i] && group.holds.contains(capacity.function[i]) { eligible += 1 }
                }
            }
            planBytes = cells * 21 + 4 * H * eligible + G * H * 64
            let perPerson = plan.scenario.groups.contains { $0.progression != nil }
                || plan.scenario.policies.contains(where: { policy in
                    if case .stay(_, true) = policy.lever { true } else { false }
                })
            let calendar = perPerson ? Int(plan.startingStock * 32) + (H + 1) * 64 * 16 : 4 * plan.releaseCells
            engineBytesPerJob = cells * 8 + calendar + (E + 1) * (G + 8) * 8 + (1 << 20)
            seriesBytesPerReplication = (9 + G + plan.capacity.functions.count) * H * 4
            histograms = BatchResults(scenario: plan.info, capacity: plan.capacity).national.histogramCount
        }
    }

    /// `bytes` in MB (10^6), for messages: "1,234 MB".
    static func megabytes(_ bytes: Int) -> String {
        let mb = (Double(bytes) / 1e6).rounded()
        return Int(mb).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB"))) + " MB"
    }

    /// The parts as "a 282 MB, b 240 MB".
    var breakdown: String { parts.map { "\($0.what) \(Self.megabytes($0.bytes))" }.joined(separator: ", ") }
}

/// How much memory a run may use: the smaller of `--memory-limit` and what the machine has
/// available (`MemAvailable` in /proc/meminfo, and the room left under the cgroup's memory.max).
struct MemoryBudget: Sendable {
    let bytes: Int
    /// Where the figure comes from, for messages: "--memory-limit", "available memory (/proc/meminfo)".
    let source: String

    static func current(limit: Int?) -> MemoryBudget? {
        var candidates = [MemoryBudget]()
        if let limit { candidates.append(MemoryBudget(bytes: limit, source: "--memory-limit")) }
        if let available = availableMemory() { candidates.append(available) }
        return candidates.min { $0.bytes < $1.bytes }
    }

    /// MemAvailable, and memory.max − memory.current of this process's cgroup (v2) or
    /// memory.limit_in_bytes − memory.usage_in_bytes (v1), whichever is smaller.
    static func availableMemory() -> MemoryBudget? {
        var found = [MemoryBudget]()
        if let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = meminfo.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            found.append(MemoryBudget(bytes: kb * 1024, source: "the memory available (MemAvailable in /proc/meminfo)"))
        }
        func number(_ path: String) -> Int? {
            (try? String(contentsOfFile: path, encoding: .utf8)).flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        var cgroup = "/sys/fs/cgroup"
        if let own = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
           let line = own.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) {
            cgroup += String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        }
        for (max, current, name) in [(cgroup + "/memory.max", cgroup + "/memory.current", "memory.max"),
                                     ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current", "memory.max"),
                                     ("/sys/fs/cgroup/memory/memory.limit_in_bytes",
                                      "/sys/fs/cgroup/memory/memory.usage_in_bytes", "memory.limit_in_bytes")] {
            // "max" (no limit) does not parse; a v1 group without a limit says about 2^63.
            if let limit = number(max), limit < 1 << 60 {
                let used = number(current) ?? 0
                found.append(MemoryBudget(bytes: Swift.max(0, limit - used),
                                          source: "the room left under the cgroup's \(name) "
                                              + "(\(MemoryEstimate.megabytes(limit)))"))
                break
            }
        }
        return found.min { $0.bytes < $1.bytes }
    }

    /// Parses `--memory-limit`: bytes, or a number with K, M, G or T (powers of 1,024; "B" or
    /// "iB" may follow): 800M, 1.5G, 2GiB.
    static func parse(_ text: String) throws -> Int {
        let units: [(String, Double)] = [("T", 0x1p40), ("G", 0x1p30), ("M", 0x1p20), ("K", 0x1p10), ("", 1)]
        var body = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where body.hasSuffix(suffix) && body.count > suffix.count {
            body.removeLast(suffix.count)
            break
        }
        for (unit, factor) in units where body.hasSuffix(unit) {
            let number = body.dropLast(unit.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let value = Double(number), value.isFinite,
                  value * factor >= 0x1p20, value * factor < 0x1p60 else { break }
            return Int(value * factor)
        }
        throw ValidationError("--memory-limit must be a size of at least 1M, such as 800M or 2G (bytes, or K, M, G, T: "
            + "powers of 1,024), got '\(text)'.")
    }
}

/// The run's jobs within the memory budget: as asked if the estimate fits, else fewer with a note,
/// else a refusal (exit 2) saying what it needs and what to change.
enum MemoryCheck {
    enum Outcome {
        case fits(jobs: Int, estimate: MemoryEstimate, budget: MemoryBudget?)
        case fewerJobs(jobs: Int, asked: Int, estimate: MemoryEstimate, askedEstimate: MemoryEstimate,
                       budget: MemoryBudget)
        case tooLarge(estimate: MemoryEstimate, budget: MemoryBudget)
    }

    static func decide(plans: [SimulationPlan], replications: [Int], jobs: Int, limit: Int?) -> Outcome {
        let asked = MemoryEstimate(plans: plans, replications: replications, jobs: jobs)
        guard let budget = MemoryBudget.current(limit: limit) else {
            return .fits(jobs: jobs, estimate: asked, budget: nil)
        }
        if asked.peak <= budget.bytes { return .fits(jobs: jobs, estimate: asked, budget: budget) }
        // Fewer jobs: the largest that fits.
        var j = jobs - 1
        while j >= 1 {
            let estimate = MemoryEstimate(plans: plans, replications: replications, jobs: j)
            if estimate.peak <= budget.bytes {
                return .fewerJobs(jobs: j, asked: jobs, estimate: estimate, askedEstimate: asked, budget: budget)
            }
            j = j > 64 ? j / 2 : j - 1
        }
        return .tooLarge(
            estimate: jobs == 1 ? asked : MemoryEstimate(plans: plans, replications: replications, jobs: 1),
            budget: budget)
    }

    /// The note for fewer jobs.
    static func note(_ outcome: Outcome, command: String) -> String? {
        guard case let .fewerJobs(jobs, asked, estimate, askedEstimate, budget) = outcome else { return nil }
        return "estate-sim \(command): note: with --jobs \(asked) the run needs about "
            + "\(MemoryEstimate.megabytes(askedEstimate.peak)), "
            + "more than \(budget.source) allows (\(MemoryEstimate.megabytes(budget.bytes))); "
            + "running with --jobs \(jobs) "
            + "(about \(MemoryEstimate.megabytes(estimate.peak)))"
    }

    /// The refusal.
    static func refusal(_ estimate: MemoryEstimate, _ budget: MemoryBudget, command: String) -> String {
        "estate-sim \(command): not enough memory: the run needs about \(MemoryEstimate.megabytes(estimate.peak)) "
            + "even with --jobs 1 "
            + "(\(estimate.breakdown)), more than \(budget.source) allows (\(MemoryEstimate.megabytes(budget.bytes))). "
            + "Run fewer establishments or months (split the estate or the horizon into scenarios run one at a time), "
            + "fewer scenarios at once, fewer replications per run (--shard, then merge), or raise --memory-limit "
            + "on a machine with more memory."
    }
}

/// The peak resident memory of this process so far, in bytes (getrusage).
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
}
