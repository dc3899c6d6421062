public import EstateModel

/// What a batch of replications of one scenario produced, as one value: the scenario and its
/// month axis, the estate's capacity month by month, every replication's national series, and
/// the exact per-establishment accumulators.
///
/// It holds no engine state and no floating-point sums, so results merge exactly: merging the
/// results of disjoint sets of replications gives the same value as running them all at once,
/// whatever the order of merging, threads or shards. Every figure a writer shows is derived from
/// it in one place (`Figure`, `ResultTables`).
public struct BatchResults: Sendable, Hashable, Codable {
    public let scenario: ScenarioInfo
    public let capacity: CapacitySchedule
    /// Every replication's national series, in increasing replication index.
    public private(set) var series: [ReplicationSeries]
    /// Per establishment and month, over the replications.
    public private(set) var establishments: EstablishmentAccumulator

    /// Results of no replication yet.
    public init(scenario: ScenarioInfo, capacity: CapacitySchedule) {
        self.scenario = scenario
        self.capacity = capacity
        series = []
        establishments = EstablishmentAccumulator(establishments: capacity.establishmentCount, months: capacity.months)
    }

    /// The replication indices held, in increasing order.
    public var replications: [Int] { series.map(\.replication) }

    /// The replications of the batch (`0 ..< scenario.replications`) not held.
    public var missingReplications: [Int] {
        var missing = [Int](), k = 0
        for r in 0..<scenario.replications {
            while k < series.count, series[k].replication < r { k += 1 }
            if k == series.count || series[k].replication != r { missing.append(r) }
        }
        return missing
    }

    /// Adds one replication: its national series and its per-establishment population and crowded
    /// (each `[t * E + e]`), and the operational capacity it ran against when the estate drifted
    /// (nil: the plan's). A replication already held is a programming error.
    public mutating func add(_ replication: ReplicationSeries, establishmentPopulation: [Int32],
                             establishmentCrowded: [Int32], operationalCapacity: [Int32]? = nil) {
        establishments.add(population: establishmentPopulation, crowded: establishmentCrowded,
                           operationalCapacity: operationalCapacity ?? capacity.operationalCapacity)
        if let last = series.last, last.replication >= replication.replication {
            let position = series.partitioningIndex { $0.replication >= replication.replication }
            precondition(series[position].replication != replication.replication,
                         "replication \(replication.replication) added twice")
            series.insert(replication, at: position)
        } else {
            series.append(replication)
        }
    }

    /// Adds the replications of `other`, which must be of the same scenario and estate and hold
    /// none of the same replications.
    public mutating func merge(_ other: BatchResults) throws(MergeError) {
        let differences = scenario.differences(from: other.scenario)
        guard differences.isEmpty else {
            throw MergeError("results of different runs: \(differences.joined(separator: "; "))")
        }
        guard capacity == other.capacity else { throw MergeError("results of \"\(scenario.name)\" with different estates") }
        var merged = [ReplicationSeries]()
        merged.reserveCapacity(series.count + other.series.count)
        var i = 0, j = 0
        var overlap = [Int]()
        while i < series.count || j < other.series.count {
            if j == other.series.count || (i < series.count && series[i].replication < other.series[j].replication) {
                merged.append(series[i]); i += 1
            } else if i == series.count || other.series[j].replication < series[i].replication {
                merged.append(other.series[j]); j += 1
            } else {
                overlap.append(series[i].replication); i += 1; j += 1
            }
        }
        guard overlap.isEmpty else {
            throw MergeError("replications of \"\(scenario.name)\" held twice: \(IndexRanges.text(overlap))")
        }
        series = merged
        establishments.merge(other.establishments)
    }

    /// The results of all `parts` together.
    public static func merged(_ parts: consuming [BatchResults]) throws(MergeError) -> BatchResults {
        // Taken out of the array, so that merging into it copies nothing; in the order given.
        parts.reverse()
        guard var total = parts.popLast() else { throw MergeError("nothing to merge") }
        while let part = parts.popLast() { try total.merge(part) }
        return total
    }
}

/// Why results cannot be merged.
public struct MergeError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension ScenarioInfo {
    /// What differs between two scenario descriptions, in words ("seed 1 against 2"); empty when
    /// they are the same.
    public func differences(from other: ScenarioInfo) -> [String] {
        var found = [String]()
        func compare<T: Equatable>(_ what: String, _ a: T, _ b: T) {
            if a != b { found.append("\(what) \(a) against \(b)") }
        }
        compare("scenario", name, other.name)
        compare("scenario hash", scenarioHash, other.scenarioHash)
        compare("estate hash", estateHash, other.estateHash)
        compare("seed", seed, other.seed)
        compare("generator", generator, other.generator)
        compare("replications", replications, other.replications)
        compare("start", start.description, other.start.description)
        compare("months", months, other.months)
        if found.isEmpty, self != other { found.append("scenario settings") }
        return found
    }
}

/// Replication indices as closed ranges, in Slurm's array notation: `0-499,600,700-799`.
public enum IndexRanges {
    /// `indices` (increasing) as ranges `"a-b"` (or `"a"` for one).
    public static func ranges(_ indices: [Int]) -> [String] {
        var ranges = [String]()
        var i = indices.startIndex
        while i < indices.endIndex {
            var j = i
            while j + 1 < indices.endIndex, indices[j + 1] == indices[j] + 1 { j += 1 }
            ranges.append(i == j ? "\(indices[i])" : "\(indices[i])-\(indices[j])")
            i = j + 1
        }
        return ranges
    }

    /// The ranges joined by commas.
    public static func text(_ indices: [Int]) -> String { ranges(indices).joined(separator: ",") }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for a predicate false then true along the array.
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
