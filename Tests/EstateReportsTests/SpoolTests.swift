import EstateEngine
import EstateModel
import EstateReports
import EstateResults
import Foundation
import Testing

@Suite("Series spooled to disk, and results whose size does not grow with replications")
struct SpoolTests {
    static func encodedSize(_ results: BatchResults) throws -> Int {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        return try encoder.encode(results).count
    }

    @Test("without its series, a batch's results do not grow with its replications")
    func sizeIndependentOfReplications() throws {
        let scenario = Fixture.scenario(months: 24, replications: 400)
        var few = try Fixture.run(scenario, replications: Array(0..<40))
        var many = try Fixture.run(scenario)
        let seriesBytes = many.series.reduce(0) { $0 + 4 * $1.storage.count }
        #expect(few.takeSeries().count == 40)
        #expect(many.takeSeries().count == 400)
        #expect(many.series.isEmpty && many.replicationCount == 400)
        let small = try Self.encodedSize(few), large = try Self.encodedSize(many)
        // Ten times the replications: the histograms widen a little with the spread seen, while
        // keeping the series would add all of `seriesBytes`.
        #expect(large - small < seriesBytes / 10, "\(small) → \(large) bytes; the series are \(seriesBytes)")
        #expect(large < 2 * small, "\(small) → \(large) bytes")
    }

    @Test("a store written from spooled series has the same contents as one from held series; a short spool is refused")
    func spoolEqualsHeld() throws {
        let scenario = Fixture.scenario(replications: 30)
        let whole = try Fixture.run(scenario)
        let held = try Fixture.temporaryDirectory(), spooled = try Fixture.temporaryDirectory()
        let spoolFolder = try Fixture.temporaryDirectory(), short = try Fixture.temporaryDirectory()
        defer { for d in [held, spooled, spoolFolder, short] { try? FileManager.default.removeItem(atPath: d) } }
        try ReportWriter(directory: held).write([whole])

        // Two parts, their series spooled in two files, the results merged without them.
        var first = try Fixture.run(scenario, replications: Array(0..<12))
        var second = try Fixture.run(scenario, replications: Array(12..<30))
        var spool = SeriesSpool()
        try spool.write(second.takeSeries(), scenario: 0, to: spoolFolder, name: "b.bin")
        try spool.write(first.takeSeries(), scenario: 0, to: spoolFolder, name: "a.bin")
        let merged = try BatchResults.merged([first, second])
        #expect(merged.series.isEmpty)
        try ReportWriter(directory: spooled).write([merged], spool: spool)
        for name in MergeAndStoreTests.files {
            #expect(try Data(contentsOf: URL(fileURLWithPath: held + "/" + name))
                    == Data(contentsOf: URL(fileURLWithPath: spooled + "/" + name)), "\(name)")
        }
        #expect(try StoreContents(held + "/results.sqlite") == StoreContents(spooled + "/results.sqlite"))

        // The spool read back is the series, unchanged.
        var read = [ReplicationSeries]()
        try spool.forEachSeries { k, series in
            #expect(k == 0)
            read.append(series)
        }
        #expect(read.sorted { $0.replication < $1.replication } == whole.series)

        // One file of the two: the store is not written, and the reason names the counts.
        let error = #expect(throws: ReportError.self) {
            try ReportWriter(directory: short).write([merged], spool: SeriesSpool(files: [spool.files[0]]))
        }
        #expect(error?.description.contains("hold 18 replications, its results 30") == true,
                "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: short + "/results.sqlite"))
    }

    @Test("a damaged series file is a clear error, not a crash")
    func damaged() throws {
        let folder = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var results = try Fixture.run(Fixture.scenario(replications: 4))
        var spool = SeriesSpool()
        try spool.write(results.takeSeries(), scenario: 0, to: folder, name: "s.bin")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/s.bin"))
        try data.prefix(data.count - 3).write(to: URL(fileURLWithPath: folder + "/cut.bin"))
        try Data("not a spool".utf8).write(to: URL(fileURLWithPath: folder + "/other.bin"))
        for name in ["cut.bin", "other.bin"] {
            let error = #expect(throws: ReportError.self) {
                try SeriesSpool(files: [folder + "/" + name]).forEachSeries { _, _ in }
            }
            #expect(error?.description.contains("not a series file of estate-sim") == true, "\(name)")
        }
    }
}
