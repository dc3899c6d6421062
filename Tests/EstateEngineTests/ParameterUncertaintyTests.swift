import EstateEngine
import EstateModel
import EstateRandom
import EstateResults
import Foundation
import Testing

/// Parameter uncertainty (docs/scenario-format.md, Uncertainty): rates drawn once per replication.
@Suite("Parameter uncertainty")
struct ParameterUncertaintyTests {
    static let lambda = 100.0, stay = StayDistribution.exponential(mean: 10), months = 60

    static func scenario(trend: Estimate, replications: Int = 1000) -> Scenario {
        var group = Fixture.group("g", receptions: lambda, stay: stay)
        group.receptions.annualTrend = trend.mean
        group.receptions.uncertainty = ReceptionUncertainty(trendSD: trend.sd)
        return Fixture.scenario([Fixture.establishment("Huge")], [group], months: months, replications: replications)
    }

    /// E[N_t | T] for receptions λ(1 + T)^(s/12) in month s and a steady initial stock
    /// Poisson(λ·E[D]): given T the population is Poisson (independent thinned Poisson counts),
    /// with this mean.
    static func conditionalMean(_ t: Int, trend T: Double, atLeast: [Double], meanStay: Double) -> Double {
        func survival(_ k: Int) -> Double { k < atLeast.count ? atLeast[k] : 0 }
        // The initial stock leaves in month R − 1, P(R = k) = P(D ≥ k)/E[D]: still in at the end of t
        // when R ≥ t + 2.
        var stock = 0.0
        for k in (t + 2)..<max(t + 2, atLeast.count) { stock += survival(k) / meanStay }
        var received = 0.0
        for s in 0...t { received += lambda * pow(1 + T, Double(s) / 12) * survival(t - s + 1) }
        return lambda * meanStay * stock + received
    }

    @Test("with a trend sd σ the population's sd grows as the exact expectation over the drawn trend says",
          arguments: [12, 36, 59])
    func trendSpread(t: Int) throws {
        let sigma = 0.08
        let run = try Fixture.run(Self.scenario(trend: Estimate(0, sd: sigma)))
        let whole = try WholeMonthStay(Self.stay)
        var atLeast = [Double](repeating: 0, count: whole.probabilities.count + 1)
        for k in stride(from: whole.probabilities.count - 1, through: 0, by: -1) {
            atLeast[k] = atLeast[k + 1] + whole.probabilities[k]
        }
        let meanStay = whole.mean
        // Var N_t = Var_T(m(T)) + E_T[m(T)], m the conditional (Poisson) mean; T ~ Normal(0, σ²) by quadrature.
        var e1 = 0.0, e2 = 0.0, mass = 0.0
        for i in -800...800 {
            let z = Double(i) / 100, w = exp(-z * z / 2)
            let m = Self.conditionalMean(t, trend: sigma * z, atLeast: atLeast, meanStay: meanStay)
            e1 += w * m; e2 += w * m * m; mass += w
        }
        e1 /= mass; e2 /= mass
        let predictedSD = (e2 - e1 * e1 + e1).squareRoot()
        let x = Fixture.values(run, t, \.population)
        let (mean, variance) = moments(x)
        let n = Double(x.count)
        // 5 standard errors: of a mean, σ/√n; of a sample sd (near-normal values), about sd/√(2(n − 1)).
        #expect(abs(mean - e1) < 5 * predictedSD / n.squareRoot(), "month \(t): mean \(mean) against \(e1)")
        #expect(abs(variance.squareRoot() / predictedSD - 1) < 5 / (2 * (n - 1)).squareRoot(),
                "month \(t): sd \(variance.squareRoot()) against \(predictedSD)")
        // The trend must dominate the Poisson noise here, or the check proves little.
        if t >= 36 { #expect(predictedSD > 3 * e1.squareRoot()) }
        // Every replication recorded its drawn trend, centred on the mean with sd σ.
        let trends = run.series.map { $0.parameters.first ?? .nan }
        #expect(run.result.scenario.parameterNames == ["group.g.trend"])
        #expect(abs(moments(trends).mean) < 5 * sigma / n.squareRoot())
    }

    @Test("an sd of 0 draws nothing: the results are those of the plain number")
    func zeroSpreadIsExact() throws {
        let plain = try Fixture.run(Self.scenario(trend: Estimate(0.02), replications: 40))
        let zero = try Fixture.run(Self.scenario(trend: Estimate(0.02, sd: 0), replications: 40))
        #expect(plain.result == zero.result)
        #expect(plain.series.allSatisfy { $0.parameters.isEmpty })
    }

    @Test("groups that load on one driver move together; without it they are independent")
    func sharedDriver() throws {
        func run(shared: Bool) throws -> Double {
            var groups = ["a", "b"].map { Fixture.group($0, receptions: 200, stay: .exponential(mean: 3)) }
            for g in groups.indices {
                groups[g].receptions.uncertainty = shared ? ReceptionUncertainty(driver: "demand")
                    : ReceptionUncertainty(levelSD: 0.2)
            }
            var scenario = Fixture.scenario([Fixture.establishment("Huge")], groups, months: 24, replications: 300)
            scenario.drivers = [UncertaintyDriver(id: "demand", levelSD: 0.2)]
            let result = try Fixture.run(scenario)
            let a = result.series.map { Double($0[group: 0, month: 23]) },
                b = result.series.map { Double($0[group: 1, month: 23]) }
            let (ma, va) = moments(a), (mb, vb) = moments(b)
            let covariance = zip(a, b).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) } / Double(a.count - 1)
            return covariance / (va * vb).squareRoot()
        }
        // A level sd of 0.2 on a stock of 600: the shared shift dominates the Poisson noise (sd 24 against 120).
        #expect(try run(shared: true) > 0.9)
        // Independent levels: correlation 0 within 5 standard errors (1/√300).
        #expect(abs(try run(shared: false)) < 5 / 300.0.squareRoot())
    }

    @Test("an uncertain stay factor spreads the population; its drawn values have the given mean and sd")
    func stayFactor() throws {
        var group = Fixture.group("g", receptions: 100, stay: .lognormal(mean: 6, sd: 4))
        group.stayFactor = Estimate(1, sd: 0.1)
        let run = try Fixture.run(Fixture.scenario([Fixture.establishment("Huge")], [group], months: 48,
                                                   replications: 400))
        let factors = run.series.map { $0.parameters[0] }
        let (mean, variance) = moments(factors)
        #expect(abs(mean - 1) < 5 * 0.1 / 20)
        #expect(abs(variance.squareRoot() / 0.1 - 1) < 5 / (2 * 399.0).squareRoot())
        // Long after the stock turned over, N ≈ λ·E[S]·F: the population follows each replication's factor.
        let population = run.series.map { Double($0[.population, month: 47]) }
        let (mp, vp) = moments(population)
        let covariance = zip(population, factors).reduce(0) { $0 + ($1.0 - mp) * ($1.1 - mean) } / 399
        #expect(covariance / (vp * variance).squareRoot() > 0.9)
    }
}
