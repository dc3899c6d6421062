import Testing
@testable import EstateRandom

@Suite("Stay distributions")
struct StayDistributionTests {
    static let continuous: [StayDistribution] = [
        .lognormal(mean: 2.3, sd: 2.8), .lognormal(mean: 30, sd: 12),
        .gamma(mean: 10.5, sd: 6), .gamma(mean: 4, sd: 8),
        .weibull(shape: 1.5, scale: 20), .weibull(shape: 0.7, scale: 5),
        .exponential(mean: 8),
    ]

    // z-tests at 5 standard errors (P ≈ 5.7e-7 each). The sample mean of 100,000 draws is close to
    // normal for all of these (its skewness is the distribution's over √n, at most 0.06 here). The
    // sample variance is not, for heavy tails: with lognormal(2.3, 2.8), gamma(4, 8) or
    // Weibull(0.7, 5) its skewness is near 1 and a 5-standard-error test would fail a correct
    // sampler about once in 10,000 runs. For those the variance is checked on the log scale,
    // where every tail is light: Var(log S) is σ² (lognormal), ψ₁(k) (gamma) and π²/(6k²)
    // (Weibull) — with the mean, that pins both parameters and so the variance of S.
    @Test("samples have the exact mean and variance",
          arguments: continuous + [.fixed(months: 3.4), .empirical(profile: [0.1, 0.2, 0.3, 0.4])])
    func moments(stay: StayDistribution) throws {
        let stream = try RandomStream(seed: 41, replication: 0, key: RandomStream.streamKey(stay.family.rawValue))
        let samples = (0..<100_000).map { _ in stay.sample(stream) }
        let moments = SampleMoments(samples)
        if stay.variance == 0 {  // fixed: only rounding in the sums
            #expect(abs(moments.mean - stay.mean) < 1e-9 && moments.variance < 1e-18)
            return
        }
        #expect(moments.meanAgrees(with: stay.mean))
        if let logVariance = Self.heavyTailLogVariance(stay) {
            let logs = SampleMoments(samples.map { log($0) })
            #expect(logs.varianceAgrees(with: logVariance), "Var(log S) \(logs.variance), expected \(logVariance)")
        } else {
            #expect(moments.varianceAgrees(with: stay.variance))
        }
    }

    /// Var(log S) for the heavy-tailed cases of `continuous`; nil for the others.
    static func heavyTailLogVariance(_ stay: StayDistribution) -> Double? {
        switch stay {
        case let .lognormal(mean, sd) where sd / mean > 1:
            let sigma = StayDistribution.lognormalParameters(mean: mean, sd: sd).sigma
            return sigma * sigma
        case let .gamma(mean, sd) where sd > mean:
            return trigamma(StayDistribution.gammaParameters(mean: mean, sd: sd).shape)
        case let .weibull(shape, _) where shape < 1:
            return Double.pi * Double.pi / (6 * shape * shape)
        default:
            return nil
        }
    }

    /// ψ₁(x), the trigamma function: the recurrence ψ₁(x) = ψ₁(x + 1) + 1/x² up to x ≥ 10, then
    /// its asymptotic series (error below 1e-12 there).
    static func trigamma(_ x: Double) -> Double {
        var x = x, sum = 0.0
        while x < 10 { sum += 1 / (x * x); x += 1 }
        let x2 = 1 / (x * x)
        return sum + 1 / x + x2 / 2 + (1 / x) * x2 * (1.0 / 6 - x2 * (1.0 / 30 - x2 * (1.0 / 42 - x2 / 30)))
    }

    // Kolmogorov–Smirnov at p = 1e-6 (√n·D <= 2.6935) against GSL's own distribution function.
    @Test("samples fit GSL's distribution function", arguments: continuous)
    func goodnessOfFit(stay: StayDistribution) throws {
        let stream = try RandomStream(seed: 42, replication: 0, key: RandomStream.streamKey(stay.family.rawValue))
        let samples = (0..<20_000).map { _ in stay.sample(stream) }
        let statistic = kolmogorovSmirnov(samples, cdf: stay.cumulativeProbability)
        #expect(statistic <= kolmogorovCritical1e6, "√n·D = \(statistic)")
    }

    @Test("mean and sd parameters convert to GSL's")
    func parameterConversion() {
        let (mu, sigma) = StayDistribution.lognormalParameters(mean: 2.3, sd: 2.8)
        let mean = exp(mu + sigma * sigma / 2)
        let variance = (exp(sigma * sigma) - 1) * mean * mean
        #expect(abs(mean - 2.3) < 1e-12 && abs(variance - 2.8 * 2.8) < 1e-10)
        let (shape, scale) = StayDistribution.gammaParameters(mean: 10.5, sd: 6)
        #expect(abs(shape * scale - 10.5) < 1e-12 && abs(shape * scale * scale - 36) < 1e-10)
    }

    @Test("Weibull moments use Γ: shape 1 is the exponential")
    func weibullMoments() {
        let stay = StayDistribution.weibull(shape: 1, scale: 7)
        #expect(abs(stay.mean - 7) < 1e-12)
        #expect(abs(stay.variance - 49) < 1e-10)
    }

    // Chi-square at p = 1e-6 against the profile.
    @Test("empirical draws follow the profile")
    func empiricalFrequencies() throws {
        let profile = [0.05, 0.25, 0.3, 0.0, 0.15, 0.25]
        let stay = StayDistribution.empirical(profile: profile)
        let stream = try RandomStream(seed: 43, replication: 0, key: 0)
        var counts = [Int](repeating: 0, count: profile.count)
        for _ in 0..<100_000 { counts[Int(stay.sample(stream))] += 1 }
        #expect(counts[3] == 0)
        let test = ChiSquareTest(observed: counts, probabilities: profile)
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue)")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
