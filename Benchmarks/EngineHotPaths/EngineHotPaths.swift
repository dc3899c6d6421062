// Micro-benchmarks of the engine's hot paths (ordo-one/benchmark). Not part of the build or the
// test suite: the package declares this target only when ESTATESIM_BENCHMARKS is set.
//
//   ESTATESIM_BENCHMARKS=1 swift package --disable-sandbox benchmark --target EngineHotPaths
//
// What Scripts/bench measures end to end (a whole batch against the GSL floor), these measure
// piece by piece: the stay tally of a batch of receptions (alias draws, and conditional binomials
// for large batches), the placement of a group's receptions, and one replication of the benchmark.
import Benchmark
import EstateEngine
import EstateFiles
import EstateModel
import EstateRandom
import Foundation

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3))

    // A lognormal stay of mean 10 months folded at a 120-month horizon, as the benchmark's groups.
    let weights = Array(try! WholeMonthStay(.lognormal(mean: 10, sd: 8)).probabilities.prefix(121))
    let table = try! DiscreteTable(weights: weights)
    let tally = try! DiscreteTally(weights: weights)

    for n in [40, 1_600] {
        Benchmark("alias tally of \(n) stays into a release row", configuration: .init(scalingFactor: .kilo)) { benchmark in
            let stream = try RandomStream(generator: .taus2, seed: 1, replication: 0, key: 1)
            var row = [Int32](repeating: 0, count: 121)
            for _ in benchmark.scaledIterations {
                row.withUnsafeMutableBufferPointer { blackHole(table.tally(n, from: stream, into: $0, offset: 0)) }
            }
        }
        Benchmark("DiscreteTally of \(n) stays (binomial head, alias tail)", configuration: .init(scalingFactor: .kilo)) { benchmark in
            let stream = try RandomStream(generator: .taus2, seed: 1, replication: 0, key: 1)
            var row = [Int32](repeating: 0, count: 121)
            for _ in benchmark.scaledIterations {
                row.withUnsafeMutableBufferPointer { blackHole(tally.tally(n, from: stream, into: $0, offset: 0)) }
            }
        }
    }

    Benchmark("one uniform (taus2, mt19937 alternately)", configuration: .init(scalingFactor: .mega)) { benchmark in
        let taus2 = try RandomStream(generator: .taus2, seed: 1, replication: 0, key: 1)
        let mt = try RandomStream(generator: .mt19937, seed: 1, replication: 0, key: 1)
        for i in benchmark.scaledIterations { blackHole(i & 1 == 0 ? taus2.uniform() : mt.uniform()) }
    }

    // The whole monthly step: one replication of Models/benchmark.toml (120 establishments,
    // 8 groups, 120 months, about 1.6 million people) on one thread, results kept in memory.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let scenario = try! ScenarioLoader().load(path: root.appendingPathComponent("Models/benchmark.toml").path)
    let plan = try! SimulationPlan(scenario)
    Benchmark("one replication of the benchmark scenario", configuration: .init(maxDuration: .seconds(10))) { benchmark in
        for i in benchmark.scaledIterations { blackHole(try Batch.run(plan, replications: [i], jobs: 1)) }
    }
    Benchmark("compiling the benchmark scenario's plan") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try SimulationPlan(scenario)) }
    }
}
