import EstateEngine
import EstateModel
import EstateRandom
import EstateResults
import Testing

/// The estate's own drift (`[drift]`, docs/scenario-format.md): each function's capacity follows its
/// own path, drawn per replication, and each replication is placed and measured against its own.
@Suite("Capacity drift")
struct DriftTests {
    /// A local of 20,000 places and a cat-c prison of 10,000, nearly empty, so only capacity moves.
    static func scenario(_ drift: CapacityDrift, months: Int = 25, replications: Int = 400) -> Scenario {
        var scenario = Fixture.scenario(
            [Fixture.establishment("Town", cna: 20_000), Fixture.establishment("Moor", .catC, cna: 10_000)],
            [Fixture.group("remand", receptions: 10, stay: .exponential(mean: 2))],
            months: months, replications: replications)
        scenario.drift = drift
        return scenario
    }

    static func drifts(_ run: Fixture.Run, month t: Int) -> [Double] {
        run.series.map { Double($0.operationalCapacityDrift(.national, month: t)) }
    }

    @Test("operational capacity drifts as a random walk of each function's share")
    func randomWalk() throws {
        let run = try Fixture.run(Self.scenario(CapacityDrift(inUseCNA: 0.005, operationalCapacity: 0.01)))
        #expect(Self.drifts(run, month: 0).allSatisfy { $0 == 0 }, "month 0 is the plan's")
        // At month t the national drift is 20,000·x_local + 10,000·x_catc (± rounding), each x a sum
        // of t steps of sd 0.01: sd = 0.01·√t·√(20,000² + 10,000²) = 1,095 at t = 24. Bounds: 5
        // standard errors of the sample sd of 400 (sd/√(2·399), 3.5 %) and of the mean.
        let t = 24
        let expected = 0.01 * Double(t).squareRoot() * (20_000.0 * 20_000 + 10_000 * 10_000).squareRoot()
        let (mean, variance) = moments(Self.drifts(run, month: t))
        #expect(abs(variance.squareRoot() - expected) < 5 * expected / (2.0 * 399).squareRoot(),
                "sd \(variance.squareRoot())")
        #expect(abs(mean) < 5 * expected / 20)
    }

    @Test("with reversion 1 the drift has no memory: the same spread every month")
    func noMemory() throws {
        let run = try Fixture.run(Self.scenario(CapacityDrift(operationalCapacity: 0.01, reversion: 1)))
        let expected = 0.01 * (20_000.0 * 20_000 + 10_000 * 10_000).squareRoot()   // 224
        for t in [1, 12, 24] {
            let sd = moments(Self.drifts(run, month: t)).variance.squareRoot()
            #expect(abs(sd - expected) < 5 * expected / (2.0 * 399).squareRoot(), "month \(t): sd \(sd)")
        }
    }

    @Test("each replication is placed against its own capacity: a training prison is kept at its drifted target")
    func placedAgainstOwnCapacity() throws {
        // TargetFillTests' estate: without drift the cat-c prison holds exactly 490 (98 % of 500)
        // every month. With drift its target is 490 × (1 + x_t), x_t its function's walk of
        // monthly sd 0.02: an sd of 490 · 0.02 · √24 = 48 people at month 24. Bound: 5 standard
        // errors of the sample sd of 200 (5 %), plus rounding.
        var scenario = TargetFillTests.scenario(.targetFill([.catC: 0.98]))
        scenario.months = 25
        scenario.replications = 200
        scenario.drift = CapacityDrift(operationalCapacity: 0.02)
        let run = try Fixture.run(scenario)
        let catC = try #require(run.result.capacity.functions.firstIndex(of: .catC))
        let held = run.series.map { Double($0[function: catC, month: 24]) }
        let expected = 490 * 0.02 * 24.0.squareRoot()
        let sd = moments(held).variance.squareRoot()
        #expect(abs(sd - expected) < 5 * expected / (2.0 * 199).squareRoot() + 1, "sd \(sd)")
        // and headroom is against each replication's own useable capacity
        for series in run.series {
            #expect(run.result.useableOperationalCapacity(.national, series, month: 24)
                    == run.result.capacity.useableOperationalCapacity(.national, month: 24)
                    + series.operationalCapacityDrift(.national, month: 24))
        }
    }

    @Test("a [drift] of zero spreads is no drift: the same results as without")
    func zeroIsNone() throws {
        let without = try Fixture.run(Self.scenario(.none, replications: 20))
        let zero = try Fixture.run(Self.scenario(CapacityDrift(inUseCNA: 0, operationalCapacity: 0, reversion: 0.5),
                                                 replications: 20))
        #expect(without.result == zero.result)
    }
}
