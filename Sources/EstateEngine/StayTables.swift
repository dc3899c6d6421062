import EstateModel
import EstateRandom

/// The alias tables of a plan, each built once (DESIGN.md §2: a stay, a recall or progression
/// delay, the stationary residual of a stay, or the length-biased stay of someone found in custody).
/// A builder of `SimulationPlan`: flows and the initial state ask it for tables by distribution.
struct StayTables {
    /// The tables, in the order first asked for.
    private(set) var tables: [DiscreteTable] = []
    /// The weights of each stay table, by position, for the tallies.
    private var stayWeights: [Int: [Double]] = [:]
    private var index: [Key: Int32] = [:]
    /// Months of the run (H): the tables fold every delay past it into one cell.
    let months: Int
    /// Whether stays are kept whole (a stay policy reaching the stock needs them).
    let fullStays: Bool

    private struct Key: Hashable {
        var stay: StayDistribution
        var factor: Double
        var kind: TableKind
    }

    /// The tables of a run of `months` months; `fullStays` keeps stay tables whole.
    init(months: Int, fullStays: Bool) {
        self.months = months
        self.fullStays = fullStays
    }

    /// The position of the table of `kind` for `stay` × `factor`, built on first use.
    /// - Throws: `RandomError` if GSL cannot build it.
    mutating func table(_ stay: StayDistribution, factor: Double = 1, kind: TableKind = .delay) throws -> Int32 {
        let key = Key(stay: stay, factor: factor, kind: kind)
        if let i = index[key] { return i }
        let weights = try SimulationPlan.weights(stay, factor: factor, kind: kind, months: months, fullStays: fullStays)
        tables.append(try DiscreteTable(weights: weights))
        if kind == .stay { stayWeights[tables.count - 1] = weights }
        index[key] = Int32(tables.count - 1)
        return Int32(tables.count - 1)
    }

    /// For each table, the same distribution drawn as counts (`DiscreteTally`) where it is a stay
    /// and the plan keeps release counts; nil elsewhere.
    func tallies(keepsPerPersonRecords: Bool) throws -> [DiscreteTally?] {
        var tallies = [DiscreteTally?](repeating: nil, count: tables.count)
        if !keepsPerPersonRecords {
            for (i, weights) in stayWeights { tallies[i] = try DiscreteTally(weights: weights) }
        }
        return tallies
    }
}

/// What a table holds: a delay (recall, progression), a stay, the stationary residual of a stay,
/// or the length-biased stay of someone found in custody.
enum TableKind: Hashable { case delay, stay, residual, lengthBiased }

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
