import EstateFiles
import EstateModel
import Foundation
import Testing

@Suite("One table of limits, quoted by the docs")
struct LimitsDocumentationTests {
    /// Each row of docs/scenario-format.md's Limits table, by the start of its label, and the
    /// figure of `ScenarioLimits` it must quote.
    static let rows: [(label: String, value: Int)] = [
        ("months of a run", ScenarioLimits.months),
        ("places of an establishment", ScenarioLimits.places),
        ("people in a group's `initial` stock", ScenarioLimits.people),
        ("replications, in the file", ScenarioLimits.replications),
        ("replications × months", ScenarioLimits.replicationMonths),
        ("replications with `generator = \"taus2\"`", ScenarioLimits.taus2Replications),
        ("factors", Int(ScenarioLimits.factor)),
        ("pounds a year of a place or a prisoner", ScenarioLimits.costRate),
        ("pounds of an event's one-off `cost`", ScenarioLimits.oneOffCost),
        ("`[[group]]` tables", ScenarioLimits.groups),
        ("establishments, those opened", ScenarioLimits.establishments),
        ("people a replication receives", ScenarioLimits.peoplePerReplication),
        ("nesting of tables", ScenarioLimits.nesting),
        ("bytes of a scenario or estate file", ScenarioLimits.fileBytes),
    ]

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var text = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    @Test("the format's Limits section quotes every limit of ScenarioLimits")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let docs = try String(contentsOf: root.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        let table = docs.split(separator: "\n").filter { $0.hasPrefix("| ") }
        for (label, value) in Self.rows {
            let row = table.first { $0.hasPrefix("| \(label)") }
            #expect(row?.hasSuffix("| \(Self.grouped(value)) |") == true,
                    "\(label): expected \(Self.grouped(value)), got \(row ?? "no row")")
        }
        // The worked examples and the key tables quote the same figures.
        let twentyFour = Self.grouped(ScenarioLimits.maximumReplications(months: 24, generator: .mt19937))
        let sixty = Self.grouped(ScenarioLimits.maximumReplications(months: 60, generator: .mt19937))
        #expect(docs.contains("a 24-month scenario may have at most \(twentyFour) replications, "
                              + "a 60-month one \(sixty)"))
        #expect(docs.contains("`taus2` (about twice as fast; at most "
                              + "\(Self.grouped(ScenarioLimits.taus2Replications)) replications)"))
        #expect(docs.contains("independent runs, 1 to \(Self.grouped(ScenarioLimits.replications)), "
                              + "and replications × months at most \(Self.grouped(ScenarioLimits.replicationMonths))"))
    }

    @Test("the replication limit is the least of the cap, the run's memory and taus2's seeding")
    func maximumReplications() {
        #expect(ScenarioLimits.maximumReplications(months: 1, generator: .mt19937) == ScenarioLimits.replications)
        #expect(ScenarioLimits.maximumReplications(months: 1200, generator: .mt19937) == 149_130)
        #expect(ScenarioLimits.maximumReplications(months: 12, generator: .taus2) == 2_097_152)
        #expect(ScenarioLimits.replicationProblem(149_130, months: 1200, generator: .mt19937) == nil)
        #expect(ScenarioLimits.replicationProblem(149_131, months: 1200, generator: .mt19937)?
            .contains("for 1200 months") == true)
        #expect(ScenarioLimits.replicationProblem(20_000_000, months: 1, generator: .mt19937)
                == "expected at most 10000000 replications, got 20000000")
    }
}

@Suite("Output folders")
struct OutputPathTests {
    @Test("an empty path or the root folder, however spelt, is refused", arguments: [
        ("", "/work"), ("  ", "/work"), ("/", "/work"), ("//", "/work"), ("/./", "/work"), ("/tmp/..", "/work"),
        ("/no-such-folder/..", "/work"), (".", "/"), ("..", "/tmp"), ("runs/../..", "/tmp"), ("out\u{0}", "/work"),
    ])
    func refused(_ path: String, _ currentDirectory: String) {
        #expect(throws: InvalidOutputPath.self) { try OutputPath.validate(path, currentDirectory: currentDirectory) }
    }

    @Test("a folder under the root is accepted, existing or not", arguments: [
        ("runs/x", "/work"), ("/tmp", "/"), ("out", "/"), ("/tmp/estate-sim-not-made-yet/run", "/work"),
        ("./runs", "/tmp"),
    ])
    func accepted(_ path: String, _ currentDirectory: String) throws {
        try OutputPath.validate(path, currentDirectory: currentDirectory)
    }

    @Test("a symbolic link to the root folder is refused")
    func linkToRoot() throws {
        let directory = try ScratchDirectory()
        try FileManager.default.createSymbolicLink(atPath: "\(directory.path)/root", withDestinationPath: "/")
        #expect(throws: InvalidOutputPath.self) { try OutputPath.validate("\(directory.path)/root") }
    }

    @Test("the message names the path and says why, on one line")
    func message() {
        #expect {
            try OutputPath.validate("")
        } throws: { error in
            "\(error)" == "--out \"\": expected a folder for the results, got an empty path"
        }
        #expect {
            try OutputPath.validate("//")
        } throws: { error in
            "\(error)".hasPrefix("--out \"//\": expected a folder for the results, got the root folder /")
        }
    }
}
