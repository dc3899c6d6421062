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

    // z-tests at 5 standard errors (the variance's standard error is estimated from the sample).
    @Test("samples have the exact mean and variance", arguments: continuous + [.fixed(months: 3.4), .empirical(profile: [0.1, 0.2, 0.3, 0.4])])
    func moments(stay: StayDistribution) throws {
        let stream = try RandomStream(seed: 41, replication: 0, key: RandomStream.streamKey(stay.name))
        let moments = SampleMoments((0..<100_000).map { _ in stay.sample(stream) })
        if stay.variance == 0 {  // fixed: only rounding in the sums
            #expect(abs(moments.mean - stay.mean) < 1e-9 && moments.variance < 1e-18)
        } else {
            #expect(moments.meanAgrees(with: stay.mean))
            #expect(moments.varianceAgrees(with: stay.variance))
        }
    }

    // Kolmogorov–Smirnov at p = 1e-6 (√n·D <= 2.6935) against GSL's own distribution function.
    @Test("samples fit GSL's distribution function", arguments: continuous)
    func goodnessOfFit(stay: StayDistribution) throws {
        let stream = try RandomStream(seed: 42, replication: 0, key: RandomStream.streamKey(stay.name))
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
