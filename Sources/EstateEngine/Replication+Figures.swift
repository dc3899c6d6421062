import EstateResults

/// The end-of-month figures of a replication.
extension Replication {
    /// Records the month's national series and per-establishment figures.
    func record() {
        let t = month, E = shape.establishments
        var heldTotal: Int32 = 0, crowded: Int32 = 0, over: Int32 = 0
        let factor = plan.scenario.crowdingFactor
        for e in 0..<E {
            let pop = held[e]
            let cna = capacity.inUseCNA[shape.schedule(t, e)]
            let c = Crowding.crowded(population: pop, inUseCNA: cna, factor: factor)
            heldTotal += pop
            crowded += c
            if pop > cna { over += 1 }
            establishmentPopulation[shape.schedule(t, e)] = pop
            establishmentCrowded[shape.schedule(t, e)] = c
            series[function: Int(plan.functionIndex[shape.schedule(t, e)]), month: t] += pop
        }
        series[.held, month: t] = heldTotal
        series[.unaccommodated, month: t] = held[pool]
        series[.population, month: t] = heldTotal + held[pool]
        series[.crowded, month: t] = crowded
        series[.establishmentsOverCNA, month: t] = over
        if let drift = capacity.operationalDrift {
            series[.operationalCapacityDrift, month: t] = drift.national[t]
            series[.maleOperationalCapacityDrift, month: t] = drift.male[t]
            series[.femaleOperationalCapacityDrift, month: t] = drift.female[t]
        }
        for g in 0..<shape.groups {
            var n: Int32 = 0
            for e in 0...E { n += population[shape.stock(e, g)] }
            series[group: g, month: t] = n
        }
    }
}
