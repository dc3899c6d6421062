internal import CGSL

extension StayDistribution {
    /// `P(S <= x)` from GSL's distribution functions (`gsl_cdf_*_P`); for `empirical`,
    /// `P(D <= x)` of the whole-month profile. Useful for goodness-of-fit checks and reports.
    ///
    /// Call on a validated distribution.
    /// - Complexity: O(1) (O(profile length) for `empirical`).
    public func cumulativeProbability(_ x: Double) -> Double {
        GSLRuntime.installErrorHandling()
        if x.isNaN { return .nan }
        switch self {
        case let .lognormal(mean, sd):
            let (mu, sigma) = StayDistribution.lognormalParameters(mean: mean, sd: sd)
            return x <= 0 ? 0 : gsl_cdf_lognormal_P(x, mu, sigma)
        case let .gamma(mean, sd):
            let (shape, scale) = StayDistribution.gammaParameters(mean: mean, sd: sd)
            return x <= 0 ? 0 : gsl_cdf_gamma_P(x, shape, scale)
        case let .weibull(shape, scale):
            return x <= 0 ? 0 : gsl_cdf_weibull_P(x, scale, shape)  // GSL's order is (scale, shape)
        case let .exponential(mean):
            return x <= 0 ? 0 : gsl_cdf_exponential_P(x, mean)
        case let .fixed(months):
            return x >= months ? 1 : 0
        case let .empirical(profile):
            var sum = 0.0
            for (d, p) in profile.enumerated() where Double(d) <= x { sum += p }
            return min(sum, 1)
        }
    }
}
