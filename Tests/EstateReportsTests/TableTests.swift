import EstateEngine
import EstateModel
import EstateReports
import EstateResults
import Foundation
import Testing

@Suite("Report tables")
struct TableTests {
    @Test("""
        monthly.csv has the columns DESIGN.md §3 contracts, in this order, \
        with the sex estates' risk after the groups
        """)
    func monthlyHeader() throws {
        let result = try Fixture.run(Fixture.scenario(months: 2, replications: 3))
        let statistics = ["mean", "sd", "p05", "p25", "p50", "p75", "p95"]
        func metric(_ m: String) -> [String] { statistics.map { "\(m)_\($0)" } }
        func headroom(_ p: String) -> [String] {
            ["\(p)headroom_mean", "\(p)headroom_sd", "\(p)headroom_p01"] + metric("\(p)headroom").dropFirst(2)
                + ["\(p)p_over_useable_capacity", "\(p)p_over_useable_capacity_low95",
                   "\(p)p_over_useable_capacity_high95"]
        }
        var expected = ["scenario", "month", "replications"] + metric("population")
            + ["baseline_cna", "in_use_cna", "operational_capacity", "useable_operational_capacity"]
            + headroom("") + metric("crowded") + metric("crowded_pct")
            + ["pct_pop_to_in_use_cna_mean", "establishments_over_cna_mean", "unaccommodated_mean", "receptions_mean",
               "releases_mean", "recalls_mean", "transfers_mean", "population_male_mean", "population_female_mean"]
        for sex in ["male_", "female_"] {
            expected += metric("\(sex)population") + ["\(sex)in_use_cna", "\(sex)operational_capacity",
                                                      "\(sex)useable_operational_capacity"]
                + headroom(sex)
        }
        expected += ["function_local_population_mean", "function_cat-c_population_mean",
                     "function_female-closed_population_mean"]
        expected += ["cost_places"] + metric("cost_prisoners") + ["cost_events"] + metric("cost_total")
        #expect(ResultTables([result]).monthly.columns.map(\.name) == expected)
    }

