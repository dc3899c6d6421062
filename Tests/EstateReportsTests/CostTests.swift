import EstateModel
import EstateReports
import EstateResults
import Foundation
import GRDB
import Testing

/// The monthly costs (docs/outputs.md, `cost_*`) worked by hand on the tiny fixture, and where
/// they appear: monthly.csv, results.sqlite and report.html.
@Suite("Costs")
struct CostTests {
    /// The fixture with its own rates: locals £36,000 a place, others £30,000; prisoners £20,000
    /// nationally and £24,000 in locals. The re-role of Castle (month 2) costs £1.2 m; the closure
    /// of Brook (month 3) brings in £5 m from the sale of its site.
    static func scenario(running: CostRates.Running) -> Scenario {
        var scenario = Fixture.scenario(replications: 16)
        scenario.costs = CostRates(basis: .direct, national: CostRates.Rates(place: 30_000, prisoner: 20_000),
                                   functions: [.local: CostRates.Rates(place: 36_000, prisoner: 24_000)],
                                   running: running)
        scenario.events[0].cost = -5_000_000
        scenario.events[1].cost = 1_200_000
        return scenario
    }

    @Test("places, prisoners, one-off costs and the total agree with the costs worked by hand")
    func byHand() throws {
        let result = try Fixture.run(Self.scenario(running: .both))
        let tables = ResultTables([result])
        let rows = parseCSV(TableCSV.text(tables.monthly))
        let header = rows[0]
        func value(_ name: String, month t: Int) throws -> Double {
            let k = try #require(header.firstIndex(of: name), "no column \(name)")
            return try #require(Double(rows[1 + t][k]))
        }
        // Month 0: the baseline CNA of the locals Ashgrove (100) and Brook (40) at £36,000, of Castle
        // (cat-c, 60) and Dunwell (female-closed, 30) at £30,000; a twelfth of it a month.
        #expect(try value("cost_places", month: 0) == (140 * 36_000 + 90 * 30_000) / 12)
        // Month 2: Castle is a local.
        #expect(try value("cost_places", month: 2) == (200 * 36_000 + 30 * 30_000) / 12)
        #expect(try value("cost_events", month: 2) == 1_200_000)
        #expect(try value("cost_events", month: 3) == -5_000_000)
        #expect(try value("cost_events", month: 0) == 0)
        let E = result.capacity.establishmentCount, cells = result.capacity.cells
        for t in 0..<result.capacity.months {
            // Every month: Σ baseline CNA × the rate of the establishment's function that month.
            var places = 0.0
            for e in 0..<E {
                let i = cells.index(month: t, establishment: e)
                guard result.capacity.exists[i] else { continue }
                let local = result.capacity.function[i] == .local
                places += Double(result.capacity.baselineCNA[i]) * (local ? 36_000 : 30_000)
            }
            #expect(try value("cost_places", month: t) == (places / 12).rounded())
            // Prisoners: those held in locals at £24,000, the rest (and the unaccommodated) at £20,000.
            let local = try #require(result.capacity.functions.firstIndex(of: .local))
            let prisoners = result.series.map { s -> Double in
                let inLocals = Double(s[function: local, month: t])
                return (inLocals * 24_000 + (Double(s.population[t]) - inLocals) * 20_000) / 12
            }
            let mean = prisoners.reduce(0, +) / Double(prisoners.count)
            let tolerance = 1e-6 * mean  // the sums' rounding only
            #expect(abs(try value("cost_prisoners_mean", month: t) - mean) <= tolerance)
            // the quantiles are of the costs to the nearest £1,000 (docs/outputs.md): within £500
            #expect(abs(try value("cost_prisoners_p05", month: t) - quantile(prisoners, 0.05)) <= 500 + tolerance)
            #expect(abs(try value("cost_prisoners_p95", month: t) - quantile(prisoners, 0.95)) <= 500 + tolerance)
            let total = try value("cost_places", month: t) + mean + value("cost_events", month: t)
            #expect(abs(try value("cost_total_mean", month: t) - total) <= tolerance)
        }
    }

    @Test("places may be counted as in-use CNA or operational capacity instead of baseline CNA",
          arguments: [CostRates.PlaceCount.inUseCNA, .operationalCapacity])
    func placeCount(_ count: CostRates.PlaceCount) throws {
        var scenario = Self.scenario(running: .places)
        scenario.costs.placeCount = count
        let result = try Fixture.run(scenario)
        let rows = parseCSV(TableCSV.text(ResultTables([result]).monthly))
        let k = try #require(rows[0].firstIndex(of: "cost_places"))
        // Month 0: in-use CNA 90 + 40 locals, 60 + 30 others; operational capacity 120 + 50, 60 + 35.
        let expected = count == .inUseCNA ? (130 * 36_000 + 90 * 30_000) / 12 : (170 * 36_000 + 95 * 30_000) / 12
        #expect(Double(rows[1][k]) == Double(expected))
    }

