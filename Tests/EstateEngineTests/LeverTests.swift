import EstateEngine
import EstateResults
import EstateModel
import EstateRandom
import Testing

/// Policy levers (DESIGN.md §1, §3 `[[policy]]`).
@Suite("Policy levers")
struct LeverTests {
    @Test("a stay multiplier of 1.1 raises the steady-state population by 10 %", arguments: [
        StayDistribution.exponential(mean: 2),
        StayDistribution.empirical(profile: [0.2, 0.3, 0.3, 0.2]),
    ])
    func stayMultiplier(stay: StayDistribution) throws {
        let lambda = 300.0
        let policy = Policy(month: Fixture.start, lever: .stay(factor: 1.1, appliesToStock: false))
        let scenario = Fixture.scenario(
            [Fixture.establishment("Huge")], [Fixture.group("g", receptions: lambda, stay: stay)],
            months: 40, replications: 200, policies: [policy])
        let result = try Fixture.run(scenario)
        let expected = 1.1 * lambda * stay.mean
        for t in [30, 39] {  // long after the stock has turned over
            let x = Fixture.values(result, t, \.population)
            // Poisson(1.1λE[S]) population: 5 standard errors of the mean of 200.
            let se = (expected / Double(x.count)).squareRoot()
            #expect(abs(moments(x).mean - expected) < 5 * se, "month \(t)")
        }
    }

    @Test("an early release reaching the stock releases at once those past their new release month")
    func earlyRelease() throws {
        // Fixed stays of 10 months give D = 10 exactly; halving them at month 12 gives D' = 5, so
        // the people received in months 2…7 all leave in month 12 and months 8…12 stay.
        let policy = Policy(month: Fixture.start + 12, lever: .stay(factor: 0.5, appliesToStock: true))
        let scenario = Fixture.scenario(
            [Fixture.establishment("Huge")], [Fixture.group("g", receptions: 100, stay: .fixed(months: 10))],
            months: 20, replications: 20, policies: [policy])
        let result = try Fixture.run(scenario)
        for series in result.series {
            let received = series.receptions.map(Int.init)
            #expect(Int(series.releases[12]) == received[2...7].reduce(0, +))
            #expect(Int(series.population[12]) == received[8...12].reduce(0, +))
            #expect(Int(series.releases[13]) == received[8])
            #expect(Int(series.releases[11]) == received[1])
        }
    }

    @Test("a receptions multiplier scales receptions from its month on")
    func receptionsMultiplier() throws {
        let lambda = 200.0
        let policy = Policy(month: Fixture.start + 6, lever: .receptions(factor: 1.5))
        let scenario = Fixture.scenario(
            [Fixture.establishment("Huge")], [Fixture.group("g", receptions: lambda, stay: .exponential(mean: 1))],
            months: 12, replications: 200, policies: [policy])
        let result = try Fixture.run(scenario)
        for (t, expected) in [(3, lambda), (6, 1.5 * lambda), (11, 1.5 * lambda)] {
            let x = Fixture.values(result, t, \.receptions)
            // Poisson receptions: 5 standard errors of the mean of 200.
            let se = (expected / Double(x.count)).squareRoot()
            #expect(abs(moments(x).mean - expected) < 5 * se, "month \(t)")
        }
    }

    @Test("a recall rule is in steady state from month 0: recalls in the pipeline, recall stock λ·E[S]")
    func recallSteadyState() throws {
        let short = PopulationGroup(
            id: "short", sex: .male, holds: [.local], receptions: ReceptionSpecification(mean: 500),
            stay: .exponential(mean: 1), recall: Recall(probability: 0.3, to: "recall", after: .exponential(mean: 3)))
        let scenario = Fixture.scenario(
            [Fixture.establishment("Huge")],
            [short, Fixture.group("recall", receptions: 0, stay: .exponential(mean: 2))],
            months: 13, replications: 200)
        let result = try Fixture.run(scenario)
        for t in [0, 1, 2, 6, 12] {
            // Recalls ≈ 0.3 × 500 = 150 a month; the recall group's stock ≈ 150 × 2 = 300. Both are
            // Poisson (thinned and summed Poisson counts): 5 standard errors of the mean of 200.
            let recalls = Fixture.values(result, t, \.recalls)
            #expect(abs(moments(recalls).mean - 150) < 5 * (150.0 / 200).squareRoot(), "month \(t) recalls")
            let stock = result.series.map { Double($0[group: 1, month: t]) }
            #expect(abs(moments(stock).mean - 300) < 5 * (300.0 / 200).squareRoot(), "month \(t) stock")
        }
    }

    @Test("a recall policy turns a share of releases into later receptions of the recall group")
    func recallPolicy() throws {
        let recall = Recall(probability: 0.3, to: "recall", after: .exponential(mean: 2))
        let policy = Policy(month: Fixture.start, groups: ["short"], lever: .recall(recall))
        let scenario = Fixture.scenario(
            [Fixture.establishment("Huge")],
            [Fixture.group("short", receptions: 500, stay: .exponential(mean: 1)),
             Fixture.group("recall", receptions: 0, stay: .exponential(mean: 2))],
            months: 36, replications: 100, policies: [policy])
        let result = try Fixture.run(scenario)
        // In steady state recalls ≈ 0.3 × releases of `short` ≈ 0.3 × 500 = 150 a month.
        let x = Fixture.values(result, 30, \.recalls)
        let mean = moments(x).mean
        // Recalls are a thinned Poisson count, mean 150: 5 standard errors of the mean of 100 (by
        // month 30 the recalls of the first months' releases have long settled).
        #expect(abs(mean - 150) < 5 * (150.0 / 100).squareRoot(), "mean recalls \(mean)")
    }
}
