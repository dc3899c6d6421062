import Testing
@testable import EstateRandom

@Suite("Random streams")
struct RandomStreamTests {
    static let receptions = RandomStream.streamKey("receptions")

    @Test("the same seed, replication and key give the same sequence", arguments: GeneratorKind.allCases)
    func reproducible(generator: GeneratorKind) throws {
        let a = try RandomStream(generator: generator, seed: 2014, replication: 3, key: Self.receptions)
        let b = try RandomStream(generator: generator, seed: 2014, replication: 3, key: Self.receptions)
        #expect(a.generator == generator)
        for _ in 0..<1000 {
            #expect(a.uniform() == b.uniform())
        }
    }

    @Test("a different key, replication or seed gives a different sequence", arguments: GeneratorKind.allCases)
    func distinct(generator: GeneratorKind) throws {
        func firstDraws(seed: UInt64, replication: Int, key: UInt64) throws -> [Double] {
            let stream = try RandomStream(generator: generator, seed: seed, replication: replication, key: key)
            return (0..<8).map { _ in stream.uniform() }
        }
        let base = try firstDraws(seed: 2014, replication: 3, key: Self.receptions)
        #expect(try firstDraws(seed: 2014, replication: 3, key: RandomStream.streamKey("releases")) != base)
        #expect(try firstDraws(seed: 2014, replication: 4, key: Self.receptions) != base)
        #expect(try firstDraws(seed: 2015, replication: 3, key: Self.receptions) != base)
    }

    @Test("seeds that agree in their low 32 bits still give different streams", arguments: GeneratorKind.allCases)
    func noThirtyTwoBitTruncation(generator: GeneratorKind) throws {
        let a = try RandomStream(generator: generator, seed: 7, replication: 0, key: 1)
        let b = try RandomStream(generator: generator, seed: 7 | (1 << 32), replication: 0, key: 1)
        #expect((0..<4).map { _ in a.uniform() } != (0..<4).map { _ in b.uniform() })
    }

    // 1,000 replications × 20 streams: through gsl_rng_set (32 bits kept) two would collide with
    // probability ≈ 5 %; with the full-state seeding no two may share their first 64 output bits.
    @Test("a batch of 1,000 replications × 20 streams has no two streams alike",
          arguments: [GeneratorKind.mt19937, .taus2])
    func batchHasNoCollisions(generator: GeneratorKind) throws {
        var seen = Set<[UInt]>()
        for replication in 0..<1000 {
            for key in 0..<20 {
                let stream = try RandomStream(generator: generator, seed: 2014, replication: replication,
                                              key: RandomStream.streamKey("stream-\(key)"))
                seen.insert([stream.rawOutput(), stream.rawOutput()])
            }
        }
        #expect(seen.count == 20_000)
    }

    // Reference: mt19937ar.c's test output, init_by_array({0x123, 0x234, 0x345, 0x456}, 4).
    @Test("mt19937 seeding is Matsumoto and Nishimura's init_by_array")
    func mtReferenceOutput() throws {
        let material = StreamSeed(mixed: 0x234 << 32 | 0x123, replication: 0x456 << 32 | 0x345)
        let stream = try RandomStream(generator: .mt19937, material: material)
        let expected: [UInt] = [1_067_595_299, 955_945_823, 477_289_528, 4_107_218_783, 4_228_976_476]
        #expect((0..<5).map { _ in stream.rawOutput() } == expected)
    }

    @Test("stream seeds are injective in the key and in the replication")
    func streamSeedInjective() {
        var byKey = Set<UInt64>(), byReplication = Set<UInt64>()
        for i in 0..<10_000 {
            byKey.insert(StreamSeed(seed: 1, replication: 5, key: UInt64(i)).mixed)
            byReplication.insert(StreamSeed(seed: 1, replication: i, key: 5).mixed)
        }
        #expect(byKey.count == 10_000)
        #expect(byReplication.count == 10_000)
    }

