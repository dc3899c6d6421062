public import EstateRandom

/// Where a scenario came from, for the run manifest.
public struct Provenance: Sendable, Hashable {
    /// The scenario file as given.
    public var scenarioPath: String
    /// A content hash of the scenario file (and any file it builds on).
    public var scenarioHash: String
    /// The estate file, as reached from the scenario.
    public var estatePath: String
    /// A content hash of the estate file.
    public var estateHash: String

    /// Provenance of the given files (empty for a scenario built in code).
    public init(scenarioPath: String = "", scenarioHash: String = "", estatePath: String = "",
                estateHash: String = "") {
        self.scenarioPath = scenarioPath
        self.scenarioHash = scenarioHash
        self.estatePath = estatePath
        self.estateHash = estateHash
    }
}

/// Everything one simulation needs: the estate, the population groups, the dated capacity events and
/// policy levers, and the batch settings. Pure data, validated when loaded.
public struct Scenario: Sendable, Hashable {
    /// Its name, which labels every output row.
    public var name: String
    /// The first simulated month (t = 0).
    public var start: Month
    /// The horizon H: months t = 0 … H−1.
    public var months: Int
    /// The establishments at the start.
    public var estate: Estate
    /// The master seed every random stream derives from.
    public var seed: UInt64
    /// Replications of a batch.
    public var replications: Int
    /// Places subtracted from operational capacity for the mismatch of sex, category and geography.
    public var operatingMargin: OperatingMargin
    /// Crowded = min(population, crowdingFactor × max(0, population − in-use CNA)).
    public var crowdingFactor: Double
    /// GSL's uniform generator for every stream.
    public var generator: GeneratorKind
    /// The population groups, in file order.
    public var groups: [PopulationGroup]
    /// The capacity events, in file order.
    public var events: [CapacityEvent]
    /// The policy levers, in file order.
    public var policies: [Policy]
    /// Common drivers of uncertainty that groups load on (`[[uncertainty]]`).
    public var drivers: [UncertaintyDriver] = []
    /// How people are placed (`[placement]`).
    public var placement: Placement = .proportional
    /// What places and prisoners cost (`[costs]`): the direct resource figures unless the file says otherwise.
    public var costs: CostRates = .default
    /// The estate's own drift of capacity (`[drift]`), none by default.
    public var drift: CapacityDrift = .none
    /// Where it came from, for the manifest.
    public var provenance: Provenance

    /// A scenario, validated by whoever builds it (the loader does).
    public init(name: String, start: Month, months: Int, estate: Estate, seed: UInt64 = 1, replications: Int = 100,
                operatingMargin: OperatingMargin = 0, crowdingFactor: Double = 2, generator: GeneratorKind = .mt19937,
                groups: [PopulationGroup], events: [CapacityEvent] = [], policies: [Policy] = [],
                provenance: Provenance = Provenance()) {
        self.name = name
        self.start = start
        self.months = months
        self.estate = estate
        self.seed = seed
        self.replications = replications
        self.operatingMargin = operatingMargin
        self.crowdingFactor = crowdingFactor
        self.generator = generator
        self.groups = groups
        self.events = events
        self.policies = policies
        self.provenance = provenance
    }

    /// Whether some rate is drawn per replication (any `{ mean, sd }` with sd > 0) or moved by an
    /// `[[uncertainty]]` driver.
    public var hasParameterUncertainty: Bool {
        groups.contains { $0.receptions.uncertainty.isUncertain || $0.stayFactor.isUncertain }
            || policies.contains { $0.sd > 0 }
            || drivers.contains { $0.trend.isUncertain || $0.levelSD > 0 || $0.shockSD > 0 }
    }

    /// The month at index `t` (0-based) of the run.
    public func month(at t: Int) -> Month { start + t }
}
