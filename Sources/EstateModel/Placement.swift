/// How people are placed across the establishments that may hold them (DESIGN.md §2).
public enum Placement: Sendable, Hashable {
    /// Receptions go to eligible establishments in proportion to their free operational capacity;
    /// nothing moves people afterwards. The default.
    case proportional
    /// Population management: receptions arrive as in `proportional` (a training prison's free
    /// places being those below its target), then each month training prisons (the functions
    /// given) are filled up to their target share of operational capacity by transfers of people
    /// they may hold out of local prisons, so the locals hold the slack. Where the estate file
    /// gives populations, each prison starts from its own fill, and `persistence` is the share of
    /// its departure from the target that remains after each month: 1 keeps it, 0 (the default)
    /// puts every prison at the target from the first month (docs/scenario-format.md).
    case targetFill([EstablishmentFunction: Double], persistence: Double = 0)

    /// The target fills used when `[placement] rule = "target-fill"` gives none: training prisons
    /// full to 98 % of operational capacity, open prisons to 95 %.
    public static let defaultTargets: [EstablishmentFunction: Double] = [
        .catB: 0.98, .catC: 0.98, .highSecurity: 0.98, .open: 0.95, .femaleOpen: 0.95,
    ]

    /// The target fill of `function`, if it is kept full.
    public func target(for function: EstablishmentFunction) -> Double? {
        switch self {
        case .proportional: nil
        case .targetFill(let targets, _): targets[function]
        }
    }

    /// The share of a training prison's departure from its target that remains after each month
    /// (the `target-fill` rule; 0 under `proportional`, where it is unused).
    public var persistence: Double {
        switch self {
        case .proportional: 0
        case .targetFill(_, let persistence): persistence
        }
    }
}
