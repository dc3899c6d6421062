// Test helpers: sample moments, a pooled chi-square test and a Kolmogorov–Smirnov test.
//
// Tolerance policy: every statistical check in this target is set so that a correct
// implementation fails it with probability about 1e-6 (z-tests at 5 standard errors: 5.7e-7
// two-sided, where the statistic is close to normal — see the stay moments test for where it is
// not; chi-square and KS at p = 1e-6): each fails a correct implementation about once in a
// million runs, and the target's ~120 checks together about once in 10,000. The seeds are fixed,
// so a given build passes every time or never.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sample mean and variance with their standard errors.
struct SampleMoments {
    let count: Int
    let mean: Double
    let variance: Double
    /// sd / √n.
    let meanStandardError: Double
    /// Estimated from the data: sd of (x − x̄)² over √n.
    let varianceStandardError: Double

    init(_ values: [Double]) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        var m2 = 0.0, m4 = 0.0
        for x in values {
            let d2 = (x - mean) * (x - mean)
            m2 += d2
            m4 += d2 * d2
        }
        let variance = m2 / (n - 1)
        self.count = values.count
        self.mean = mean
        self.variance = variance
        self.meanStandardError = (variance / n).squareRoot()
        self.varianceStandardError = (max(0, m4 / n - (m2 / n) * (m2 / n)) / n).squareRoot()
    }

    init(_ values: [Int]) {
        self.init(values.map(Double.init))
    }

    /// |x̄ − μ| within 5 standard errors (P(fail) ≈ 5.7e-7 if correct).
    func meanAgrees(with exact: Double) -> Bool {
        abs(mean - exact) <= 5 * meanStandardError
    }

    /// |s² − σ²| within 5 (estimated) standard errors.
    func varianceAgrees(with exact: Double) -> Bool {
        abs(variance - exact) <= 5 * varianceStandardError
    }
}

/// Pearson's chi-square of observed counts against exact cell probabilities.
///
/// Adjacent cells are pooled from the left until each pooled cell expects at least
/// max(20, n/100) draws (the remainder joins the last pooled cell): large enough for the
/// chi-square approximation to hold at the far tail used for the cut-off, and at most 100 cells,
/// within the tabulated quantiles. No parameters are estimated: df = cells − 1.
struct ChiSquareTest {
    let statistic: Double
    let degreesOfFreedom: Int

    init(observed: [Int], probabilities: [Double]) {
        precondition(observed.count == probabilities.count)
        let n = Double(observed.reduce(0, +))
        var pooledObserved: [Double] = [], pooledExpected: [Double] = []
        let minimumExpected = max(20, n / 100)
        var o = 0.0, e = 0.0
        for (count, p) in zip(observed, probabilities) {
            o += Double(count)
            e += p * n
            if e >= minimumExpected {
                pooledObserved.append(o)
                pooledExpected.append(e)
                o = 0
                e = 0
            }
        }
        if (o > 0 || e > 0), !pooledObserved.isEmpty {
            pooledObserved[pooledObserved.count - 1] += o
            pooledExpected[pooledExpected.count - 1] += e
        }
        var statistic = 0.0
        for (o, e) in zip(pooledObserved, pooledExpected) {
            statistic += (o - e) * (o - e) / e
        }
        self.statistic = statistic
        self.degreesOfFreedom = pooledObserved.count - 1
    }

    /// The upper 1e-6 quantile of chi-square for this df.
    var criticalValue: Double {
        precondition(degreesOfFreedom >= 1 && degreesOfFreedom <= chiSquareUpper1e6.count,
                     "no tabulated quantile for df = \(degreesOfFreedom)")
        return chiSquareUpper1e6[degreesOfFreedom - 1]
    }

    /// True unless the fit is rejected at p = 1e-6.
    var passes: Bool { statistic <= criticalValue }
}

/// `gsl_cdf_chisq_Qinv(1e-6, df)` for df = 1...150, printed with "%.4f" by this C program
/// (GSL 2.7.1):
///
///     for (int df = 1; df <= 150; df++) printf("%.4f, ", gsl_cdf_chisq_Qinv(1e-6, df));
let chiSquareUpper1e6: [Double] = [
    23.9281, 27.6310, 30.6648, 33.3768, 35.8882, 38.2583, 40.5218, 42.7009,
    44.8109, 46.8630, 48.8656, 50.8253, 52.7471, 54.6353, 56.4934, 58.3244,
    60.1306, 61.9142, 63.6771, 65.4207, 67.1465, 68.8558, 70.5496, 72.2289,
    73.8945, 75.5474, 77.1882, 78.8175, 80.4360, 82.0441, 83.6425, 85.2316,
    86.8117, 88.3833, 89.9467, 91.5024, 93.0506, 94.5915, 96.1256, 97.6530,
    99.1739, 100.6887, 102.1976, 103.7006, 105.1981, 106.6902, 108.1771, 109.6590,
    111.1359, 112.6081, 114.0757, 115.5388, 116.9975, 118.4520, 119.9024, 121.3488,
    122.7913, 124.2300, 125.6650, 127.0964, 128.5242, 129.9486, 131.3697, 132.7875,
    134.2021, 135.6135, 137.0219, 138.4274, 139.8298, 141.2295, 142.6263, 144.0204,
    145.4117, 146.8005, 148.1867, 149.5703, 150.9515, 152.3302, 153.7065, 155.0805,
    156.4522, 157.8217, 159.1889, 160.5539, 161.9168, 163.2776, 164.6364, 165.9931,
    167.3478, 168.7005, 170.0514, 171.4003, 172.7473, 174.0925, 175.4360, 176.7776,
    178.1174, 179.4556, 180.7920, 182.1268, 183.4599, 184.7914, 186.1213, 187.4496,
    188.7763, 190.1015, 191.4252, 192.7474, 194.0681, 195.3874, 196.7052, 198.0217,
    199.3367, 200.6504, 201.9627, 203.2736, 204.5833, 205.8916, 207.1986, 208.5044,
    209.8089, 211.1121, 212.4142, 213.7150, 215.0146, 216.3130, 217.6103, 218.9064,
    220.2013, 221.4952, 222.7879, 224.0795, 225.3700, 226.6594, 227.9478, 229.2351,
    230.5214, 231.8066, 233.0908, 234.3740, 235.6562, 236.9374, 238.2176, 239.4969,
    240.7751, 242.0525, 243.3289, 244.6044, 245.8789, 247.1526,
]

/// The one-sample Kolmogorov–Smirnov statistic √n·D of `samples` against `cdf`.
///
/// Cut-off: the asymptotic Kolmogorov tail P(K > x) ≈ 2·exp(−2x²) = 1e-6 gives
/// x = √(ln(2e6)/2) = 2.6935; for finite n the true tail is smaller, so this is conservative.
func kolmogorovSmirnov(_ samples: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = samples.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
    }
    return d * n.squareRoot()
}

/// The KS cut-off at p = 1e-6 (see `kolmogorovSmirnov`).
let kolmogorovCritical1e6 = (log(2e6) / 2).squareRoot()
