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
            place(n, with: placement, stream: stream)
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
            place(80, with: placement, stream: stream)
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

    /// Splits `n` over the five establishments of `room` and `capacities`.
    func place(_ n: Int, with placement: borrowing Placement, stream: RandomStream) {
        let free = placement.measure(count: 5) { Self.room[$0] }
        placement.split(n, count: 5, totalFree: free, stream: stream, capacity: { Self.capacities[$0] })
    }

    /// What `spread` leaves: the people placed and their tallied stays, by establishment.
    struct Spread {
        var placed: [Int]
        var zeros: [Int]
        /// Row k's counts by stay, the zeros put back in cell 0.
        var stays: [[Int]]
    }

    static let stayWeights: [Double] = [0.3, 0.25, 0.2, 0.1, 0.08, 0.05, 0.02]

    /// The placement and stays streams of a test.
    func streams(_ generator: GeneratorKind, seed: UInt64) throws -> (placing: RandomStream, staying: RandomStream) {
        (try RandomStream(generator: generator, seed: seed, replication: 0, key: 3),
         try RandomStream(generator: generator, seed: seed, replication: 0, key: 4))
    }

    /// Places and tallies `n` people with `spread` into fresh rows of the five establishments.
    func spread(_ n: Int, with placement: borrowing Placement, tally: DiscreteTally, placing: RandomStream,
                staying: RandomStream) -> Spread {
        let L = Self.stayWeights.count + 1, offset = 0
        var rows = [Int32](repeating: 0, count: 5 * L)
        let free = placement.measure(count: 5) { Self.room[$0] }
        #expect(free >= n)
        let done = rows.withUnsafeMutableBufferPointer { rows in
            placement.spread(n, count: 5, tally: tally, placing: placing, staying: staying, rows: rows,
                             rowStart: { $0 * L }, offset: offset, last: L - 1)
        }
        #expect(done, "taus2 and mt19937 draw words")
        let zeros = (0..<5).map { Int(placement.zeros[$0]) }
        var stays = (0..<5).map { Array(rows[($0 * L)..<($0 * L + L)].map(Int.init)) }
        for k in 0..<5 { stays[k][offset] += zeros[k] }
        return Spread(placed: (0..<5).map { Int(placement.counts[$0]) }, zeros: zeros, stays: stays)
    }

    @Test("spread never places over the room, loses nobody, and books everyone it places",
          arguments: [1, 20, 54, 55])
    func spreadWithinRoom(n: Int) throws {
        let placement = Placement(capacity: 5)
        let tally = try DiscreteTally(weights: Self.stayWeights)
        let (placing, staying) = try streams(.taus2, seed: 9)
        for _ in 0..<500 {
            let result = spread(n, with: placement, tally: tally, placing: placing, staying: staying)
            #expect(result.placed.reduce(0, +) == n)
            #expect(zip(result.placed, Self.room).allSatisfy { $0 <= $1 }, "\(result.placed) against room \(Self.room)")
            #expect((0..<5).allSatisfy { result.stays[$0].reduce(0, +) == result.placed[$0] })
        }
    }

    // `spread` is `split`'s rounds drawn person by person: over 4,000 placements of each, every
    // establishment's mean count agrees within 5 standard errors of the difference (≈ 6e-7 per
    // check; the counts' variances are estimated from the samples). n = 54 of 55 free places
    // makes most placements go round several times, n = 20 a few.
    @Test("spread splits people as split does, rounds included", arguments: [20, 54])
    func spreadMatchesSplit(n: Int) throws {
        let placement = Placement(capacity: 5)
        let tally = try DiscreteTally(weights: Self.stayWeights)
        let (placing, staying) = try streams(.taus2, seed: 11)
        let splitting = try RandomStream(generator: .taus2, seed: 11, replication: 0, key: 5)
        let trials = 4000
        var bySpread = [[Double]](repeating: [], count: 5), bySplit = bySpread
        for _ in 0..<trials {
            let result = spread(n, with: placement, tally: tally, placing: placing, staying: staying)
            place(n, with: placement, stream: splitting)
            for k in 0..<5 {
                bySpread[k].append(Double(result.placed[k]))
                bySplit[k].append(Double(placement.counts[k]))
            }
        }
        for k in 0..<5 {
            let a = Moments(bySpread[k]), b = Moments(bySplit[k])
            let se = (a.variance / Double(trials) + b.variance / Double(trials)).squareRoot()
            if se == 0 { #expect(a.mean == b.mean, "establishment \(k)"); continue }
            #expect(abs(a.mean - b.mean) < 5 * se, "establishment \(k): \(a.mean) by spread, \(b.mean) by split")
        }
    }

    // The stays booked are the stay distribution's, whichever establishment people went to: over
    // 3,000 placements of 40 people (120,000 stays) each stay's share of an establishment's
    // people is within 5 standard errors of its probability (binomial, ≈ 6e-7 per check); stay 0
    // is the people leaving within the month, counted apart by `spread`.
    @Test("each establishment's stays are drawn from the stay distribution")
    func spreadStays() throws {
        let placement = Placement(capacity: 5)
        let tally = try DiscreteTally(weights: Self.stayWeights)
        let (placing, staying) = try streams(.mt19937, seed: 13)
        var byStay = [[Int]](repeating: [Int](repeating: 0, count: Self.stayWeights.count), count: 5)
        var people = [Int](repeating: 0, count: 5)
        for _ in 0..<3000 {
            let result = spread(40, with: placement, tally: tally, placing: placing, staying: staying)
            for k in 0..<5 {
                people[k] += result.placed[k]
                for d in Self.stayWeights.indices { byStay[k][d] += result.stays[k][d] }
            }
        }
        let total = Self.stayWeights.reduce(0, +)
        for k in 0..<5 where people[k] > 0 {
            let n = Double(people[k])
            for d in Self.stayWeights.indices {
                let p = Self.stayWeights[d] / total, se = (p * (1 - p) / n).squareRoot()
                #expect(abs(Double(byStay[k][d]) / n - p) < 5 * se, "establishment \(k), stay \(d)")
            }
        }
        #expect(people[2] == 0 && people[4] == 0, "full establishments get nobody")
    }

    // 20 people with a placement generator that has no words, or 56 for the 55 free places.
    @Test("spread leaves to split what it cannot do, drawing nothing",
          arguments: [(GeneratorKind.ranlxd2, 20), (GeneratorKind.taus2, 56)])
    func spreadDeclines(placingGenerator: GeneratorKind, n: Int) throws {
        let placement = Placement(capacity: 5)
        let tally = try DiscreteTally(weights: Self.stayWeights)
        let (placing, _) = try streams(placingGenerator, seed: 3)
        let (_, staying) = try streams(.taus2, seed: 3)
        var rows = [Int32](repeating: 0, count: 5 * 8)
        _ = placement.measure(count: 5) { Self.room[$0] }
        let done = rows.withUnsafeMutableBufferPointer { rows in
            placement.spread(n, count: 5, tally: tally, placing: placing, staying: staying, rows: rows,
                             rowStart: { $0 * 8 }, offset: 0, last: 7)
        }
        #expect(!done)
        #expect(rows.allSatisfy { $0 == 0 })
        let fresh = try RandomStream(generator: .taus2, seed: 3, replication: 0, key: 4)
        #expect(staying.uniform() == fresh.uniform(), "the stays stream was not drawn from")
    }

    /// Sample mean and variance.
    struct Moments {
        let mean: Double, variance: Double
        init(_ values: [Double]) {
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            self.mean = mean
            variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        }
    }
}
