/// A dated change of the estate (DESIGN.md §3, capacity events).
public struct CapacityEvent: Sendable, Hashable {
    /// What changes.
    public enum Kind: Sendable, Hashable {
        /// A new establishment whose places come into use evenly over `rampMonths` (1 = all at once).
        case open(sex: Sex, function: EstablishmentFunction, sector: Sector, region: String,
                  cna: Int, operationalCapacity: Int, rampMonths: Int)
        /// No receptions from the event's month; population decanted evenly over `rundownMonths`;
        /// capacity zero at the end of the run-down.
        case close(rundownMonths: Int)
        /// Adds baseline and in-use CNA and operational capacity, evenly over `rampMonths`.
        case houseblock(cna: Int, operationalCapacity: Int, rampMonths: Int)
        /// From the month on it holds other groups; people it may no longer hold leave over `rundownMonths`.
        case reRole(function: EstablishmentFunction?, sex: Sex?, rundownMonths: Int)
        /// Places out of use (negative) or back in use (positive); baseline CNA unchanged. With
        /// `months`, the change is reversed after that many months.
        case capacityChange(inUseCNA: Int, operationalCapacity: Int, months: Int?)

        /// The scenario file's name for the kind.
        public var name: String {
            switch self {
            case .open: "open"
            case .close: "close"
            case .houseblock: "houseblock"
            case .reRole: "re-role"
            case .capacityChange: "capacity-change"
            }
        }
    }

    /// Optional identifier, so that a scenario built on another can remove the event.
    public var id: String?
    public var month: Month
    public var establishment: String
    public var kind: Kind
    /// A one-off cost in pounds, in the event's month (a new houseblock's build cost); negative
    /// for a receipt (the sale of a closed prison's site). Nil when the scenario gives none.
    public var cost: Double?

    public init(id: String? = nil, month: Month, establishment: String, kind: Kind, cost: Double? = nil) {
        self.id = id
        self.month = month
        self.establishment = establishment
        self.kind = kind
        self.cost = cost
    }
}
