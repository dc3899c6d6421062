import EstateModel

/// The estate month by month (DESIGN.md §2–3, capacity events): every establishment's capacities,
/// function and sex as of each month, whether it exists and takes receptions, and the decants of
/// each month. The first builder of a `SimulationPlan`; deterministic, the same in every replication.
///
/// Arrays are indexed `[t * E + e]` (`StateShape.schedule`).
struct EstateSchedule {
    /// The estate file's establishments, then those opened by events, in event order.
    let establishments: [Establishment]
    let baselineCNA: [Int32]
    let inUseCNA: [Int32]
    let operationalCapacity: [Int32]
    let function: [EstablishmentFunction]
    let sex: [Sex]
    /// Open for business: exists, has opened, and is not closing. Only these receive people.
    let accepting: [Bool]
    /// Shown in the reports: from its opening to the end of its run-down.
    let exists: [Bool]
    /// Closures and re-roles decanting in month t, `[t]`.
    let decants: [[SimulationPlan.Decant]]

    /// A change of places scheduled for month `month`.
    private struct PlaceChange {
        var month: Int
        var establishment: Int
        var baselineCNA = 0, inUseCNA = 0, operationalCapacity = 0
    }

    /// A change of role from month `month`, and the run-down of the people it may no longer hold.
    private struct RoleChange {
        var month: Int
        var establishment: Int
        var function: EstablishmentFunction?
        var sex: Sex?
        var rundownMonths: Int
    }

    /// The closure of an establishment: no receptions from `month`, empty and without places after
    /// `rundownMonths`.
    private struct Closure {
        var month = Int.max / 4  // never
        var rundownMonths = 1
    }

    /// Resolves `scenario`'s capacity events into the schedule.
    /// - Throws: `PlanError` when an event names an establishment that is not in the estate.
    /// - Complexity: O(H × E + events × ramp months).
    init(_ scenario: Scenario) throws {
        let H = scenario.months
        var establishments = scenario.estate.establishments
        var openMonth = Array(repeating: 0, count: establishments.count)
        for event in scenario.events {
            if case let .open(sex, function, sector, region, _, _, _) = event.kind {
                establishments.append(Establishment(
                    name: event.establishment, sex: sex, function: function, sector: sector, region: region,
                    baselineCNA: 0, inUseCNA: 0, operationalCapacity: 0, population: 0))
                openMonth.append(event.month - scenario.start)
            }
        }
        let E = establishments.count
        let (places, roles, closures) = try Self.changes(scenario, establishments: establishments)

        // Running totals stay unclamped, so a change that removes more places than exist gives
        // back exactly what it took when it ends; only what is shown is clamped.
        var baselineNow = establishments.map { Int($0.baselineCNA) }
        var inUseNow = establishments.map { Int($0.inUseCNA) }
        var operationalNow = establishments.map { Int($0.operationalCapacity) }
        var functionNow = establishments.map(\.function)
        var sexNow = establishments.map(\.sex)
        var baselineCNA = [Int32](), inUseCNA = [Int32](), operationalCapacity = [Int32]()
        var function = [EstablishmentFunction](), sex = [Sex](), accepting = [Bool](), exists = [Bool]()
        var decants = Array(repeating: [SimulationPlan.Decant](), count: H)
        for t in 0..<H {
            for change in places where change.month == t {
                baselineNow[change.establishment] += change.baselineCNA
                inUseNow[change.establishment] += change.inUseCNA
                operationalNow[change.establishment] += change.operationalCapacity
            }
            for change in roles where change.month == t {
                if let f = change.function { functionNow[change.establishment] = f }
                if let s = change.sex { sexNow[change.establishment] = s }
            }
            for e in 0..<E {
                let closure = closures[e], end = closure.month + closure.rundownMonths
                // A closing establishment gives up its places evenly over the run-down.
                let monthsLeft = t < closure.month ? closure.rundownMonths : max(0, end - 1 - t)
                func shown(_ places: Int) -> Int32 {
                    t >= openMonth[e] && t < end ? Int32(max(0, places) * monthsLeft / closure.rundownMonths) : 0
                }
                baselineCNA.append(shown(baselineNow[e]))
                inUseCNA.append(shown(inUseNow[e]))
                operationalCapacity.append(shown(operationalNow[e]))
                function.append(functionNow[e])
                sex.append(sexNow[e])
                exists.append(t >= openMonth[e] && t < end)
                accepting.append(t >= openMonth[e] && t < closure.month)
                if t >= closure.month && t < end {
                    decants[t].append(.init(establishment: e, reason: .closure, monthsLeft: end - t))
                }
            }
            for change in roles where t >= change.month && t < change.month + change.rundownMonths
                && t < closures[change.establishment].month {
                decants[t].append(.init(establishment: change.establishment, reason: .reRole,
                                        monthsLeft: change.month + change.rundownMonths - t))
            }
        }
        self.establishments = establishments
        self.baselineCNA = baselineCNA
        self.inUseCNA = inUseCNA
        self.operationalCapacity = operationalCapacity
        self.function = function
        self.sex = sex
        self.accepting = accepting
        self.exists = exists
        self.decants = decants
    }

