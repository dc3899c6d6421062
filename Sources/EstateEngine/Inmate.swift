/// One person in custody, as the engine stores them: 10 bytes, no class, no allocation of its own.
///
/// People live in the release calendar's bucket for their release month; the record keeps what the
/// rarer operations need (a stay policy reaching the stock needs the reception month; a transfer
/// needs the establishment; progression needs the month the person is ready to move).
struct Inmate {
    /// Month index of release (may lie beyond the run).
    var release: Int16
    /// Month index of reception (negative for the initial stock); `Inmate.unknownMonth` if untracked.
    var received: Int16
    /// Month index from which the person is ready to progress, or -1.
    var progressAt: Int16
    /// Establishment index; the last index (E) is the unaccommodated pool.
    var establishment: UInt16
    var group: UInt8

    static let unknownMonth = Int16.min
}
