public import EstateRandom

/// The largest values a scenario may hold: the one table of them.
///
/// The loader (EstateFiles) refuses a value past one against the key and line that wrote it; the
/// engine refuses a plan past one as a backstop for scenarios built in code or changed on the
/// command line (`run --replications`); `docs/scenario-format.md` quotes them under "Limits", and
/// a test compares that section with this table. Most are far beyond any real estate: a value past
/// one is a typo (an extra zero, days for months) and would overflow the engine's counters.
public enum ScenarioLimits {
    /// Months of a run, and of any duration in months (a ramp, a run-down, a distribution's mean).
    public static let months = 1200
    /// Places of one establishment or event, and receptions of a group in a month.
    public static let places = 1_000_000
    /// People in a group's initial stock.
    public static let people = 10_000_000
    /// Replications of a batch, whatever its length (`replications`, `run --replications`).
    public static let replications = 10_000_000
    /// Replications × months of a batch: the per-replication national figures (12 bytes a month)
    /// must fit in 2 GiB, so a long run allows fewer replications.
    public static let replicationMonths = (2 << 30) / 12
    /// Replications of a batch drawn with taus2, whose state holds 21 bits of the replication
    /// index (EstateRandom's README): indices 0 to 2,097,151.
    public static let taus2Replications = 1 << 21
    /// Multipliers: the crowding factor and policy factors.
    public static let factor = 100.0
    /// Population groups: per-person records keep a group in a byte.
    public static let groups = Int(UInt8.max)
    /// Establishments, those opened by events included: per-person records keep an establishment
    /// (or the unaccommodated pool) in two bytes.
    public static let establishments = Int(UInt16.max) - 1
    /// People a replication may receive over the run, initial stock included, in expectation:
    /// counts are 32-bit. Checked when the run is planned, as it needs trends and policies applied.
    public static let peoplePerReplication = 1_000_000_000
    /// Nesting of a TOML key path (tables, dotted keys, inline tables and arrays): the scenario
    /// format needs 5; the TOML parser recurses once per level and runs out of stack near 100,000.
    public static let nesting = 64
    /// Pounds a year of one place or one prisoner (`[costs]`): the published figures are about £30,000.
    public static let costRate = 10_000_000
    /// Pounds of one event's one-off cost, either way (`cost`, negative for a receipt).
    public static let oneOffCost = 100_000_000_000
    /// Bytes of a scenario or estate file.
    public static let fileBytes = 64 << 20

    /// The most replications a batch of `months` months drawn with `generator` may have.
    public static func maximumReplications(months: Int, generator: GeneratorKind) -> Int {
        var most = min(replications, replicationMonths / max(months, 1))
        if generator == .taus2 { most = min(most, taus2Replications) }
        return most
    }

    /// Why `replications` is too many for a batch of `months` months drawn with `generator`, as
    /// the end of an "expected …, got …" message; nil when it is within every limit.
    public static func replicationProblem(_ count: Int, months: Int, generator: GeneratorKind) -> String? {
        guard count > maximumReplications(months: months, generator: generator) else { return nil }
        if count > replications {
            return "expected at most \(replications) replications, got \(count)"
        }
        if generator == .taus2, count > taus2Replications {
            return "expected at most \(taus2Replications) replications with the taus2 generator, "
                + "which keeps replications apart by 21 bits of their index, got \(count): use mt19937"
        }
        return "expected at most \(replicationMonths / max(months, 1)) replications for \(months) months "
            + "(replications × months at most \(replicationMonths), so that the national figures fit in 2 GiB), "
            + "got \(count): run fewer or split the batch"
    }
}
