/// Which way a figure gets worse: more people, more crowding and a higher chance of running out
/// are worse; less headroom is worse.
public enum WorseDirection: String, Sendable, Hashable {
    /// A higher value is worse (population, crowded, P(over useable capacity)).
    case higher
    /// A lower value is worse (headroom).
    case lower

    /// Whether `b` is worse than `a`.
    @inlinable public func isWorse(_ b: Double, than a: Double) -> Bool {
        switch self {
        case .higher: b > a
        case .lower: b < a
        }
    }
}

/// The difference B − A of one figure in one month between two plans, over their replications:
/// its mean, the 95 % interval of that mean, and the share of replications in which B is worse.
public struct PlanDifference: Sendable, Hashable {
    /// Mean of B − A.
    public var mean: Double
    /// The 95 % interval of the mean difference (Student's t).
    public var low95: Double
    /// The upper end of that interval.
    public var high95: Double
    /// Paired: the share of replications r in which B's value is worse than A's. Independent: the
    /// chance that a replication of B is worse than one of A drawn independently (every pair
    /// counted, as in the Mann–Whitney statistic).
    public var shareWorse: Double
    /// Pairs (paired) or the smaller sample (independent).
    public var count: Int

    /// The width of the 95 % interval.
    public var width: Double { high95 - low95 }

    /// Paired differences d_r = b_r − a_r of replications run with common random numbers (the
    /// same seed and replication index r): mean(d) ± t(0.975, n − 1) · sd(d)/√n. Pairs where
    /// either value is missing (NaN) are dropped.
    public static func paired(a: [Double], b: [Double], worse: WorseDirection) -> PlanDifference {
        precondition(a.count == b.count, "paired samples must have the same length")
        var d = [Double](), worseCount = 0
        d.reserveCapacity(a.count)
        for (x, y) in zip(a, b) where !x.isNaN && !y.isNaN {
            d.append(y - x)
            if worse.isWorse(y, than: x) { worseCount += 1 }
        }
        let n = d.count
        guard n > 0 else { return PlanDifference(mean: .nan, low95: .nan, high95: .nan, shareWorse: .nan, count: 0) }
        let (mean, variance) = meanAndVariance(d)
        let half = n > 1
            ? StudentT.quantile975(degreesOfFreedom: Double(n - 1)) * (variance / Double(n)).squareRoot() : .nan
        return PlanDifference(mean: mean, low95: mean - half, high95: mean + half,
                              shareWorse: Double(worseCount) / Double(n), count: n)
    }

    /// Independent samples (no common random numbers): mean(b) − mean(a) with Welch's interval,
    /// t(0.975, ν) · √(s²a/na + s²b/nb), ν by Welch–Satterthwaite.
    ///
    /// - Complexity: O(n log n), for the share of worse pairs.
    public static func independent(a: [Double], b: [Double], worse: WorseDirection) -> PlanDifference {
        let a = a.filter { !$0.isNaN }, b = b.filter { !$0.isNaN }
        guard !a.isEmpty, !b.isEmpty else {
            return PlanDifference(mean: .nan, low95: .nan, high95: .nan, shareWorse: .nan, count: 0)
        }
        let (ma, va) = meanAndVariance(a), (mb, vb) = meanAndVariance(b)
        let na = Double(a.count), nb = Double(b.count)
        let se2 = va / na + vb / nb
        var half = Double.nan
        if a.count > 1, b.count > 1 {
            if se2 == 0 {
                half = 0
            } else {
                let nu = se2 * se2 / ((va / na) * (va / na) / (na - 1) + (vb / nb) * (vb / nb) / (nb - 1))
                half = StudentT.quantile975(degreesOfFreedom: nu) * se2.squareRoot()
            }
        }
        // Pairs (i, j) with b_j worse than a_i, by a merge over the sorted samples.
        let sa = a.sorted(), sb = b.sorted()
        var worsePairs = 0, i = 0
        switch worse {
        case .higher:
            for y in sb {  // a-values strictly below y
                while i < sa.count, sa[i] < y { i += 1 }
                worsePairs += i
            }
        case .lower:
            i = sa.count
            for y in sb.reversed() {  // a-values strictly above y
                while i > 0, sa[i - 1] > y { i -= 1 }
                worsePairs += sa.count - i
            }
        }
        let mean = mb - ma
        return PlanDifference(mean: mean, low95: mean - half, high95: mean + half,
                              shareWorse: Double(worsePairs) / (na * nb), count: min(a.count, b.count))
    }
}

/// Mean and sample variance (n − 1; 0 for one value), summed in the order given.
func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
    var sum = 0.0
    for v in values { sum += v }
    let mean = sum / Double(values.count)
    var squares = 0.0
    for v in values { squares += (v - mean) * (v - mean) }
    return (mean, values.count > 1 ? squares / Double(values.count - 1) : 0)
}

/// Student's t distribution, as far as the 95 % intervals need it.
public enum StudentT {
    /// The 0.975 quantile of t with ν degrees of freedom (ν may be fractional, as Welch's is):
    /// exact for ν = 1 and 2, otherwise the Cornish–Fisher expansion about the normal quantile
    /// (Abramowitz & Stegun 26.7.5), within 0.5 % of the exact value for ν ≥ 3 (the tests check 3 to 1000).
    public static func quantile975(degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "degrees of freedom must be positive")
        let z = 1.959963984540054
        let at1 = 12.706204736174698, at2 = 4.302652729749464
        if nu <= 1 { return at1 }
        // Between 1 and 3 only a Welch ν can fall: interpolate in 1/ν between exact values (and
        // the expansion at 3), which errs on the wide side.
        if nu <= 2 { return at2 + (at1 - at2) * (1 / nu - 0.5) / 0.5 }
        if nu < 3 {
            let at3 = expansion(z, 3)
            return at3 + (at2 - at3) * (1 / nu - 1.0 / 3) / (0.5 - 1.0 / 3)
        }
        return expansion(z, nu)
    }

    private static func expansion(_ z: Double, _ nu: Double) -> Double {
        let z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2
        let g1 = (z3 + z) / 4
        let g2 = (5 * z5 + 16 * z3 + 3 * z) / 96
        let g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384
        let g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160
        return z + g1 / nu + g2 / (nu * nu) + g3 / (nu * nu * nu) + g4 / (nu * nu * nu * nu)
    }
}
