internal import EstateModel

extension Expectation<Double> {
    /// A running cost of one place or one prisoner.
    static let costRate = Expectation("pounds a year from 0 to \(Limits.costRate)") {
        $0 >= 0 && $0 <= Double(Limits.costRate)
    }
    /// An event's one-off cost, negative for a receipt.
    static let oneOffCost = Expectation("pounds from -\(Limits.oneOffCost) to \(Limits.oneOffCost) "
                                        + "(negative: a receipt)") {
        abs($0) <= Double(Limits.oneOffCost)
    }
}

extension ScenarioReader {
    static let costKeys = ["basis", "place", "prisoner", "place_count", "running_cost", "function"]
    static let functionCostKeys = ["place", "prisoner"]

    /// `[costs]`: `basis` (`direct`, the default, or `overall`), `place` and `prisoner` in pounds a
    /// year (default: the basis's published figures), `place_count` (`baseline_cna`, the default,
    /// `in_use_cna` or `operational_capacity`: the places paid for), `running_cost` (`places`, the default,
    /// `prisoners` or `both`: what the total counts), and `function = { cat-c = { place, prisoner } }`
    /// for the establishments of one function (a part not given is the national rate). Nil when
    /// any of it is invalid (reported).
    func readCosts(_ reader: TableReader) -> CostRates? {
        reader.rejectUnknownKeys(allowed: Self.costKeys, context: "[costs]")
        let basis = reader.choice("basis", of: CostRates.Basis.self)
        let place = reader.number("place", .costRate)
        let prisoner = reader.number("prisoner", .costRate)
        let running = reader.choice("running_cost", of: CostRates.Running.self)
        let placeCount = reader.choice("place_count", of: CostRates.PlaceCount.self)
        var valid = reader.validWhereGiven("basis", basis) && reader.validWhereGiven("place", place)
            && reader.validWhereGiven("prisoner", prisoner) && reader.validWhereGiven("running_cost", running)
            && reader.validWhereGiven("place_count", placeCount)
        let published = (basis ?? .direct).published
        let national = CostRates.Rates(place: place ?? published.place, prisoner: prisoner ?? published.prisoner)
        var functions = [EstablishmentFunction: CostRates.Rates]()
        if let table = reader.table("function", expecting: "a table of function = { place = …, prisoner = … }") {
            table.rejectUnknownKeys(allowed: EstablishmentFunction.allCases.map(\.rawValue),
                                    context: "costs.function (establishment functions)")
            for function in EstablishmentFunction.allCases where table.has(function.rawValue) {
                guard let rates = table.table(function.rawValue,
                                              expecting: "a table { place = …, prisoner = … } in pounds a year")
                else { valid = false; continue }
                rates.rejectUnknownKeys(allowed: Self.functionCostKeys, context: "costs.function.\(function.rawValue)")
                let place = rates.number("place", .costRate), prisoner = rates.number("prisoner", .costRate)
                guard rates.validWhereGiven("place", place), rates.validWhereGiven("prisoner", prisoner) else {
                    valid = false
                    continue
                }
                guard place != nil || prisoner != nil else {
                    // An unknown key is reported already: once is enough.
                    if rates.table.entries.isEmpty {
                        reader.log.report(rates.origin, "expected place, prisoner or both (pounds a year), got neither")
                    }
                    valid = false
                    continue
                }
                functions[function] = CostRates.Rates(place: place ?? national.place,
                                                      prisoner: prisoner ?? national.prisoner)
            }
        } else if reader.has("function") {
            valid = false
        }
        guard valid else { return nil }
        return CostRates(basis: basis ?? .direct, national: national, functions: functions, running: running ?? .places,
                         placeCount: placeCount ?? .baselineCNA)
    }
}
