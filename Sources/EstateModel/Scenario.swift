public import EstateRandom

/// Where a scenario came from, for the run manifest.
public struct Provenance: Sendable, Hashable {
    public var scenarioPath: String
    /// A content hash of the scenario file (and any file it builds on).
    public var scenarioHash: String
    public var estatePath: String
    public var estateHash: String

    public init(scenarioPath: String = "", scenarioHash: String = "", estatePath: String = "", estateHash: String = "") {
        self.scenarioPath = scenarioPath
        self.scenarioHash = scenarioHash
        self.estatePath = estatePath
        self.estateHash = estateHash
    }
}

/// Everything one simulation needs: the estate, the population groups, the dated capacity events and
/// policy levers, and the batch settings. Pure data, validated when loaded.
public struct Scenario: Sendable, Hashable {
    public var name: String
    /// The first simulated month (t = 0).
    public var start: Month
    /// The horizon H: months t = 0 … H−1.
    public var months: Int
    public var estate: Estate
    public var seed: UInt64
    public var replications: Int
    /// Places subtracted from operational capacity for the mismatch of sex, category and geography.
    public var operatingMargin: OperatingMargin
    /// Crowded = min(population, crowdingFactor × max(0, population − in-use CNA)).
    public var crowdingFactor: Double
    public var generator: GeneratorKind
    public var groups: [PopulationGroup]
    public var events: [CapacityEvent]
    public var policies: [Policy]
    /// Common drivers of uncertainty that groups load on (`[[uncertainty]]`).
    public var drivers: [UncertaintyDriver] = []
    /// How people are placed (`[placement]`).
    public var placement: Placement = .proportional
    /// What places and prisoners cost (`[costs]`): the direct resource figures unless the file says otherwise.
    public var costs: CostRates = .default
    public var provenance: Provenance

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
            || policies.contains { $0.sd > 0 } || drivers.contains { $0.trend.isUncertain || $0.levelSD > 0 || $0.shockSD > 0 }
    }

    /// The month at index `t` (0-based) of the run.
    public func month(at t: Int) -> Month { start + t }
}
