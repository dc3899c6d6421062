public import EstateModel
import EstateResults
import EstateRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scenario the engine cannot run (the loader validates first, so this is rare: a table GSL
/// could not build, say).
public struct PlanError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension SimulationPlan {
    /// Compiles `scenario`: resolves capacity events into per-month capacities and eligibility,
    /// policies into per-month flows, and builds the alias tables.
    ///
    /// - Complexity: O(H × (E + G·E)) plus the tables; done once per scenario.
    public init(_ scenario: Scenario) throws {
        self.scenario = scenario
        let H = scenario.months
        months = H
        let G = scenario.groups.count

        // MARK: establishments, including those opened by events
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
        self.establishments = establishments
        let E = establishments.count
        func index(_ name: String) throws -> Int {
            guard let i = establishments.firstIndex(where: { $0.name == name }) else {
                throw PlanError(description: "an event names establishment \(name), which is not in the estate")
            }
            return i
        }

        // MARK: capacities, roles and decants month by month
        var baseline = establishments.map { Int($0.baselineCNA) }
        var inUse = establishments.map { Int($0.inUseCNA) }
        var opcap = establishments.map { Int($0.operationalCapacity) }
        var functionNow = establishments.map(\.function)
        var sexNow = establishments.map(\.sex)
        // Changes scheduled for later months: (month, establishment, Δbaseline, ΔinUse, Δopcap).
        var pending: [(t: Int, e: Int, baseline: Int, inUse: Int, opcap: Int)] = []
        var closure = Array(repeating: (start: Int.max / 4, rundown: 1), count: E)  // never
        var reRoles: [(e: Int, t: Int, rundown: Int)] = []
        var roleChanges: [(t: Int, e: Int, function: EstablishmentFunction?, sex: Sex?)] = []

        func ramp(_ e: Int, from t0: Int, cna: Int, opcap op: Int, inUseToo: Bool, months r: Int) {
            let r = max(1, r)
            for i in 0..<r {
                func share(_ total: Int) -> Int { total * (i + 1) / r - total * i / r }
                pending.append((t0 + i, e, share(cna), inUseToo ? share(cna) : 0, share(op)))
            }
        }
        for event in scenario.events {
            let t = event.month - scenario.start
            let e = try index(event.establishment)
            switch event.kind {
            case let .open(_, _, _, _, cna, op, r):
                ramp(e, from: t, cna: cna, opcap: op, inUseToo: true, months: r)
            case let .houseblock(cna, op, r):
                ramp(e, from: t, cna: cna, opcap: op, inUseToo: true, months: r)
            case let .capacityChange(dCNA, dOp, duration):
                pending.append((t, e, 0, dCNA, dOp))
                if let duration { pending.append((t + duration, e, 0, -dCNA, -dOp)) }
            case let .close(r):
                closure[e] = (t, max(1, r))
            case let .reRole(function, sex, r):
                roleChanges.append((t, e, function, sex))
                reRoles.append((e, t, max(1, r)))
            }
        }

        var baselineCNA = [Int32](), inUseCNA = [Int32](), operationalCapacity = [Int32]()
        var function = [EstablishmentFunction](), sexes = [Sex](), accepting = [Bool](), exists = [Bool]()
        baselineCNA.reserveCapacity(H * E)
        var decants = Array(repeating: [Decant](), count: H)
        for t in 0..<H {
            for change in pending where change.t == t {
                // Running totals stay unclamped, so a change that removes more places than exist
                // gives back exactly what it took when it ends; only what is shown is clamped.
                baseline[change.e] += change.baseline
                inUse[change.e] += change.inUse
                opcap[change.e] += change.opcap
            }
            for change in roleChanges where change.t == t {
                if let f = change.function { functionNow[change.e] = f }
                if let s = change.sex { sexNow[change.e] = s }
            }
            for e in 0..<E {
                let c = closure[e]
                // A closing establishment gives up its places evenly over the run-down.
                let left = t < c.start ? c.rundown : max(0, c.start + c.rundown - 1 - t)
                func scaled(_ x: Int) -> Int { x * left / c.rundown }
                let b = scaled(max(0, baseline[e])), u = scaled(max(0, inUse[e])), o = scaled(max(0, opcap[e]))
                let isOpen = t >= openMonth[e]
                let shown = isOpen && t < c.start + c.rundown
                baselineCNA.append(Int32(shown ? b : 0))
                inUseCNA.append(Int32(shown ? u : 0))
                operationalCapacity.append(Int32(shown ? o : 0))
                function.append(functionNow[e])
                sexes.append(sexNow[e])
                exists.append(shown)
                accepting.append(isOpen && t < c.start)
                if t >= c.start && t < c.start + c.rundown {
                    decants[t].append(Decant(establishment: e, reason: .closure, monthsLeft: c.start + c.rundown - t))
                }
            }
            for rr in reRoles where t >= rr.t && t < rr.t + rr.rundown && t < closure[rr.e].start {
                decants[t].append(Decant(establishment: rr.e, reason: .reRole, monthsLeft: rr.t + rr.rundown - t))
            }
        }
        self.baselineCNA = baselineCNA
        self.inUseCNA = inUseCNA
        self.operationalCapacity = operationalCapacity
        self.function = function
        self.sex = sexes
        self.accepting = accepting
        self.exists = exists
        fillTarget = (0..<(H * E)).map { i in
            guard accepting[i], let share = scenario.placement.target(for: function[i]) else { return 0 }
            return Int32(min(1, share) * Double(operationalCapacity[i]))
        }
        fillsTrainingPrisons = fillTarget.contains { $0 > 0 }
        self.decants = decants
        let capacity = CapacitySchedule(
            establishments: establishments.map { .init(name: $0.name, sector: $0.sector, region: $0.region) },
            months: H, baselineCNA: baselineCNA, inUseCNA: inUseCNA, operationalCapacity: operationalCapacity,
            function: function, sex: sexes, exists: exists, operatingMargin: scenario.operatingMargin)
        self.capacity = capacity
        functionIndex = function.map { f in UInt8(capacity.functions.firstIndex(of: f)!) }

        // MARK: eligibility
        var eligibleFlat = [Int32](), eligibleStart = [Int32]()
        for t in 0..<H {
            for group in scenario.groups {
                eligibleStart.append(Int32(eligibleFlat.count))
                for e in 0..<E where accepting[t * E + e]
                    && group.canBeHeld(by: function[t * E + e], sex: sexes[t * E + e]) {
                    eligibleFlat.append(Int32(e))
                }
            }
        }
        eligibleStart.append(Int32(eligibleFlat.count))
        self.eligibleFlat = eligibleFlat
        self.eligibleStart = eligibleStart

        // MARK: tables
        var tables = [DiscreteTable]()
        var stayWeights = [Int: [Double]]()
        var tableIndex = [TableKey: Int32]()
        // Beyond the run every delay is alike (released after the end), so the alias tables fold
        // the mass at d ≥ H into one cell: a 121-cell table stays in the L1 cache where a
        // 1,400-cell one would not. Only stay policies on the stock need whole stays, in full.
        let fullStays = scenario.policies.contains {
            if case .stay(_, true) = $0.lever { return true } else { return false }
        }
        func table(_ stay: StayDistribution, factor: Double = 1, kind: TableKind = .delay) throws -> Int32 {
            let key = TableKey(stay: stay, factor: factor, kind: kind)
            if let i = tableIndex[key] { return i }
            let weights = try Self.weights(stay, factor: factor, kind: kind, months: H, fullStays: fullStays)
            tables.append(try DiscreteTable(weights: weights))
            if kind == .stay { stayWeights[tables.count - 1] = weights }
            tableIndex[key] = Int32(tables.count - 1)
            return Int32(tables.count - 1)
        }
        let groupIndex = Dictionary(scenario.groups.enumerated().map { ($0.element.id, $0.offset) },
                                    uniquingKeysWith: { first, _ in first })
        func index(ofGroup id: String) throws -> Int {
            guard let g = groupIndex[id] else { throw PlanError(description: "no group has the id \(id)") }
            return g
        }

        var receptionMean = [Double](repeating: 0, count: G * H)
        var stayTable = [Int32](repeating: 0, count: G * H)
        var recallRule = [RecallRule?](repeating: nil, count: G * H)
        var recallSource = [Int32](repeating: -1, count: G * H)
        var stockPolicies = Array(repeating: [StockPolicy](), count: H)
        for (g, group) in scenario.groups.enumerated() {
            var receptionFactor = 1.0, stayFactor = 1.0
            var recall: RecallRule? = try group.recall.map {
                RecallRule(probability: $0.probability, to: try index(ofGroup: $0.to), delayTable: try table($0.after))
            }
            var source: Int32 = -1
            stayFactor = group.stayFactor.mean
            for t in 0..<H {
                let month = scenario.month(at: t)
                for (k, policy) in scenario.policies.enumerated() where policy.month == month && policy.touches(group.id) {
                    switch policy.lever {
                    case let .receptions(f): receptionFactor *= f
                    case let .stay(f, _): stayFactor *= f
                    case let .recall(r):
                        recall = RecallRule(probability: r.probability, to: try index(ofGroup: r.to),
                                            delayTable: try table(r.after))
                        source = Int32(k)
                    }
                }
                recallSource[g * H + t] = source
                let spec = group.receptions
                let trend = pow1p(spec.annualTrend, Double(t) / 12)
                receptionMean[g * H + t] = spec.mean * trend * spec.seasonality[month.month - 1] * receptionFactor
                stayTable[g * H + t] = try table(group.stay, factor: stayFactor, kind: .stay)
                recallRule[g * H + t] = recall
            }
        }
        for (k, policy) in scenario.policies.enumerated() {
            guard case let .stay(f, appliesToStock) = policy.lever, appliesToStock else { continue }
            let t = policy.month - scenario.start
            guard t >= 0, t < H else { continue }
            stockPolicies[t].append(StockPolicy(factor: f, groups: scenario.groups.map { policy.touches($0.id) }, policy: k))
        }
        self.receptionMean = receptionMean
        receptionDispersion = scenario.groups.map { $0.receptions.dispersion ?? 0 }
        receptionsAreRecalls = scenario.groups.map(\.receptions.areRecalls)
        self.stayTable = stayTable
        self.recallRule = recallRule
        self.recallSource = recallSource
        parameterModel = ParameterModel(scenario, fullStays: fullStays)
        self.stockPolicies = stockPolicies
        tracksReceptionMonths = stockPolicies.contains { !$0.isEmpty }

        progressionTable = try scenario.groups.map { group in try group.progression.map { try table($0.after) } ?? -1 }
        progressionTargets = scenario.groups.map { $0.progression?.to ?? [] }
        progressionFrom = scenario.groups.map { $0.progression?.from }
        hasProgression = scenario.groups.contains { $0.progression != nil }

        // MARK: initial stock
        residualTable = try scenario.groups.map { try table($0.stay, kind: .residual) }
        lengthBiasedTable = try scenario.groups.map { group in
            stockPolicies.contains(where: { !$0.isEmpty }) ? try table(group.stay, kind: .lengthBiased) : -1
        }
        // The steady state counts every reception: a group's own and the recalls it receives from
        // the groups that recall into it (itself included): inflow = λ + Pᵀ·inflow, P[g][h] the
        // probability that someone released from g is recalled into h.
        let inflow = try SimulationPlan.steadyInflow(scenario.groups, index: groupIndex)
        initialStock = scenario.groups.enumerated().map { g, group in
            group.initial.map(Double.init) ?? inflow[g] * group.stay.mean
        }
        // Recalls in flight at the start come from the releases of the steady state.
        initialStockIsFixed = scenario.groups.map { $0.initial != nil }
        // Before the start, a stationary stock N of group g released N / E[D] people a month; those
        // released j ≥ 1 months before the start come back in month t with probability
        // p · P(M = j + t), M = max(1, D) the recall delay. Summed over j: p · P(M ≥ t + 1).
        var recallPipeline = [Double](repeating: 0, count: G * H)
        for (g, group) in scenario.groups.enumerated() {
            guard let recall = group.recall, recall.probability > 0, group.stay.mean > 0 else { continue }
            let h = try index(ofGroup: recall.to)
            let releasesPerMonth = inflow[g]
            let delay = try WholeMonthStay(recall.after).probabilities
            var atLeast = 1.0  // P(M ≥ t + 1); P(M ≥ 1) = 1 since M ≥ 1
            for t in 0..<H {
                if t == 1 { atLeast -= delay[0] }
                if t >= 1 { atLeast -= t < delay.count ? delay[t] : 0 }
                recallPipeline[h * H + t] += releasesPerMonth * recall.probability * max(0, atLeast)
            }
        }
        self.recallPipeline = recallPipeline
        initialWeights = InitialStock.weights(
            establishments: Array(establishments.prefix(scenario.estate.establishments.count)),
            allEstablishments: E, groups: scenario.groups, stocks: initialStock,
            eligible: { g, e in e < scenario.estate.establishments.count && accepting[e]
                && scenario.groups[g].canBeHeld(by: function[e], sex: sexes[e]) })
        self.tables = tables
        // With release counts, receptions are booked as multinomial counts (DiscreteTally).
        let perPerson = tracksReceptionMonths || hasProgression
        var tallies = [DiscreteTally?](repeating: nil, count: tables.count)
        if !perPerson {
            for (i, weights) in stayWeights { tallies[i] = try DiscreteTally(weights: weights) }
        }
        self.tallies = tallies
        keepsPerPersonRecords = perPerson
        try checkLimits()
    }
}

extension SimulationPlan {
    /// The weights of a whole-month table of `stay` × `factor`. Beyond the run every delay is
    /// alike (released after the end), so the tables fold the mass at d ≥ H into one cell: a
    /// 121-cell table stays in the L1 cache where a 1,400-cell one would not. Only stay policies
    /// on the stock (`fullStays`) need whole stays, in full.
    static func weights(_ stay: StayDistribution, factor: Double, kind: TableKind, months H: Int,
                        fullStays: Bool) throws -> [Double] {
        let whole = try WholeMonthStay(stay, factor: factor)
        var weights: [Double]
        switch kind {
        case .delay, .stay: weights = whole.probabilities
        case .residual: weights = whole.residualProbabilities()
        case .lengthBiased:
            // P(D = d) · d / E[D]: the stay of someone found in custody.
            weights = whole.probabilities.enumerated().map { Double($0.offset) * $0.element }
        }
        if weights.count > H + 1 && (kind == .delay || kind == .residual || !fullStays) {
            weights[H] = weights[H...].reduce(0, +)
            weights.removeSubrange((H + 1)...)
        }
        return weights
    }
}

/// What a table holds: a delay (recall, progression), a stay, the stationary residual of a stay,
/// or the length-biased stay of someone found in custody.
enum TableKind: Hashable { case delay, stay, residual, lengthBiased }

private struct TableKey: Hashable {
    var stay: StayDistribution
    var factor: Double
    var kind: TableKind
}

/// (1 + r)^x, written so that r = 0 is exact.
private func pow1p(_ r: Double, _ x: Double) -> Double {
    r == 0 ? 1 : exp(x * log1p(r))
}
