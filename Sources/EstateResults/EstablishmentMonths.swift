/// The cells of a table by month × establishment, laid out month by month (`[t * E + e]`): the
/// layout of `CapacitySchedule`'s arrays and of `EstablishmentAccumulator`'s cells, and the one
/// place the results, the reports and the command line spell a cell's index.
public struct EstablishmentMonths: Sendable, Hashable {
    /// E, the establishments.
    public let establishments: Int
    /// H, the months.
    public let months: Int

    /// The cells of `establishments` × `months`.
    public init(establishments: Int, months: Int) {
        self.establishments = establishments
        self.months = months
    }

    /// The cell of month `t` × establishment `e`.
    @inlinable
    public func index(month t: Int, establishment e: Int) -> Int { t * establishments + e }
}
