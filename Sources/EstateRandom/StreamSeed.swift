/// The seed material of one random stream, derived only from (master seed, replication, key).
///
/// `mixed` is a 64-bit hash built from three applications of Stafford's "mix13" finaliser (the
/// output function of splitmix64), each a bijection of `UInt64`:
///
///     z = mix(seed + γ);  z = mix(z ^ key);  z = mix(z + replication·γ)
///
/// With γ odd, for a fixed master seed the map is injective in `key` (for a fixed replication) and
/// in `replication` (for a fixed key). The generators are then seeded from *both* `mixed` and the
/// replication index itself (`RandomStream.init`), so two streams of one batch can only share a
/// state if their (replication, key) pairs are equal.
struct StreamSeed: Equatable {
    /// The golden-ratio increment of splitmix64 (odd).
    static let gamma: UInt64 = 0x9e37_79b9_7f4a_7c15

    /// The mixed 64-bit seed.
    let mixed: UInt64
    /// The replication index, bit-for-bit.
    let replication: UInt64

    init(seed: UInt64, replication: Int, key: UInt64) {
        let index = UInt64(bitPattern: Int64(replication))
        var z = StreamSeed.mix(seed &+ StreamSeed.gamma)
        z = StreamSeed.mix(z ^ key)
        z = StreamSeed.mix(z &+ index &* StreamSeed.gamma)
        self.init(mixed: z, replication: index)
    }

    /// Seed material given directly (tests use it to reproduce reference outputs).
    init(mixed: UInt64, replication: UInt64) {
        self.mixed = mixed
        self.replication = replication
    }

    /// Stafford's mix13: a bijective 64-bit finaliser with full avalanche.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
