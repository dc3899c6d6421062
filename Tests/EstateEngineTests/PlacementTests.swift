@testable import EstateEngine
import EstateModel
import EstateRandom
import Testing

/// The multinomial draws placement rests on, by both of its methods.
@Suite("Placement draws")
struct PlacementTests {
    // Counts over 3,000 draws of n people over K weights: each cell is Binomial(n, p), so its
    // mean is within 5 standard errors (≈ 6e-7 per check), and a weight of 0 never gets anyone.
    // n = 10 < 4K goes person by person; n = 400 by GSL's conditional binomials.
    @Test("a few or many people are spread as multinomial counts of the weights", arguments: [10, 400])
    func multinomialCounts(n: Int) throws {
        let weights: [Double] = [5, 0, 1, 3, 0.5, 0, 2, 8, 1, 4, 0, 0.25]
        let scenario = Fixture.scenario(weights.indices.map { Fixture.establishment("E\($0)") },
                                        [Fixture.group("g", receptions: 1, stay: .exponential(mean: 1))], months: 1)
        let replication = Replication(plan: try SimulationPlan(scenario))
        let stream = try RandomStream(seed: 5, replication: 0, key: 0)
        let K = weights.count, trials = 3000, total = weights.reduce(0, +)
        var sums = [Double](repeating: 0, count: K)
        for _ in 0..<trials {
            for k in 0..<K { replication.weights[k] = weights[k] }
            replication.multinomial(n, K, stream)
            #expect((0..<K).reduce(0) { $0 + Int(replication.scratch[$1]) } == n)
            for k in 0..<K { sums[k] += Double(replication.scratch[k]) }
        }
        for k in 0..<K {
            let p = weights[k] / total, mean = Double(n) * p
            if p == 0 { #expect(sums[k] == 0); continue }
            let se = (Double(n) * p * (1 - p) / Double(trials)).squareRoot()
            #expect(abs(sums[k] / Double(trials) - mean) < 5 * se, "cell \(k)")
        }
    }

    /// Five locals of 100, 50, 30, 20 and 10 places holding 90, 20, 30, 5 and 10: 55 places free.
    static func crowdedLocals() throws -> Replication {
        let capacities = [100, 50, 30, 20, 10], held: [Int32] = [90, 20, 30, 5, 10]
        let scenario = Fixture.scenario(capacities.indices.map { Fixture.establishment("L\($0)", cna: capacities[$0]) },
                                        [Fixture.group("g", receptions: 1, stay: .exponential(mean: 1))], months: 1)
        let replication = Replication(plan: try SimulationPlan(scenario))
        for (e, n) in held.enumerated() { replication.held[e] = n }
        func stream(_ key: UInt64) throws -> RandomStream { try RandomStream(seed: 9, replication: 0, key: key) }
        replication.streams = (try stream(1), try stream(2), try stream(3), try stream(4), try stream(5))
        return replication
    }

    @Test("while places are free nobody is placed over operational capacity, full ones get nobody",
          arguments: [1, 20, 54, 55])
    func placementWithinRoom(n: Int) throws {
        let replication = try Self.crowdedLocals()
        let eligible = ArraySlice<Int32>([0, 1, 2, 3, 4]), room = [10, 30, 0, 15, 0]
        for _ in 0..<500 {
            replication.allocate(n, among: eligible)
            let counts = (0..<5).map { Int(replication.counts[$0]) }
            #expect(counts.reduce(0, +) == n)
            #expect(zip(counts, room).allSatisfy { $0 <= $1 }, "\(counts) against room \(room)")
        }
    }

    // When 80 people arrive for 55 free places every establishment is filled and the other 25 are
    // spread by operational capacity: each one's excess is Binomial(25, opcap / 210), so its mean
    // over 2,000 placements is within 5 standard errors (≈ 6e-7 per check).
    @Test("when there is not room for all, everyone is filled and the rest spread by operational capacity")
    func placementOverCapacity() throws {
        let replication = try Self.crowdedLocals()
        let eligible = ArraySlice<Int32>([0, 1, 2, 3, 4]), room = [10, 30, 0, 15, 0]
        let capacities = [100.0, 50, 30, 20, 10], trials = 2000
        var excess = [Double](repeating: 0, count: 5)
        for _ in 0..<trials {
            replication.allocate(80, among: eligible)
            let counts = (0..<5).map { Int(replication.counts[$0]) }
            #expect(counts.reduce(0, +) == 80)
            #expect(zip(counts, room).allSatisfy { $0 >= $1 })
            for k in 0..<5 { excess[k] += Double(counts[k] - room[k]) }
        }
        for k in 0..<5 {
            let p = capacities[k] / 210, se = (25 * p * (1 - p) / Double(trials)).squareRoot()
            #expect(abs(excess[k] / Double(trials) - 25 * p) < 5 * se, "establishment \(k)")
        }
    }
}
