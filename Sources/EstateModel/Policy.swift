
/// A dated change of flows for some groups (DESIGN.md §1 policy lever, §3 `[[policy]]`).
/// Factors compound when several policies touch the same group; each holds from its month on.
public struct Policy: Sendable, Hashable {
    /// The lever.
    public enum Lever: Sendable, Hashable {
        /// Receptions × factor.
        case receptions(factor: Double)
        /// Length of stay × factor for receptions from the month on; with `appliesToStock`, also for
        /// the people already in custody (an early-release or longer-stay scheme).
        case stay(factor: Double, appliesToStock: Bool)
        /// From the month on, people released from the groups are recalled with this probability.
        case recall(Recall)

        /// The scenario file's word for the lever (`Name`'s).
        public var name: String { kindName.rawValue }

        /// Which lever it is.
        public var kindName: Name {
            switch self {
            case .receptions: .receptions
            case .stay: .stay
            case .recall: .recall
            }
        }

        /// The levers as a scenario file writes them (`kind = "stay"`): the one place these words
        /// are spelled.
        public enum Name: String, CaseIterable, Sendable {
            case receptions, stay, recall
        }
    }

    /// The month from which it holds.
    public var month: Month
    /// The group ids it touches; nil for every group.
    public var groups: [String]?
    /// What it changes.
    public var lever: Lever
    /// The standard deviation of the lever's factor or recall probability, drawn per replication
    /// (`factor = { mean, sd }`); 0 when it is known.
    public var sd: Double = 0

    /// A policy pulling `lever` for `groups` (nil: every group) from `month` on.
    public init(month: Month, groups: [String]? = nil, lever: Lever) {
        self.month = month
        self.groups = groups
        self.lever = lever
    }

    /// Whether the policy touches group `id`.
    public func touches(_ id: String) -> Bool { groups?.contains(id) ?? true }
}
