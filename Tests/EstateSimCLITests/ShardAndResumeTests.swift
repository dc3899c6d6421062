import Foundation
import Testing

/// `run --shard`, `merge` and `run --resume` through the binary, against one uninterrupted run.
@Suite("Shards, merge and resume, end to end", .serialized)
struct ShardAndResumeTests {
    static let files = ["monthly.csv", "establishments.csv", "report.html", "manifest.json"]

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "estate-sim-shards-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Expects byte-identical CSVs and manifest, and the same store contents (Scripts/compare-stores).
    static func expectSame(_ a: String, _ b: String, _ comment: Comment? = nil) throws {
        for name in files {
            let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
            let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))
            #expect(!x.isEmpty && x == y, "\(name) differs \(comment?.description ?? "")")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: EstateSimBinary.packageRoot.path + "/Scripts/compare-stores")
        process.arguments = [a + "/results.sqlite", b + "/results.sqlite"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "results.sqlite contents differ \(comment?.description ?? "")")
    }

    @Test("four shards merged give the same bytes and store as one run, and shards cover the batch once")
    func shardsMerge() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let single = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "42", "--out",
                                              root + "/single", "--quiet"])
        #expect(single.status == 0, "\(single.standardError)")
        for i in 0..<4 {
            let shard = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "42", "--shard",
                                                 "\(i)/4", "--jobs", i % 2 == 0 ? "1" : "2", "--out",
                                                 root + "/shard-\(i)"])
            #expect(shard.status == 0, "\(shard.standardError)")
            #expect(shard.standardOutput.contains("shard \(i)/4"))
            let manifest = try String(contentsOfFile: root + "/shard-\(i)/manifest.json", encoding: .utf8)
            // Contiguous blocks: 0-9, 10-20, 21-30, 31-41.
            #expect(manifest.contains(["\"0-9\"", "\"10-20\"", "\"21-30\"", "\"31-41\""][i]), "\(manifest)")
            #expect(manifest.contains("\"shard\" : \"\(i)/4\""))
        }
        // Given in any order.
        let merge = try EstateSimBinary.run(["merge"] + [2, 0, 3, 1].map { root + "/shard-\($0)" }
                                                + ["--out", root + "/merged"])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(merge.standardOutput.contains("worst month of headroom"))
        try Self.expectSame(root + "/single", root + "/merged")
    }

    @Test("merge refuses, with exit 2 and the reason, shards that are missing, overlap or come from another run")
    func mergeRefusals() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        func shard(_ spec: String, _ name: String, seed: String = "7") throws {
            let result = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "12", "--shard", spec,
                                                  "--seed", seed, "--out", root + "/" + name, "--quiet"])
            #expect(result.status == 0, "\(result.standardError)")
        }
        try shard("0/3", "a")
        try shard("1/3", "b")
        try shard("2/3", "c", seed: "8")
        try shard("0/2", "d")
        let cases: [([String], String)] = [
            (["a", "b"], "4 of 12 replications are missing: 8-11"),
            (["a", "b", "c"], "seed 7 against 8"),
            (["a", "b", "d"], "held twice: 0-5"),
            (["a", "nowhere"], "no manifest.json"),
        ]
        for (shards, expected) in cases {
            let result = try EstateSimBinary.run(["merge"] + shards.map { root + "/" + $0 } + ["--out", root + "/out"])
            #expect(result.status == 2, "\(shards)")
            #expect(result.standardError.contains(expected), "\(shards): \(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: root + "/out"))
        }
        // A whole run's folder is not a shard.
        let whole = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "3", "--out",
                                             root + "/whole", "--quiet"])
        #expect(whole.status == 0)
        let notShard = try EstateSimBinary.run(["merge", root + "/whole", "--out", root + "/out"])
        #expect(notShard.status == 2)
        #expect(notShard.standardError.contains("is not a shard folder"))
    }

    @Test("a run killed with SIGKILL at random moments, resumed each time, ends with the bytes of an uninterrupted run")
    func killAndResume() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let arguments = ["run", "Models/fixture.toml", "--replications", "400", "--jobs", "2"]
        let single = try EstateSimBinary.run(arguments + ["--out", root + "/single", "--quiet"])
        #expect(single.status == 0)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var resumes = 0
        while true {
            let process = try EstateSimBinary.start(arguments + ["--out", root + "/run", "--checkpoint", "0.3"]
                                                    + (kills == 0 ? [] : ["--resume"]))
            Thread.sleep(forTimeInterval: Double.random(in: 0.4...1.6, using: &generator))
            if process.isRunning, kills < 4 {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                kills += 1
                // Nothing half-written in place: either no folder yet, or none of the files.
                #expect(!FileManager.default.fileExists(atPath: root + "/run/monthly.csv"))
                continue
            }
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            if kills > 0 { resumes += 1 }
            break
        }
        #expect(kills >= 1, "the run finished before any kill; the test proved nothing")
        try Self.expectSame(root + "/single", root + "/run", "after \(kills) kills")
        // The checkpoint, staging folders and lock files are gone once the outputs are in place.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted()
            == ["run", "single"])
    }

    @Test("""
        --resume of another batch's checkpoint is refused with exit 2; \
        without --resume a checkpoint is not overwritten
        """)
    func resumeOtherBatch() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let process = try EstateSimBinary.start(["run", "Models/fixture.toml", "--replications", "3000", "--jobs", "1",
                                                 "--out", root + "/run", "--checkpoint", "0.2"])
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let other = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "3000", "--seed", "8",
                                             "--out", root + "/run", "--resume"])
        #expect(other.status == 2)
        #expect(other.standardError.contains("the checkpoint is of another batch (seed 7 against 8)"),
                "\(other.standardError)")
        let fresh = try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "3", "--out",
                                             root + "/run"])
        #expect(fresh.status == 2)
        #expect(fresh.standardError.contains("give --resume to finish it, or --force to start again"))
    }
}
