import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file could not be written: the path and the system's reason.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    /// The file or directory concerned.
    public let path: String
    /// What went wrong, e.g. "Permission denied".
    public let reason: String
    /// What could not be done: "cannot write" or "cannot read".
    public let verb: String

    /// The error of doing `verb` to `path`, for `reason`.
    public init(path: String, reason: String, verb: String = "cannot write") {
        self.path = path
        self.reason = reason
        self.verb = verb
    }

    /// "cannot write runs/x/monthly.csv: Permission denied".
    public var description: String { "\(verb) \(path): \(reason)" }
}

/// Writes files so that a reader, or a run that dies half way, never sees a half-written one: the
/// bytes go to a hidden temporary name in the same directory, are flushed to disk, and the file is
/// renamed into place (POSIX `rename` within one file system is atomic).
public enum AtomicFile {
    /// Prefix of the temporary names, so that leftovers of a killed process are recognisable.
    public static let temporaryPrefix = ".estate-sim-tmp-"

    /// Writes the bytes `produce` hands to its `emit` function, in pieces, to `directory/name`,
    /// replacing any file of that name at once: a file of any size without holding it in memory.
    ///
    /// - Throws: `ReportError` as `write(_:to:name:)`; then no temporary file is left behind.
    public static func write(to directory: String, name: String,
                             _ produce: (_ emit: (Data) throws(ReportError) -> Void) throws(ReportError) -> Void)
        throws(ReportError) {
        let final = directory + "/" + name
        let temporary = directory + "/" + temporaryPrefix + "\(getpid())-" + name
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReportError(path: final, reason: errnoText()) }
        func emit(_ data: Data) throws(ReportError) {
            var failure: String?
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < bytes.count, let base = bytes.baseAddress {
                    let n = posixWrite(fd, base + offset, bytes.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errnoText()
                        return
                    }
                    offset += n
                }
            }
            if let failure { throw ReportError(path: final, reason: failure) }
        }
        do {
            try produce(emit)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        var failure: String?
        if fsync(fd) != 0 { failure = errnoText() }
        if close(fd) != 0, failure == nil { failure = errnoText() }
        if failure == nil, rename(temporary, final) != 0 { failure = errnoText() }
        if let failure {
            unlink(temporary)
            throw ReportError(path: final, reason: failure)
        }
    }

    /// Writes `data` to `directory/name`, replacing any file of that name at once.
    ///
    /// - Throws: `ReportError` when the directory is missing or not writable, or the disk is full;
    ///   then no temporary file is left behind and the old file, if any, is untouched.
    public static func write(_ data: Data, to directory: String, name: String) throws(ReportError) {
        try write(to: directory, name: name) { emit throws(ReportError) in try emit(data) }
    }

    /// Flushes the finished file `temporary` to disk and renames it to `final` (replacing it).
    ///
    /// - Throws: `ReportError`; then `temporary` is removed and `final` untouched.
    public static func syncAndRename(_ temporary: String, to final: String) throws(ReportError) {
        var failure: String?
        let fd = open(temporary, O_RDONLY | O_CLOEXEC)
        if fd < 0 { failure = errnoText() } else {
            if fsync(fd) != 0 { failure = errnoText() }
            close(fd)
        }
        if failure == nil, rename(temporary, final) != 0 { failure = errnoText() }
        if let failure {
            unlink(temporary)
            throw ReportError(path: final, reason: failure)
        }
    }

    /// Creates `directory` and any missing parents, like `mkdir -p`.
    ///
    /// - Throws: `ReportError` naming the part of the path that could not be created and why
    ///   ("Not a directory", "Permission denied").
    public static func makeDirectories(_ directory: String) throws(ReportError) {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) == 0 { continue }
            let reason = errnoText()
            var status = stat()
            guard errno == EEXIST, stat(path, &status) == 0 else { throw ReportError(path: directory, reason: reason) }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw ReportError(path: directory, reason: "\(path) is not a directory")
            }
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// The C `write(2)`, named apart from `AtomicFile.write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