    /// The scenario's events as changes of places (ramps spread evenly over their months, a
    /// temporary change and its reversal), changes of role, and closures by establishment.
    private static func changes(_ scenario: Scenario, establishments: [Establishment]) throws
        -> (places: [PlaceChange], roles: [RoleChange], closures: [Closure]) {
        var places = [PlaceChange](), roles = [RoleChange]()
        var closures = Array(repeating: Closure(), count: establishments.count)
        func ramp(_ e: Int, from start: Int, cna: Int, operationalCapacity: Int, months: Int) {
            let months = max(1, months)
            for i in 0..<months {
                func share(_ total: Int) -> Int { total * (i + 1) / months - total * i / months }
                places.append(PlaceChange(month: start + i, establishment: e, baselineCNA: share(cna),
                                          inUseCNA: share(cna), operationalCapacity: share(operationalCapacity)))
            }
        }
        for event in scenario.events {
            let t = event.month - scenario.start
            guard let e = establishments.firstIndex(where: { $0.name == event.establishment }) else {
                throw PlanError(description: "an event names establishment \(event.establishment), "
                                + "which is not in the estate")
            }
            switch event.kind {
            case let .open(_, _, _, _, cna, operational, months), let .houseblock(cna, operational, months):
                ramp(e, from: t, cna: cna, operationalCapacity: operational, months: months)
            case let .capacityChange(inUse, operational, duration):
                places.append(PlaceChange(month: t, establishment: e, inUseCNA: inUse,
                                          operationalCapacity: operational))
                if let duration {
                    places.append(PlaceChange(month: t + duration, establishment: e, inUseCNA: -inUse,
                                              operationalCapacity: -operational))
                }
            case let .close(rundown):
                closures[e] = Closure(month: t, rundownMonths: max(1, rundown))
            case let .reRole(function, sex, rundown):
                roles.append(RoleChange(month: t, establishment: e, function: function, sex: sex,
                                        rundownMonths: max(1, rundown)))
            }
        }
        return (places, roles, closures)
    }
}

/// The establishments that may receive each group in each month (DESIGN.md §2, placement): open
/// for business, of a function and sex the group accepts. The second builder of a `SimulationPlan`.
struct Eligibility: Sendable {
    /// The eligible establishments of every (month, group), one range after another.
    private let establishments: [Int32]
    /// Where the range of (t, g) starts in `establishments`, `[t * G + g]` (`StateShape.eligibility`),
    /// with one more at the end.
    private let starts: [Int32]
    /// The layout of `starts`.
    private let shape: StateShape

    /// The eligibility of `groups` in `schedule`'s months.
    /// - Complexity: O(H × G × E).
    init(_ schedule: EstateSchedule, groups: [PopulationGroup], months H: Int) {
        let E = schedule.establishments.count
        let shape = StateShape(establishments: E, groups: groups.count, months: H)
        var establishments = [Int32](), starts = [Int32]()
        for t in 0..<H {
            for group in groups {
                starts.append(Int32(establishments.count))
                for e in 0..<E where schedule.accepting[shape.schedule(t, e)]
                    && group.canBeHeld(by: schedule.function[shape.schedule(t, e)],
                                       sex: schedule.sex[shape.schedule(t, e)]) {
                    establishments.append(Int32(e))
                }
            }
        }
        starts.append(Int32(establishments.count))
        self.establishments = establishments
        self.starts = starts
        self.shape = shape
    }

    /// The eligible establishments of group `g` in month `t`, in estate order.
    func establishments(group g: Int, month t: Int) -> ArraySlice<Int32> {
        let i = shape.eligibility(t, g)
        return establishments[Int(starts[i])..<Int(starts[i + 1])]
    }
}
