import ArgumentParser
import Foundation

/// Where the command line writes: results on standard output, problems and progress on standard error.
enum Console {
    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// For the commands that are declared but not implemented yet: says so plainly; throw the
    /// result to exit with code 1.
    static func notBuiltYet(_ command: String) -> ExitCode {
        error("estate-sim \(command): not built yet")
        return .failure
    }
}
