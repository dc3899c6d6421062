extension WholeMonthStay {
    /// `P(D >= k)` for k = 0, 1, … until it falls to `tailTolerance` or `maximumHorizon` is
    /// reached, and `E[(D − last k)⁺]`, for a parametric stay scaled by `factor`.
    ///
    /// `P(D >= k) = H(k−1) − H(k)` with `H(x) = E[(f·S − x)⁺] = f·E[(S − x/f)⁺]`. Each `H` is
    /// computed from upper-tail functions, so it keeps its relative precision deep in the tail,
    /// where the cells are tiny.
    /// - Complexity: O(horizon) partial-expectation evaluations.
    static func continuousSurvival(_ stay: StayDistribution, factor: Double, tailTolerance: Double,
                                   maximumHorizon: Int) -> (survival: [Double], excess: Double) {
        var survival: [Double] = [1]
        var previous = factor * stay.mean  // H(0)
        var k = 0
        while k < maximumHorizon {
            k += 1
            let current = factor * stay.expectedExcess(over: Double(k) / factor)
            let atLeastK = min(1, max(0, previous - current))
            survival.append(atLeastK)
            previous = current
            if atLeastK <= tailTolerance { break }
        }
        return (survival, previous)
    }

    /// `P(D >= k)` for k = 0...(last month with mass + 1) of the delay `floor(V + f·D)`, V ~ U(0,1),
    /// for a whole-month profile `P(D = d)`; the excess beyond is 0. The profile is normalised
    /// (it sums to 1 within 1e-9 already), so the table sums to 1.
    /// - Complexity: O(profile length · max(1, f)).
    static func empiricalSurvival(_ profile: [Double], factor: Double) -> (survival: [Double], excess: Double) {
        let total = profile.reduce(0, +)
        let longest = Int((factor * Double(profile.count - 1)).rounded(.down)) + 2
        var mass = [Double](repeating: 0, count: longest)
        for (d, p) in profile.enumerated() where p > 0 {
            let x = factor * Double(d)
            let whole = x.rounded(.down)
            let fraction = x - whole
            let cell = Int(whole)
            mass[cell] += p / total * (1 - fraction)
            mass[cell + 1] += p / total * fraction
        }
        var survival = [Double](repeating: 0, count: longest + 1)
        for k in stride(from: longest - 1, through: 0, by: -1) {
            survival[k] = survival[k + 1] + mass[k]
        }
        survival[0] = 1
        return (survival, 0)
    }
}
