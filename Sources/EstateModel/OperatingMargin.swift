/// The places of operational capacity held back for the mismatch of sex, category and geography
/// (DESIGN.md §1, useable operational capacity): one national number, or one per sex estate.
///
/// A national number is apportioned between the male and the female estate in proportion to the
/// operational capacity of their single-sex establishments at the start (`apportioned`), so that
/// the two parts always add up to it; `{ male, female }` gives the parts and their sum is national.
public enum OperatingMargin: Sendable, Hashable, ExpressibleByIntegerLiteral {
    /// One number for the whole estate.
    case national(Int)
    /// A margin for each sex estate; the national margin is their sum.
    case bySex(male: Int, female: Int)

    /// A national margin of `value` places.
    public init(integerLiteral value: Int) { self = .national(value) }

    /// The national margin.
    public var total: Int {
        switch self {
        case .national(let places): places
        case .bySex(let male, let female): male + female
        }
    }

    /// The male and female margins: as given, or the national margin split in proportion to
    /// `maleCapacity` and `femaleCapacity` (rounded to the nearest place, the female part taking the
    /// remainder; all to the male estate when both are zero).
    public func apportioned(maleCapacity: Int, femaleCapacity: Int) -> (male: Int, female: Int) {
        switch self {
        case .bySex(let male, let female):
            return (male, female)
        case .national(let places):
            let capacity = maleCapacity + femaleCapacity
            guard capacity > 0 else { return (places, 0) }
            let male = Int((Double(places) * Double(maleCapacity) / Double(capacity)).rounded())
            return (male, places - male)
        }
    }
}
