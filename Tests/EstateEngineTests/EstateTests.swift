import EstateEngine
import EstateResults
import EstateModel
import EstateRandom
import Testing

/// The estate side: conservation, closures, placement, crowding.
@Suite("Estate and placement")
struct EstateTests {
    /// The engine keeps release counts unless a policy needs per-person records; a stay policy of
    /// factor 1 on the stock in the last month changes nothing but forces the per-person form.
    static func smallEstate(events: [CapacityEvent] = [], perPerson: Bool = false) -> Scenario {
        let policies = perPerson
            ? [Policy(month: Fixture.start + 23, lever: .stay(factor: 1, appliesToStock: true))] : []
        return Fixture.scenario(
            [Fixture.establishment("Alpha", .local, cna: 300, opcap: 400),
             Fixture.establishment("Bravo", .local, cna: 200, opcap: 260),
             Fixture.establishment("Charlie", .catC, cna: 500, opcap: 520),
             Fixture.establishment("Delta", .femaleClosed, sex: .female, cna: 150, opcap: 200)],
            [Fixture.group("remand", receptions: 120, stay: .lognormal(mean: 2, sd: 1.5)),
             Fixture.group("sentenced", receptions: 60, stay: .gamma(mean: 8, sd: 4), holds: [.local, .catC]),
             Fixture.group("women", receptions: 30, stay: .exponential(mean: 3), holds: [.femaleClosed], sex: .female)],
            months: 24, replications: 40, events: events, policies: policies)
    }

    @Test("national population is last month's plus receptions less releases, every month", arguments: [false, true])
    func conservation(perPerson: Bool) throws {
        let close = CapacityEvent(month: Fixture.start + 6, establishment: "Bravo", kind: .close(rundownMonths: 3))
        let result = try Fixture.run(Self.smallEstate(events: [close], perPerson: perPerson))
        for series in result.series {
            for t in 1..<series.population.count {
                #expect(series.population[t] == series.population[t - 1] + series.receptions[t] - series.releases[t])
            }
            for t in series.population.indices {
                #expect(series.population[t] == series.held[t] + series.unaccommodated[t])
            }
        }
    }

    @Test("a closed establishment is empty at the end of its run-down and nobody is dropped", arguments: [false, true])
    func closure(perPerson: Bool) throws {
        let close = CapacityEvent(month: Fixture.start + 6, establishment: "Bravo", kind: .close(rundownMonths: 3))
        let result = try Fixture.run(Self.smallEstate(events: [close], perPerson: perPerson))
        let plan = result.plan
        let cells = plan.capacity.cells
        let bravo = 1
        let end = 6 + 3 - 1
        #expect(result.establishments.populationSum(cells.index(month: end, establishment: bravo)) == 0)
        #expect(plan.operationalCapacity[cells.index(month: end, establishment: bravo)] == 0)
        #expect(plan.exists[cells.index(month: end + 1, establishment: bravo)] == false)
        // Before the run-down Bravo held people; others could take them, so none unaccommodated.
        #expect(result.establishments.populationSum(cells.index(month: 5, establishment: bravo)) > 0)
        for series in result.series { #expect(series.unaccommodated.allSatisfy { $0 == 0 }) }
    }

    @Test("an establishment closing in the first month holds its estate-file population at the start and decants it")
    func closingFromTheStart() throws {
        // Bravo (200 of the 500 people) closes from the first month over 4 months. Its people are
        // there at the start (the fitted initial stock), so a quarter leave in each month of the
        // run-down (besides the releases), not all at once before the run starts.
        var scenario = Fixture.scenario(
            [Fixture.establishment("Alpha", cna: 300, opcap: 400, population: 300),
             Fixture.establishment("Bravo", cna: 200, opcap: 260, population: 200)],
            [Fixture.group("remand", receptions: 50, stay: .exponential(mean: 10))],
            months: 6, replications: 100,
            events: [CapacityEvent(month: Fixture.start, establishment: "Bravo", kind: .close(rundownMonths: 4))])
        scenario.replications = 100
        let run = try Fixture.run(scenario)
        let cells = run.plan.capacity.cells
        func bravo(_ t: Int) -> Double {
            Double(run.establishments.populationSum(cells.index(month: t, establishment: 1))) / 100
        }
        // Month 0: about 200 less a month's releases (1 − e^(−1/10) ≈ 10 %), × 3/4 decanted ≈ 135;
        // month 1 ≈ 135 × 0.9 × 2/3 ≈ 81; month 2 ≈ 36; empty in month 3. Bounds are wide: each
        // mean is over 100 replications of a stock whose sd is about √200 ≈ 14.
        #expect(bravo(0) > 120 && bravo(0) < 150, "month 0: \(bravo(0))")
        #expect(bravo(1) > 70 && bravo(1) < 95, "month 1: \(bravo(1))")
        #expect(bravo(3) == 0)
    }

    @Test("closing the only establishment that holds a group leaves its people unaccommodated, not dropped",
          arguments: [false, true])
    func unaccommodated(perPerson: Bool) throws {
        let close = CapacityEvent(month: Fixture.start + 4, establishment: "Delta", kind: .close(rundownMonths: 1))
        let result = try Fixture.run(Self.smallEstate(events: [close], perPerson: perPerson))
        let g = 2
        for series in result.series {
            for t in 5..<24 {
                #expect(series.unaccommodated[t] == series[group: g, month: t])
            }
        }
    }

    @Test("crowded is min(pop, factor × max(0, pop − in-use CNA)), summed over establishments", arguments: [
        (population: 120, cna: 100, factor: 2.0, crowded: 40),
        (population: 50, cna: 40, factor: 2.0, crowded: 20),
        (population: 10, cna: 20, factor: 2.0, crowded: 0),
        (population: 100, cna: 40, factor: 2.0, crowded: 100),
        (population: 130, cna: 100, factor: 1.5, crowded: 45),
    ])
    func crowding(population: Int, cna: Int, factor: Double, crowded: Int) {
        #expect(Crowding.crowded(population: Int32(population), inUseCNA: Int32(cna), factor: factor) == Int32(crowded))
    }

    @Test("a houseblock adds its places evenly over the ramp")
    func houseblockRamp() throws {
        let block = CapacityEvent(month: Fixture.start + 2, establishment: "Charlie",
                                  kind: .houseblock(cna: 90, operationalCapacity: 60, rampMonths: 3))
        let plan = try SimulationPlan(Self.smallEstate(events: [block]))
        let cells = plan.capacity.cells
        func charlie(_ t: Int) -> Int { cells.index(month: t, establishment: 2) }
        #expect((0..<7).map { plan.operationalCapacity[charlie($0)] } == [520, 520, 540, 560, 580, 580, 580])
        #expect((0..<7).map { plan.inUseCNA[charlie($0)] } == [500, 500, 530, 560, 590, 590, 590])
        #expect(plan.capacity.total(.baselineCNA, month: 6) == 300 + 200 + 590 + 150)
    }

    @Test("the same seed gives the same results whatever the number of threads; another seed differs")
    func determinism() throws {
        let scenario = Self.smallEstate()
        let one = try Fixture.run(scenario, jobs: 1)
        let two = try Fixture.run(scenario, jobs: 2)
        #expect(one.series == two.series)
        #expect(one.result == two.result)
        #expect(one.establishments == two.establishments)
        var other = scenario
        other.seed += 1
        let three = try Fixture.run(other, jobs: 2)
        #expect(three.series != one.series)
    }
}
