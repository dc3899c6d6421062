/// The estate's own drift (`[drift]`): in-use CNA and operational capacity move every month without
/// a named event, as cells are taken out of use for repair and returned. Each replication draws,
/// for each establishment function, a path of the share of its capacity out of (or back in) use,
/// one for in-use CNA and one for operational capacity, independent of each other:
/// x₀ = 0, x_t = (1 − reversion) · x_{t−1} + sd · Z_t, Z standard normal; every establishment of
/// the function has its planned capacity × (1 + x_t), rounded, in month t
/// (`docs/scenario-format.md`, Drift).
public struct CapacityDrift: Sendable, Hashable {
    /// Monthly sd of the change of the share of a function's in-use CNA.
    public var inUseCNA: Double
    /// Monthly sd of the change of the share of a function's operational capacity.
    public var operationalCapacity: Double
    /// The share of the drift that returns each month: 0 is a random walk, 1 no memory.
    public var reversion: Double

    /// A drift of these monthly spreads; none by default.
    public init(inUseCNA: Double = 0, operationalCapacity: Double = 0, reversion: Double = 0) {
        self.inUseCNA = inUseCNA
        self.operationalCapacity = operationalCapacity
        self.reversion = reversion
    }

    /// No drift: capacities are exactly the plan's.
    public static let none = CapacityDrift()

    /// Whether capacities move at all.
    public var moves: Bool { inUseCNA > 0 || operationalCapacity > 0 }
}
