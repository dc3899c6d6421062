/// FNV-1a, 64 bits: a small hash that is stable across runs, platforms and Swift versions (unlike
/// `Hasher`), for keys that are stored: stream names (`RandomStream.streamKey`) and the content
/// hashes of a run's manifest. Not for security.
///
/// ```swift
/// var hash = FNV1a()
/// hash.add("receptions".utf8)
/// let key = hash.value
/// ```
public struct FNV1a: Sendable, Hashable {
    /// The hash of the bytes added so far (the offset basis before any).
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of nothing yet.
    public init() {}

    /// Adds `bytes` to the hash.
    /// - Complexity: O(bytes).
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }
}
