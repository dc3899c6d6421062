/// One replication's national figures, month by month (end-of-month stocks, flows within the month).
public struct NationalSeries: Sendable, Hashable {
    /// Everyone in custody, including the unaccommodated (as the official figures count police cells).
    public var population: [Int32]
    /// People held in establishments.
    public var heldPopulation: [Int32]
    /// Σ over establishments of min(pop, crowdingFactor × max(0, pop − in-use CNA)).
    public var crowded: [Int32]
    public var unaccommodated: [Int32]
    public var receptions: [Int32]
    public var releases: [Int32]
    /// The part of receptions that are recalls.
    public var recalls: [Int32]
    /// Moves between establishments (closures, re-roles, progression) and out of the unaccommodated pool.
    public var transfers: [Int32]
    public var establishmentsOverCNA: [Int32]
    /// Population of group g in month t at `[g * months + t]`.
    public var groupPopulation: [Int32]

    init(months: Int, groups: Int) {
        let zeros = [Int32](repeating: 0, count: months)
        population = zeros
        heldPopulation = zeros
        crowded = zeros
        unaccommodated = zeros
        receptions = zeros
        releases = zeros
        recalls = zeros
        transfers = zeros
        establishmentsOverCNA = zeros
        groupPopulation = [Int32](repeating: 0, count: months * groups)
    }
}
