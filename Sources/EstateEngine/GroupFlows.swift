import EstateModel
import EstateRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every group's flows month by month (DESIGN.md §2–3): mean receptions with trend, seasonality
/// and reception policies; the stay table with stay factors and policies; the recall rule in
/// force; and the stay policies that reach the stock. A builder of `SimulationPlan`.
///
/// Arrays are indexed `[g * H + t]` (`StateShape.flow`).
struct GroupFlows {
    let receptionMean: [Double]
    let stayTable: [Int32]
    let recallRule: [SimulationPlan.RecallRule?]
    /// The position among the scenario's policies of the recall policy that set `recallRule`
    /// (−1 for a group's own rule or none).
    let recallSource: [Int32]
    /// Stay policies that reach the people already in custody, `[t]`.
    let stockPolicies: [[SimulationPlan.StockPolicy]]

    /// The flows of `scenario`'s groups, laid out by `shape`; tables come from (and are added to) `tables`.
    /// - Throws: `PlanError` for a recall into an unknown group; `RandomError` for a table GSL
    ///   cannot build.
    /// - Complexity: O(G × H × policies).
    init(_ scenario: Scenario, shape: StateShape, groupIndex: [String: Int], tables: inout StayTables) throws {
        let H = scenario.months, G = scenario.groups.count
        func index(ofGroup id: String) throws -> Int {
            guard let g = groupIndex[id] else { throw PlanError(description: "no group has the id \(id)") }
            return g
        }
        var receptionMean = [Double](repeating: 0, count: G * H)
        var stayTable = [Int32](repeating: 0, count: G * H)
        var recallRule = [SimulationPlan.RecallRule?](repeating: nil, count: G * H)
        var recallSource = [Int32](repeating: -1, count: G * H)
        for (g, group) in scenario.groups.enumerated() {
            var receptionFactor = 1.0, stayFactor = group.stayFactor.mean
            var recall: SimulationPlan.RecallRule? = try group.recall.map {
                .init(probability: $0.probability, to: try index(ofGroup: $0.to),
                      delayTable: try tables.table($0.after))
            }
            var source: Int32 = -1
            for t in 0..<H {
                let month = scenario.month(at: t)
                for (k, policy) in scenario.policies.enumerated()
                where policy.month == month && policy.touches(group.id) {
                    switch policy.lever {
                    case let .receptions(f): receptionFactor *= f
                    case let .stay(f, _): stayFactor *= f
                    case let .recall(r):
                        recall = .init(probability: r.probability, to: try index(ofGroup: r.to),
                                       delayTable: try tables.table(r.after))
                        source = Int32(k)
                    }
                }
                let spec = group.receptions
                let trend = pow1p(spec.annualTrend, Double(t) / 12)
                let i = shape.flow(g, t)
                receptionMean[i] = spec.mean * trend * spec.seasonality[month.month - 1] * receptionFactor
                stayTable[i] = try tables.table(group.stay, factor: stayFactor, kind: .stay)
                recallRule[i] = recall
                recallSource[i] = source
            }
        }
        var stockPolicies = Array(repeating: [SimulationPlan.StockPolicy](), count: H)
        for (k, policy) in scenario.policies.enumerated() {
            guard case let .stay(f, appliesToStock) = policy.lever, appliesToStock else { continue }
            let t = policy.month - scenario.start
            guard t >= 0, t < H else { continue }
            stockPolicies[t].append(.init(factor: f, groups: scenario.groups.map { policy.touches($0.id) }, policy: k))
        }
        self.receptionMean = receptionMean
        self.stayTable = stayTable
        self.recallRule = recallRule
        self.recallSource = recallSource
        self.stockPolicies = stockPolicies
    }
}

/// (1 + r)^x, written so that r = 0 is exact.
private func pow1p(_ r: Double, _ x: Double) -> Double {
    r == 0 ? 1 : exp(x * log1p(r))
}
