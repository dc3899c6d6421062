import ArgumentParser
import EstateModel

/// `--shard I/K`: this process runs part I of K of each scenario's replications, I from 0 to
/// K − 1 (as Slurm's `SLURM_ARRAY_TASK_ID`): the contiguous block ⌊I·R/K⌋ ..< ⌊(I+1)·R/K⌋ of the R
/// replications. The blocks of 0/K … (K−1)/K cover 0 ..< R once each; `estate-sim merge` puts
/// them back together byte for byte.
struct Shard: ExpressibleByArgument, Equatable, CustomStringConvertible {
    var index: Int
    var count: Int

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, count <= ScenarioLimits.replications,
              index < count
        else { return nil }
        self.init(index: index, count: count)
    }

    var description: String { "\(index)/\(count)" }

    static var defaultValueDescription: String { "I/K" }

    /// This shard's replications of a batch of `total`.
    func replications(of total: Int) -> [Int] {
        Array((index * total / count)..<((index + 1) * total / count))
    }
}