    @Test("establishments.csv has exactly the columns DESIGN.md §3 contracts")
    func establishmentHeader() throws {
        let result = try Fixture.run(Fixture.scenario(months: 2, replications: 3))
        #expect(ResultTables([result]).establishmentMonthly.columns.map(\.name).joined(separator: ",") ==
            "scenario,month,establishment,function,sex,sector,region,baseline_cna,in_use_cna,operational_capacity,"
            + "population_mean,population_p05,population_p95,crowded_mean,crowded_p05,crowded_p95,"
            + "pct_pop_to_in_use_cna_mean,p_over_operational_capacity")
    }

    @Test("monthly figures agree with statistics computed here from the replications' series")
    func monthlyValues() throws {
        let result = try Fixture.run(Fixture.scenario())
        let capacity = result.capacity
        let rows = parseCSV(TableCSV.text(ResultTables([result]).monthly))
        let header = rows[0]
        #expect(rows.count == 1 + capacity.months)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let n = Double(result.series.count)
        #expect(n == 30)
        for t in 0..<capacity.months {
            let row = rows[1 + t]
            func value(_ name: String) throws -> Double { try #require(Double(row[column(name)])) }
            func near(_ name: String, _ expected: Double) throws {
                let got = try value(name)
                #expect(abs(got - expected) <= 5e-5 * max(1, abs(expected)),
                        "\(name) month \(t): \(got) vs \(expected)")
            }
            let population = result.series.map { Double($0.population[t]) }
            let held = result.series.map { Double($0.held[t]) }
            let crowded = result.series.map { Double($0.crowded[t]) }
            let mean = population.reduce(0, +) / n
            let sd = (population.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
            // Operational capacity of the establishments that exist, less the margin of 20.
            let E = capacity.establishmentCount, cells = capacity.cells
            let operational = (0..<E).reduce(0) {
                $0 + Int(capacity.operationalCapacity[cells.index(month: t, establishment: $1)])
            }
            let inUse = (0..<E).reduce(0) { $0 + Int(capacity.inUseCNA[cells.index(month: t, establishment: $1)]) }
            let useable = Double(operational - 20)

            #expect(row[0] == "tiny")
            #expect(row[1] == (Fixture.start + t).description)
            #expect(row[2] == "30")
            try near("population_mean", mean)
            try near("population_sd", sd)
            try near("population_p05", quantile(population, 0.05))
            try near("population_p50", quantile(population, 0.5))
            try near("population_p95", quantile(population, 0.95))
            #expect(row[try column("useable_operational_capacity")] == String(Int(useable)))
            #expect(row[try column("in_use_cna")] == String(inUse))
            try near("headroom_mean", useable - mean)
            try near("headroom_p01", quantile(population.map { useable - $0 }, 0.01))
            try near("headroom_p05", quantile(population.map { useable - $0 }, 0.05))
            try near("p_over_useable_capacity", Double(population.filter { $0 > useable }.count) / n)
            try near("crowded_mean", crowded.reduce(0, +) / n)
            let percent = zip(crowded, held).map { $1 > 0 ? 100 * $0 / $1 : 0 }
            try near("crowded_pct_mean", percent.reduce(0, +) / n)
            // Quantiles of crowded % are of each replication's value to one person's share of
            // the operational capacity (docs/outputs.md): within half a step of the exact ones.
            let step = 100 / Double(operational)
            let p75 = try value("crowded_pct_p75")
            #expect(abs(p75 - quantile(percent, 0.75)) <= step / 2 + 5e-5, "crowded_pct_p75 month \(t)")
            try near("pct_pop_to_in_use_cna_mean", 100 * held.reduce(0, +) / n / Double(inUse))
            try near("receptions_mean", result.series.reduce(0) { $0 + Double($1.receptions[t]) } / n)
            let female = result.series.map { Double($0[group: 1, month: t]) }
            try near("population_female_mean", female.reduce(0, +) / n)
            // The female estate is the one women's prison: its own capacity, and its share of the margin
            // (35 of the 265 single-sex places in the first month: 20 × 35 / 265 = 2.6, so 3).
            let femaleCapacity = Double(capacity.operationalCapacity[cells.index(month: t, establishment: 3)])
            #expect(row[try column("female_operational_capacity")] == String(Int(femaleCapacity)))
            try near("female_headroom_mean", femaleCapacity - 3 - female.reduce(0, +) / n)
            try near("female_p_over_useable_capacity", Double(female.filter { $0 > femaleCapacity - 3 }.count) / n)
            try near("male_population_mean", mean - female.reduce(0, +) / n)
            // Means carry four decimals, whatever the value.
            #expect(row[try column("releases_mean")].split(separator: ".").last?.count == 4)
        }
    }

    @Test("establishment rows cover exactly the establishments that exist, with function as of the month")
    func establishmentRows() throws {
        let result = try Fixture.run(Fixture.scenario())
        let capacity = result.capacity
        let table = ResultTables([result]).establishmentMonthly
        let rows = parseCSV(TableCSV.text(table))
        #expect(rows.count == 1 + capacity.exists.filter { $0 }.count)
        #expect(rows.dropFirst().allSatisfy { $0.count == table.columns.count })
        // The closing local is gone after its two-month run-down; the re-roled trainer is a local from month 2.
        let brook = rows.filter { $0[2] == "Brook, \"Old\" Wing" }
        #expect(brook.map { $0[1] } == (0..<5).map { (Fixture.start + $0).description })
        let castle = rows.filter { $0[2] == "Castle" }
        #expect(castle.map { $0[3] } == ["cat-c", "cat-c"] + Array(repeating: "local", count: capacity.months - 2))

        let t = 1, e = 0, j = capacity.cells.index(month: t, establishment: e)
        let figures = result.establishments
        let row = try #require(rows.first { $0[1] == (Fixture.start + t).description && $0[2] == "Ashgrove" })
        func cell(_ name: String) throws -> Double {
            let index = try #require(table.columns.firstIndex { $0.name == name })
            return try #require(Double(row[index]))
        }
        let mean = Double(figures.populationSum(j)) / 30
        #expect(abs(try cell("population_mean") - mean) < 5e-5)
        #expect(abs(try cell("population_p95") - figures.populationHistogram(j).quantile(0.95)) < 5e-5)
        // Crowded quantiles: every replication's population from the histogram, crowded by hand (factor 2,
        // in-use CNA 90).
        let histogram = figures.populationHistogram(j)
        #expect(histogram.binWidth == 1,
                "30 replications of a small prison span fewer than \(histogram.binCount) values")
        let populations = histogram.counts.enumerated().flatMap { k, n in
            Array(repeating: Double(histogram.start) + Double(k), count: Int(n))
        }
        #expect(populations.count == 30)
        let crowdedByHand = populations.map { min($0, 2 * max(0, $0 - 90)) }
        #expect(abs(try cell("crowded_p05") - quantile(crowdedByHand, 0.05)) < 5e-5)
        #expect(abs(try cell("crowded_p95") - quantile(crowdedByHand, 0.95)) < 5e-5)
        #expect(abs(try cell("crowded_mean") - Double(figures.crowdedSum(j)) / 30) < 5e-5)
        #expect(abs(try cell("pct_pop_to_in_use_cna_mean") - mean / 90 * 100) < 5e-5)
        #expect(abs(try cell("p_over_operational_capacity") - Double(figures.overOperationalCapacity(j)) / 30)
                < 5e-5)
    }

    @Test("scenarios with different groups share the union of group columns, empty where absent")
    func groupUnion() throws {
        let a = try Fixture.run(Fixture.scenario(name: "a", groups: ["male", "female"], months: 3, replications: 5))
        let b = try Fixture.run(Fixture.scenario(name: "b", groups: ["male", "young"], months: 3, replications: 5))
        let rows = simpleRecords(TableCSV.text(ResultTables([a, b]).monthly))
        let male = try #require(rows[0].firstIndex(of: "population_male_mean"))
        #expect(Array(rows[0][male..<(male + 3)]) == ["population_male_mean", "population_female_mean",
                                                      "population_young_mean"])
        #expect(rows.count == 1 + 3 + 3)
        #expect(rows[1][0] == "a" && rows[1][male + 2] == "" && !rows[1][male + 1].isEmpty)
        #expect(rows[4][0] == "b" && rows[4][male + 1] == "" && !rows[4][male + 2].isEmpty)
    }

    @Test("fields with commas, quotes, line breaks or edge spaces are quoted, others are not",
          arguments: [
            ("Ashgrove", "Ashgrove"), ("Hull, East", "\"Hull, East\""), ("The \"Verne\"", "\"The \"\"Verne\"\"\""),
            ("two\nlines", "\"two\nlines\""), (" padded", "\" padded\""), ("", ""),
          ])
    func quoting(field: String, expected: String) {
        #expect(CSVText.quoted(field) == expected)
        var csv = CSVText()
        csv.append([field, "x"])
        #expect(parseCSV(csv.text) == [[field, "x"]])
    }

    @Test("a scenario name with a comma and quotes survives a round trip through monthly.csv")
    func quotedScenarioName() throws {
        let name = "Plan B, \"fast\" closures"
        let result = try Fixture.run(Fixture.scenario(name: name, months: 2, replications: 4))
        let rows = parseCSV(TableCSV.text(ResultTables([result]).monthly))
        #expect(rows.count == 3)
        #expect(rows.dropFirst().allSatisfy { $0[0] == name && $0.count == rows[0].count })
    }

    @Test("numbers are written with four decimals and a point, never as -0 or NaN")
    func numbers() {
        #expect(NumberFormat.decimal(1234.5) == "1234.5000")
        #expect(NumberFormat.decimal(-0.00001) == "0.0000")
        #expect(NumberFormat.decimal(-2.25) == "-2.2500")
        #expect(NumberFormat.decimal(.nan) == "")
        #expect(NumberFormat.integer(Int32(-7)) == "-7")
    }
}
