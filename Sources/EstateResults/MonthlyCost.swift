public import EstateModel

/// What a month of the estate costs, in pounds (docs/outputs.md, the `cost_*` columns): the
/// places in use, the people held, and the one-off costs of the capacity events of the month.
///
/// Small functions of the capacity, the rates and one replication's values, so the same sums
/// serve the monthly figures (from a `ReplicationSeries`) and `compare` (from the stored
/// `replication_monthly`): a replication's cost is derived, never stored.
public enum MonthlyCost {
    /// Σ over establishments of its places (baseline CNA, or what `rates.placeCount` says) × the
    /// place rate of its function (as of the month) / 12. A closing establishment costs its
    /// places until its run-down ends.
    ///
    /// - Complexity: O(1) with national rates only, else O(establishments).
    public static func places(_ capacity: CapacitySchedule, _ rates: CostRates, month t: Int) -> Double {
        let measure: CapacitySchedule.Measure = switch rates.placeCount {
        case .baselineCNA: .baselineCNA
        case .inUseCNA: .inUseCNA
        case .operationalCapacity: .operationalCapacity
        }
        // One rate for every function: the national total (kept by the schedule), so that a
        // figure asked of every replication and month costs nothing per establishment.
        if rates.functions.isEmpty { return Double(capacity.total(measure, month: t)) * rates.national.place / 12 }
        let E = capacity.establishmentCount, cells = capacity.cells
        let places = switch measure {
        case .baselineCNA: capacity.baselineCNA
        case .inUseCNA: capacity.inUseCNA
        case .operationalCapacity: capacity.operationalCapacity
        }
        var yearly = 0.0
        for e in 0..<E {
            let i = cells.index(month: t, establishment: e)
            guard capacity.exists[i] else { continue }
            yearly += Double(places[i]) * rates.rates(capacity.function[i]).place
        }
        return yearly / 12
    }

    /// Σ over functions of the people held in establishments of that function × its prisoner
    /// rate, plus the unaccommodated at the national rate, / 12. `held(f)` is the population of
    /// `functions[f]` (the order of `CapacitySchedule.functions`).
    public static func prisoners(_ rates: CostRates, functions: [EstablishmentFunction], held: (Int) -> Double,
                                 unaccommodated: Double) -> Double {
        var yearly = unaccommodated * rates.national.prisoner
        let national = rates.functions.isEmpty
        for (f, function) in functions.enumerated() {
            yearly += held(f) * (national ? rates.national.prisoner : rates.rates(function).prisoner)
        }
        return yearly / 12
    }

    /// The prisoner cost of replication `series` in month t.
    public static func prisoners(_ results: BatchResults, _ series: ReplicationSeries, month t: Int) -> Double? {
        guard let rates = results.scenario.costs else { return nil }
        return prisoners(rates, functions: results.capacity.functions, held: { Double(series[function: $0, month: t]) },
                         unaccommodated: Double(series[.unaccommodated, month: t]))
    }

    /// The month's total: the running cost `running` counts (places, prisoners or both) and the
    /// one-off costs.
    public static func total(_ running: CostRates.Running, places: Double, prisoners: Double,
                             events: Double) -> Double {
        (running.countsPlaces ? places : 0) + (running.countsPrisoners ? prisoners : 0) + events
    }

    /// The one-off costs of the capacity events in month t (negative: receipts).
    public static func events(_ scenario: ScenarioInfo, month t: Int) -> Double {
        let month = scenario.month(at: t)
        var sum = 0.0
        for event in scenario.events where event.month == month { sum += event.cost ?? 0 }
        return sum
    }
}

extension Figure {
    /// The monthly costs: places (the same in every replication, whole pounds), prisoners (per
    /// replication, from its populations), one-off event costs (whole pounds) and the total (the
    /// running cost the rates count, and the one-off costs).
    /// The per-replication ones are derived from stored figures and the rates, not stored again.
    static func costFigures() -> [Figure] {
        let spread = Summary.distribution(extraQuantiles: [])
        // Their statistics over replications are kept to the nearest £1,000 (a quantile within
        // £500 of the exact one), so a month's histogram has a bin per £1,000 of its spread.
        let pounds: @Sendable (CapacitySchedule, Int) -> Double = { _, _ in 1000 }
        @Sendable func places(_ r: BatchResults, _ t: Int) -> Double? {
            r.scenario.costs.map { MonthlyCost.places(r.capacity, $0, month: t).rounded() }
        }
        @Sendable func events(_ r: BatchResults, _ t: Int) -> Double? {
            r.scenario.costs.map { _ in MonthlyCost.events(r.scenario, month: t).rounded() }
        }
        return [
            Figure("cost_places", .capacity) { r, _, t in places(r, t) },
            .replication("cost_prisoners", spread, isIntegral: false, isDerived: true, resolution: pounds) { r, s, t in
                MonthlyCost.prisoners(r, s, month: t)
            },
            Figure("cost_events", .capacity) { r, _, t in events(r, t) },
            .replication("cost_total", spread, isIntegral: false, isDerived: true, resolution: pounds) { r, s, t in
                guard let running = r.scenario.costs?.running, let p = places(r, t), let e = events(r, t),
                      let q = MonthlyCost.prisoners(r, s, month: t) else { return nil }
                return MonthlyCost.total(running, places: p, prisoners: q, events: e)
            },
        ]
    }
}
