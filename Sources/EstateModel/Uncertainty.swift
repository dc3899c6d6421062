/// A rate a forecaster estimates: its central value and, when uncertain, the standard deviation
/// of the value drawn once per replication and held for the whole replication
/// (`docs/scenario-format.md`, Uncertainty). A plain number in a scenario is an estimate with
/// `sd` 0, which draws nothing.
public struct Estimate: Sendable, Hashable {
    /// The central value.
    public var mean: Double
    /// The standard deviation of the value drawn per replication; 0 when known.
    public var sd: Double

    /// An estimate of `mean`, known unless `sd` > 0.
    public init(_ mean: Double, sd: Double = 0) {
        self.mean = mean
        self.sd = sd
    }

    /// Whether a value is drawn for each replication.
    public var isUncertain: Bool { sd > 0 }
}

/// How uncertain a group's receptions are, beyond the Poisson (or negative binomial) noise of the
/// monthly counts: each replication draws its own trend, level and path of persistent shocks.
public struct ReceptionUncertainty: Sendable, Hashable {
    /// Standard deviation of the yearly trend (the trend's mean is `ReceptionSpecification.annualTrend`).
    public var trendSD: Double
    /// Standard deviation, on the log scale, of a persistent shift of the rate from month 0.
    public var levelSD: Double
    /// Monthly standard deviation, on the log scale, of a random walk of the rate.
    public var shockSD: Double
    /// The `[[uncertainty]]` driver the group also loads on, by id.
    public var driver: String?

    /// No uncertainty unless a spread or a driver is given.
    public init(trendSD: Double = 0, levelSD: Double = 0, shockSD: Double = 0, driver: String? = nil) {
        self.trendSD = trendSD
        self.levelSD = levelSD
        self.shockSD = shockSD
        self.driver = driver
    }

    /// Whether the rate depends on anything drawn per replication (its own spread or a driver's).
    public var isUncertain: Bool { trendSD > 0 || levelSD > 0 || shockSD > 0 || driver != nil }
}

/// A common driver of demand that several groups load on (`[[uncertainty]]`), so that their
/// receptions move together rather than independently: its trend, level and shocks are drawn once
/// per replication and multiply the receptions of every group that names it, on top of each
/// group's own.
public struct UncertaintyDriver: Sendable, Hashable {
    /// Its id, which groups name (`driver = "demand"`).
    public var id: String
    /// Yearly trend, proportional (0.01 is +1 % a year), with its uncertainty.
    public var trend: Estimate
    /// Standard deviation, on the log scale, of a persistent shift from month 0.
    public var levelSD: Double
    /// Monthly standard deviation, on the log scale, of a random walk.
    public var shockSD: Double

    /// A driver with its trend, level and shock spreads.
    public init(id: String, trend: Estimate = Estimate(0), levelSD: Double = 0, shockSD: Double = 0) {
        self.id = id
        self.trend = trend
        self.levelSD = levelSD
        self.shockSD = shockSD
    }
}
