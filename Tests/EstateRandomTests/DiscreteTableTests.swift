import Testing
@testable import EstateRandom

@Suite("Discrete tables")
struct DiscreteTableTests {
    // Chi-square at p = 1e-6 against the normalised weights.
    @Test("draws follow the weights, which need not be normalised")
    func frequencies() throws {
        let weights: [Double] = [5, 0, 1, 0.25, 12, 3, 0, 7.5]
        let table = try DiscreteTable(weights: weights)
        #expect(table.count == 8)
        let stream = try RandomStream(seed: 31, replication: 0, key: 0)
        var counts = [Int](repeating: 0, count: weights.count)
        for _ in 0..<200_000 { counts[table.sample(stream)] += 1 }
        #expect(counts[1] == 0 && counts[6] == 0)
        let total = weights.reduce(0, +)
        let test = ChiSquareTest(observed: counts, probabilities: weights.map { $0 / total })
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue)")
    }

    // The buffer fill is gsl_ran_discrete inlined in the shim: it must agree draw for draw.
    @Test("filling a buffer gives the same draws as gsl_ran_discrete one at a time",
          arguments: GeneratorKind.allCases)
    func bufferMatchesSingleDraws(generator: GeneratorKind) throws {
        let table = try DiscreteTable(weights: WholeMonthStay(.lognormal(mean: 2.4, sd: 3)).probabilities)
        let a = try RandomStream(generator: generator, seed: 32, replication: 2, key: 9)
        let b = try RandomStream(generator: generator, seed: 32, replication: 2, key: 9)
        var buffer = [Int32](repeating: -1, count: 5000)
        buffer.withUnsafeMutableBufferPointer { table.sample(a, into: $0) }
        #expect(buffer.map(Int.init) == (0..<5000).map { _ in table.sample(b) })
    }

    @Test("tallying draws into a row counts the same draws a buffer would hold", arguments: GeneratorKind.allCases)
    func tallyMatchesBuffer(generator: GeneratorKind) throws {
        let table = try DiscreteTable(weights: WholeMonthStay(.gamma(mean: 6, sd: 5)).probabilities)
        let a = try RandomStream(generator: generator, seed: 35, replication: 1, key: 3)
        let b = try RandomStream(generator: generator, seed: 35, replication: 1, key: 3)
        let offset = 7, last = 20
        var row = [Int32](repeating: 0, count: last + 1)
        let zeros = row.withUnsafeMutableBufferPointer { table.tally(3000, from: a, into: $0, offset: offset) }
        var draws = [Int32](repeating: -1, count: 3000)
        draws.withUnsafeMutableBufferPointer { table.sample(b, into: $0) }
        var expected = [Int32](repeating: 0, count: last + 1)
        for d in draws where d > 0 { expected[min(offset + Int(d), last)] += 1 }
        #expect(zeros == draws.filter { $0 == 0 }.count)
        #expect(row == expected)
    }

    @Test("a table with one weight always gives 0")
    func single() throws {
        let table = try DiscreteTable(weights: [3])
        let stream = try RandomStream(seed: 33, replication: 0, key: 0)
        #expect((0..<100).allSatisfy { _ in table.sample(stream) == 0 })
    }

    @Test("a table is shared read-only across concurrent tasks")
    func sharedAcrossTasks() async throws {
        let table = try DiscreteTable(weights: [1, 2, 3, 4])
        let sums = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for replication in 0..<4 {
                group.addTask {
                    let stream = try RandomStream(seed: 34, replication: replication, key: 0)
                    return (replication, (0..<10_000).reduce(0) { total, _ in total + table.sample(stream) })
                }
            }
            return try await group.reduce(into: [Int: Int]()) { $0[$1.0] = $1.1 }
        }
        // The same draws, one stream after another on this thread: sharing the table changed nothing.
        for replication in 0..<4 {
            let stream = try RandomStream(seed: 34, replication: replication, key: 0)
            #expect(sums[replication] == (0..<10_000).reduce(0) { total, _ in total + table.sample(stream) })
        }
    }
}
