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

        /// The scenario file's word for the kind (`KindName`'s).
        public var name: String { kindName.rawValue }

        /// Which kind it is.
        public var kindName: KindName {
            switch self {
            case .open: .open
            case .close: .close
            case .houseblock: .houseblock
            case .reRole: .reRole
            case .capacityChange: .capacityChange
            }
        }
    }

    /// The kinds of event as a scenario file writes them (`kind = "re-role"`): the one place these
    /// words are spelled.
    public enum KindName: String, CaseIterable, Sendable {
        case open, close, houseblock
        case reRole = "re-role"
        case capacityChange = "capacity-change"
    }

    /// Optional identifier, so that a scenario built on another can remove the event.
    public var id: String?
    /// The month it takes effect.
    public var month: Month
    /// The establishment it changes, by name (a new one's name for `open`).
    public var establishment: String
    /// What changes.
    public var kind: Kind
    /// A one-off cost in pounds, in the event's month (a new houseblock's build cost); negative
    /// for a receipt (the sale of a closed prison's site). Nil when the scenario gives none.
    public var cost: Double?

    /// An event of `kind` at `establishment` from `month`, with its one-off `cost` in pounds, if any.
    public init(id: String? = nil, month: Month, establishment: String, kind: Kind, cost: Double? = nil) {
        self.id = id
        self.month = month
        self.establishment = establishment
        self.kind = kind
        self.cost = cost
    }
}
