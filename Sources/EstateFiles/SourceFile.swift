internal import EstateModel
internal import EstateRandom
internal import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A file read whole, with the bytes kept for the content hash.
struct SourceFile {
    /// The path as problems name it: as the user gave it, or reached from it by a relative path.
    var path: String
    var text: String
    var bytes: [UInt8]

    /// Reads `path` as UTF-8 text, or says in a few words why it cannot be.
    ///
    /// Only regular files are read: a FIFO would block until something writes to it, and a device
    /// (`/dev/zero`) would never end. The file is opened without blocking and checked once open,
    /// so it cannot be swapped for a FIFO between the check and the read.
    static func read(_ path: String) -> Result<SourceFile, FileFailure> {
        guard !path.isEmpty else { return .failure(FileFailure(reason: "no such file (the path is empty)")) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(FileFailure(errno: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(FileFailure(errno: errno)) }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            let kind = switch type {
            case S_IFDIR: "a directory"
            case S_IFIFO: "a FIFO (named pipe)"
            case S_IFCHR: "a character device"
            case S_IFBLK: "a block device"
            case S_IFSOCK: "a socket"
            default: "not a regular file"
            }
            return .failure(FileFailure(reason: "is \(kind), expected a regular file"))
        }
        guard Int(status.st_size) <= ScenarioLimits.fileBytes else {
            let most = ScenarioLimits.fileBytes
            return .failure(FileFailure(reason: "is \(status.st_size) bytes; "
                                            + "expected at most \(most) (\(most >> 20) MiB)"))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(FileFailure(errno: errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > ScenarioLimits.fileBytes {
                let most = ScenarioLimits.fileBytes
                return .failure(FileFailure(reason: "is larger than \(most) bytes (\(most >> 20) MiB), "
                                                + "the most expected"))
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(FileFailure.notUTF8(bytes))
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
    /// The line of the fault, when it is inside the file (bytes that are not UTF-8).
    var line: Int?
    /// The file decoded with U+FFFD for each bad byte, when it is not UTF-8: enough to find the
    /// key written on `line`.
    var lossyText: String?

    init(reason: String, line: Int? = nil, lossyText: String? = nil) {
        self.reason = reason
        self.line = line
        self.lossyText = lossyText
    }

    /// The reason for an `errno` from opening or reading a file, in the words a user acts on.
    init(errno code: Int32) {
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES, EPERM:
            reason = "permission denied (the file cannot be read, or a folder on its path cannot be searched)"
        case ENOTDIR: reason = "no such file (a part of the path is not a folder)"
        case EISDIR: reason = "is a directory, expected a regular file"
        case ELOOP: reason = "cannot be opened: too many symbolic links on the path"
        case ENAMETOOLONG: reason = "cannot be opened: the path is too long"
        default: reason = "cannot be read (\(String(cString: strerror(code))))"
        }
        line = nil
        lossyText = nil
    }

    /// Where the first byte that is not UTF-8 is: its line, column (in bytes) and value.
    static func notUTF8(_ bytes: [UInt8]) -> FileFailure {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var lineStart = 0
        scan: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    lineStart = offset + 1
                }
                offset += UTF8.width(scalar)
            case .emptyInput, .error:
                break scan
            }
        }
        let hex = offset < bytes.count ? String(bytes[offset], radix: 16, uppercase: true) : ""
        let byte = hex.isEmpty ? "the end of the file" : "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
        return FileFailure(reason: "is not UTF-8 text: \(byte) at column \(offset - lineStart + 1) "
                               + "(byte \(offset + 1) of the file) "
                               + "is not valid UTF-8", line: line,
                           lossyText: String(decoding: bytes, as: UTF8.self))
    }
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

/// A content hash for the run manifest: EstateRandom's `FNV1a`, written as hex.
struct ContentHash {
    private var hash = FNV1a()

    var value: UInt64 { hash.value }

    mutating func add(_ bytes: [UInt8]) { hash.add(bytes) }

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
