import EstateResults
import Foundation
import Testing

@Suite("Per-establishment accumulators: fixed size, exact sums, merged in any order")
struct EstablishmentAccumulatorTests {
    /// One replication's figures for E × H cells: populations around 200 ± `spread`, crowded
    /// against an in-use CNA of 190 (factor 2), operational capacity 210.
    static func replication(_ random: inout HistogramTests.SplitMix, cells: Int, spread: Int32)
        -> (population: [Int32], crowded: [Int32]) {
        let population = (0..<cells).map { i in
            i % 5 == 0 ? 0 : max(0, 200 + Int32.random(in: -spread...spread, using: &random) + Int32(i % 7))
        }
        return (population, population.map { Crowding.crowded(population: $0, inUseCNA: 190, factor: 2) })
    }

    static let E = 3, H = 4
    static let capacity = [Int32](repeating: 210, count: E * H)

    /// `count` replications, the figures of each, and an accumulator of them added one by one.
    static func sample(_ count: Int, spread: Int32, seed: UInt64) -> [(population: [Int32], crowded: [Int32])] {
        var random = HistogramTests.SplitMix(state: seed)
        return (0..<count).map { _ in replication(&random, cells: E * H, spread: spread) }
    }

    static func accumulate(
        _ replications: ArraySlice<(population: [Int32], crowded: [Int32])>
    ) -> EstablishmentAccumulator {
        var accumulator = EstablishmentAccumulator(establishments: E, months: H)
        for r in replications {
            accumulator.add(population: r.population, crowded: r.crowded, operationalCapacity: capacity)
        }
        return accumulator
    }

    @Test("sums, counts over capacity and histograms agree with the replications, kept as they came or summarised",
          arguments: [1, 2, 4, 5, 9, 60])
    func figures(count: Int) {
        let sample = Self.sample(count, spread: 40, seed: UInt64(count))
        let accumulator = Self.accumulate(sample[...])
        #expect(accumulator.replications == count)
        for cell in 0..<(Self.E * Self.H) {
            #expect(accumulator.populationSum(cell) == sample.reduce(0) { $0 + Int64($1.population[cell]) })
            #expect(accumulator.crowdedSum(cell) == sample.reduce(0) { $0 + Int64($1.crowded[cell]) })
            #expect(accumulator.overOperationalCapacity(cell) == sample.filter { $0.population[cell] > 210 }.count)
            var histogram = BoundedHistogram(binCount: accumulator.binCount)
            for r in sample { histogram.add(r.population[cell]) }
            #expect(accumulator.populationHistogram(cell) == histogram)
        }
    }

    @Test("""
        splitting the replications into parts and merging them in any order gives the same accumulator, \
        and so does saving it
        """,
          arguments: [(10, 3), (7, 40), (30, 400), (90, 4000)])
    func mergeOrder(count: Int, spread: Int32) throws {
        let sample = Self.sample(count, spread: spread, seed: 7)
        let whole = Self.accumulate(sample[...])
        // Parts of 1, 2, 3 … replications: some kept as they came, some summarised.
        var parts = [EstablishmentAccumulator](), start = 0, size = 1
        while start < count {
            parts.append(Self.accumulate(sample[start..<min(count, start + size)]))
            start += size
            size += 1
        }
        for order in [Array(parts.indices), parts.indices.reversed(),
                      parts.indices.sorted { ($0 * 7) % 5 < ($1 * 7) % 5 }] {
            var merged = EstablishmentAccumulator(establishments: Self.E, months: Self.H)
            for k in order { merged.merge(parts[k]) }
            #expect(merged == whole, "order \(order)")
            for cell in 0..<(Self.E * Self.H) {
                #expect(merged.populationHistogram(cell).quantile(0.05)
                        == whole.populationHistogram(cell).quantile(0.05))
            }
        }
        let saved = try PropertyListEncoder().encode(whole)
        let loaded = try PropertyListDecoder().decode(EstablishmentAccumulator.self, from: saved)
        #expect(loaded == whole)
        #expect(try PropertyListEncoder().encode(loaded) == saved)
    }

    @Test("16- and 32-bit counters carry past their range: exact beyond 65,535 replications and 2^32 people")
    func carries() throws {
        // One establishment, one month, 70,000 replications of 100,000 people (over capacity):
        // the count of the one bin and of replications over capacity pass 2^16, the sums 2^32.
        var a = EstablishmentAccumulator(establishments: 1, months: 1)
        for _ in 0..<70_000 { a.add(population: [100_000], crowded: [90_000], operationalCapacity: [50_000]) }
        #expect(a.populationSum(0) == 7_000_000_000 && a.crowdedSum(0) == 6_300_000_000)
        #expect(a.overOperationalCapacity(0) == 70_000)
        #expect(a.populationHistogram(0).total == 70_000 && a.populationHistogram(0).quantile(0.95) == 100_000)
        var b = a
        b.add(population: [100_031], crowded: [90_000], operationalCapacity: [50_000])
        b.merge(a)
        #expect(b.populationSum(0) == 14_000_100_031 && b.overOperationalCapacity(0) == 140_001)
        let histogram = b.populationHistogram(0)
        #expect(histogram.binWidth == 1 && histogram.counts[0] == 140_000 && histogram.counts[31] == 1)
        let loaded = try PropertyListDecoder().decode(EstablishmentAccumulator.self,
                                                      from: PropertyListEncoder().encode(b))
        #expect(loaded == b && loaded.populationSum(0) == 14_000_100_031)
    }

    @Test("a saved accumulator whose histograms do not hold every replication is refused")
    func corrupt() throws {
        let whole = Self.accumulate(Self.sample(9, spread: 10, seed: 3)[...])
        var plist = try #require(try PropertyListSerialization.propertyList(
            from: PropertyListEncoder().encode(whole), format: nil) as? [String: Any])
        plist["replications"] = 10
        let data = try PropertyListSerialization.data(fromPropertyList: plist, format: .binary, options: 0)
        #expect(throws: DecodingError.self) {
            try PropertyListDecoder().decode(EstablishmentAccumulator.self, from: data)
        }
    }

    @Test("the bins are fixed by the size of the estate: 256 for a small one, 16 for a national one of 100 years")
    func binsBySize() {
        #expect(EstablishmentAccumulator(establishments: 120, months: 120).binCount == 256)
        #expect(EstablishmentAccumulator(establishments: 12_000, months: 120).binCount == 64)
        #expect(EstablishmentAccumulator(establishments: 5_000, months: 1_200).binCount == 16)
        #expect(EstablishmentAccumulator(establishments: 60_000, months: 1_200).binCount == 16)
        // The summary of 5,000 × 1,200 cells: 47 bytes a cell, 282 MB.
        #expect(EstablishmentAccumulator.summaryBytesPerCell(binCount: 16) == 47)
        #expect(6_000_000 * EstablishmentAccumulator.summaryBytesPerCell(binCount: 16)
                <= BoundedHistogram.summaryBudget)
    }
}
