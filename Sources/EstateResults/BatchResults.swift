import EstateModel

/// What a batch of replications of one scenario produced, as one value: the scenario and its
/// month axis, the estate's capacity month by month, which replications it holds, and the exact
/// accumulators of the national figures (`NationalAccumulator`) and of the establishments
/// (`EstablishmentAccumulator`).
///
/// It holds no engine state and no floating-point sums, so results merge exactly: merging the
/// results of disjoint sets of replications gives the same value as running them all at once,
/// whatever the order of merging, threads or shards. Every figure a writer shows is derived from
/// it in one place (`Figure`, `ResultTables`). Its size does not grow with the replications.
///
/// Each replication's own series (for the store's `replication_monthly`) is not kept for the whole
/// batch: `series` holds those of the replications added since the last `takeSeries()`, which a
/// run hands to its series spool on disk (EstateReports' `SeriesSpool`) chunk by chunk.
public struct BatchResults: Sendable, Hashable, Codable {
    /// The scenario the batch was run from.
    public let scenario: ScenarioInfo
    /// The estate's capacity month by month, the same in every replication.
    public let capacity: CapacitySchedule
    /// The replications held.
    public private(set) var indices: ReplicationIndices
    /// The national figures over the replications held.
    public private(set) var national: NationalAccumulator
    /// Per establishment and month, over the replications.
    public private(set) var establishments: EstablishmentAccumulator
    /// The series of the replications added since the last `takeSeries()` (all of them for the
    /// value `Batch.run` returns), in increasing replication index.
    public private(set) var series: [ReplicationSeries]

    /// Results of no replication yet.
    public init(scenario: ScenarioInfo, capacity: CapacitySchedule) {
        self.scenario = scenario
        self.capacity = capacity
        indices = ReplicationIndices()
        series = []
        establishments = EstablishmentAccumulator(establishments: capacity.establishmentCount, months: capacity.months)
        national = NationalAccumulator(figures: Figure.accumulated(scenario: scenario, capacity: capacity),
                                       capacity: capacity)
    }

    /// The replication indices held, in increasing order.
    public var replications: [Int] { indices.indices }

    /// How many replications are held.
    public var replicationCount: Int { national.replications }

    /// The replications of the batch (`0 ..< scenario.replications`) not held.
    public var missingReplications: [Int] { indices.missing(below: scenario.replications) }

    /// Adds one replication: its national series and its per-establishment population and crowded
    /// (each `[t * E + e]`), and the operational capacity it ran against when the estate drifted
    /// (nil: the plan's). A replication already held is a programming error.
    public mutating func add(_ replication: ReplicationSeries, establishmentPopulation: [Int32],
                             establishmentCrowded: [Int32], operationalCapacity: [Int32]? = nil) {
        precondition(indices.insert(replication.replication), "replication \(replication.replication) added twice")
        establishments.add(population: establishmentPopulation, crowded: establishmentCrowded,
                           operationalCapacity: operationalCapacity ?? capacity.operationalCapacity)
        let figures = Figure.accumulated(scenario: scenario, capacity: capacity)
        // Taken out while the figures read `self`, so that it is changed in place, not copied.
        var national = self.national
        self.national = NationalAccumulator.none
        national.add { f, t in figures[f].value(self, replication, t) }
        self.national = national
        if let last = series.last, last.replication >= replication.replication {
            series.insert(replication, at: series.partitioningIndex { $0.replication >= replication.replication })
        } else {
            series.append(replication)
        }
    }

    /// Hands over the series held (see `series`), leaving none; the accumulators keep counting them.
    public mutating func takeSeries() -> [ReplicationSeries] {
        defer { series = [] }
        return series
    }

    /// Adds the replications of `other`, which must be of the same scenario and estate and hold
    /// none of the same replications.
    public mutating func merge(_ other: BatchResults) throws(MergeError) {
        let differences = scenario.differences(from: other.scenario)
        guard differences.isEmpty else {
            throw MergeError("results of different runs: \(differences.joined(separator: "; "))")
        }
        guard capacity == other.capacity else {
            throw MergeError("results of \"\(scenario.name)\" with different estates")
        }
        var union = indices
        let overlap = union.formUnion(other.indices)
        guard overlap.isEmpty else {
            throw MergeError("replications of \"\(scenario.name)\" held twice: \(IndexRanges.text(overlap))")
        }
        indices = union
        var merged = [ReplicationSeries]()
        merged.reserveCapacity(series.count + other.series.count)
        var i = 0, j = 0
        while i < series.count || j < other.series.count {
            if j == other.series.count || (i < series.count && series[i].replication < other.series[j].replication) {
                merged.append(series[i]); i += 1
            } else {
                merged.append(other.series[j]); j += 1
            }
        }
        series = merged
        national.merge(other.national)
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
    /// What differs between the results, in words.
    public let description: String
    /// An error that says `description`.
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
