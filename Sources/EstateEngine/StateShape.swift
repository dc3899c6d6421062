/// The shape of a replication's state, and the one place its flat indices are spelled: E
/// establishments plus the unaccommodated pool (index E), G groups, H months.
struct StateShape: Sendable {
    /// E, the establishments (without the pool).
    let establishments: Int
    /// G, the population groups.
    let groups: Int
    /// H, the months of the run.
    let months: Int

    /// The unaccommodated pool's establishment index, E.
    var pool: Int { establishments }

    /// Cells of a table by establishment (the pool included) × group.
    var stockCells: Int { (establishments + 1) * groups }

    /// Cells of a release row: months 0..<H, then one for after the run.
    var releaseMonths: Int { months + 1 }

    /// Cells of a table of release rows, one for each of the `stockCells`.
    var releaseCells: Int { stockCells * releaseMonths }

    /// The cell of establishment `e` (E for the pool) × group `g` in a table of `stockCells`.
    @inline(__always)
    func stock(_ e: Int, _ g: Int) -> Int { e * groups + g }

    /// The first cell of the release row of `e` × `g` in a table of `stockCells × releaseMonths`:
    /// the row's cell r counts people released in month r (r = H: after the run).
    @inline(__always)
    func releaseRow(_ e: Int, _ g: Int) -> Int { stock(e, g) * releaseMonths }

    /// The cell of group `g` × month `t` in the plan's per-group flows (`[g * H + t]`).
    @inline(__always)
    func flow(_ g: Int, _ t: Int) -> Int { g * months + t }

    /// The cell of month `t` × establishment `e` in the plan's per-establishment schedules
    /// (`[t * E + e]`).
    @inline(__always)
    func schedule(_ t: Int, _ e: Int) -> Int { t * establishments + e }

    /// The cell of group `g` × establishment `e` (not the pool) in the initial stock's placement
    /// weights (`[g * E + e]`).
    @inline(__always)
    func weight(_ g: Int, _ e: Int) -> Int { g * establishments + e }

    /// The position of month `t` × group `g` in the plan's eligibility (`[t * G + g]`).
    @inline(__always)
    func eligibility(_ t: Int, _ g: Int) -> Int { t * groups + g }
}
