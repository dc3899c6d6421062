import EstateModel
import EstateRandom
import Foundation

/// The rates one replication runs with: the plan's own, or, when the scenario carries parameter
/// uncertainty, those of the parameters the replication drew (`ParameterModel`).
struct ReplicationRates {
    /// Mean receptions of group g in month t, `[g * H + t]`.
    var receptionMean: [Double]
    /// The stay table of group g in month t, `[g * H + t]`, an index into `tables` and `tallies`.
    var stayTable: [Int32]
    var tables: [DiscreteTable]
    var tallies: [DiscreteTally?]
    /// The recall probability of group g in month t, `[g * H + t]`, where a drawn one replaces
    /// the plan's; nil when none is drawn.
    var recallProbability: [Double]?
    /// The factor of each stay policy on the stock, `[t][k]` for `plan.stockPolicies[t][k]`.
    var stockFactors: [[Double]]
    /// The values drawn, in the order of `ParameterModel.names`; empty when nothing is uncertain.
    var parameters: [Double]

    /// The plan's rates, drawing nothing.
    init(_ plan: SimulationPlan) {
        receptionMean = plan.receptionMean
        stayTable = plan.stayTable
        tables = plan.tables
        tallies = plan.tallies
        recallProbability = nil
        stockFactors = plan.stockPolicies.map { $0.map(\.factor) }
        parameters = []
    }
}

/// Parameter uncertainty (docs/scenario-format.md, Uncertainty): the rates a scenario gives as
/// `{ mean, sd }`, drawn once per replication from the replication's own `parameters` stream and
/// held for the whole replication. Plain numbers draw nothing, so a scenario without uncertainty
/// has no model and runs exactly as before.
///
/// - reception trend T ~ Normal(mean, sd²) (kept above −0.99): the rate × ((1 + T)/(1 + mean))^(t/12);
/// - level: the rate × exp(σZ − σ²/2), from month 0 (mean 1);
/// - shocks: the rate × exp(W_t − tσ²/2), W a random walk with monthly steps σZ from W₀ = 0;
/// - a driver's trend, level and shocks multiply every group that names it, its trend in full;
/// - a stay factor or a policy's factor: lognormal with the given mean and sd;
/// - a recall probability: beta with the given mean and sd.
struct ParameterModel: Sendable {
    struct Rates: Sendable {
        var trend: Estimate
        var levelSD: Double
        var shockSD: Double
    }

    struct PolicyDraw: Sendable {
        enum Lever: Sendable { case receptions, stay, recall }
        var lever: Lever
        var month: Int
        var value: Estimate
        var touches: [Bool]
        var appliesToStock: Bool
    }

    let drivers: [Rates]
    let groups: [Rates]
    /// The driver each group loads on.
    let groupDriver: [Int?]
    let stayFactor: [Estimate]
    let stays: [StayDistribution]
    let policies: [PolicyDraw]
    let fullStays: Bool
    /// The names of the values drawn, in the order drawn (`replication_parameters`).
    let names: [String]

    /// The model of `scenario`, or nil when it draws nothing.
    init?(_ scenario: Scenario, fullStays: Bool) {
        // A driver with no spread still moves its groups by its trend: a model, drawing nothing.
        guard scenario.hasParameterUncertainty else { return nil }
        let driverIndex = Dictionary(scenario.drivers.enumerated().map { ($0.element.id, $0.offset) },
                                     uniquingKeysWith: { first, _ in first })
        drivers = scenario.drivers.map { Rates(trend: $0.trend, levelSD: $0.levelSD, shockSD: $0.shockSD) }
        groups = scenario.groups.map {
            let u = $0.receptions.uncertainty
            return Rates(trend: Estimate($0.receptions.annualTrend, sd: u.trendSD), levelSD: u.levelSD,
                         shockSD: u.shockSD)
        }
        groupDriver = scenario.groups.map { $0.receptions.uncertainty.driver.flatMap { driverIndex[$0] } }
        stayFactor = scenario.groups.map(\.stayFactor)
        stays = scenario.groups.map(\.stay)
        policies = scenario.policies.map { policy in
            let touches = scenario.groups.map { policy.touches($0.id) }
            let month = policy.month - scenario.start
            switch policy.lever {
            case let .receptions(factor):
                return PolicyDraw(lever: .receptions, month: month, value: Estimate(factor, sd: policy.sd),
                                  touches: touches, appliesToStock: false)
            case let .stay(factor, appliesToStock):
                return PolicyDraw(lever: .stay, month: month, value: Estimate(factor, sd: policy.sd), touches: touches,
                                  appliesToStock: appliesToStock)
            case let .recall(recall):
                return PolicyDraw(lever: .recall, month: month, value: Estimate(recall.probability, sd: policy.sd),
                                  touches: touches, appliesToStock: false)
            }
        }
        self.fullStays = fullStays
        var names = [String]()
        func rates(_ prefix: String, _ rates: Rates) {
            if rates.trend.isUncertain { names.append("\(prefix).trend") }
            if rates.levelSD > 0 { names.append("\(prefix).level") }
            if rates.shockSD > 0 { names.append("\(prefix).shock_at_horizon") }
        }
        for (driver, r) in zip(scenario.drivers, drivers) { rates("driver.\(driver.id)", r) }
        for (g, group) in scenario.groups.enumerated() {
            rates("group.\(group.id)", groups[g])
            if stayFactor[g].isUncertain { names.append("group.\(group.id).stay_factor") }
        }
        for (k, policy) in policies.enumerated() where policy.value.isUncertain {
            names.append("policy.\(k + 1).\(policy.lever == .recall ? "probability" : "factor")")
        }
        self.names = names
    }

