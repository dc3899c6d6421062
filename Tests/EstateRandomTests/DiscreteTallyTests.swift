import Testing
@testable import EstateRandom

@Suite("Discrete tallies")
struct DiscreteTallyTests {
    static let weights: [Double] = [0.35, 0.25, 0.15, 0.1, 0.08, 0.04, 0.02, 0.01]

    // Each cell's count over 2,000 tallies of n draws is Binomial(n, p): its mean is within 5
    // standard errors and its variance within 5 standard errors of n·p·(1−p) (the variance of a
    // sample variance taken from the binomial's fourth central moment). 16 checks per size at
    // ≈ 6e-7 each. n = 20 draws everything one by one; n = 2,000 draws the head by binomials.
    @Test("tallies are multinomial counts: each cell's mean and variance", arguments: [20, 2000])
    func multinomialMoments(n: Int) throws {
        let tally = try DiscreteTally(weights: Self.weights)
        let stream = try RandomStream(seed: 41, replication: 0, key: 1)
        let K = Self.weights.count, trials = 2000
        var counts = [[Double]](repeating: [], count: K)
        var row = [Int32](repeating: 0, count: K)
        for _ in 0..<trials {
            for d in row.indices { row[d] = 0 }
            let zeros = row.withUnsafeMutableBufferPointer { tally.tally(n, from: stream, into: $0, offset: 0) }
            row[0] = Int32(zeros)
            #expect(row.reduce(0, +) == Int32(n))
            for d in 0..<K { counts[d].append(Double(row[d])) }
        }
        for d in 0..<K {
            let p = Self.weights[d], mu = Double(n) * p, variance = mu * (1 - p)
            let m = counts[d].reduce(0, +) / Double(trials)
            let s2 = counts[d].reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(trials - 1)
            #expect(abs(m - mu) < 5 * (variance / Double(trials)).squareRoot(), "cell \(d): mean \(m), expected \(mu)")
            let mu4 = variance * (1 + 3 * (Double(n) - 2) * p * (1 - p))
            let varianceOfS2 = (mu4 - variance * variance * Double(trials - 3) / Double(trials - 1)) / Double(trials)
            #expect(abs(s2 - variance) < 5 * varianceOfS2.squareRoot(),
                    "cell \(d): variance \(s2), expected \(variance)")
        }
    }

    @Test("counts beyond the row's end go to its last cell, and the offset shifts them")
    func offsetAndFolding() throws {
        let tally = try DiscreteTally(weights: Self.weights)
        let stream = try RandomStream(seed: 42, replication: 0, key: 1)
        var row = [Int32](repeating: 0, count: 6)
        let zeros = row.withUnsafeMutableBufferPointer { tally.tally(5000, from: stream, into: $0, offset: 2) }
        #expect(row[0] == 0 && row[1] == 0 && row[2] == 0)
        #expect(Int(row.reduce(0, +)) + zeros == 5000)
        #expect(row[5] > row[4], "cells 3…7 of the distribution fold into the row's last cell")
    }
}
