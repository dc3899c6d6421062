internal import CGSL

/// A validated negative binomial count distribution with variance `mean + dispersion·mean²`:
/// receptions more variable than Poisson (`receptions = { mean = 1700, dispersion = 0.05 }`).
///
/// Drawn as GSL's `gsl_ran_negative_binomial(p, n)` with `n = 1/dispersion`,
/// `p = n/(n + mean)`; `dispersion = 0` is the Poisson limit.
public struct NegativeBinomialDistribution: Sendable, Hashable {
    /// The mean.
    public let mean: Double
    /// φ in `variance = mean + φ·mean²`.
    public let dispersion: Double

    /// - Throws: `RandomError` unless both are finite and `>= 0`.
    public init(mean: Double, dispersion: Double) throws {
        try requireNonNegative(mean, "negative binomial mean")
        try requireNonNegative(dispersion, "negative binomial dispersion")
        self.mean = mean
        self.dispersion = dispersion
    }

    /// The exact variance, `mean + dispersion·mean²`.
    public var variance: Double { mean + dispersion * mean * mean }

    /// `P(N = k)` (`gsl_ran_negative_binomial_pdf`; the Poisson pmf when `dispersion == 0`).
    public func probability(of k: Int) -> Double {
        guard k >= 0, k <= Int(UInt32.max) else { return 0 }
        GSLRuntime.installErrorHandling()
        if mean == 0 { return k == 0 ? 1 : 0 }
        if dispersion == 0 { return gsl_ran_poisson_pdf(UInt32(k), mean) }
        let size = 1 / dispersion
        return gsl_ran_negative_binomial_pdf(UInt32(k), size / (size + mean), size)
    }

    /// One draw.
    /// - Complexity: O(1) expected.
    public func sample(_ stream: RandomStream) -> Int {
        stream.negativeBinomial(mean: mean, dispersion: dispersion)
    }
}
