public import EstateResults
import Foundation

/// Every replication's national series of a run, spooled to disk as the replications are run, so
/// that memory does not grow with the replications; read back, file by file, in one sequential
/// pass when `results.sqlite` is written (`replication_monthly`, `replication_parameters`).
///
/// The one owner of the spooled series. A spool is a list of series files, each written
/// atomically and never changed: a run writes one per chunk of replications into its checkpoint
/// folder (`series-<scenario>-<first replication>.bin`); a shard folder holds them all in one
/// (`series.bin`), which `estate-sim merge` reads. The file format is EstateSim's own, for
/// EstateSim to read again (like `results.plist`): an 8-byte magic, then one record per
/// replication, little-endian — its byte length (UInt32), the scenario's position in the run
/// (Int32), the replication (Int64), months, groups, counts and parameters (Int32 each), the counts
/// (`ReplicationSeries.storage`, Int32) and the parameters (Float64).
public struct SeriesSpool: SeriesSource {
    /// A shard folder's series file.
    public static let fileName = "series.bin"
    static let magic = Data("ESSERIE1".utf8)

    /// The files, in the order they are read.
    public private(set) var files: [String]

    /// A spool of `files` (none: an empty spool).
    public init(files: [String] = []) { self.files = files }

    /// Adds a file written by `write` to the spool.
    public mutating func append(file: String) { files.append(file) }

    /// Adds every file of `other`.
    public mutating func append(contentsOf other: SeriesSpool) { files += other.files }

    /// Writes `series`, of the scenario at position `scenario` in the run, atomically into
    /// `directory/name` and adds that file to the spool.
    public mutating func write(_ series: [ReplicationSeries], scenario: Int, to directory: String, name: String)
        throws(ReportError) {
        var data = Self.magic
        data.reserveCapacity(Self.magic.count
                             + series.reduce(0) { $0 + 36 + 4 * $1.storage.count + 8 * $1.parameters.count })
        for s in series { Self.append(s, scenario: scenario, to: &data) }
        try AtomicFile.write(data, to: directory, name: name)
        files.append(directory + "/" + name)
    }

    /// Writes every series of the spool into one file, `directory/name`, atomically (a shard
    /// folder's `series.bin`), reading one file at a time.
    public func copy(to directory: String, name: String = fileName) throws(ReportError) {
        let temporary = directory + "/" + AtomicFile.temporaryPrefix + "\(getpid())-" + name
        let final = directory + "/" + name
        do {
            try Self.magic.write(to: URL(fileURLWithPath: temporary))
            let out = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try out.seekToEnd()
            for file in files {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                guard data.starts(with: Self.magic) else { throw ReportError(path: file, reason: "not a series file") }
                try out.write(contentsOf: data.dropFirst(Self.magic.count))
            }
            try out.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ReportError(path: final, reason: "\(error)")
        }
        try AtomicFile.syncAndRename(temporary, to: final)
    }

    /// Calls `body` with every series of the spool, file by file, in the order written.
    public func forEachSeries(_ body: (_ scenario: Int, _ series: ReplicationSeries) throws -> Void) throws {
        for file in files { try Self.read(file, body) }
    }

    // MARK: the format

    static func append(_ series: ReplicationSeries, scenario: Int, to data: inout Data) {
        let storage = series.storage, parameters = series.parameters
        let length = 28 + 4 * storage.count + 8 * parameters.count
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        put(UInt32(length))
        put(Int32(scenario))
        put(Int64(series.replication))
        put(Int32(series.months))
        put(Int32(series.groups))
        put(Int32(storage.count))
        put(Int32(parameters.count))
        storage.withUnsafeBufferPointer { buffer in
            if Int32(1).littleEndian == 1 {
                data.append(buffer)
            } else {
                for value in buffer { put(value) }
            }
        }
        for value in parameters { put(value.bitPattern) }
    }

    /// Reads the series file at `path` in blocks, calling `body` with each series.
    static func read(_ path: String, _ body: (Int, ReplicationSeries) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReportError(path: path, reason: "cannot open the saved series", verb: "cannot read")
        }
        defer { try? handle.close() }
        func corrupt(_ why: String) -> ReportError {
            ReportError(path: path, reason: "not a series file of estate-sim (\(why))", verb: "cannot read")
        }
        var buffer = Data(), position = 0
        /// At least `count` bytes from `position` in the buffer, or false at the end of the file.
        func fill(_ count: Int) throws -> Bool {
            if buffer.count - position >= count { return true }
            buffer = Data(buffer[(buffer.startIndex + position)...])
            position = 0
            while buffer.count < count {
                guard let more = try handle.read(upToCount: max(1 << 20, count - buffer.count)), !more.isEmpty else {
                    return false
                }
                buffer += more
            }
            return true
        }
        guard try fill(magic.count), buffer.prefix(magic.count) == magic else { throw corrupt("no header") }
        position = magic.count
        while try fill(4) {
            let length = Int(buffer.withUnsafeBytes {
                UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt32.self))
            })
            guard length >= 28, length < 1 << 31, try fill(4 + length) else { throw corrupt("a record cut short") }
            let series: ReplicationSeries? = buffer.withUnsafeBytes { raw in
                let base = position + 4
                func int32(_ at: Int) -> Int {
                    Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: base + at, as: Int32.self)))
                }
                let replication = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4, as: Int64.self)))
                let months = int32(12), groups = int32(16), counts = int32(20), parameters = int32(24)
                guard counts >= 0, parameters >= 0, 28 + 4 * counts + 8 * parameters == length else { return nil }
                let storage = [Int32](unsafeUninitializedCapacity: counts) { out, n in
                    for i in 0..<counts {
                        out[i] = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 28 + 4 * i,
                                                                       as: Int32.self))
                    }
                    n = counts
                }
                let values = (0..<parameters).map { i in
                    Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(
                        fromByteOffset: base + 28 + 4 * counts + 8 * i, as: UInt64.self)))
                }
                return ReplicationSeries(replication: replication, months: months, groups: groups, storage: storage,
                                         parameters: values)
            }
            let scenario = buffer.withUnsafeBytes {
                Int(Int32(littleEndian: $0.loadUnaligned(fromByteOffset: position + 4, as: Int32.self)))
            }
            guard let series else { throw corrupt("a record of the wrong size") }
            position += 4 + length
            try body(scenario, series)
        }
        guard position == buffer.count else { throw corrupt("a record cut short") }
    }
}
