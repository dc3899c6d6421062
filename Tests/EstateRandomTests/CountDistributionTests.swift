import Foundation
import Testing
@testable import EstateRandom

/// The count variates the engine draws (receptions, recalls, the multinomial's conditional
/// binomials), against pmfs written out here from their textbook formulas, independently of GSL.
@Suite("Count variates")
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

    /// log k!
    static func logFactorial(_ k: Int) -> Double { lgamma(Double(k) + 1) }

    // Mean and variance by z-test at 5 standard errors; pmf by chi-square at p = 1e-6.
    @Test("Poisson counts have the Poisson pmf, mean and variance", arguments: [0.7, 12.0, 5200.0])
    func poisson(mean: Double) throws {
        let stream = try RandomStream(seed: 21, replication: 0, key: RandomStream.streamKey("poisson"))
        let samples = (0..<Self.draws).map { _ in stream.poisson(mean: mean) }
        let moments = SampleMoments(samples)
        #expect(moments.meanAgrees(with: mean))
        #expect(moments.varianceAgrees(with: mean))
        let test = Self.chiSquare(samples) { k in exp(Double(k) * log(mean) - mean - Self.logFactorial(k)) }
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue) (df \(test.degreesOfFreedom))")
    }

    @Test("negative binomial counts have the gamma–Poisson pmf, mean and variance mean + φ·mean²",
          arguments: [(3.0, 0.5), (40.0, 0.05), (1700.0, 0.002), (25.0, 0.0)])
    func negativeBinomial(mean: Double, dispersion: Double) throws {
        let stream = try RandomStream(seed: 22, replication: 0, key: RandomStream.streamKey("nb"))
        let samples = (0..<Self.draws).map { _ in stream.negativeBinomial(mean: mean, dispersion: dispersion) }
        let moments = SampleMoments(samples)
        let variance = mean + dispersion * mean * mean
        #expect(moments.meanAgrees(with: mean))
        #expect(moments.varianceAgrees(with: variance))
        let test = Self.chiSquare(samples) { k in
            guard dispersion > 0 else { return exp(Double(k) * log(mean) - mean - Self.logFactorial(k)) }
            let size = 1 / dispersion, p = size / (size + mean)
            return exp(lgamma(Double(k) + size) - lgamma(size) - Self.logFactorial(k) + size * log(p)
                       + Double(k) * log1p(-p))
        }
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue) (df \(test.degreesOfFreedom))")
    }

    @Test("binomial counts have the binomial pmf, mean np and variance np(1 − p)",
          arguments: [(10, 0.1), (400, 0.35), (5000, 0.98)])
    func binomial(trials n: Int, probability p: Double) throws {
        let stream = try RandomStream(seed: 23, replication: 0, key: RandomStream.streamKey("binomial"))
        let samples = (0..<Self.draws).map { _ in stream.binomial(trials: n, probability: p) }
        let moments = SampleMoments(samples)
        #expect(moments.meanAgrees(with: Double(n) * p))
        #expect(moments.varianceAgrees(with: Double(n) * p * (1 - p)))
        let test = Self.chiSquare(samples) { k in
            guard k <= n else { return 0 }
            return exp(Self.logFactorial(n) - Self.logFactorial(k) - Self.logFactorial(n - k)
                       + Double(k) * log(p) + Double(n - k) * log1p(-p))
        }
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue) (df \(test.degreesOfFreedom))")
    }

    @Test("degenerate counts are exact")
    func degenerate() throws {
        let stream = try RandomStream(seed: 24, replication: 0, key: 0)
        #expect(stream.poisson(mean: 0) == 0)
        #expect(stream.negativeBinomial(mean: 0, dispersion: 0.3) == 0)
        #expect(stream.binomial(trials: 9, probability: 1) == 9)
        #expect(stream.binomial(trials: 0, probability: 0.5) == 0)
    }
}
