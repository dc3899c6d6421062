import EstateResults
import Foundation
import Testing

@Suite("Statistics from exact histograms, and replication index sets")
struct NationalAccumulatorTests {
    /// Populations of a small batch, with ties and a wide spread.
    static let values: [Int32] = [812, 799, 805, 830, 799, 812, 790, 845, 801, 799, 823, 808, 812, 786, 850, 804,
                                  799, 817]

    static func histogram(_ values: [Int32]) -> IntegerHistogram {
        var histogram = IntegerHistogram()
        for value in values { histogram.add(value) }
        return histogram
    }

    @Test("quantiles, mean and sd from a histogram equal those from sorting the sample (R's type 7)")
    func histogramEqualsSortedSample() {
        let histogram = Self.histogram(Self.values)
        let mean = Double(Self.values.reduce(0) { $0 + Int($1) }) / Double(Self.values.count)
        let fromHistogram = SummaryStatistics(histogram, mean: mean, extraLevels: [0.01, 0.9]) { Double($0) }
        let fromSample = SummaryStatistics(Self.values.map(Double.init), extraLevels: [0.01, 0.9])
        #expect(fromHistogram.quantiles == fromSample.quantiles)
        #expect(fromHistogram.extraQuantiles == fromSample.extraQuantiles)
        #expect(fromHistogram.mean == fromSample.mean)
        #expect(abs(fromHistogram.sd - fromSample.sd) <= 1e-12 * fromSample.sd)
    }

    @Test("""
        a histogram holds one entry per distinct value whatever their spread, \
        and is the same added or merged in any order
        """)
    func distinctValuesInAnyOrder() {
        // A wide spread (a band of ±2 million) over few replications: 60 entries, not 4 million.
        var random = HistogramTests.SplitMix(state: 11)
        let values = (0..<60).map { _ in Int32.random(in: -2_000_000...2_000_000, using: &random) }
            + Self.values + Self.values
        let whole = Self.histogram(values)
        #expect(whole.values == Array(Set(values)).sorted())
        #expect(whole.counts.count == Set(values).count && whole.total == values.count)
        #expect(whole == Self.histogram(values.reversed()))
        var merged = Self.histogram(Array(values[40...]))
        merged.merge(Self.histogram(Array(values[..<15])))
        merged.merge(IntegerHistogram())
        merged.merge(Self.histogram(Array(values[15..<40])))
        #expect(merged == whole)
        let sorted = values.sorted()
        #expect(whole.values(atRanks: [0, 7, values.count - 1]) == [sorted[0], sorted[7], sorted[values.count - 1]])
    }

    @Test("a histogram of values to a resolution gives quantiles within half a step of the exact ones")
    func resolution() {
        let ratios = Self.values.enumerated().map { Double($1) / Double(3_000 + 7 * $0) * 100 }
        let step = 0.001
        let histogram = Self.histogram(ratios.map { Int32(($0 / step).rounded()) })
        let mean = ratios.reduce(0, +) / Double(ratios.count)
        let fromHistogram = SummaryStatistics(histogram, mean: mean) { Double($0) * step }
        let exact = SummaryStatistics(ratios)
        for (a, b) in zip(fromHistogram.quantiles, exact.quantiles) { #expect(abs(a - b) <= step / 2 + 1e-12) }
    }

    @Test("replication indices: ranges, union, overlap named, missing, round trip")
    func indices() throws {
        var a = ReplicationIndices()
        for r in [0, 1, 2, 5, 6, 9] {
            let inserted = a.insert(r)
            #expect(inserted)
        }
        let again = a.insert(5)
        #expect(!again)
        #expect(a.rangeTexts == ["0-2", "5-6", "9"])
        #expect(a.count == 6)
        #expect(a.missing(below: 12) == [3, 4, 7, 8, 10, 11])
        var b = ReplicationIndices([3, 4, 7, 8])
        #expect(b.formUnion(a).isEmpty)
        #expect(b.rangeTexts == ["0-9"])
        var c = ReplicationIndices(Array(8...12))
        #expect(c.formUnion(a) == [9])
        #expect(c.rangeTexts == ["8-12"], "nothing changes when they overlap")
        // Out of order insertion coalesces.
        var d = ReplicationIndices()
        for r in [4, 2, 3, 0] { d.insert(r) }
        #expect(d.rangeTexts == ["0", "2-4"])
        #expect(d.contains(3) && !d.contains(1) && !d.contains(5))
        let decoded = try PropertyListDecoder().decode(ReplicationIndices.self, from: PropertyListEncoder().encode(a))
        #expect(decoded == a)
    }
}
