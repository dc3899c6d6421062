import ArgumentParser

/// `--shard I/N`: this process runs the I-th of N equal parts of a batch's replications (1-based,
/// so `1/4` … `4/4`); `estate-sim merge` puts the parts back together byte for byte.
struct Shard: ExpressibleByArgument, Equatable, CustomStringConvertible {
    /// 1 … count.
    var index: Int
    var count: Int

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index)
        else { return nil }
        self.init(index: index, count: count)
    }

    var description: String { "\(index)/\(count)" }

    static var defaultValueDescription: String { "I/N" }
}
