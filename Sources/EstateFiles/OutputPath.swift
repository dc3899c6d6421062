internal import Foundation

/// Checks an output folder given by the user (`estate-sim run --out DIR`, `merge --out DIR`)
/// before anything is written to it.
///
/// `--out ''` once wrote `monthly.csv`, `establishments.csv` and `manifest.json` into `/`
/// (issue 13): an empty path, or one that names the root folder however it is spelt
/// (`/`, `//`, `/./..`, `.` run from `/`, a symbolic link to `/`), is invalid input, never a place
/// to write a run.
///
/// ```swift
/// try OutputPath.validate(out)          // throws InvalidOutputPath; exit code 2
/// ```
public enum OutputPath {
    /// Throws when `path` is not a folder a run may be written to.
    ///
    /// - Parameters:
    ///   - path: the folder as the user gave it; it need not exist yet.
    ///   - currentDirectory: what a relative `path` is relative to (the process's by default).
    public static func validate(_ path: String, currentDirectory: String? = nil) throws(InvalidOutputPath) {
        if path.trimmingCharacters(in: .whitespaces).isEmpty {
            throw InvalidOutputPath(path: path, reason: "expected a folder for the results, got an empty path")
        }
        if let control = path.firstControlCharacter {
            throw InvalidOutputPath(path: path,
                                    reason: "expected a folder name without control characters, got \(control)")
        }
        let base = currentDirectory ?? FileManager.default.currentDirectoryPath
        let absolute = path.hasPrefix("/") ? path : base + "/" + path
        // Lexically first (`/a/..` is `/` even when `/a` does not exist), then through any
        // symbolic links of the part that does exist.
        let lexical = FilePath.normalize(absolute)
        let resolved = URL(fileURLWithPath: lexical).resolvingSymlinksInPath().path
        if lexical == "/" || resolved == "/" {
            throw InvalidOutputPath(path: path, reason: "expected a folder for the results, got the root folder /; "
                                    + "a run writes several files into its folder")
        }
    }
}

/// An output folder that a run must not be written to; its description is one line for stderr.
public struct InvalidOutputPath: Error, Sendable, CustomStringConvertible {
    /// The path as the user gave it.
    public var path: String
    /// What was expected and what was found.
    public var reason: String

    /// One line for stderr: the path, control characters made visible, and the reason.
    public var description: String { "--out \(ScenarioProblem.visible("\"\(path)\"")): \(reason)" }
}
