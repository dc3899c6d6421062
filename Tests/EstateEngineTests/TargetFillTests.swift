import EstateEngine
import EstateModel
import EstateRandom
import EstateResults
import Testing

/// Population management (`[placement] rule = "target-fill"`, DESIGN.md §2) on an estate where the
/// answer is known: one local and one cat-c prison whose target is 98 % of 500 places.
@Suite("Population management: target fill")
struct TargetFillTests {
    static func scenario(_ placement: Placement) -> Scenario {
        var scenario = Fixture.scenario(
            [Fixture.establishment("Town", cna: 1500, opcap: 2000), Fixture.establishment("Moor", .catC, cna: 500, opcap: 500)],
            [Fixture.group("remand", receptions: 150, stay: .exponential(mean: 2)),
             Fixture.group("sentenced", receptions: 60, stay: .gamma(mean: 12, sd: 6), holds: [.local, .catC])],
            months: 36, replications: 100)
        scenario.placement = placement
        return scenario
    }

    @Test("the training prison is kept at its target, the local holds the slack, and nobody is lost")
    func keptFull() throws {
        let run = try Fixture.run(Self.scenario(.targetFill([.catC: 0.98])))
        let E = run.plan.establishmentCount, moor = 1
        let accumulator = run.establishments
        for t in 0..<36 {
            let histogram = accumulator.populationHistogram(t * E + moor)
            // Every replication, every month: at least 490 (98 % of 500, the sentenced stock of about
            // 720 always has people to move) and never over the 500 places. The bounds are the
            // smallest and largest values: the histogram's bounds are exact when it spans
            // fewer than 32 values, and otherwise bracket them.
            #expect(histogram.lowerBound >= 490, "month \(t): \(histogram.lowerBound)")
            #expect(histogram.upperBound <= 500, "month \(t)")
            // The local holds everyone else: population = held in Town + Moor (nobody unaccommodated).
            let town = accumulator.populationSum(t * E + 0), moorSum = accumulator.populationSum(t * E + moor)
            let national = run.series.reduce(Int64(0)) { $0 + Int64($1[.population, month: t]) }
            #expect(town + moorSum == national)
        }
        // Transfers out of the local are counted.
        #expect(run.series.allSatisfy { s in (1..<36).contains { s[.transfers, month: $0] > 0 } })
        // The national population is the queue's, whatever the placement: λ·E[S] = 150·2 + 60·12 = 1,020,
        // 5 standard errors of the mean of 100 Poisson populations.
        let last = Fixture.values(run, 35, \.population)
        #expect(abs(moments(last).mean - 1020) < 5 * (1020.0 / 100).squareRoot())
    }

    @Test("a target above 1 fills to the operational capacity and never past it")
    func targetAboveCapacity() throws {
        let run = try Fixture.run(Self.scenario(.targetFill([.catC: 1.1])))
        let E = run.plan.establishmentCount
        for t in 1..<36 {
            let histogram = run.establishments.populationHistogram(t * E + 1)
            #expect(histogram.binWidth == 1 && histogram.upperBound == 500, "month \(t): filled to exactly 500")
        }
    }

    @Test("proportional placement, by contrast, leaves the training prison far below its target")
    func proportionalFillsEvenly() throws {
        let run = try Fixture.run(Self.scenario(.proportional))
        let E = run.plan.establishmentCount
        // Receptions split by free capacity settle near a quarter of the sentenced stock in Moor (about 164).
        let mean = Double(run.establishments.populationSum(35 * E + 1)) / 100
        #expect(mean < 300, "Moor holds \(mean)")
        #expect(run.series.allSatisfy { s in (0..<36).allSatisfy { s[.transfers, month: $0] == 0 } })
    }
}
