internal import CGSL
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

extension StayDistribution {
    /// `E[(S − x)⁺]`, the expected stay left beyond `x` months (x >= 0), in closed form:
    /// `E[S; S > x] − x·P(S > x)`, each term from GSL's upper-tail functions.
    ///
    /// - lognormal: `m·Q((ln x − μ − σ²)/σ) − x·Q((ln x − μ)/σ)`, Q the standard normal upper tail
    /// - gamma(k, θ): `kθ·Q(k+1, x/θ) − x·Q(k, x/θ)`, Q the regularised upper incomplete gamma
    /// - Weibull(k, λ): `λΓ(1+1/k)·Q(1+1/k, (x/λ)^k) − x·exp(−(x/λ)^k)`
    /// - exponential(m): `m·exp(−x/m)` (memoryless)
    /// - fixed(c): `max(c − x, 0)`
    /// - empirical: `Σ_d P(D = d)·max(d − x, 0)`
    ///
    /// Call on a validated distribution.
    /// - Complexity: O(1) GSL evaluations (O(profile length) for `empirical`).
    func expectedExcess(over x: Double) -> Double {
        if x <= 0 { return mean - x }
        GSLRuntime.installErrorHandling()
        switch self {
        case let .lognormal(mean, sd):
            let (mu, sigma) = StayDistribution.lognormalParameters(mean: mean, sd: sd)
            let z = (log(x) - mu) / sigma
            return max(0, mean * gsl_cdf_ugaussian_Q(z - sigma) - x * gsl_cdf_ugaussian_Q(z))
        case let .gamma(mean, sd):
            let (shape, scale) = StayDistribution.gammaParameters(mean: mean, sd: sd)
            return max(0, mean * gsl_cdf_gamma_Q(x, shape + 1, scale) - x * gsl_cdf_gamma_Q(x, shape, scale))
        case let .weibull(shape, scale):
            let a = 1 + 1 / shape
            let w = pow(x / scale, shape)
            return max(0, scale * gsl_sf_gamma(a) * gsl_sf_gamma_inc_Q(a, w) - x * exp(-w))
        case let .exponential(mean):
            return mean * exp(-x / mean)
        case let .fixed(months):
            return max(months - x, 0)
        case let .empirical(profile):
            var sum = 0.0
            for (d, p) in profile.enumerated() where Double(d) > x { sum += p * (Double(d) - x) }
            return sum
        }
    }
}
