import Foundation
import Testing

/// The reproducers of issue 13 (Tests/FuzzCorpus, also the fuzzer's seeds) through the real
/// binary: each exits 2 and names its file, line and key. Before the fixes they crashed (exit
/// 139), hung for minutes, or passed `check`.
@Suite("Hostile input through estate-sim check (issue 13)")
struct HostileInputCLITests {
    static let reproducers: [(file: String, expected: String)] = [
        ("dotted-key-100000.toml",
         "dotted-key-100000.toml:1: a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.…: "
             + "nested at least 100000 levels deep"),
        ("dotted-key-10000.toml",
         "dotted-key-10000.toml:1: a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.…: "
             + "nested at least 10000 levels deep"),
        ("table-header-10000.toml",
         "table-header-10000.toml:1: a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.…: "
             + "nested at least 10000 levels deep"),
        ("inline-tables-10000.toml", "inline-tables-10000.toml:1: x: nested at least 65 levels deep"),
        ("arrays-100000.toml", "arrays-100000.toml:1: x: nested at least 65 levels deep"),
        ("nul-in-month.toml",
         "nul-in-month.toml:45: event[1].month: expected a month \"YYYY-MM\", got a string with a control character"),
        ("nul-in-estate-path.toml",
         "nul-in-estate-path.toml:11: scenario.estate: expected a path to the estate CSV, "
             + "got a string with a control character"),
        ("nul-in-group-id.toml",
         "nul-in-group-id.toml:36: group[3].id: expected a non-empty id, got a string with a control character"),
        ("nul-in-quoted-key.toml", "nul-in-quoted-key.toml:12: scenario.seed\\u{1}x: unknown key in [scenario]"),
        ("tab-in-name.toml",
         "tab-in-name.toml:8: scenario.name: expected a non-empty string, "
             + "got a string with a control character (U+0009 at character 10)"),
        ("month-with-sign.toml",
         "month-with-sign.toml:45: event[1].month: expected a month \"YYYY-MM\", got \"2015-+6\""),
        ("events-typo.toml", "events-typo.toml:43: events: unknown key in a scenario file"),
        ("dotted-table-header.toml", "dotted-table-header.toml:59: a: unknown key in a scenario file"),
        ("bom-before-scenario.toml", "bom-before-scenario.toml:5: scenario.colour: unknown key in [scenario]"),
        ("not-utf8.toml",
         "not-utf8.toml:8: scenario.name: cannot read the scenario: is not UTF-8 text: byte 0xFF at column 19"),
        ("replications-for-24-months.toml",
         "replications-for-24-months.toml:13: scenario.replications: "
             + "expected at most 7456540 replications for 24 months"),
        ("taus2-2097153.toml",
         "taus2-2097153.toml:13: scenario.replications: "
             + "expected at most 2097152 replications with the taus2 generator"),
        ("groups-256.toml", "groups-256.toml:1803: group[256]: expected at most 255 [[group]] tables, got 256"),
    ]

    @Test("each reproducer exits 2 with file, line and key", arguments: reproducers.indices)
    func reproducer(_ index: Int) throws {
        let (file, expected) = Self.reproducers[index]
        let root = EstateSimBinary.packageRoot
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("estate-sim-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for folder in ["Models", "Data"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder),
                                                    withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(at: root.appendingPathComponent("Tests/FuzzCorpus/\(file)"),
                                         to: directory.appendingPathComponent("Models/\(file)"))
        try FileManager.default.copyItem(at: root.appendingPathComponent("Data/fixture-estate.csv"),
                                         to: directory.appendingPathComponent("Data/fixture-estate.csv"))
        let result = try EstateSimBinary.run(["check", file], in: directory.appendingPathComponent("Models"))
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardError.hasPrefix(expected), "\(result.standardError)")
        #expect(result.standardError.hasSuffix("1 problem in 1 of 1 scenario\n"), "\(result.standardError)")
    }

    @Test("special files exit 2 as what they are",
          arguments: [("/dev/null", "is a character device"), ("/", "is a directory")])
    func specialFiles(_ path: String, _ reason: String) throws {
        let result = try EstateSimBinary.run(["check", path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(path): cannot read the scenario: \(reason), expected a regular file"),
                "\(result.standardError)")
    }

    @Test("a scenario in a folder that cannot be searched is a permission problem, not a missing file",
          .enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "root needs setpriv to drop privileges"))
    func unsearchableFolder() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("estate-sim-locked-\(UUID().uuidString)")
        defer {
            chmod(directory.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("locked"),
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: EstateSimBinary.packageRoot.appendingPathComponent("Models/fixture.toml"),
                                         to: directory.appendingPathComponent("locked/scenario.toml"))
        #expect(chmod(directory.path, 0o755) == 0 && chmod(directory.appendingPathComponent("locked").path, 0o600) == 0)
        // Root searches every folder, so as root the binary runs as nobody (setpriv, util-linux).
        let process = Process()
        let binary = try EstateSimBinary.url().path
        let arguments = ["check", directory.appendingPathComponent("locked/scenario.toml").path]
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2, "\(message)")
        #expect(message.contains("scenario.toml: cannot read the scenario: permission denied"), "\(message)")
    }

    @Test("run --replications past the cap exits 2 before anything runs")
    func replicationsOverride() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("estate-sim-cap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "20000000", "--out",
                                              out.path])
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardError.contains("--replications must be from 1 to 10000000, got 20000000"),
                "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
