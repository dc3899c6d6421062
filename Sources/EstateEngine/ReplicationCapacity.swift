import EstateModel
import EstateRandom

/// The capacities one replication runs against, `[t * E + e]`: the plan's, or, when the scenario
/// has a `[drift]`, the plan's moved by the estate's own drift drawn for the replication
/// (`CapacityDrift`: one path per establishment function, for in-use CNA and for operational
/// capacity, from the replication's "drift" stream, so other draws are not shifted).
struct ReplicationCapacity {
    /// In-use CNA, against which the crowded are counted.
    let inUseCNA: [Int32]
    /// Operational capacity, which receptions and transfers respect.
    let operationalCapacity: [Int32]
    /// The places the target-fill rule keeps filled (the plan's targets, moved with operational capacity).
    let fillTarget: [Int32]
    /// Operational capacity drawn less planned, per month, of establishments that exist: the whole
    /// estate, then the male and female estates (a `both` establishment counts in each), as
    /// `CapacitySchedule` totals them.
    let operationalDrift: (national: [Int32], male: [Int32], female: [Int32])?

    /// The plan's capacities, unmoved.
    init(planned plan: SimulationPlan) {
        inUseCNA = plan.inUseCNA
        operationalCapacity = plan.operationalCapacity
        fillTarget = plan.fillTarget
        operationalDrift = nil
    }

    /// The plan's capacities moved by `drift`, drawn from `stream`.
    init(plan: SimulationPlan, drift: CapacityDrift, stream: RandomStream) {
        let E = plan.establishmentCount, H = plan.months, F = plan.capacity.functions.count, shape = plan.shape
        let keep = 1 - drift.reversion
        var inUseShare = [Double](repeating: 0, count: F), operationalShare = inUseShare
        var inUse = plan.inUseCNA, operational = plan.operationalCapacity, fill = plan.fillTarget
        var national = [Int32](repeating: 0, count: H), male = national, female = national
        func moved(_ planned: Int32, by share: Double) -> Int32 {
            Int32(max(0, (Double(planned) * (1 + share)).rounded()))
        }
        for t in 0..<H {
            if t > 0 {
                for f in 0..<F {
                    inUseShare[f] = keep * inUseShare[f] + stream.gaussian(sd: drift.inUseCNA)
                    operationalShare[f] = keep * operationalShare[f] + stream.gaussian(sd: drift.operationalCapacity)
                }
            }
            for e in 0..<E {
                let i = shape.schedule(t, e)
                let f = Int(plan.functionIndex[i])
                inUse[i] = moved(plan.inUseCNA[i], by: inUseShare[f])
                operational[i] = moved(plan.operationalCapacity[i], by: operationalShare[f])
                if plan.fillTarget[i] > 0 { fill[i] = moved(plan.fillTarget[i], by: operationalShare[f]) }
                guard plan.exists[i] else { continue }
                let change = operational[i] - plan.operationalCapacity[i]
                national[t] += change
                if plan.sex[i] != .female { male[t] += change }
                if plan.sex[i] != .male { female[t] += change }
            }
        }
        inUseCNA = inUse
        operationalCapacity = operational
        fillTarget = fill
        operationalDrift = (national, male, female)
    }
}
