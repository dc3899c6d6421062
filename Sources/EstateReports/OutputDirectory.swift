import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run's output folder, which appears as one complete set of files or not at all.
///
/// The files are written into a hidden staging folder beside it (`.<name>.estate-sim-tmp-<pid>`),
/// which `commit` renames into place; a folder that already holds a run is first moved aside
/// (`.<name>.estate-sim-old-<pid>`) and removed once the new set is in place. A lock file beside
/// it (`.<name>.estate-sim.lock`, held with `flock` for the whole run) keeps a second run from
/// writing the same folder at once; it is removed when the set is committed or abandoned, so a
/// finished run leaves nothing beside its folder (`compare`'s default folder is inside RUN_B).
/// Leftovers of a killed run are cleared by the next run into the same parent: staging folders
/// of dead processes are removed, and a previous set that was moved aside but not replaced is put back.
public final class OutputDirectory: Sendable {
    /// Why a folder cannot take a run's outputs: the user's choice (`invalid`, exit 2) or the
    /// system's (`failed`, exit 1).
    public enum Problem: Error, CustomStringConvertible, Sendable {
        /// The folder given cannot be used (exit 2): the message says why and what to do.
        case invalid(String)
        /// The system could not create, lock or move a folder (exit 1).
        case failed(ReportError)

        /// The message, or the system error's description.
        public var description: String {
            switch self {
            case .invalid(let message): message
            case .failed(let error): error.description
            }
        }
    }

    /// The folder the outputs appear in.
    public let path: String
    /// Where they are written until `commit`.
    public let staging: String
    private let parent: String
    private let name: String
    private let lock: Int32
    private let lockPath: String
    /// Whether the staged files are still staged, in place, or removed; `commit` and `abandon`
    /// (which an interrupt may call from another thread) hold it, so neither runs in the middle
    /// of the other.
    private enum Stage { case staged, committed, abandoned }
    private let stage = Mutex(Stage.staged)

    /// What may happen to what the folder holds.
    public enum Mode: Sendable {
        /// Refuse a folder holding a run, or the checkpoint of an interrupted one.
        case fresh
        /// Replace an earlier run, and discard an interrupted one's checkpoint (`--force`).
        case replace
        /// Continue from the checkpoint of an interrupted run, replacing what the folder holds (`--resume`).
        case resume
    }

    /// Files that mark a folder as holding a run (or a shard of one, or a comparison).
    static let runFiles = ["manifest.json", "monthly.csv", "establishments.csv", "results.sqlite",
                           SavedResults.fileName, "report.html", "comparison.csv"]

    /// Where a run into this folder keeps its checkpoints until it completes:
    /// `.<name>.estate-sim-partial` beside it.
    public let checkpointFolder: String

    /// Prepares `path` for a run: refuses an empty path or `/`, a folder that holds something other
    /// than a run, a folder that holds a run or an interrupted run's checkpoint (unless `mode`
    /// says to replace or resume), and a folder another run is writing; then creates the staging
    /// folder.
    public init(_ path: String, mode: Mode) throws(Problem) {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard !trimmed.isEmpty else { throw .invalid("--out: expected a folder for the outputs, got an empty path") }
        guard trimmed != "/", trimmed != ".", trimmed != "..", !trimmed.hasSuffix("/."),
              !trimmed.hasSuffix("/..") else {
            throw .invalid("--out: expected a folder of its own for the outputs, got \(path)")
        }
        let slash = trimmed.lastIndex(of: "/")
        parent = slash.map { $0 == trimmed.startIndex ? "/" : String(trimmed[..<$0]) } ?? "."
        name = slash.map { String(trimmed[trimmed.index(after: $0)...]) } ?? trimmed
        self.path = trimmed
        do { try AtomicFile.makeDirectories(parent) } catch { throw .failed(error) }

        lockPath = parent + "/." + name + ".estate-sim.lock"
        lock = try Self.acquireLock(lockPath, folder: trimmed)
        staging = parent + "/." + name + ".estate-sim-tmp-\(getpid())"
        checkpointFolder = parent + "/." + name + ".estate-sim-partial"
        do {
            recoverLeftovers()
            try checkExisting(mode: mode)
            removeTree(staging)
            guard mkdir(staging, 0o755) == 0 else {
                throw Problem.failed(ReportError(path: staging, reason: String(cString: strerror(errno))))
            }
        } catch let problem as Problem {
            unlink(lockPath)
            close(lock)
            throw problem
        } catch {
            unlink(lockPath)
            close(lock)
            throw .failed(ReportError(path: trimmed, reason: "\(error)"))
        }
    }

