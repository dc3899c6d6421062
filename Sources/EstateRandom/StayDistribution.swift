/// A length-of-stay distribution in months (DESIGN.md §3 "Stay distributions").
///
/// A description, not a sampler: it validates, knows its exact mean and variance, draws a
/// continuous stay `S` from a stream, and is turned into the engine's whole-month release delay by
/// `WholeMonthStay`. Lognormal and gamma are given by their mean and standard deviation in months,
/// as planners quote them; Weibull by GSL's shape and scale.
public enum StayDistribution: Sendable, Hashable {
    /// Lognormal with the given mean and sd of `S` (σ² = ln(1 + (sd/mean)²), μ = ln mean − σ²/2).
    case lognormal(mean: Double, sd: Double)
    /// Gamma with the given mean and sd (shape = (mean/sd)², scale = sd²/mean).
    case gamma(mean: Double, sd: Double)
    /// Weibull, `P(S > s) = exp(−(s/scale)^shape)`.
    case weibull(shape: Double, scale: Double)
    /// Exponential with the given mean.
    case exponential(mean: Double)
    /// Every stay exactly `months` long (`D` is then `floor(months)` or `floor(months) + 1`).
    case fixed(months: Double)
    /// A time-served profile in whole months, `P(D = d)` for d = 0, 1, 2, … (sums to 1 within
    /// 1e-9). Here the delay `D` is drawn directly, not a continuous `S`.
    case empirical(profile: [Double])

    /// Tolerance on the sum of an empirical profile.
    public static let profileSumTolerance = 1e-9

    /// Returns `self` if every parameter is valid.
    /// - Throws: `RandomError` naming the parameter (`parameter` is its key in a scenario file),
    ///   e.g. `"lognormal sd must be finite and > 0, got -1.0"` about `"sd"`.
    public func validated() throws -> StayDistribution {
        let name = family.rawValue
        switch self {
        case let .lognormal(mean, sd), let .gamma(mean, sd):
            try requirePositive(mean, "\(name) mean", parameter: "mean")
            try requirePositive(sd, "\(name) sd", parameter: "sd")
        case let .weibull(shape, scale):
            try requirePositive(shape, "\(name) shape", parameter: "shape")
            try requirePositive(scale, "\(name) scale", parameter: "scale")
        case let .exponential(mean):
            try requirePositive(mean, "\(name) mean", parameter: "mean")
        case let .fixed(months):
            try requireNonNegative(months, "\(name) months", parameter: "months")
        case let .empirical(profile):
            let sum = try requireWeights(profile, "\(name) profile", parameter: "profile")
            guard abs(sum - 1) <= StayDistribution.profileSumTolerance else {
                throw RandomError("\(name) profile must sum to 1 (within 1e-9), got \(sum)", parameter: "profile")
            }
        }
        guard mean.isFinite, variance.isFinite else {
            throw RandomError("\(name) parameters give a non-finite mean or variance")
        }
        return self
    }

    /// The family of distributions a scenario file names, with the parameters each one takes: the
    /// one place these words are spelled.
    public enum Family: String, CaseIterable, Sendable {
        case lognormal, gamma, weibull, exponential, fixed, empirical

        /// The parameters of the family, as a scenario file writes them.
        public var parameters: [String] {
            switch self {
            case .lognormal, .gamma: ["mean", "sd"]
            case .weibull: ["shape", "scale"]
            case .exponential: ["mean"]
            case .fixed: ["months"]
            case .empirical: ["profile"]
            }
        }
    }

    /// The distribution's family.
    public var family: Family {
        switch self {
        case .lognormal: .lognormal
        case .gamma: .gamma
        case .weibull: .weibull
        case .exponential: .exponential
        case .fixed: .fixed
        case .empirical: .empirical
        }
    }
}
