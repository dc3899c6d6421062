public import EstateRandom

/// How many people a group receives each month before policy levers (DESIGN.md §3 `receptions`).
///
/// The mean of month `t` is `mean × (1 + annualTrend)^(t/12) × seasonality[calendar month − 1]`;
/// counts are Poisson, or negative binomial with variance `μ + dispersion·μ²` when `dispersion` is set.
public struct ReceptionSpecification: Sendable, Hashable {
    /// Mean receptions a month at the start, before trend and seasonality.
    public var mean: Double
    /// Proportional change a year, compounded monthly (0.01 is +1 % a year).
    public var annualTrend: Double
    /// Twelve multipliers, January to December.
    public var seasonality: [Double]
    /// nil for Poisson counts.
    public var dispersion: Double?
    /// Whether these receptions are recalls from licence (a recall group's own inflow, beside the
    /// recalls that groups' `recall` rules send it); they are then counted in `recalls`.
    public var areRecalls: Bool
    /// The uncertainty of the rate, drawn per replication; none by default.
    public var uncertainty = ReceptionUncertainty()

    /// Receptions of `mean` a month, Poisson unless `dispersion` is given.
    public init(mean: Double, annualTrend: Double = 0, seasonality: [Double] = Array(repeating: 1, count: 12),
                dispersion: Double? = nil, areRecalls: Bool = false) {
        self.mean = mean
        self.annualTrend = annualTrend
        self.seasonality = seasonality
        self.dispersion = dispersion
        self.areRecalls = areRecalls
    }
}

/// Sentenced people received at a `from` establishment move to a `to` function after a delay, when
/// the destination has free operational capacity (DESIGN.md §2, progression).
public struct Progression: Sendable, Hashable {
    /// The function people progress from (usually `local`).
    public var from: EstablishmentFunction
    /// The functions they may move to.
    public var to: [EstablishmentFunction]
    /// Months from reception until the person is ready to move.
    public var after: StayDistribution

    /// People at a `from` establishment move to one of `to` after `after` months.
    public init(from: EstablishmentFunction, to: [EstablishmentFunction], after: StayDistribution) {
        self.from = from
        self.to = to
        self.after = after
    }
}

/// People released from a group return to custody as receptions of group `to` with `probability`,
/// after a delay in months.
public struct Recall: Sendable, Hashable {
    /// The probability that someone released is recalled.
    public var probability: Double
    /// The id of the group recalled people are received into.
    public var to: String
    /// Months from release to recall (at least one).
    public var after: StayDistribution

    /// Recalls into group `to` with `probability`, after `after` months.
    public init(probability: Double, to: String, after: StayDistribution) {
        self.probability = probability
        self.to = to
        self.after = after
    }
}

/// A stream of people with common rules: who holds them, how many arrive, how long they stay.
public struct PopulationGroup: Sendable, Hashable {
    /// Its id, unique in the scenario (`male-remand`).
    public var id: String
    /// `male` or `female`.
    public var sex: Sex
    /// The functions of establishment that may hold the group.
    public var holds: [EstablishmentFunction]
    /// How many it receives a month.
    public var receptions: ReceptionSpecification
    /// Length of stay (time served) in months.
    public var stay: StayDistribution
    /// Every stay × this factor, drawn per replication when uncertain (`stay.factor`); 1 by default.
    public var stayFactor = Estimate(1)
    /// Stock at the start; nil for the steady state λ·E[S].
    public var initial: Int?
    /// Moves from locals to training prisons, if any.
    public var progression: Progression?
    /// Recalls of the people it releases, if any.
    public var recall: Recall?

    /// A group with its rules; `initial` nil for the steady state.
    public init(id: String, sex: Sex, holds: [EstablishmentFunction], receptions: ReceptionSpecification,
                stay: StayDistribution, initial: Int? = nil, progression: Progression? = nil, recall: Recall? = nil) {
        self.id = id
        self.sex = sex
        self.holds = holds
        self.receptions = receptions
        self.stay = stay
        self.initial = initial
        self.progression = progression
        self.recall = recall
    }

    /// Whether an establishment of this function and sex may hold the group.
    public func canBeHeld(by function: EstablishmentFunction, sex establishmentSex: Sex) -> Bool {
        holds.contains(function) && establishmentSex.accepts(sex)
    }
}
