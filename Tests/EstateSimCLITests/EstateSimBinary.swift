import Foundation
import Testing

/// The built `estate-sim` executable, run as a user runs it.
enum EstateSimBinary {
    /// The products directory holds the test bundle and, because this test target depends on
    /// EstateSimCLI, the `estate-sim` executable built with it. `ESTATE_SIM` overrides it.
    static func url() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["ESTATE_SIM"] { return URL(fileURLWithPath: override) }
        var candidates: [URL] = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        for directory in candidates {
            let executable = directory.appendingPathComponent("estate-sim")
            if FileManager.default.isExecutableFile(atPath: executable.path) { return executable }
        }
        throw BinaryNotFound(searched: candidates.map(\.path))
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "estate-sim not found in \(searched.joined(separator: ", "))" }
    }

    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs `estate-sim arguments…` in `directory` (the package root by default) and waits for it.
    static func run(_ arguments: [String], in directory: URL = packageRoot) throws -> Result {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // Files rather than pipes: a full pipe buffer can never block the child.
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("estate-sim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus,
                      standardOutput: try String(contentsOf: outURL, encoding: .utf8),
                      standardError: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// Starts `estate-sim arguments…` in the package root without waiting, its output discarded:
    /// for tests that signal a running process.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The repository root, where `Models/fixture.toml` lives.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
