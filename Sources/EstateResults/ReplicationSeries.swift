import EstateModel

/// One replication's national figures, month by month (end-of-month stocks, flows within the
/// month), as the engine records them: the raw counts every derived figure is computed from.
///
/// Stored as one flat array (each measure's months, then each group's, then each function's), so
/// that a copy costs one reference count however many figures there are.
public struct ReplicationSeries: Sendable, Hashable, Codable {
    /// The national counts of a month.
    public enum Measure: Int, Sendable, CaseIterable {
        /// Everyone in custody, including the unaccommodated (as the official figures count police cells).
        case population
        /// People held in establishments.
        case held
        /// Σ over establishments of min(pop, crowdingFactor × max(0, pop − in-use CNA)).
        case crowded
        /// People who could not be placed (every eligible establishment closed).
        case unaccommodated
        /// Every entry into custody in the month, first receptions and recalls alike.
        case receptions
        /// Every exit, including those received and released in the same month.
        case releases
        /// The part of receptions that are recalls.
        case recalls
        /// Moves between establishments (closures, re-roles, progression) and out of the unaccommodated pool.
        case transfers
        /// Establishments holding more than their in-use CNA.
        case establishmentsOverCNA
        /// Operational capacity above (negative: below) the plan's, moved by the estate's drift
        /// (`[drift]`; 0 without), of the whole estate, then of the male and the female estates.
        case operationalCapacityDrift, maleOperationalCapacityDrift, femaleOperationalCapacityDrift
    }

    /// One measure's months, read-only: `series.population[t]`.
    public struct Months: RandomAccessCollection, Sendable {
        let storage: [Int32]
        let offset: Int
        /// The number of months.
        public let count: Int
        /// 0, the first month.
        public var startIndex: Int { 0 }
        /// `count`, one past the last month.
        public var endIndex: Int { count }
        /// The measure's count in month t.
        public subscript(t: Int) -> Int32 { storage[offset + t] }
    }

    /// The replication's index in the batch: its random streams derive from it and the seed.
    public var replication: Int
    /// H.
    public let months: Int
    /// G.
    public let groups: Int
    /// The parameters this replication drew (`ScenarioInfo.parameterNames`); empty when the
    /// scenario gives every rate as a plain number.
    public var parameters: [Double] = []
    /// `[(measure) * H + t]`, then `[(M + g) * H + t]` for groups, then `[(M + G + f) * H + t]`
    /// for functions (`CapacitySchedule.functions[f]`).
    private var counts: [Int32]

    /// An empty series of replication `replication` for `months` months, `groups` groups and
    /// `functions` establishment functions.
    public init(replication: Int, months: Int, groups: Int, functions: Int) {
        self.replication = replication
        self.months = months
        self.groups = groups
        counts = [Int32](repeating: 0, count: months * (Measure.allCases.count + groups + functions))
    }

    /// A series from its saved form: `storage` as `self.storage` gave it; nil when its size does
    /// not fit `months` and `groups`.
    public init?(replication: Int, months: Int, groups: Int, storage: [Int32], parameters: [Double]) {
        guard replication >= 0, months > 0, groups >= 0, storage.count % months == 0,
              storage.count / months >= Measure.allCases.count + groups else { return nil }
        self.replication = replication
        self.months = months
        self.groups = groups
        self.parameters = parameters
        counts = storage
    }

    /// Every count in one array (measures, then groups, then functions, each over the months):
    /// for saving the series (EstateReports' `SeriesSpool`).
    public var storage: [Int32] { counts }

    /// A measure in month t.
    public subscript(measure: Measure, month t: Int) -> Int32 {
        get { counts[measure.rawValue * months + t] }
        set { counts[measure.rawValue * months + t] = newValue }
    }

    /// Group g's population in month t (the unaccommodated included).
    public subscript(group g: Int, month t: Int) -> Int32 {
        get { counts[(Measure.allCases.count + g) * months + t] }
        set { counts[(Measure.allCases.count + g) * months + t] = newValue }
    }

    /// The population held in establishments of function `CapacitySchedule.functions[f]` (as of
    /// the month) in month t.
    public subscript(function f: Int, month t: Int) -> Int32 {
        get { counts[(Measure.allCases.count + groups + f) * months + t] }
        set { counts[(Measure.allCases.count + groups + f) * months + t] = newValue }
    }

    enum CodingKeys: String, CodingKey { case replication, months, groups, counts, parameters }

    /// Decodes the saved form; throws `DecodingError` for negative sizes or counts of the wrong
    /// size for the months and groups.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        replication = try container.decode(Int.self, forKey: .replication)
        months = try container.decode(Int.self, forKey: .months)
        groups = try container.decode(Int.self, forKey: .groups)
        counts = try container.decodePacked([Int32].self, forKey: .counts)
        parameters = try container.decode([Double].self, forKey: .parameters)
        guard replication >= 0, months >= 0, groups >= 0, months > 0 ? counts.count % months == 0 : counts.isEmpty,
              months == 0 || counts.count / months >= Measure.allCases.count + groups else {
            throw DecodingError.dataCorruptedError(
                forKey: .counts, in: container,
                debugDescription: "a series of the wrong size for its months and groups")
        }
    }

    /// Encodes the series, its counts as one packed array; throws what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(replication, forKey: .replication)
        try container.encode(months, forKey: .months)
        try container.encode(groups, forKey: .groups)
        try container.encode(counts.packed, forKey: .counts)
        try container.encode(parameters, forKey: .parameters)
    }

    /// A measure's months.
    public func months(_ measure: Measure) -> Months {
        Months(storage: counts, offset: measure.rawValue * months, count: months)
    }

    /// Everyone in custody each month (`Measure.population`).
    public var population: Months { months(.population) }
    /// People held in establishments each month (`Measure.held`).
    public var held: Months { months(.held) }
    /// The crowded count each month (`Measure.crowded`).
    public var crowded: Months { months(.crowded) }
    /// People who could not be placed each month (`Measure.unaccommodated`).
    public var unaccommodated: Months { months(.unaccommodated) }
    /// Entries into custody each month (`Measure.receptions`).
    public var receptions: Months { months(.receptions) }
    /// Exits from custody each month (`Measure.releases`).
    public var releases: Months { months(.releases) }
    /// Recalls each month (`Measure.recalls`).
    public var recalls: Months { months(.recalls) }
    /// Moves between establishments each month (`Measure.transfers`).
    public var transfers: Months { months(.transfers) }
    /// Establishments over their in-use CNA each month (`Measure.establishmentsOverCNA`).
    public var establishmentsOverCNA: Months { months(.establishmentsOverCNA) }

    /// Group g's population in month t.
    public func population(group g: Int, month t: Int) -> Int32 { self[group: g, month: t] }

    /// The drift of `estate`'s operational capacity in month t (0 without `[drift]`).
    public func operationalCapacityDrift(_ estate: SexEstate, month t: Int) -> Int {
        switch estate {
        case .national: Int(self[.operationalCapacityDrift, month: t])
        case .male: Int(self[.maleOperationalCapacityDrift, month: t])
        case .female: Int(self[.femaleOperationalCapacityDrift, month: t])
        }
    }
}