    deinit {
        abandon()
        close(lock)
    }

    /// Opens and locks the lock file at `path`. The holder removes it when done, so a lock taken
    /// on a file that was removed meanwhile (opened just before the holder removed it) guards
    /// nothing: then it is opened again.
    private static func acquireLock(_ path: String, folder: String) throws(Problem) -> Int32 {
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .failed(ReportError(path: path, reason: String(cString: strerror(errno)))) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                throw .invalid("--out \(folder): another estate-sim run is writing this folder; "
                               + "wait for it or choose another")
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev,
               held.st_ino == named.st_ino {
                return fd
            }
            close(fd)
        }
    }

    /// Removes the lock file while the lock is still held (the descriptor closes in `deinit`):
    /// once the set is committed or abandoned, nothing is left to guard.
    private func removeLockFile() {
        unlink(lockPath)
    }

    /// Puts the staged files in place as one set, replacing an earlier run's.
    public func commit() throws(ReportError) {
        try stage.withLock { stage throws(ReportError) in
            guard stage == .staged else { throw ReportError(path: path, reason: "the run was interrupted") }
            let aside = parent + "/." + name + ".estate-sim-old-\(getpid())"
            var status = stat()
            let exists = lstat(path, &status) == 0
            if exists, isRun(path) {
                guard rename(path, aside) == 0 else {
                    throw ReportError(path: path, reason: String(cString: strerror(errno)))
                }
            }
            // Onto a missing or empty folder, rename(2) is atomic.
            guard rename(staging, path) == 0 else {
                let reason = String(cString: strerror(errno))
                if exists { rename(aside, path) }
                throw ReportError(path: path, reason: reason)
            }
            stage = .committed
            removeTree(aside)
            removeTree(checkpointFolder)
            removeLockFile()
            syncDirectory(parent)
        }
    }

    /// Removes the staged files (an interrupted or failed run); the checkpoint stays for
    /// `--resume`. Does nothing once the files are in place.
    public func abandon() {
        stage.withLock { stage in
            guard stage == .staged else { return }
            removeTree(staging)
            removeLockFile()
            stage = .abandoned
        }
    }

    /// Whether the folder holds a complete run.
    public var holdsRun: Bool { isRun(path) }

    private func checkExisting(mode: Mode) throws(Problem) {
        var status = stat()
        if mode == .fresh, lstat(checkpointFolder, &status) == 0 {
            throw .invalid("--out \(path): an interrupted run into this folder left its checkpoint; give --resume to "
                           + "finish it, or --force to start again")
        }
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw .invalid("--out \(path): expected a folder, but a file of that name exists")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if entries.isEmpty { return }
        guard isRun(path) else {
            throw .invalid("--out \(path): the folder holds files that are not an estate-sim run; "
                           + "choose a new or empty folder")
        }
        guard mode != .fresh else {
            throw .invalid("--out \(path): the folder holds an earlier run; give --force to replace it, "
                           + "or choose another folder")
        }
    }

    private func isRun(_ folder: String) -> Bool {
        let entries = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        return !entries.isEmpty && !entries.isDisjoint(with: Self.runFiles)
    }

    /// Clears what killed runs into this folder left: staging folders of dead processes, and a
    /// previous set moved aside whose replacement never arrived (put back).
    private func recoverLeftovers() {
        let prefix = "." + name + ".estate-sim-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            for (kind, isStaging) in [("tmp-", true), ("old-", false)] where rest.hasPrefix(kind) {
                guard let pid = Int32(rest.dropFirst(kind.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
                else { continue }
                let leftover = parent + "/" + entry
                var status = stat()
                if !isStaging, lstat(path, &status) != 0, rename(leftover, path) == 0 { continue }
                removeTree(leftover)
            }
        }
    }

    private func removeTree(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func syncDirectory(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
