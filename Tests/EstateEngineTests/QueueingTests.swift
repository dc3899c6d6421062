import EstateEngine
import EstateResults
import EstateModel
import EstateRandom
import Testing

/// The analytic cases of DESIGN.md §2: Little's law, the Poisson population of the infinite-server
/// queue, and the convolution of receptions with an empirical time-served profile.
@Suite("Queueing laws")
struct QueueingTests {
    @Test("mean population is λ·E[S] at every month from month 0, and Poisson distributed")
    func littlesLaw() throws {
        let lambda = 150.0, meanStay = 3.0
        let scenario = Fixture.scenario(
            [Fixture.establishment("Huge")],
            [Fixture.group("g", receptions: lambda, stay: .lognormal(mean: meanStay, sd: 2.5))],
            months: 24, replications: 400)
        let result = try Fixture.run(scenario)
        let expected = lambda * meanStay
        for t in [0, 1, 2, 5, 11, 23] {
            let x = Fixture.values(result, t, \.population)
            let (mean, variance) = moments(x)
            // Population ~ Poisson(λE[S]): the mean of 400 is within 5 standard errors
            // (two-sided 6e-7 per month, < 1e-5 over the six months checked).
            let se = (expected / Double(x.count)).squareRoot()
            #expect(abs(mean - expected) < 5 * se, "month \(t): mean \(mean), expected \(expected)")
            // Index of dispersion (n−1)s²/λ ~ χ²(n−1) under Poisson; |z| < 5 after Wilson–Hilferty.
            let z = chiSquareZ(Double(x.count - 1) * variance / expected, degreesOfFreedom: Double(x.count - 1))
            #expect(abs(z) < 5, "month \(t): dispersion z = \(z) (variance \(variance))")
        }
    }

    @Test("with no initial stock the expected stock is the convolution of receptions with the profile")
    func empiricalConvolution() throws {
        let lambda = 400.0
        let profile = [0.5, 0.25, 0.1, 0.1, 0.05]
        let scenario = Fixture.scenario(
            [Fixture.establishment("Huge")],
            [Fixture.group("g", receptions: lambda, stay: .empirical(profile: profile), initial: 0)],
            months: 8, replications: 300)
        let result = try Fixture.run(scenario)
        let survival = [0.5, 0.25, 0.15, 0.05, 0.0]  // P(D > k)
        for t in 0..<8 {
            let expected = lambda * survival.prefix(t + 1).reduce(0, +)
            let x = Fixture.values(result, t, \.population)
            let mean = moments(x).mean
            // The stock is a sum of independent thinned Poisson counts, so Poisson(expected):
            // 5 standard errors of the mean of 300, as above.
            let se = (expected / Double(x.count)).squareRoot()
            #expect(abs(mean - expected) < 5 * se, "month \(t): mean \(mean), expected \(expected)")
        }
        // Once the profile's length has passed, the releases of a month are Poisson(λ): people
        // received over the last five months, each released in this one with its profile's weight.
        for t in 4..<8 {
            let x = Fixture.values(result, t, \.releases)
            let mean = moments(x).mean, se = (lambda / Double(x.count)).squareRoot()
            #expect(abs(mean - lambda) < 5 * se, "month \(t): mean releases \(mean), expected \(lambda)")
        }
    }
}
