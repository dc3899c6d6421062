internal import CGSL

// The variates the engine draws, each a thin call into GSL. Parameters are validated by the
// caller (usually once, by a distribution value type) and only checked here in debug builds.
extension RandomStream {
    /// A uniform variate on [0, 1) (`gsl_rng_uniform`).
    /// - Complexity: O(1), one generator step.
    public func uniform() -> Double {
        gsl_rng_uniform(rng)
    }

    /// A uniform variate on (0, 1) (`gsl_rng_uniform_pos`), safe to take the logarithm of.
    /// - Complexity: O(1), usually one generator step.
    public func uniformPositive() -> Double {
        gsl_rng_uniform_pos(rng)
    }

    /// A uniform integer in `0..<n` (`gsl_rng_uniform_int`), without modulo bias.
    /// - Precondition: `1 <= n <= UInt32.max` (GSL refuses n above the generator's range, 2^32 − 1).
    /// - Complexity: O(1) expected.
    public func uniformInt(below n: Int) -> Int {
        precondition(n >= 1 && n <= Int(UInt32.max), "uniformInt(below:) needs 1 <= n <= UInt32.max, got \(n)")
        return Int(gsl_rng_uniform_int(rng, UInt(n)))
    }

    /// A Poisson variate (`gsl_ran_poisson`).
    /// - Precondition: `mean` finite and `>= 0`.
    /// - Complexity: O(1) expected for large means, O(mean) for small ones.
    public func poisson(mean: Double) -> Int {
        assert(mean.isFinite && mean >= 0, "poisson mean must be finite and >= 0, got \(mean)")
        return Int(gsl_ran_poisson(rng, mean))
    }

    /// A binomial variate (`gsl_ran_binomial`, Kachitvichyanukul & Schmeiser's BTPE).
    /// - Precondition: `0 <= n <= UInt32.max`, `0 <= p <= 1`.
    /// - Complexity: O(1) expected.
    public func binomial(trials n: Int, probability p: Double) -> Int {
        assert(n >= 0 && n <= Int(UInt32.max) && p >= 0 && p <= 1, "binomial(\(n), \(p)) out of range")
        return Int(gsl_ran_binomial(rng, p, UInt32(truncatingIfNeeded: n)))
    }

    /// A negative binomial count with the given mean and variance `mean + dispersion·mean²`
    /// (`gsl_ran_negative_binomial(p, n)` with `n = 1/dispersion`, `p = n/(n + mean)`, a
    /// gamma–Poisson mixture). `dispersion == 0` is the Poisson limit.
    /// - Precondition: both finite and `>= 0`.
    /// - Complexity: O(1) expected.
    public func negativeBinomial(mean: Double, dispersion: Double) -> Int {
        assert(mean.isFinite && mean >= 0 && dispersion.isFinite && dispersion >= 0,
               "negativeBinomial(mean: \(mean), dispersion: \(dispersion)) out of range")
        if mean == 0 { return 0 }
        if dispersion == 0 { return poisson(mean: mean) }
        let size = 1 / dispersion
        return Int(gsl_ran_negative_binomial(rng, size / (size + mean), size))
    }

    /// A beta variate with parameters `a`, `b` > 0 (`gsl_ran_beta`).
    public func beta(a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0, "beta parameters must be > 0")
        return gsl_ran_beta(rng, a, b)
    }

    /// A centred Gaussian variate with standard deviation `sd` (`gsl_ran_gaussian_ziggurat`).
    /// - Complexity: O(1), usually one generator step.
    public func gaussian(sd: Double) -> Double {
        gsl_ran_gaussian_ziggurat(rng, sd)
    }

    /// Splits `n` trials over categories with the given probabilities (`gsl_ran_multinomial`),
    /// writing the counts into the caller's buffer; no allocation.
    ///
    /// `probabilities` need not be normalised (GSL divides by their sum); they must be finite,
    /// `>= 0`, with a positive sum.
    /// - Precondition: `counts.count == probabilities.count`, `0 <= n <= UInt32.max`.
    /// `package`: raw buffers stay inside EstateSim.
    /// - Complexity: O(K) binomial draws for K categories.
    package func multinomial(trials n: Int, probabilities: UnsafeBufferPointer<Double>,
                            into counts: UnsafeMutableBufferPointer<UInt32>) {
        precondition(counts.count == probabilities.count, "multinomial: counts and probabilities differ in length")
        precondition(n >= 0 && n <= Int(UInt32.max), "multinomial: trials out of range, got \(n)")
        guard let p = probabilities.baseAddress, let out = counts.baseAddress else { return }
        gsl_ran_multinomial(rng, probabilities.count, UInt32(n), p, out)
    }
}
