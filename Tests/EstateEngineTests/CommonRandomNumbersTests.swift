import EstateEngine
import EstateModel
import EstateRandom
import EstateResults
import Testing

/// Scenarios run with the same seed share their random numbers (docs/batch.md): replication r of
/// every scenario draws from the streams of (seed, r), one per concern (arrivals, stays,
/// placement, recalls, movements), used in the same order while the scenarios agree.
@Suite("Common random numbers between scenarios")
struct CommonRandomNumbersTests {
    static func scenario(events: [CapacityEvent] = [], policies: [Policy] = []) -> Scenario {
        Fixture.scenario(
            [Fixture.establishment("Alpha", cna: 400, opcap: 500), Fixture.establishment("Bravo", cna: 300, opcap: 350),
             Fixture.establishment("Charlie", .catC, cna: 500, opcap: 520)],
            [Fixture.group("remand", receptions: 120, stay: .lognormal(mean: 2.5, sd: 2)),
             Fixture.group("sentenced", receptions: 60, stay: .gamma(mean: 9, sd: 6), holds: [.local, .catC])],
            months: 36, replications: 50, events: events, policies: policies)
    }

    @Test("two plans that differ only from month 24 have identical replications before it, and differ after")
    func identicalBeforeTheChange() throws {
        let plan = try Fixture.run(Self.scenario())
        let change = Fixture.start + 24
        let other = try Fixture.run(Self.scenario(
            events: [CapacityEvent(month: change, establishment: "Bravo", kind: .close(rundownMonths: 2))],
            policies: [Policy(month: change, lever: .receptions(factor: 1.2))]))
        var differAfter = 0
        for (a, b) in zip(plan.series, other.series) {
            #expect(a.replication == b.replication)
            for t in 0..<24 {
                #expect(a[.population, month: t] == b[.population, month: t],
                        "replication \(a.replication), month \(t)")
                #expect(a[.crowded, month: t] == b[.crowded, month: t])
                #expect(a[.receptions, month: t] == b[.receptions, month: t])
            }
            if (24..<36).contains(where: { a[.population, month: $0] != b[.population, month: $0] }) {
                differAfter += 1
            }
        }
        #expect(differAfter == plan.series.count, "every replication changes once the plans differ")
    }
}
