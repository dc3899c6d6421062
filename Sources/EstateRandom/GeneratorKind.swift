internal import CGSL

/// A GSL uniform generator, named as GSL names it (`gsl_rng_name`).
///
/// Every kind is seeded from the full 64-bit stream seed plus the replication index by writing
/// its state directly (see `RandomStream.init` and the module README), never through
/// `gsl_rng_set`, which keeps only 32 bits of a seed for all four.
public enum GeneratorKind: String, CaseIterable, Sendable {
    /// Mersenne Twister (Matsumoto & Nishimura), period 2^19937 − 1. The default: fast and the
    /// best known.
    case mt19937
    /// L'Ecuyer's maximally equidistributed combined Tausworthe generator, period 2^88; very
    /// fast, tiny state.
    case taus2
    /// Lüscher's RANLUX, 48-bit double precision, luxury level 2: slow, with the strongest
    /// proof of decorrelation.
    case ranlxd2
    /// Ziff's four-tap shift register, period 2^9689.
    case gfsr4

    /// The default generator, `mt19937`.
    public static let `default`: GeneratorKind = .mt19937

    /// GSL's generator type.
    var gslType: UnsafePointer<gsl_rng_type>? {
        switch self {
        case .mt19937: estatesim_rng_mt19937()
        case .taus2: estatesim_rng_taus2()
        case .ranlxd2: estatesim_rng_ranlxd2()
        case .gfsr4: estatesim_rng_gfsr4()
        }
    }
}
