import Testing
@testable import EstateRandom

@Suite("Random streams")
struct RandomStreamTests {
    @Test("the same seed, replication and key give the same sequence", arguments: GeneratorKind.allCases)
    func reproducible(generator: GeneratorKind) throws {
        let key = RandomStream.streamKey("receptions")
        let a = try RandomStream(generator: generator, seed: 2014, replication: 3, key: key)
        let b = try RandomStream(generator: generator, seed: 2014, replication: 3, key: key)
        for _ in 0..<1000 {
            #expect(a.uniform() == b.uniform())
        }
    }
}

@Suite("Whole-month stays (smoke)")
struct WholeMonthSmokeTests {
    @Test("tables reproduce the mean", arguments: [
        StayDistribution.lognormal(mean: 2.3, sd: 2.8), .gamma(mean: 10.5, sd: 6), .weibull(shape: 1.5, scale: 20),
        .exponential(mean: 8), .fixed(months: 3.4), .empirical(profile: [0.1, 0.2, 0.3, 0.4]),
    ])
    func means(stay: StayDistribution) throws {
        let table = try WholeMonthStay(stay)
        print(stay.name, table.horizon, table.mean, stay.mean, table.probabilities.reduce(0, +), table.residualProbabilities().reduce(0, +))
        #expect(abs(table.mean - stay.mean) < 1e-6)
    }
}
