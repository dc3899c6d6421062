// The loaders under libFuzzer (issue 13, "Keep it found"): every input is read as a scenario
// TOML file and as an estate CSV, and a scenario that loads is compiled into a plan, as
// `estate-sim check` does. Loading may succeed or throw `ScenarioLoadError`, planning may throw
// `PlanError`; anything else — a crash, a trap, a GSL abort — is a finding, and an input slower
// than libFuzzer's -timeout is a hang. `Scripts/fuzz` builds this with -sanitize=fuzzer and runs
// it over `Fuzz/corpus`.
//
// Built without -DFUZZING (as `swift build` does), the same harness runs the files named on the
// command line once each: `estate-files-fuzz Fuzz/corpus/*` replays a corpus, or a reproducer.
import EstateEngine
import EstateFiles
import Foundation

/// A scratch copy of the repository's models and data, so that an input naming
/// `estate = "../Data/estate-2014-08.csv"`, `estate = "estate.csv"` or `base = "fixture.toml"`
/// reaches a real file, as the seeds do.
enum Workspace {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let directory: String = {
        let manager = FileManager.default
        let directory = manager.temporaryDirectory.appendingPathComponent("estate-files-fuzz-\(getpid())").path
        try? manager.createDirectory(atPath: "\(directory)/Models", withIntermediateDirectories: true)
        try? manager.createDirectory(atPath: "\(directory)/Data", withIntermediateDirectories: true)
        let copies = [("Models", "Models", "toml"), ("Data", "Data", "csv"),
                      ("Tests/EstateFilesTests/Fixtures", "Models", "toml"),
                      ("Tests/EstateFilesTests/Fixtures", "Models", "csv")]
        for (from, to, ext) in copies {
            let source = root.appendingPathComponent(from).path
            for name in (try? manager.contentsOfDirectory(atPath: source)) ?? [] where name.hasSuffix(".\(ext)") {
                try? manager.copyItem(atPath: "\(source)/\(name)", toPath: "\(directory)/\(to)/\(name)")
            }
        }
        return directory
    }()

    static func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// Runs one input through the loaders; returns only if nothing went wrong but a reported problem.
func exercise(_ bytes: UnsafeRawBufferPointer) {
    let data = Data(bytes)
    let scenarioPath = "\(Workspace.directory)/Models/input.toml"
    let estatePath = "\(Workspace.directory)/Models/input.csv"
    guard FileManager.default.createFile(atPath: scenarioPath, contents: data),
          FileManager.default.createFile(atPath: estatePath, contents: data)
    else { fatalError("cannot write the input to \(Workspace.directory)") }
    let loader = ScenarioLoader()
    if let scenario = try? loader.load(path: scenarioPath) {
        // A PlanError is invalid input (exit 2), as in `check`.
        _ = try? SimulationPlan(scenario)
    }
    _ = try? loader.loadEstate(path: estatePath)
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
/// libFuzzer's entry point: loads the bytes as a scenario (and estate) and compiles the plan; returns 0.
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    exercise(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}

/// libFuzzer's driver, which its own `main` would call.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main` and points `main` at it, so
/// libFuzzer's `main` is never linked: this entry point hands the command line to its driver.
@_cdecl("EstateFilesFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    // A crash leaves the workspace for a look; a clean exit removes it.
    atexit { Workspace.remove() }
    return LLVMFuzzerRunDriver(&argc, &argv) { start, count in fuzzOneInput(start, count) }
}
#else
@main
struct Replay {
    static func main() throws {
        defer { Workspace.remove() }
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let started = ContinuousClock.now
            data.withUnsafeBytes { exercise($0) }
            print("\(path): \(ContinuousClock.now - started)")
        }
    }
}
#endif
