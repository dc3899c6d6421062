import EstateEngine
import EstateModel
import EstateReports
import EstateResults
import Foundation
import GRDB
import Testing

@Suite("Merging results and the results.sqlite store")
struct MergeAndStoreTests {
    static let files = ["monthly.csv", "establishments.csv", "report.html", "manifest.json"]

    @Test("replications 0–49 and 50–99 merged give byte-identical CSVs and the same store as one run of 0–99")
    func mergeEqualsOneRun() throws {
        let scenario = Fixture.scenario(replications: 100)
        let whole = try Fixture.run(scenario)
        let first = try Fixture.run(scenario, replications: Array(0..<50))
        let second = try Fixture.run(scenario, replications: Array(50..<100))
        // Either order of merging.
        let merged = try BatchResults.merged([second, first])
        #expect(merged == whole)
        #expect(try BatchResults.merged([first, second]) == whole)

        let one = try Fixture.temporaryDirectory(), two = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: one); try? FileManager.default.removeItem(atPath: two) }
        try ReportWriter(directory: one).write([whole])
        try ReportWriter(directory: two).write([merged])
        for name in Self.files {
            #expect(try Data(contentsOf: URL(fileURLWithPath: one + "/" + name))
                    == Data(contentsOf: URL(fileURLWithPath: two + "/" + name)), "\(name)")
        }
        #expect(try StoreContents(one + "/results.sqlite") == StoreContents(two + "/results.sqlite"))
    }

    @Test("results interleaved across shards (every third replication) merge to the same value")
    func interleaved() throws {
        let scenario = Fixture.scenario(replications: 30)
        let whole = try Fixture.run(scenario)
        let parts = try (0..<3).map { k in
            try Fixture.run(scenario, replications: Array(stride(from: k, to: 30, by: 3)))
        }
        #expect(try BatchResults.merged(parts) == whole)
    }

    @Test("overlapping replications, other seeds or other scenarios refuse to merge, naming why")
    func refusals() throws {
        let scenario = Fixture.scenario(replications: 20)
        let a = try Fixture.run(scenario, replications: Array(0..<12))
        let b = try Fixture.run(scenario, replications: Array(10..<20))
        let overlap = #expect(throws: MergeError.self) { try BatchResults.merged([a, b]) }
        #expect(overlap?.description.contains("held twice: 10-11") == true)
        var reseeded = scenario
        reseeded.seed += 1
        let c = try Fixture.run(reseeded, replications: Array(12..<20))
        let seed = #expect(throws: MergeError.self) { try BatchResults.merged([a, c]) }
        #expect(seed?.description.contains("seed 11 against 12") == true)
        #expect(a.missingReplications == Array(12..<20))
    }

    @Test("results survive a round trip through their saved form (Codable) unchanged")
    func codable() throws {
        let results = try Fixture.run(Fixture.scenario(replications: 8))
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        let decoded = try PropertyListDecoder().decode(BatchResults.self, from: encoder.encode(results))
        #expect(decoded == results)
    }

    @Test("""
        the mean of replication_monthly.population per month is monthly.population_mean, \
        and P(over) by sex recomputes
        """)
    func storeAgreesWithItself() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let results = try Fixture.run(Fixture.scenario(replications: 60))
        try ReportWriter(directory: directory).write([results])
        let queue = try DatabaseQueue(path: directory + "/results.sqlite")
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.month, m.population_mean, avg(r.population) AS mean_population, count(*) AS n,
                       m.male_p_over_useable_capacity AS male_p_over, m.female_p_over_useable_capacity AS female_p_over,
                       avg(r.male_headroom < 0) AS male_over, avg(r.female_headroom < 0) AS female_over,
                       m.male_useable_operational_capacity AS male_useable,
                       avg(r.male_population + r.male_headroom) AS male_useable_again
                FROM monthly m JOIN replication_monthly r ON r.scenario = m.scenario AND r.month = m.month
                GROUP BY m.month ORDER BY m.month
                """)
            #expect(rows.count == 8)
            var sawRisk = false
            for row in rows {
                let month: String = row["month"]
                #expect(row["n"] as Int == 60)
                // The CSV and the table carry four decimals.
                #expect(abs((row["population_mean"] as Double) - (row["mean_population"] as Double)) < 5e-5, "\(month)")
                #expect(abs((row["male_p_over"] as Double) - (row["male_over"] as Double)) < 5e-5, "\(month)")
                #expect(abs((row["female_p_over"] as Double) - (row["female_over"] as Double)) < 5e-5, "\(month)")
                #expect(row["male_useable"] as Int == Int((row["male_useable_again"] as Double).rounded()))
                if (row["male_over"] as Double) > 0 || (row["female_over"] as Double) > 0 { sawRisk = true }
            }
            #expect(sawRisk, "the fixture should put some replications over capacity, or the check proves nothing")
            // Every table the docs name, with rows.
            for table in ["runs", "scenarios", "groups", "events", "monthly", "establishment_monthly",
                          "replication_monthly"] {
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")! > 0, "\(table)")
            }
            let indices = try String.fetchOne(db, sql: "SELECT replication_indices FROM runs")
            #expect(indices == "0-59")
        }
    }
}
