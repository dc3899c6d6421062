@testable import EstateEngine
import EstateModel
import EstateRandom
import Testing

/// The builders a `SimulationPlan` is compiled with, each on its own.
@Suite("Building a plan")
struct PlanBuildingTests {
    static let locals = [Fixture.establishment("A", cna: 100), Fixture.establishment("B", cna: 60),
                         Fixture.establishment("C", .catC, cna: 90)]

    @Test("a houseblock ramps its places in evenly, a closure runs them down and decants over its months")
    func estateSchedule() throws {
        let events = [
            CapacityEvent(month: Fixture.start + 1, establishment: "A",
                          kind: .houseblock(cna: 30, operationalCapacity: 30, rampMonths: 3)),
            CapacityEvent(month: Fixture.start + 2, establishment: "B", kind: .close(rundownMonths: 2)),
        ]
        let scenario = Fixture.scenario(Self.locals, [Fixture.group("g", receptions: 1, stay: .exponential(mean: 1))],
                                        months: 6, events: events)
        let schedule = try EstateSchedule(scenario)
        let shape = StateShape(establishments: 3, groups: 1, months: 6)
        #expect((0..<6).map { schedule.operationalCapacity[shape.schedule($0, 0)] } == [100, 110, 120, 130, 130, 130])
        #expect((0..<6).map { schedule.operationalCapacity[shape.schedule($0, 1)] } == [60, 60, 30, 0, 0, 0])
        #expect((0..<6).map { schedule.accepting[shape.schedule($0, 1)] } == [true, true, false, false, false, false])
        #expect((0..<6).map { schedule.exists[shape.schedule($0, 1)] } == [true, true, true, true, false, false])
        #expect(schedule.decants[2].map(\.monthsLeft) == [2] && schedule.decants[3].map(\.monthsLeft) == [1])
        #expect(schedule.decants[2].allSatisfy { $0.establishment == 1 && $0.reason == .closure })
    }

    @Test("an event naming an establishment outside the estate is refused")
    func unknownEstablishment() {
        let events = [CapacityEvent(month: Fixture.start, establishment: "Nowhere", kind: .close(rundownMonths: 1))]
        let scenario = Fixture.scenario(Self.locals, [Fixture.group("g", receptions: 1, stay: .exponential(mean: 1))],
                                        months: 3, events: events)
        #expect(throws: PlanError.self) { try EstateSchedule(scenario) }
    }

    @Test("a group is eligible where its functions are open for business, in estate order")
    func eligibility() throws {
        let events = [CapacityEvent(month: Fixture.start + 1, establishment: "A", kind: .close(rundownMonths: 1))]
        let groups = [Fixture.group("local", receptions: 1, stay: .exponential(mean: 1)),
                      Fixture.group("both", receptions: 1, stay: .exponential(mean: 1), holds: [.local, .catC])]
        let scenario = Fixture.scenario(Self.locals, groups, months: 2, events: events)
        let eligibility = Eligibility(try EstateSchedule(scenario), groups: groups, months: 2)
        #expect(Array(eligibility.establishments(group: 0, month: 0)) == [0, 1])
        #expect(Array(eligibility.establishments(group: 1, month: 0)) == [0, 1, 2])
        #expect(Array(eligibility.establishments(group: 1, month: 1)) == [1, 2])
    }

    @Test("tables are built once per distribution, and fold every delay past the run into its last cell")
    func stayTables() throws {
        var tables = StayTables(months: 12, fullStays: false)
        let first = try tables.table(.exponential(mean: 30), kind: .stay)
        #expect(try tables.table(.exponential(mean: 30), kind: .stay) == first)
        #expect(try tables.table(.exponential(mean: 30), factor: 0.5, kind: .stay) != first)
        #expect(tables.tables[Int(first)].count == 13)
        let tallies = try tables.tallies(keepsPerPersonRecords: false)
        #expect(tallies.count == 2 && tallies.allSatisfy { $0 != nil })
        #expect(try tables.tallies(keepsPerPersonRecords: true).allSatisfy { $0 == nil })
    }

    @Test("the initial stock is λ·E[S] counting recalls, or the given count; the recall pipeline starts full")
    func initialState() throws {
        let recall = Recall(probability: 0.5, to: "recall", after: .fixed(months: 0))
        var sentenced = Fixture.group("sentenced", receptions: 100, stay: .exponential(mean: 4))
        sentenced.recall = recall
        let groups = [sentenced, Fixture.group("recall", receptions: 0, stay: .exponential(mean: 2)),
                      Fixture.group("given", receptions: 10, stay: .exponential(mean: 3), initial: 7)]
        let scenario = Fixture.scenario(Self.locals, groups, months: 4)
        var tables = StayTables(months: 4, fullStays: false)
        let state = try InitialState(scenario, schedule: try EstateSchedule(scenario),
                                     groupIndex: ["sentenced": 0, "recall": 1, "given": 2],
                                     tracksReceptionMonths: false, tables: &tables)
        // The recall group receives half of the sentenced group's 100 releases a month.
        #expect(abs(state.stock[0] - 400) < 1e-9 && abs(state.stock[1] - 100) < 1e-9 && state.stock[2] == 7)
        #expect(state.stockIsFixed == [false, false, true])
        // A delay of at most one month: the releases of the month before the start come back in month 0.
        let shape = StateShape(establishments: 3, groups: 3, months: 4)
        #expect(abs(state.recallPipeline[shape.flow(1, 0)] - 50) < 1e-9 && state.recallPipeline[shape.flow(1, 1)] == 0)
        #expect(state.lengthBiasedTable == [-1, -1, -1])
        for g in 0..<3 {
            let weights = (0..<3).map { state.weights[shape.weight(g, $0)] }
            #expect(abs(weights.reduce(0, +) - 1) < 1e-12 && weights[2] == 0, "only the locals hold group \(g)")
        }
    }

    @Test("a recall loop that returns everyone has no steady state")
    func noSteadyState() {
        var loop = Fixture.group("loop", receptions: 10, stay: .exponential(mean: 2))
        loop.recall = Recall(probability: 1, to: "loop", after: .exponential(mean: 1))
        #expect(throws: PlanError.self) { try SimulationPlan.steadyInflow([loop], index: ["loop": 0]) }
    }
}
