import Testing
@testable import EstateRandom

@Suite("Count distributions")
struct CountDistributionTests {
    static let draws = 100_000

    /// The frequencies of `draws` counts against the exact pmf on 0...max + 1 (the last cell
    /// holds the upper tail).
    static func chiSquare(_ samples: [Int], pmf: (Int) -> Double) -> ChiSquareTest {
        let top = samples.max() ?? 0
        var observed = [Int](repeating: 0, count: top + 2)
        for k in samples { observed[k] += 1 }
        var probabilities = (0...top).map(pmf)
        probabilities.append(max(0, 1 - probabilities.reduce(0, +)))
        return ChiSquareTest(observed: observed, probabilities: probabilities)
    }

    // Mean and variance by z-test at 5 standard errors; pmf by chi-square at p = 1e-6.
    @Test("Poisson counts match GSL's pmf, mean and variance", arguments: [0.7, 12.0, 5200.0])
    func poisson(mean: Double) throws {
        let distribution = try PoissonDistribution(mean: mean)
        let stream = try RandomStream(seed: 21, replication: 0, key: RandomStream.streamKey("poisson"))
        let samples = (0..<Self.draws).map { _ in distribution.sample(stream) }
        let moments = SampleMoments(samples)
        #expect(distribution.variance == mean)
        #expect(moments.meanAgrees(with: distribution.mean))
        #expect(moments.varianceAgrees(with: distribution.variance))
        let test = Self.chiSquare(samples, pmf: distribution.probability(of:))
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue) (df \(test.degreesOfFreedom))")
    }

    @Test("negative binomial counts match GSL's pmf, mean and mean + φ·mean²",
          arguments: [(3.0, 0.5), (40.0, 0.05), (1700.0, 0.002), (25.0, 0.0)])
    func negativeBinomial(mean: Double, dispersion: Double) throws {
        let distribution = try NegativeBinomialDistribution(mean: mean, dispersion: dispersion)
        let stream = try RandomStream(seed: 22, replication: 0, key: RandomStream.streamKey("nb"))
        let samples = (0..<Self.draws).map { _ in distribution.sample(stream) }
        let moments = SampleMoments(samples)
        #expect(distribution.variance == mean + dispersion * mean * mean)
        #expect(moments.meanAgrees(with: distribution.mean))
        #expect(moments.varianceAgrees(with: distribution.variance))
        let test = Self.chiSquare(samples, pmf: distribution.probability(of:))
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue) (df \(test.degreesOfFreedom))")
    }

    @Test("binomial counts match GSL's pmf, np and np(1 − p)", arguments: [(10, 0.1), (400, 0.35), (5000, 0.98)])
    func binomial(trials: Int, probability: Double) throws {
        let distribution = try BinomialDistribution(trials: trials, probability: probability)
        let stream = try RandomStream(seed: 23, replication: 0, key: RandomStream.streamKey("binomial"))
        let samples = (0..<Self.draws).map { _ in distribution.sample(stream) }
        let moments = SampleMoments(samples)
        #expect(moments.meanAgrees(with: distribution.mean))
        #expect(moments.varianceAgrees(with: distribution.variance))
        let test = Self.chiSquare(samples, pmf: distribution.probability(of:))
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue) (df \(test.degreesOfFreedom))")
    }

    @Test("degenerate counts are exact")
    func degenerate() throws {
        let stream = try RandomStream(seed: 24, replication: 0, key: 0)
        #expect(try PoissonDistribution(mean: 0).sample(stream) == 0)
        #expect(try NegativeBinomialDistribution(mean: 0, dispersion: 0.3).sample(stream) == 0)
        #expect(try BinomialDistribution(trials: 9, probability: 1).sample(stream) == 9)
        #expect(try BinomialDistribution(trials: 0, probability: 0.5).sample(stream) == 0)
    }
}
