@testable import EstateEngine
import EstateRandom
import Testing

/// Placement (DESIGN.md §2) through `Placement`'s own interface: the counts it returns.
@Suite("Placement draws")
struct PlacementTests {
    // Counts over 3,000 draws of n people over K weights: each cell is Binomial(n, p), so its
    // mean is within 5 standard errors (≈ 6e-7 per check), and a weight of 0 never gets anyone.
    // n = 10 < 4K goes person by person; n = 400 by GSL's conditional binomials.
    @Test("a few or many people are spread as multinomial counts of the weights", arguments: [10, 400])
    func multinomialCounts(n: Int) throws {
        let weights: [Double] = [5, 0, 1, 3, 0.5, 0, 2, 8, 1, 4, 0, 0.25]
        let placement = Placement(capacity: weights.count)
        let stream = try RandomStream(seed: 5, replication: 0, key: 0)
        let K = weights.count, trials = 3000, total = weights.reduce(0, +)
        var sums = [Double](repeating: 0, count: K)
        for _ in 0..<trials {
            placement.multinomial(n, count: K, stream: stream) { weights[$0] }
            #expect((0..<K).reduce(0) { $0 + Int(placement.drawn[$1]) } == n)
            for k in 0..<K { sums[k] += Double(placement.drawn[k]) }
        }
        for k in 0..<K {
            let p = weights[k] / total, mean = Double(n) * p
            if p == 0 { #expect(sums[k] == 0); continue }
            let se = (Double(n) * p * (1 - p) / Double(trials)).squareRoot()
            #expect(abs(sums[k] / Double(trials) - mean) < 5 * se, "cell \(k)")
        }
    }

    /// Five locals of 100, 50, 30, 20 and 10 places holding 90, 20, 30, 5 and 10: 55 places free.
    static let capacities = [100, 50, 30, 20, 10], room = [10, 30, 0, 15, 0]

    @Test("while places are free nobody is placed over operational capacity, full ones get nobody",
          arguments: [1, 20, 54, 55])
    func placementWithinRoom(n: Int) throws {
        let placement = Placement(capacity: 5)
        let stream = try RandomStream(seed: 9, replication: 0, key: 3)
        for _ in 0..<500 {
            placement.split(n, count: 5, stream: stream, free: { Self.room[$0] }, capacity: { Self.capacities[$0] })
            let counts = (0..<5).map { Int(placement.counts[$0]) }
            #expect(counts.reduce(0, +) == n)
            #expect(zip(counts, Self.room).allSatisfy { $0 <= $1 }, "\(counts) against room \(Self.room)")
        }
    }

    // When 80 people arrive for 55 free places every establishment is filled and the other 25 are
    // spread by operational capacity: each one's excess is Binomial(25, opcap / 210), so its mean
    // over 2,000 placements is within 5 standard errors (≈ 6e-7 per check).
    @Test("when there is not room for all, everyone is filled and the rest spread by operational capacity")
    func placementOverCapacity() throws {
        let placement = Placement(capacity: 5)
        let stream = try RandomStream(seed: 9, replication: 0, key: 3)
        let trials = 2000
        var excess = [Double](repeating: 0, count: 5)
        for _ in 0..<trials {
            placement.split(80, count: 5, stream: stream, free: { Self.room[$0] }, capacity: { Self.capacities[$0] })
            let counts = (0..<5).map { Int(placement.counts[$0]) }
            #expect(counts.reduce(0, +) == 80)
            #expect(zip(counts, Self.room).allSatisfy { $0 >= $1 })
            for k in 0..<5 { excess[k] += Double(counts[k] - Self.room[k]) }
        }
        for k in 0..<5 {
            let p = Double(Self.capacities[k]) / 210, se = (25 * p * (1 - p) / Double(trials)).squareRoot()
            #expect(abs(excess[k] / Double(trials) - 25 * p) < 5 * se, "establishment \(k)")
        }
    }
}
