internal import CGSL

/// A validated binomial count distribution, e.g. how many of a month's releases are recalled.
public struct BinomialDistribution: Sendable, Hashable {
    /// The number of trials, `0...UInt32.max`.
    public let trials: Int
    /// The success probability of each trial.
    public let probability: Double

    /// - Throws: `RandomError` unless `0 <= trials <= UInt32.max` and `probability` is in [0, 1].
    public init(trials: Int, probability: Double) throws {
        guard trials >= 0, trials <= Int(UInt32.max) else {
            throw RandomError("binomial trials must be in 0...\(UInt32.max), got \(trials)")
        }
        try requireProbability(probability, "binomial probability")
        self.trials = trials
        self.probability = probability
    }

    /// The exact mean, `n·p`.
    public var mean: Double { Double(trials) * probability }

    /// The exact variance, `n·p·(1 − p)`.
    public var variance: Double { Double(trials) * probability * (1 - probability) }

    /// `P(N = k)` (`gsl_ran_binomial_pdf`).
    public func probability(of k: Int) -> Double {
        guard k >= 0, k <= trials else { return 0 }
        GSLRuntime.installErrorHandling()
        return gsl_ran_binomial_pdf(UInt32(k), probability, UInt32(trials))
    }

    /// One draw (`gsl_ran_binomial`).
    /// - Complexity: O(1) expected.
    public func sample(_ stream: RandomStream) -> Int {
        stream.binomial(trials: trials, probability: probability)
    }
}
