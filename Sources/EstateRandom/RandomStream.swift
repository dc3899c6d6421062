internal import CGSL

/// One independent stream of random numbers: owns one `gsl_rng`.
///
/// A stream is derived only from (master seed, replication index, key), never from a thread,
/// worker or order of completion, so a replication gives the same numbers wherever it runs. Give
/// each concern of a replication its own key (`RandomStream.streamKey("receptions")`) so that
/// adding draws to one concern does not shift the numbers of another.
///
/// Deliberately not `Sendable`: a `gsl_rng` is mutable state, and each replication builds its own
/// streams on the task that runs it.
///
/// Seeding. `gsl_rng_set` keeps 32 bits of a seed for every generator offered here, so in a batch
/// of 1,000 replications × 20 streams two streams would share a seed with probability ≈ 5 %.
/// Instead the stream's state is written directly from 128 bits: the mixed 64-bit `StreamSeed` and
/// the replication index (see `GeneratorKind` and `Sources/CGSL/shim.h`). For mt19937, ranlxd2 and
/// gfsr4 the whole 128 bits are placed injectively, so distinct (replication, key) pairs under one
/// master seed always give distinct states; taus2, with 88 bits of state, keeps the 64-bit seed
/// and the low 21 bits of the replication index (at most 2,097,152 replications: indices below 2^21).
///
/// ```swift
/// let receptions = try RandomStream(seed: 2014, replication: 7, key: RandomStream.streamKey("receptions"))
/// let count = receptions.poisson(mean: 5200)
/// ```
public final class RandomStream {
    /// The GSL generator behind this stream.
    public let generator: GeneratorKind

    /// The owned generator; never escapes this module.
    let rng: UnsafeMutablePointer<gsl_rng>

    /// Allocates and seeds a stream.
    ///
    /// - Parameters:
    ///   - generator: GSL generator; `mt19937` by default.
    ///   - seed: the scenario's master seed.
    ///   - replication: the replication index (>= 0).
    ///   - key: which stream of the replication, usually `streamKey(name)`.
    /// - Throws: `RandomError` if `replication` is negative or GSL cannot allocate the generator.
    public convenience init(generator: GeneratorKind = .mt19937, seed: UInt64, replication: Int, key: UInt64) throws {
        guard replication >= 0 else {
            throw RandomError("replication must be >= 0, got \(replication)")
        }
        try self.init(generator: generator, material: StreamSeed(seed: seed, replication: replication, key: key))
    }

    /// Allocates a generator and writes its state from the given seed material.
    init(generator: GeneratorKind, material: StreamSeed) throws {
        GSLRuntime.installErrorHandling()
        guard let type = generator.gslType, let rng = gsl_rng_alloc(type) else {
            throw RandomError("GSL could not allocate a \(generator.rawValue) generator")
        }
        // Sets the generator's bookkeeping fields; its entropy words are overwritten just below.
        gsl_rng_set(rng, UInt(truncatingIfNeeded: material.mixed))
        let status: Int32
        switch generator {
        case .mt19937: status = estatesim_seed_mt19937(rng, material.mixed, material.replication)
        case .taus2: status = estatesim_seed_taus2(rng, material.mixed, material.replication)
        case .ranlxd2: status = estatesim_seed_ranlxd2(rng, material.mixed, material.replication)
        case .gfsr4: status = estatesim_seed_gfsr4(rng, material.mixed, material.replication)
        }
        guard status == 0 else {
            gsl_rng_free(rng)
            throw RandomError("the linked GSL's \(generator.rawValue) state layout is not the one EstateRandom seeds")
        }
        self.generator = generator
        self.rng = rng
    }

    /// The generator's next raw output (`gsl_rng_get`); for tests of the seeding against the
    /// generators' reference outputs.
    func rawOutput() -> UInt {
        gsl_rng_get(rng)
    }

    deinit {
        gsl_rng_free(rng)
    }
}

extension RandomStream {
    /// `count` uniforms through the shim's block loop (`estatesim_uniforms`), which the alias-table
    /// draws use; for tests that it gives `uniform()`'s numbers, draw for draw.
    func blockUniforms(_ count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { estatesim_uniforms(rng, base, count) }
            initialized = count
        }
    }
}