    @Test("stream keys are FNV-1a 64 of the name")
    func streamKeys() {
        // Published FNV-1a 64-bit test vectors.
        #expect(RandomStream.streamKey("") == 0xcbf2_9ce4_8422_2325)
        #expect(RandomStream.streamKey("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(RandomStream.streamKey("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test("a negative replication index is refused")
    func negativeReplication() {
        #expect(throws: RandomError.self) { try RandomStream(seed: 1, replication: -1, key: 0) }
    }

    @Test("uniform draws stay in their ranges", arguments: GeneratorKind.allCases)
    func uniformRanges(generator: GeneratorKind) throws {
        let stream = try RandomStream(generator: generator, seed: 11, replication: 0, key: 0)
        for _ in 0..<10_000 {
            let u = stream.uniform()
            #expect(u >= 0 && u < 1)
            let v = stream.uniformPositive()
            #expect(v > 0 && v < 1)
            let k = stream.uniformInt(below: 7)
            #expect(k >= 0 && k < 7)
        }
    }

    // Mean 1/2, variance 1/12, z-test at 5 standard errors.
    @Test("uniform draws have mean 1/2 and variance 1/12", arguments: GeneratorKind.allCases)
    func uniformMoments(generator: GeneratorKind) throws {
        let stream = try RandomStream(generator: generator, seed: 12, replication: 1, key: 2)
        let moments = SampleMoments((0..<100_000).map { _ in stream.uniform() })
        #expect(moments.meanAgrees(with: 0.5))
        #expect(moments.varianceAgrees(with: 1.0 / 12))
    }

    // Chi-square at p = 1e-6 against 1/10 per value.
    @Test("uniformInt(below:) is uniform over 0..<n")
    func uniformIntFrequencies() throws {
        let stream = try RandomStream(seed: 13, replication: 0, key: 0)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 { counts[stream.uniformInt(below: 10)] += 1 }
        let test = ChiSquareTest(observed: counts, probabilities: [Double](repeating: 0.1, count: 10))
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue)")
    }

    // Mean 0, variance sd², z-test at 5 standard errors.
    @Test("gaussian draws have mean 0 and variance sd²")
    func gaussianMoments() throws {
        let stream = try RandomStream(seed: 14, replication: 0, key: 0)
        let moments = SampleMoments((0..<100_000).map { _ in stream.gaussian(sd: 3) })
        #expect(moments.meanAgrees(with: 0))
        #expect(moments.varianceAgrees(with: 9))
    }

    // Each count is binomial(n, p_i): z-test on its mean at 5 standard errors.
    @Test("multinomial splits every trial and keeps the proportions")
    func multinomial() throws {
        let stream = try RandomStream(seed: 15, replication: 0, key: 0)
        let weights: [Double] = [2, 0, 5, 3]  // not normalised, on purpose
        var counts = [UInt32](repeating: 0, count: 4)
        var totals = [Double](repeating: 0, count: 4)
        let draws = 2_000, trials = 1_000
        for _ in 0..<draws {
            weights.withUnsafeBufferPointer { p in
                counts.withUnsafeMutableBufferPointer { stream.multinomial(trials: trials, probabilities: p, into: $0) }
            }
            #expect(counts.reduce(0, +) == UInt32(trials))
            for i in 0..<4 { totals[i] += Double(counts[i]) }
        }
        #expect(totals[1] == 0)
        for i in [0, 2, 3] {
            let p = weights[i] / 10
            let standardError = (Double(trials) * p * (1 - p) / Double(draws)).squareRoot()
            #expect(abs(totals[i] / Double(draws) - Double(trials) * p) <= 5 * standardError)
        }
    }

    @Test("GSL's version is reported")
    func version() {
        GSLRuntime.installErrorHandling()
        GSLRuntime.installErrorHandling()  // idempotent
        #expect(GSLRuntime.version.hasPrefix("2."))
    }
}

/// The shim's block loop writes out GSL's own taus2 and mt19937 steps for the engine's hot path:
/// it must give GSL's numbers exactly and leave the generator where GSL would.
@Suite("Block uniforms")
struct BlockUniformTests {
    @Test("blocks of any size give gsl_rng_uniform's numbers, draw for draw", arguments: GeneratorKind.allCases)
    func sameNumbers(generator: GeneratorKind) throws {
        let blocks = try RandomStream(generator: generator, seed: 77, replication: 3, key: 9)
        let singles = try RandomStream(generator: generator, seed: 77, replication: 3, key: 9)
        // Sizes crossing mt19937's 624-word refills at every phase, with single draws between.
        for size in [1, 5, 623, 624, 625, 256, 1_000, 3, 2_500] {
            #expect(blocks.blockUniforms(size) == (0..<size).map { _ in singles.uniform() }, "block of \(size)")
            #expect(blocks.uniform() == singles.uniform(), "the single draw after a block of \(size)")
        }
    }
}
