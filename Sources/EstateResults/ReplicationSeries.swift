public import EstateModel

/// One replication's national figures, month by month (end-of-month stocks, flows within the
/// month), as the engine records them: the raw counts every derived figure is computed from.
public struct ReplicationSeries: Sendable, Hashable, Codable {
    /// The replication's index in the batch: its random streams derive from it and the seed.
    public var replication: Int
    /// Everyone in custody, including the unaccommodated (as the official figures count police cells).
    public var population: [Int32]
    /// People held in establishments.
    public var held: [Int32]
    /// Σ over establishments of min(pop, crowdingFactor × max(0, pop − in-use CNA)).
    public var crowded: [Int32]
    /// People who could not be placed (every eligible establishment closed).
    public var unaccommodated: [Int32]
    /// Every entry into custody in the month, first receptions and recalls alike.
    public var receptions: [Int32]
    /// Every exit, including those received and released in the same month.
    public var releases: [Int32]
    /// The part of receptions that are recalls.
    public var recalls: [Int32]
    /// Moves between establishments (closures, re-roles, progression) and out of the unaccommodated pool.
    public var transfers: [Int32]
    /// Establishments holding more than their in-use CNA.
    public var establishmentsOverCNA: [Int32]
    /// Population of group g in month t at `[g * months + t]` (the unaccommodated included).
    public var groupPopulation: [Int32]
    /// People held in establishments of function f (`EstablishmentFunction.allCases[f]`, as of the
    /// month) in month t, at `[f * months + t]`.
    public var functionPopulation: [Int32]

    /// An empty series of replication `replication` for `months` months and `groups` groups.
    public init(replication: Int, months: Int, groups: Int) {
        self.replication = replication
        let zeros = [Int32](repeating: 0, count: months)
        population = zeros
        held = zeros
        crowded = zeros
        unaccommodated = zeros
        receptions = zeros
        releases = zeros
        recalls = zeros
        transfers = zeros
        establishmentsOverCNA = zeros
        groupPopulation = [Int32](repeating: 0, count: months * groups)
        functionPopulation = [Int32](repeating: 0, count: months * EstablishmentFunction.allCases.count)
    }

    /// H.
    public var months: Int { population.count }

    /// Group g's population in month t.
    public func population(group g: Int, month t: Int) -> Int32 { groupPopulation[g * months + t] }

    /// The population held in establishments of `function` in month t.
    public func population(function: EstablishmentFunction, month t: Int) -> Int32 {
        functionPopulation[EstablishmentFunction.index(of: function) * months + t]
    }
}

extension EstablishmentFunction {
    /// The position of `function` in `allCases`: the row of `ReplicationSeries.functionPopulation`.
    public static func index(of function: EstablishmentFunction) -> Int {
        allCases.firstIndex(of: function)!
    }
}
