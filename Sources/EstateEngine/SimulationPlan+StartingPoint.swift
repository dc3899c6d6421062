import EstateModel
import EstateResults

extension SimulationPlan {
    /// The scenario as results describe it, with the names of the parameters its replications draw.
    public var info: ScenarioInfo { ScenarioInfo(scenario, parameterNames: parameterModel?.names ?? []) }

    /// The people in custody at the start: the groups' `initial` stocks, or their steady states.
    public var startingStock: Double { initialStock.reduce(0, +) }

    /// What is odd about the scenario's starting point, though not wrong: a start whose stock
    /// differs from the estate file's population total by more than 2 %, or is above useable
    /// operational capacity in the first month. Each message names both totals.
    public var startingPointWarnings: [String] {
        var warnings = [String]()
        let stock = startingStock
        let populations = scenario.estate.establishments.compactMap(\.population)
        if !populations.isEmpty, populations.count == scenario.estate.establishments.count {
            let estate = Double(populations.reduce(0, +))
            if estate > 0, abs(stock - estate) / estate > 0.02 {
                warnings.append("the groups' stock at the start (\(Self.places(stock))) differs from the estate file's "
                    + "population total (\(Self.places(estate))) by \(Self.percent((stock - estate) / estate)); "
                    + "set the groups' `initial` stocks or their receptions to match")
            }
        }
        if months > 0 {
            let useable = Double(capacity.useableOperationalCapacity(month: 0))
            if stock > useable {
                warnings.append("the groups' stock at the start (\(Self.places(stock))) is above useable operational "
                    + "capacity in \(scenario.start) (\(Self.places(useable)))")
            }
        }
        return warnings
    }

    private static func places(_ x: Double) -> String {
        let n = Int(x.rounded())
        var digits = String(abs(n)), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (n < 0 ? "-" : "") + digits + grouped
    }

    private static func percent(_ x: Double) -> String {
        (x >= 0 ? "+" : "") + String(Double(Int((x * 1000).rounded())) / 10) + " %"
    }
}
