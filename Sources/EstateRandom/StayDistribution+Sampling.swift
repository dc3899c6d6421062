internal import CGSL

extension StayDistribution {
    /// Draws one stay in months: a continuous `S` through `gsl_ran_*`, or for `empirical` a
    /// whole-month `D` by inversion of the profile (one uniform).
    ///
    /// Call on a validated distribution. For many empirical draws, build a `DiscreteTable` of the
    /// profile once instead.
    /// - Complexity: O(1) for the parametric cases; O(profile length) for `empirical`.
    public func sample(_ stream: RandomStream) -> Double {
        let rng = stream.rng
        switch self {
        case let .lognormal(mean, sd):
            let (mu, sigma) = StayDistribution.lognormalParameters(mean: mean, sd: sd)
            return gsl_ran_lognormal(rng, mu, sigma)
        case let .gamma(mean, sd):
            let (shape, scale) = StayDistribution.gammaParameters(mean: mean, sd: sd)
            return gsl_ran_gamma(rng, shape, scale)
        case let .weibull(shape, scale):
            return gsl_ran_weibull(rng, scale, shape)  // GSL's argument order is (scale, shape)
        case let .exponential(mean):
            return gsl_ran_exponential(rng, mean)
        case let .fixed(months):
            return months
        case let .empirical(profile):
            let u = gsl_rng_uniform(rng)
            var cumulative = 0.0
            for (d, p) in profile.enumerated() {
                cumulative += p
                if u < cumulative { return Double(d) }
            }
            // u fell in the ≤ 1e-9 left over by rounding: the last month with mass.
            return Double(profile.lastIndex(where: { $0 > 0 }) ?? 0)
        }
    }
}
