import Testing
@testable import EstateRandom

@Suite("Whole-month stays")
struct WholeMonthStayTests {
    static let continuous = StayDistributionTests.continuous + [.fixed(months: 3.4), .fixed(months: 5)]
    static let profiles: [StayDistribution] = [
        .empirical(profile: [0.1, 0.2, 0.3, 0.4]),
        .empirical(profile: [0.02, 0.0, 0.18, 0.3, 0.0, 0.0, 0.25, 0.25]),
        .empirical(profile: [1]),
    ]
    static let factors = [1.0, 1.1, 0.8]

    @Test("tables sum to 1 and reproduce f·E[S] to 1e-6", arguments: continuous + profiles, factors)
    func meanAndMass(stay: StayDistribution, factor: Double) throws {
        let table = try WholeMonthStay(stay, factor: factor)
        #expect(table.probabilities.count == table.horizon + 1)
        #expect(table.probabilities.allSatisfy { $0 >= 0 })
        #expect(abs(table.probabilities.reduce(0, +) - 1) < 1e-12)
        #expect(abs(table.mean - factor * stay.mean) < 1e-6, "E[D] = \(table.mean), f·E[S] = \(factor * stay.mean)")
        #expect(table.probabilities[table.horizon] <= 1e-12 || table.horizon == 6000)
    }

    @Test("the residual sums to 1 and is P(D >= k)/E[D]", arguments: continuous + profiles)
    func residual(stay: StayDistribution) throws {
        let table = try WholeMonthStay(stay)
        let residual = table.residualProbabilities()
        #expect(residual.count == table.horizon + 1)
        #expect(abs(residual.reduce(0, +) - 1) < 1e-12)
        // P(R = k) = P(D >= k)/E[D], with E[D] = E[S] (factor 1); E[D] = 0 has its own test.
        guard stay.mean > 0 else { return }
        var atLeast = 1.0
        for k in 1...table.horizon {
            atLeast -= table.probabilities[k - 1]
            #expect(abs(residual[k - 1] - atLeast / stay.mean) < 1e-9)
        }
    }

    @Test("a profile comes back unchanged with factor 1")
    func profileIdentity() throws {
        let profile = [0.02, 0.0, 0.18, 0.3, 0.0, 0.0, 0.25, 0.25]
        let table = try WholeMonthStay(.empirical(profile: profile))
        #expect(table.horizon == profile.count)
        #expect(zip(table.probabilities, profile).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test("a scaled profile splits each month's mass by the fraction")
    func scaledProfile() throws {
        // D = 3 scaled by 1.1 is 3.3: floor(V + 3.3) is 3 w.p. 0.7 and 4 w.p. 0.3.
        let table = try WholeMonthStay(.empirical(profile: [0, 0, 0, 1]), factor: 1.1)
        #expect(abs(table.probabilities[3] - 0.7) < 1e-12 && abs(table.probabilities[4] - 0.3) < 1e-12)
    }

    @Test("a fixed stay gives floor(U + c) by hand")
    func fixedByHand() throws {
        let table = try WholeMonthStay(.fixed(months: 3.4))
        #expect(table.horizon == 5)
        let expected = [0, 0, 0, 0.6, 0.4, 0]
        #expect(zip(table.probabilities, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        let zero = try WholeMonthStay(.fixed(months: 0))
        #expect(zero.probabilities == [1, 0])
        #expect(zero.residualProbabilities() == [1, 0])  // E[D] = 0: documented fallback
    }

    @Test("the exponential table is geometric after month 0")
    func exponentialClosedForm() throws {
        // P(D >= k) = m(1 − e^{−1/m}) e^{−(k−1)/m} for k >= 1.
        let m = 8.0
        let table = try WholeMonthStay(.exponential(mean: m))
        var atLeast = 1.0
        for k in 0..<20 {
            let next = m * (1 - exp(-1 / m)) * exp(-Double(k) / m)
            #expect(abs(table.probabilities[k] - (atLeast - next)) < 1e-14)
            atLeast = next
        }
    }

    @Test("a maximum horizon keeps the mass beyond in the last cell")
    func cappedHorizon() throws {
        let table = try WholeMonthStay(.lognormal(mean: 40, sd: 60), maximumHorizon: 24)
        #expect(table.horizon == 24)
        #expect(table.probabilities[24] > 0.1)
        #expect(abs(table.probabilities.reduce(0, +) - 1) < 1e-12)
        #expect(abs(table.residualProbabilities().reduce(0, +) - 1) < 1e-12)
    }

    // Chi-square at p = 1e-6: D = floor(U + f·S) drawn directly against the table.
    @Test("D = floor(U + f·S) drawn directly matches the table",
          arguments: StayDistributionTests.continuous, [1.0, 0.8])
    func monteCarlo(stay: StayDistribution, factor: Double) throws {
        let table = try WholeMonthStay(stay, factor: factor)
        let stream = try RandomStream(seed: 51, replication: 0, key: RandomStream.streamKey(stay.family.rawValue))
        var counts = [Int](repeating: 0, count: table.horizon + 1)
        for _ in 0..<100_000 {
            let d = Int((stream.uniform() + factor * stay.sample(stream)).rounded(.down))
            counts[min(d, table.horizon)] += 1
        }
        let test = ChiSquareTest(observed: counts, probabilities: table.probabilities)
        #expect(test.passes, "chi-square \(test.statistic) > \(test.criticalValue) (df \(test.degreesOfFreedom))")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
