import EstateEngine
import EstateModel
import EstateRandom
import EstateResults
import Foundation

/// Small scenarios and helpers shared by the report tests.
enum Fixture {
    static let start = Month(year: 2020, month: 11)

    /// Two locals and a women's prison; the smaller local closes over two months from month 3 and
    /// the trainer is re-roled, so rows come and go and function changes.
    static func scenario(name: String = "tiny", groups: [String] = ["male", "female"], months: Int = 8,
                         replications: Int = 30, seed: UInt64 = 11) -> Scenario {
        let estate = Estate(establishments: [
            Establishment(name: "Ashgrove", sex: .male, function: .local, baselineCNA: 100, inUseCNA: 90,
                          operationalCapacity: 120),
            Establishment(name: "Brook, \"Old\" Wing", sex: .male, function: .local, baselineCNA: 40, inUseCNA: 40,
                          operationalCapacity: 50),
            Establishment(name: "Castle", sex: .male, function: .catC, baselineCNA: 60, inUseCNA: 60,
                          operationalCapacity: 60),
            Establishment(name: "Dunwell", sex: .female, function: .femaleClosed, baselineCNA: 30, inUseCNA: 30,
                          operationalCapacity: 35),
        ])
        let all = [
            PopulationGroup(id: "male", sex: .male, holds: [.local, .catC],
                            receptions: ReceptionSpecification(mean: 60), stay: .lognormal(mean: 3, sd: 2)),
            PopulationGroup(id: "female", sex: .female, holds: [.femaleClosed],
                            receptions: ReceptionSpecification(mean: 8), stay: .exponential(mean: 3)),
            PopulationGroup(id: "young", sex: .male, holds: [.local], receptions: ReceptionSpecification(mean: 5),
                            stay: .exponential(mean: 2)),
        ]
        return Scenario(
            name: name, start: start, months: months, estate: estate, seed: seed, replications: replications,
            operatingMargin: 20, groups: all.filter { groups.contains($0.id) },
            events: [
                CapacityEvent(month: start + 3, establishment: "Brook, \"Old\" Wing", kind: .close(rundownMonths: 2)),
                CapacityEvent(month: start + 2, establishment: "Castle",
                              kind: .reRole(function: .local, sex: nil, rundownMonths: 1)),
            ],
            provenance: Provenance(scenarioPath: "Models/tiny.toml", scenarioHash: "abc", estatePath: "Data/tiny.csv",
                                   estateHash: "def"))
    }

    static func run(_ scenario: Scenario, jobs: Int = 2, replications: [Int]? = nil) throws -> BatchResults {
        try Batch.run(SimulationPlan(scenario), replications: replications ?? Array(0..<scenario.replications),
                      jobs: jobs)
    }

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "estate-reports-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Records of a CSV text with no quoted fields, header first.
func simpleRecords(_ text: String) -> [[String]] {
    text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}

/// Parses RFC 4180 CSV (quoted fields with doubled quotes, commas and line breaks inside quotes).
func parseCSV(_ text: String) -> [[String]] {
    var records = [[String]](), record = [String](), field = ""
    var quoted = false, wasQuoted = false
    var characters = text.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? characters.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = characters.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" && field.isEmpty && !wasQuoted {
            quoted = true; wasQuoted = true
        } else if c == "," {
            record.append(field); field = ""; wasQuoted = false
        } else if c == "\n" {
            record.append(field); records.append(record); record = []; field = ""; wasQuoted = false
        } else { field.append(c) }
    }
    return records
}

/// Type-7 quantile of `values`, written independently of the module under test.
func quantile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    let h = Double(sorted.count - 1) * p
    let lo = Int(h), hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}
