import EstateResults
import Foundation
import Testing

@Suite("Bounded histograms and quantiles of a non-decreasing transform")
struct HistogramTests {
    /// The type-7 quantile of `values`, written here independently.
    static func quantile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * p
        let lo = Int(h), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    static let levels = [0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0]

    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("quantiles are exact, of the population and of the crowded, while the values span at most 32 integers",
          arguments: [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0])
    func exactWhenTheSpreadFits(p: Double) {
        // Populations around an in-use CNA of 100, 31 apart at most: some crowded, some not.
        let populations: [Int32] = [80, 95, 99, 100, 101, 101, 103, 110, 109, 97, 111, 100, 104]
        var histogram = BoundedHistogram()
        for value in populations { histogram.add(value) }
        #expect(histogram.binWidth == 1 && histogram.lowerBound == 80 && histogram.upperBound == 111)
        let crowded = populations.map { Double(Crowding.crowded(population: $0, inUseCNA: 100, factor: 2)) }
        let fromHistogram = histogram.quantile(p) { Double(Crowding.crowded(population: $0, inUseCNA: 100, factor: 2)) }
        #expect(abs(fromHistogram - Self.quantile(crowded, p)) < 1e-12)
        #expect(abs(histogram.quantile(p) - Self.quantile(populations.map(Double.init), p)) < 1e-12)
    }

    @Test("one more value past 32 integers doubles the bin width")
    func coarsens() {
        var histogram = BoundedHistogram()
        for value: Int32 in 100...131 { histogram.add(value) }
        #expect(histogram.binWidth == 1 && histogram.start == 100)
        histogram.add(132)
        // Bins of two aligned on even values: 100-101 … 132-133, 17 of them.
        #expect(histogram.binWidth == 2 && histogram.start == 50 && histogram.total == 33)
        #expect(histogram.counts.prefix(17).allSatisfy { $0 > 0 }
                && histogram.counts.dropFirst(17).allSatisfy { $0 == 0 })
    }

    /// Random samples of populations: a few hundred replications, spreads from a handful to
    /// thousands of people, some heavy-tailed, crowded against an in-use CNA inside the spread.
    @Test("""
        on random data every quantile is within one bin width of the sorted sample's, crowded within \
        factor × width
        """,
          arguments: 0..<40)
    func withinOneBinWidth(seed: UInt64) {
        var random = SplitMix(state: seed)
        let n = Int.random(in: 1...600, using: &random)
        let centre = Int32.random(in: 0...3000, using: &random)
        let spread = [4, 15, 31, 32, 33, 255, 1000, 50_000][Int(seed) % 8]
        var values = (0..<n).map { _ in
            max(0, centre + Int32.random(in: 0...Int32(spread), using: &random) - Int32(spread / 2))
        }
        if seed % 3 == 0 { values[0] = centre * 4 + 7 }  // one outlier
        let factor = [2.0, 0.5, 1.5, 3.0][Int(seed) % 4]
        let cna = Int32(centre) - 3
        var histogram = BoundedHistogram(binCount: [16, 32, 256][Int(seed / 8) % 3])
        for value in values { histogram.add(value) }
        let w = Double(histogram.binWidth)
        let range = Double(values.max()! - values.min()!)
        if range < Double(histogram.binCount) { #expect(w == 1) }
        // The width is the smallest power of two that fits: below 2 × range / (bins − 1).
        if w > 1 { #expect(w < 2 * range / Double(histogram.binCount - 1)) }
        func crowded(_ v: Int32) -> Double { Double(Crowding.crowded(population: v, inUseCNA: cna, factor: factor)) }
        let crowdedBound = (max(1, factor) * (w - 1)).rounded(.up)
        for p in Self.levels {
            let exact = Self.quantile(values.map(Double.init), p)
            #expect(abs(histogram.quantile(p) - exact) <= w - 1, "seed \(seed) p \(p): width \(w)")
            let exactCrowded = Self.quantile(values.map(crowded), p)
            #expect(abs(histogram.quantile(p, of: crowded) - exactCrowded) <= crowdedBound, "seed \(seed) p \(p)")
            if w == 1 { #expect(histogram.quantile(p) == exact) }
        }
    }

    @Test("merging in any order, or adding one by one, gives the same histogram", arguments: 0..<10)
    func orderIndependent(seed: UInt64) {
        var random = SplitMix(state: 100 + seed)
        let parts = (0..<5).map { _ in
            (0..<Int.random(in: 0...40, using: &random)).map { _ in
                Int32.random(in: 0...(Int32(seed) * 40 + 20), using: &random)
            }
        }
        func histogram(_ values: [Int32]) -> BoundedHistogram {
            var h = BoundedHistogram()
            for v in values { h.add(v) }
            return h
        }
        let whole = histogram(parts.flatMap { $0 }.shuffled(using: &random))
        var forwards = BoundedHistogram(), backwards = BoundedHistogram()
        for part in parts { forwards.merge(histogram(part)) }
        for part in parts.reversed() { backwards.merge(histogram(part)) }
        #expect(forwards == whole && backwards == whole)
    }
}
