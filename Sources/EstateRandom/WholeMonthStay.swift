/// The whole-month release delay `D = floor(U + f·S)` of DESIGN.md §2 as a table, `U ~ Uniform(0,1)`
/// the arrival time within the month, `f` a stay policy's factor.
///
/// `probabilities[d] = P(D = d)` for `d < horizon`, and `probabilities[horizon] = P(D >= horizon)`,
/// so the table sums to 1 and no mass is lost, whatever the horizon.
///
/// Computed exactly from GSL's CDFs, not by simulation: `P(D >= k) = ∫_{k−1}^{k} SF(s) ds =
/// H(k−1) − H(k)` with `H(x) = E[(f·S − x)⁺]`, the expected stay left beyond `x`, in closed form
/// for each distribution (`StayDistribution+ExpectedExcess.swift`). Because the table's cells
/// are differences of one sequence `H(0), H(1), …`, they telescope: the survival sums to
/// `H(0) = f·E[S]` exactly, up to the tail beyond the horizon.
///
/// For `empirical` profiles the scaled delay is `floor(V + f·D)`, `V ~ U(0,1)`, which splits each
/// month's mass exactly: `floor(V + x)` is `floor(x)` w.p. `1 − frac(x)`, `floor(x) + 1` w.p.
/// `frac(x)`. With `f = 1` the profile comes back unchanged.
public struct WholeMonthStay: Sendable {
    /// Cells `0..<horizon` are exact `P(D = d)`; the smallest `k` with `P(D >= k) <= tailTolerance`,
    /// capped at `maximumHorizon`.
    public let horizon: Int
    /// `P(D = d)` for `d < horizon`, then `P(D >= horizon)`; `horizon + 1` cells summing to 1.
    public let probabilities: [Double]
    /// `E[(D − horizon)⁺]`, the expected months beyond the horizon (0 for short profiles), kept so
    /// the residual distribution is exact.
    let excessBeyondHorizon: Double

    /// Tabulates the delay of `stay` scaled by `factor`.
    /// - Parameters:
    ///   - stay: the stay distribution (validated here).
    ///   - factor: a stay policy's multiplier `f > 0`; the mean scales by `f`.
    ///   - tailTolerance: stop at the first `k` with `P(D >= k) <= tailTolerance` (in `[0, 1)`).
    ///   - maximumHorizon: the longest table, in months (`>= 1`); the mass beyond is kept in the
    ///     last cell.
    /// - Throws: `RandomError` for an invalid distribution or argument.
    /// - Complexity: O(horizon) evaluations of GSL CDFs (O(profile length) for `empirical`).
    public init(_ stay: StayDistribution, factor: Double = 1, tailTolerance: Double = 1e-12,
                maximumHorizon: Int = 6000) throws {
        let stay = try stay.validated()
        try requirePositive(factor, "factor", parameter: "factor")
        guard tailTolerance.isFinite, tailTolerance >= 0, tailTolerance < 1 else {
            throw RandomError("tailTolerance must be in [0, 1), got \(tailTolerance)")
        }
        guard maximumHorizon >= 1 else {
            throw RandomError("maximumHorizon must be >= 1, got \(maximumHorizon)")
        }
        // survival[k] = P(D >= k), k = 0...horizon; excess = E[(D − horizon)⁺].
        let (survival, excess): ([Double], Double)
        if case let .empirical(profile) = stay {
            (survival, excess) = WholeMonthStay.empiricalSurvival(profile, factor: factor)
        } else {
            (survival, excess) = WholeMonthStay.continuousSurvival(stay, factor: factor,
                                                                   tailTolerance: tailTolerance,
                                                                   maximumHorizon: maximumHorizon)
        }
        var horizon = survival.count - 1
        if let first = survival.indices.first(where: { survival[$0] <= tailTolerance }) {
            horizon = min(horizon, first)
        }
        horizon = min(horizon, maximumHorizon)
        var cells = [Double](repeating: 0, count: horizon + 1)
        for d in 0..<horizon {
            cells[d] = max(0, survival[d] - survival[d + 1])
        }
        cells[horizon] = survival[horizon]
        var beyond = excess
        for k in stride(from: survival.count - 1, to: horizon, by: -1) {
            beyond += survival[k]
        }
        self.horizon = horizon
        self.probabilities = cells
        self.excessBeyondHorizon = beyond
    }

    /// `E[D]` from the table, counting the last cell at `horizon`: equals `f·E[S]` up to the
    /// truncated tail `E[(D − horizon)⁺] <= tailTolerance`-ish.
    /// - Complexity: O(horizon).
    public var mean: Double {
        var sum = 0.0
        for (d, p) in probabilities.enumerated() { sum += Double(d) * p }
        return sum
    }

    /// The stationary residual `R` of DESIGN.md §2: `P(R = k) = P(D >= k) / E[D]`, k = 1...horizon.
    ///
    /// Element `i` is `P(R = i + 1)`; the last element (index `horizon`) is `P(R > horizon)`, so
    /// the array has `horizon + 1` cells and sums to 1. `E[D]` here includes the tail beyond the
    /// horizon, so the cells are exact.
    ///
    /// If `E[D] = 0` (every stay ends within its month, e.g. `.fixed(months: 0)`), the stationary
    /// stock is empty and `R` is undefined; this returns all mass at `R = 1` (release in month 0),
    /// so a table built from it still works for the zero people it would be used on.
    /// - Complexity: O(horizon).
    public func residualProbabilities() -> [Double] {
        var survival = [Double](repeating: 0, count: horizon)  // P(D >= k + 1), k = 0..<horizon
        var tail = 0.0
        for d in stride(from: horizon, through: 1, by: -1) {
            tail += probabilities[d]
            survival[d - 1] = tail
        }
        let total = survival.reduce(0, +) + excessBeyondHorizon
        var residual = [Double](repeating: 0, count: horizon + 1)
        guard total > 0 else {
            residual[0] = 1
            return residual
        }
        for k in 0..<horizon {
            residual[k] = survival[k] / total
        }
        residual[horizon] = excessBeyondHorizon / total
        return residual
    }
}
