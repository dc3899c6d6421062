import EstateRandom

/// Who leaves custody when: a replication's release calendar, in one of two forms chosen once by
/// the plan (`SimulationPlan.keepsPerPersonRecords`) — `ReleaseCounts` or `PersonRecords`.
///
/// The book holds only the calendar; the replication keeps the counts by establishment and group
/// and the month's flows, which every operation here leaves for it to update (except moves,
/// booked through `Replication.moved`). A form that cannot do an operation (counts do not know
/// when anyone was received) is never asked to: the plan chooses records whenever a scenario needs
/// one, and the count form stops the program if that promise is broken.
protocol ReleaseBook: AnyObject, SendableMetatype {
    /// An empty book for a replication of `shape`.
    init(shape: StateShape)

    /// Empties the book for the next replication (keeping its buffers).
    func removeAll()

    /// Takes month `t`'s releases out of the book, calling `body(e, g, n)` with the n > 0 people
    /// of group g leaving establishment e (or the pool).
    func release(month t: Int, _ body: (_ establishment: Int, _ group: Int, _ count: Int32) -> Void)

    /// Books the release months of `n` people of group `g` received at `e` this month, their stays
    /// drawn from `stay` with `stream` (the replication's stays stream); returns how many leave
    /// within the month.
    func receive(_ n: Int, group g: Int, at e: Int, stay: borrowing Stay, stream: RandomStream,
                 in replication: Replication<Self>) -> Int

    /// Places `n` people of group `g` received this month over `eligible` and books their release
    /// months at once, as `replication.placement.spread` does, when the establishments have room
    /// for all of them (`replication.placement` has just measured it); returns false, with
    /// nothing drawn, when this form does not: the replication then splits them and calls
    /// `receive` for each establishment.
    func spread(_ n: Int, group g: Int, among eligible: ArraySlice<Int32>, stay: borrowing Stay,
                in replication: Replication<Self>) -> Bool

    /// Books the release months of `n` people of group `g`'s initial stock held at `e`.
    func seed(_ n: Int, group g: Int, at e: Int, in replication: Replication<Self>)

    /// Moves `count` people chosen at random among those of `groups` held at `source` to
    /// `destination`, or where `replication.destinations` sends them; every move is booked
    /// through `replication.moved`.
    func transfer(_ count: Int, from source: Int, groups: [Bool], to destination: Int?,
                  in replication: Replication<Self>)

    /// Applies a stay policy to the people in custody (DESIGN.md §2): needs reception months.
    func rescaleStays(_ policy: SimulationPlan.StockPolicy, factor: Double, in replication: Replication<Self>)

    /// Moves the people ready to progress (DESIGN.md §2): needs each person's readiness.
    func progress(in replication: Replication<Self>)
}
