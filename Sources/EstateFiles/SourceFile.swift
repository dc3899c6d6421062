internal import Foundation

/// A file read whole, with the bytes kept for the content hash.
struct SourceFile {
    /// The path as problems name it: as the user gave it, or reached from it by a relative path.
    var path: String
    var text: String
    var bytes: [UInt8]

    /// Reads `path` as UTF-8 text, or says in a few words why it cannot be.
    static func read(_ path: String) -> Result<SourceFile, FileFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(FileFailure(reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(FileFailure(reason: "is a directory, expected a file")) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .failure(FileFailure(reason: "cannot be read (\(error.localizedDescription))"))
        }
        let bytes = [UInt8](data)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(FileFailure(reason: "is not UTF-8 text"))
        }
        return .success(SourceFile(path: path, text: text, bytes: bytes))
    }

    /// A path for identity (cycle detection): absolute, with symbolic links resolved.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// Why a file could not be read.
struct FileFailure: Error {
    var reason: String
}

enum FilePath {
    /// `relative` as reached from the file `base`: relative paths in a scenario are relative to
    /// the file they are written in. Absolute paths are kept; `.` and `..` are resolved lexically,
    /// so that problems name `Data/estate.csv` rather than `Models/../Data/estate.csv`.
    static func resolve(_ relative: String, from base: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        guard let slash = base.lastIndex(of: "/") else { return normalize(relative) }
        return normalize(String(base[...slash]) + relative)
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}

/// FNV-1a, 64 bits: a small, stable content hash for the run manifest (not for security).
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    /// 16 lower-case hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func hex(of files: [[UInt8]]) -> String {
        var hash = ContentHash()
        for (position, bytes) in files.enumerated() {
            // 0xFF never occurs in UTF-8, so it separates files unambiguously.
            if position > 0 { hash.add([0xFF]) }
            hash.add(bytes)
        }
        return hash.hex
    }
}