    @Test("by default the total counts places and one-off costs, the same in every replication")
    func placesOnly() throws {
        let result = try Fixture.run(Self.scenario(running: .places))
        let rows = parseCSV(TableCSV.text(ResultTables([result]).monthly))
        let header = rows[0]
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        // The run summary's cost: the months' places and one-off costs (the sum of the monthly means).
        let summary = try #require(RunSummary(result).cost)
        let places = try column("cost_places"), events = try column("cost_events")
        let byHand = rows.dropFirst().reduce(0.0) { $0 + (Double($1[places]) ?? .nan) + (Double($1[events]) ?? .nan) }
        #expect(abs(summary.mean - byHand) <= 1e-9 * abs(byHand), "\(summary.mean) against \(byHand)")
        #expect(summary.oneOff == -3_800_000 && summary.first == "2020-11" && summary.last == "2021-06")
        for row in rows.dropFirst() {
            let total = try #require(Double(row[try column("cost_total_mean")]))
            #expect(total == (Double(row[try column("cost_places")]) ?? .nan)
                    + (Double(row[try column("cost_events")]) ?? .nan))
            #expect(Double(row[try column("cost_total_sd")]) == 0)
            #expect((Double(row[try column("cost_prisoners_sd")]) ?? 0) > 0, "the prisoner reckoning still varies")
        }
    }

    @Test("""
        costs are in results.sqlite (monthly, costs, events) and the report; \
        replications' costs are derived, not stored
        """)
    func stored() throws {
        let result = try Fixture.run(Self.scenario(running: .places))
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ReportWriter(directory: directory).write([result])
        let queue = try DatabaseQueue(path: directory + "/results.sqlite")
        try queue.read { db in
            let rates = try Row.fetchAll(db, sql: "SELECT applies_to, place_per_year, prisoner_per_year, basis, "
                                                  + "running_cost, place_count FROM costs ORDER BY applies_to")
            #expect(rates.allSatisfy { $0[5] as String == "baseline_cna" })
            #expect(rates.map { $0[0] as String } == ["local", "national"])
            #expect(rates[0][1] as Double == 36_000 && rates[0][2] as Double == 24_000)
            #expect(rates[1][1] as Double == 30_000 && rates[1][3] as String == "direct"
                    && rates[1][4] as String == "places")
            let costs = try Row.fetchAll(db, sql: "SELECT month, cost_events FROM monthly WHERE cost_events != 0 "
                                                  + "ORDER BY month")
            #expect(costs.map { $0[0] as String } == ["2021-01", "2021-02"])
            #expect(try Double.fetchAll(db, sql: "SELECT cost FROM events WHERE cost IS NOT NULL ORDER BY cost")
                    == [-5_000_000, 1_200_000])
            let stored = try db.columns(in: "replication_monthly").map(\.name)
            #expect(!stored.contains { $0.hasPrefix("cost") }, "derived from the populations, not stored: \(stored)")
        }
        let page = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(page.contains("id=\"cost-1\"") && page.contains("id=\"costs-1\""))
        #expect(page.contains("Places (baseline CNA) at £30,000 and prisoners at £20,000 a year "
                              + "(direct resource basis; own rates for local)"))
        #expect(page.contains("close Brook, &quot;Old&quot; Wing (one-off −£5.0 m)")
                || page.contains("close Brook, \"Old\" Wing (one-off −£5.0 m)"))
        // The stored rates read back as they were.
        #expect(try StoredRun.read(directory).scenarios[0].costs == result.scenario.costs)
    }

    @Test("a replication's cost derived from the stored populations is the monthly figure's, bit for bit")
    func derivedAsStored() throws {
        let result = try Fixture.run(Self.scenario(running: .both))
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ReportWriter(directory: directory).write([result])
        let run = try StoredRun.read(directory), s = run.scenarios[0]
        let functions = result.capacity.functions
        let columns = PlanComparison.costSourceColumns(functions: functions)
        let stored = try StoredRun.replications(directory, scenario: s.name, columns: columns)
        let values = PlanComparison.addingCosts(stored.values, months: s.months, rates: try #require(s.costs),
                                                functions: functions, places: try #require(s.series("cost_places")),
                                                events: try #require(s.series("cost_events")), from: s.months[0])
        let figures = Figure.monthly(groups: [], functions: functions)
        let total = try #require(figures.first { $0.name == "cost_total" })
        let prisoners = try #require(figures.first { $0.name == "cost_prisoners" })
        for (r, series) in result.series.enumerated() {
            for t in 0..<result.capacity.months {
                #expect(values["cost_total"]?[r][t] == total.value(result, series, t))
                #expect(values["cost_prisoners"]?[r][t] == prisoners.value(result, series, t))
            }
        }
        // To date: the running sum of the months' totals; over 12 months: the last 12 of them.
        let r = 3, months = result.capacity.months
        let sum = (0..<months).reduce(0.0) { $0 + (values["cost_total"]?[r][$1] ?? .nan) }
        #expect(abs((values["cost_total_cumulative"]?[r][months - 1] ?? .nan) - sum) <= 1e-9 * abs(sum))
        #expect(values["cost_total_12_months"]?[r][months - 1].isNaN == true, "8 months: no 12 months to sum")
    }
}
