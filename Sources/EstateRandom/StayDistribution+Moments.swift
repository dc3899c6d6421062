internal import CGSL
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

extension StayDistribution {
    /// The exact mean of `S` in months (for `empirical`, of `D`).
    public var mean: Double {
        switch self {
        case let .lognormal(mean, _), let .gamma(mean, _), let .exponential(mean):
            return mean
        case let .weibull(shape, scale):
            return scale * gammaFunction(1 + 1 / shape)
        case let .fixed(months):
            return months
        case let .empirical(profile):
            var sum = 0.0
            for (d, p) in profile.enumerated() { sum += Double(d) * p }
            return sum
        }
    }

    /// The exact variance of `S` in months² (for `empirical`, of `D`).
    public var variance: Double {
        switch self {
        case let .lognormal(_, sd), let .gamma(_, sd):
            return sd * sd
        case let .weibull(shape, scale):
            let g1 = gammaFunction(1 + 1 / shape)
            return scale * scale * (gammaFunction(1 + 2 / shape) - g1 * g1)
        case let .exponential(mean):
            return mean * mean
        case .fixed:
            return 0
        case let .empirical(profile):
            let m = mean
            var sum = 0.0
            for (d, p) in profile.enumerated() { sum += (Double(d) - m) * (Double(d) - m) * p }
            return sum
        }
    }

    /// Lognormal (μ, σ) of the underlying normal, from the mean and sd of `S`.
    static func lognormalParameters(mean: Double, sd: Double) -> (mu: Double, sigma: Double) {
        let sigma2 = log1p((sd / mean) * (sd / mean))
        return (log(mean) - sigma2 / 2, sigma2.squareRoot())
    }

    /// Gamma (shape, scale) from the mean and sd.
    static func gammaParameters(mean: Double, sd: Double) -> (shape: Double, scale: Double) {
        ((mean / sd) * (mean / sd), sd * sd / mean)
    }
}

/// Γ(x) through GSL, with its error handler off (overflow gives +inf, refused by `validated()`).
func gammaFunction(_ x: Double) -> Double {
    GSLRuntime.installErrorHandling()
    return gsl_sf_gamma(x)
}
