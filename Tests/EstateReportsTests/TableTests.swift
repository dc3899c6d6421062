import EstateEngine
import EstateModel
import EstateReports
import Foundation
import Testing

@Suite("Report tables")
struct TableTests {
    @Test("monthly.csv has exactly the columns DESIGN.md §3 contracts, groups last")
    func monthlyHeader() {
        let statistics = ["mean", "sd", "p05", "p25", "p50", "p75", "p95"]
        func metric(_ m: String) -> [String] { statistics.map { "\(m)_\($0)" } }
        let expected = ["scenario", "month"] + metric("population")
            + ["baseline_cna", "in_use_cna", "operational_capacity", "useable_operational_capacity"]
            + metric("headroom") + ["p_over_useable_capacity"] + metric("crowded") + metric("crowded_pct")
            + ["pct_pop_to_in_use_cna_mean", "establishments_over_cna_mean", "unaccommodated_mean", "receptions_mean",
               "releases_mean", "recalls_mean", "transfers_mean", "population_male_mean", "population_female_mean"]
        #expect(MonthlyTable.header(groups: ["male", "female"]) == expected)
    }

    @Test("establishments.csv has exactly the columns DESIGN.md §3 contracts")
    func establishmentHeader() {
        #expect(EstablishmentTable.header.joined(separator: ",") ==
            "scenario,month,establishment,function,sex,baseline_cna,in_use_cna,operational_capacity,"
            + "population_mean,population_p05,population_p95,crowded_mean,pct_pop_to_in_use_cna_mean")
    }

    @Test("monthly figures agree with statistics computed here from the national series")
    func monthlyValues() throws {
        let result = try Fixture.run(Fixture.scenario())
        let plan = result.plan
        let rows = parseCSV(MonthlyTable.csv([result]))
        let header = rows[0]
        #expect(rows.count == 1 + plan.months)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let n = Double(result.national.replications)
        for t in 0..<plan.months {
            let row = rows[1 + t]
            func value(_ name: String) throws -> Double { try #require(Double(row[column(name)])) }
            func near(_ name: String, _ expected: Double) throws {
                let got = try value(name)
                #expect(abs(got - expected) <= 5e-5 * max(1, abs(expected)), "\(name) month \(t): \(got) vs \(expected)")
            }
            let population = result.national.values(\.population, month: t)
            let held = result.national.values(\.heldPopulation, month: t)
            let crowded = result.national.values(\.crowded, month: t)
            let mean = population.reduce(0, +) / n
            let sd = (population.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
            let useable = Double(plan.totalOperationalCapacity[t] - 20)

            #expect(row[0] == "tiny")
            #expect(row[1] == (Fixture.start + t).description)
            try near("population_mean", mean)
            try near("population_sd", sd)
            try near("population_p05", quantile(population, 0.05))
            try near("population_p50", quantile(population, 0.5))
            try near("population_p95", quantile(population, 0.95))
            #expect(row[try column("useable_operational_capacity")] == String(Int(useable)))
            #expect(row[try column("in_use_cna")] == String(plan.totalInUseCNA[t]))
            try near("headroom_mean", useable - mean)
            try near("headroom_p05", quantile(population.map { useable - $0 }, 0.05))
            try near("p_over_useable_capacity", Double(population.filter { $0 > useable }.count) / n)
            try near("crowded_mean", crowded.reduce(0, +) / n)
            let percent = zip(crowded, held).map { $1 > 0 ? 100 * $0 / $1 : 0 }
            try near("crowded_pct_mean", percent.reduce(0, +) / n)
            try near("crowded_pct_p75", quantile(percent, 0.75))
            try near("pct_pop_to_in_use_cna_mean", 100 * held.reduce(0, +) / n / Double(plan.totalInUseCNA[t]))
            try near("receptions_mean", Double(result.national.receptionsSum[t]) / n)
            try near("population_female_mean",
                     Double(result.national.groupPopulationSum[1 * plan.months + t]) / n)
            // Means carry four decimals, whatever the value.
            #expect(row[try column("releases_mean")].split(separator: ".").last?.count == 4)
        }
    }

    @Test("establishment rows cover exactly the establishments that exist, with function as of the month")
    func establishmentRows() throws {
        let result = try Fixture.run(Fixture.scenario())
        let plan = result.plan
        let rows = parseCSV(EstablishmentTable.csv([result]))
        #expect(rows.count == 1 + plan.exists.filter { $0 }.count)
        #expect(rows.dropFirst().allSatisfy { $0.count == EstablishmentTable.header.count })
        // The closing local is gone after its two-month run-down; the re-roled trainer is a local from month 2.
        let brook = rows.filter { $0[2] == "Brook, \"Old\" Wing" }
        #expect(brook.map { $0[1] } == (0..<5).map { (Fixture.start + $0).description })
        let castle = rows.filter { $0[2] == "Castle" }
        #expect(castle.map { $0[3] } == ["cat-c", "cat-c"] + Array(repeating: "local", count: plan.months - 2))

        let E = plan.establishmentCount
        let t = 1, e = 0
        let populations = result.establishments.populationHistogram[t * E + e]
        let row = try #require(rows.first { $0[1] == (Fixture.start + t).description && $0[2] == "Ashgrove" })
        let mean = Double(result.establishments.populationSum[t * E + e]) / Double(result.national.replications)
        #expect(abs(try #require(Double(row[8])) - mean) < 5e-5)
        #expect(abs(try #require(Double(row[10])) - populations.quantile(0.95)) < 5e-5)
        #expect(abs(try #require(Double(row[12])) - mean / 90 * 100) < 5e-5)
    }

    @Test("scenarios with different groups share the union of group columns, empty where absent")
    func groupUnion() throws {
        let a = try Fixture.run(Fixture.scenario(name: "a", groups: ["male", "female"], months: 3, replications: 5))
        let b = try Fixture.run(Fixture.scenario(name: "b", groups: ["male", "young"], months: 3, replications: 5))
        let rows = simpleRecords(MonthlyTable.csv([a, b]))
        #expect(Array(rows[0].suffix(3)) == ["population_male_mean", "population_female_mean", "population_young_mean"])
        #expect(rows.count == 1 + 3 + 3)
        #expect(rows[1][0] == "a" && rows[1].last == "" && !rows[1][rows[1].count - 2].isEmpty)
        #expect(rows[4][0] == "b" && rows[4][rows[4].count - 2] == "" && rows[4].last?.isEmpty == false)
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
        let rows = parseCSV(MonthlyTable.csv([result]))
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
