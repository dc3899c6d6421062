/// Crowding as DESIGN.md §1 defines it: one extra person doubles one cell for one, so with the
/// default factor 2 each person over in-use CNA makes two people crowded, up to everyone held.
public enum Crowding {
    /// min(population, ⌊factor × max(0, population − inUseCNA)⌋), computed in floating point so a
    /// large factor cannot overflow before the minimum is taken.
    @inlinable
    public static func crowded(population: Int32, inUseCNA: Int32, factor: Double) -> Int32 {
        let excess = Double(max(0, population - inUseCNA))
        return Int32(min(Double(population), (factor * excess).rounded(.down)))
    }
}
