extension RandomStream {
    /// A stable 64-bit key for a stream name (FNV-1a over the UTF-8 bytes), e.g.
    /// `streamKey("receptions")`.
    ///
    /// Stable across runs, platforms and Swift versions (unlike `Hasher`), so stored seeds keep
    /// their meaning. Distinct names may in principle collide (probability ≈ 2^-64 per pair);
    /// `RandomStream.init` mixes the key again, so similar names give unrelated streams.
    public static func streamKey(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
