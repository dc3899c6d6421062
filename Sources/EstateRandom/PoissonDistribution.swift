internal import CGSL

/// A validated Poisson count distribution, e.g. a group's monthly receptions.
public struct PoissonDistribution: Sendable, Hashable {
    /// The mean (and variance).
    public let mean: Double

    /// - Throws: `RandomError` unless `mean` is finite and `>= 0`.
    public init(mean: Double) throws {
        try requireNonNegative(mean, "poisson mean")
        self.mean = mean
    }

    /// The exact variance, equal to the mean.
    public var variance: Double { mean }

    /// `P(N = k)` (`gsl_ran_poisson_pdf`).
    public func probability(of k: Int) -> Double {
        guard k >= 0, k <= Int(UInt32.max) else { return 0 }
        GSLRuntime.installErrorHandling()
        return gsl_ran_poisson_pdf(UInt32(k), mean)
    }

    /// One draw (`gsl_ran_poisson`).
    /// - Complexity: O(1) expected.
    public func sample(_ stream: RandomStream) -> Int {
        stream.poisson(mean: mean)
    }
}