    /// Draws this replication's parameters from `stream` and returns the rates they give.
    func rates(_ plan: SimulationPlan, stream: RandomStream) throws -> ReplicationRates {
        let H = plan.months, G = plan.groupCount, shape = plan.shape
        var rates = ReplicationRates(plan)
        var values = [Double]()
        /// The log multiplier of a rate in each month from its trend (against `baseTrend`), level and shocks.
        func path(_ r: Rates, baseTrend: Double) -> [Double] {
            var logMultiplier = [Double](repeating: 0, count: H)
            if r.trend.isUncertain || r.trend.mean != baseTrend {
                let drawn = r.trend.isUncertain
                    ? max(-0.99, r.trend.mean + stream.gaussian(sd: r.trend.sd))
                    : r.trend.mean
                if r.trend.isUncertain { values.append(drawn) }
                let perYear = log1p(drawn) - log1p(baseTrend)
                for t in 0..<H { logMultiplier[t] += perYear * Double(t) / 12 }
            }
            if r.levelSD > 0 {
                let level = stream.gaussian(sd: r.levelSD) - r.levelSD * r.levelSD / 2
                values.append(exp(level))
                for t in 0..<H { logMultiplier[t] += level }
            }
            if r.shockSD > 0 {
                var walk = 0.0
                for t in 1..<max(1, H) {
                    walk += stream.gaussian(sd: r.shockSD)
                    logMultiplier[t] += walk - Double(t) * r.shockSD * r.shockSD / 2
                }
                values.append(exp(walk - Double(max(0, H - 1)) * r.shockSD * r.shockSD / 2))
            }
            return logMultiplier
        }
        func lognormal(_ e: Estimate) -> Double {
            let s2 = log1p(e.sd * e.sd / (e.mean * e.mean))
            return exp(log(e.mean) - s2 / 2 + stream.gaussian(sd: s2.squareRoot()))
        }

        let driverPaths = drivers.map { path($0, baseTrend: 0) }
        var groupLog = [[Double]]()
        var stayFactors = [Double]()
        for g in 0..<G {
            var logMultiplier = path(groups[g], baseTrend: groups[g].trend.mean)
            if let d = groupDriver[g] { for t in 0..<H { logMultiplier[t] += driverPaths[d][t] } }
            groupLog.append(logMultiplier)
            let factor = stayFactor[g].isUncertain ? lognormal(stayFactor[g]) : stayFactor[g].mean
            if stayFactor[g].isUncertain { values.append(factor) }
            stayFactors.append(factor)
        }
        let drawn: [Double] = policies.map { policy in
            guard policy.value.isUncertain else { return policy.value.mean }
            let value: Double
            if policy.lever == .recall {
                let m = policy.value.mean, k = m * (1 - m) / (policy.value.sd * policy.value.sd) - 1
                value = stream.beta(a: m * k, b: (1 - m) * k)
            } else {
                value = lognormal(policy.value)
            }
            values.append(value)
            return value
        }

        // Receptions: the plan's means (central trend and factors) × the drawn multipliers.
        for g in 0..<G {
            var ratio = [Double](repeating: 1, count: H)
            for (k, policy) in policies.enumerated()
            where policy.lever == .receptions && policy.touches[g] && policy.value.isUncertain && policy.month < H {
                for t in max(0, policy.month)..<H { ratio[t] *= drawn[k] / policy.value.mean }
            }
            for t in 0..<H {
                let i = shape.flow(g, t)
                rates.receptionMean[i] *= exp(groupLog[g][t]) * ratio[t]
                // The loader bounds the central rates; a wide uncertainty could draw far past them.
                guard rates.receptionMean[i] <= Double(ScenarioLimits.places) else {
                    throw PlanError(description: "group \(plan.scenario.groups[g].id) "
                        + "drew \(Int(rates.receptionMean[i])) "
                        + "receptions a month in month \(t) (the limit is \(ScenarioLimits.places)): "
                        + "its uncertainty is too wide")
                }
            }
        }

        // Stays: new tables where a group's stay factor or a stay policy touching it was drawn.
        var built = [Double: Int32]()
        for g in 0..<G {
            let uncertainPolicy = policies.contains { $0.lever == .stay && $0.touches[g] && $0.value.isUncertain }
            guard stayFactor[g].isUncertain || uncertainPolicy else { continue }
            built.removeAll()
            for t in 0..<H {
                var factor = stayFactors[g]
                for (k, policy) in policies.enumerated()
                where policy.lever == .stay && policy.touches[g] && policy.month <= t {
                    factor *= drawn[k]
                }
                if let index = built[factor] { rates.stayTable[shape.flow(g, t)] = index; continue }
                let weights = try SimulationPlan.weights(stays[g], factor: factor, kind: .stay, months: H,
                                                         fullStays: fullStays)
                rates.tables.append(try DiscreteTable(weights: weights))
                rates.tallies.append(plan.keepsPerPersonRecords ? nil : try DiscreteTally(weights: weights))
                let index = Int32(rates.tables.count - 1)
                built[factor] = index
                rates.stayTable[shape.flow(g, t)] = index
            }
        }

        // Stay policies on the stock, and recall probabilities.
        for t in 0..<H {
            for (k, stock) in plan.stockPolicies[t].enumerated() { rates.stockFactors[t][k] = drawn[stock.policy] }
        }
        if policies.contains(where: { $0.lever == .recall && $0.value.isUncertain }) {
            var probability = (0..<(G * H)).map { plan.recallRule[$0]?.probability ?? 0 }
            for g in 0..<G {
                for t in 0..<H {
                    let source = plan.recallSource[shape.flow(g, t)]
                    if source >= 0 { probability[shape.flow(g, t)] = drawn[Int(source)] }
                }
            }
            rates.recallProbability = probability
        }
        rates.parameters = values
        return rates
    }
}
