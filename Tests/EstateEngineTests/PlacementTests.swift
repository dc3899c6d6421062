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
}
