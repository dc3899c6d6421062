import EstateResults
import Testing

@Suite("Exact histograms and quantiles of a non-decreasing transform")
struct HistogramTests {
    /// The type-7 quantile of `values`, written here independently.
    static func quantile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * p
        let lo = Int(h), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    @Test("quantiles of crowded computed from the population histogram equal those of the crowded values",
          arguments: [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0])
    func monotoneTransform(p: Double) {
        // Populations around an in-use CNA of 100: some crowded, some not.
        let populations: [Int32] = [80, 95, 99, 100, 101, 101, 103, 110, 120, 97, 150, 100, 104]
        var histogram = IntegerHistogram()
        for value in populations { histogram.add(value) }
        let crowded = populations.map { Double(Crowding.crowded(population: $0, inUseCNA: 100, factor: 2)) }
        let fromHistogram = histogram.quantile(p) { Double(Crowding.crowded(population: $0, inUseCNA: 100, factor: 2)) }
        #expect(abs(fromHistogram - Self.quantile(crowded, p)) < 1e-12)
        #expect(abs(histogram.quantile(p) - Self.quantile(populations.map(Double.init), p)) < 1e-12)
    }

    @Test("merging histograms in either order gives the same histogram")
    func merge() {
        var a = IntegerHistogram(), b = IntegerHistogram()
        for value: Int32 in [5, 9, 7, 5] { a.add(value) }
        for value: Int32 in [2, 12, 7] { b.add(value) }
        var ab = a, ba = b
        ab.merge(b)
        ba.merge(a)
        #expect(ab == ba)
        #expect(ab.total == 7 && ab.offset == 2 && ab.counts.count == 11)
    }
}
