extension RandomStream {
    /// A stable 64-bit key for a stream name (`FNV1a` over the UTF-8 bytes), e.g.
    /// `streamKey("receptions")`.
    ///
    /// Stable across runs, platforms and Swift versions, so stored seeds keep their meaning.
    /// Distinct names may in principle collide (probability ≈ 2^-64 per pair); `RandomStream.init`
    /// mixes the key again, so similar names give unrelated streams.
    public static func streamKey(_ name: String) -> UInt64 {
        var hash = FNV1a()
        hash.add(name.utf8)
        return hash.value
    }
}
