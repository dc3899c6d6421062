import Foundation
public import EstateResults
import GRDB
import GRDBSQLite

/// `results.sqlite`: every table of a run's results in one SQLite database, queryable from R,
/// pandas or DuckDB (docs/outputs.md lists the tables, their keys and columns).
///
/// Written through GRDB in one transaction into a temporary file beside the final one, which is
/// then renamed into place: a crash leaves the previous file or none, never a torn one.
public enum ResultsDatabase {
    /// The file's name in the output directory.
    public static let fileName = "results.sqlite"

    /// Writes `tables` into `directory/results.sqlite`.
    public static func write(_ tables: [ResultTable], to directory: String) throws(ReportError) {
        let final = directory + "/" + fileName
        let temporary = directory + "/" + AtomicFile.temporaryPrefix + "\(getpid())-" + fileName
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            var configuration = Configuration()
            configuration.journalMode = .default
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            // A fresh file written once: no journal is needed to keep it whole, the rename does that.
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192")
                try db.inTransaction {
                    for table in tables { try insert(table, into: db) }
                    return .commit
                }
            }
            try queue.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ReportError(path: final, reason: "\(error)")
        }
        try AtomicFile.syncAndRename(temporary, to: final)
    }

    /// Creates `table` with its primary key and indexes and inserts its rows.
    static func insert(_ table: ResultTable, into db: Database) throws {
        let columns = table.columns.map { "\($0.name.quotedDatabaseIdentifier) \($0.kind.rawValue)" }
        let key = table.key.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        try db.execute(sql: "CREATE TABLE \(table.name.quotedDatabaseIdentifier) ("
                       + columns.joined(separator: ", ") + ", PRIMARY KEY (\(key))) WITHOUT ROWID")
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let statement = try db.makeStatement(
            sql: "INSERT INTO \(table.name.quotedDatabaseIdentifier) VALUES (\(placeholders))")
        // Cells are bound with SQLite's own calls: a million cells through GRDB's argument
        // values cost several times as much.
        let handle = statement.sqliteStatement
        try table.forEachRowStreamed { cells in
            for (i, cell) in cells.enumerated() { bind(cell, at: Int32(i + 1), in: handle) }
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
        for (i, columns) in table.indexes.enumerated() {
            try db.execute(sql: "CREATE INDEX \("\(table.name)_\(i + 1)".quotedDatabaseIdentifier) ON "
                           + "\(table.name.quotedDatabaseIdentifier) "
                           + "(\(columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")))")
        }
    }

    /// SQLite copies bound text at once.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func bind(_ cell: Cell, at position: Int32, in statement: SQLiteStatement) {
        switch cell {
        case .text(let text): sqlite3_bind_text(statement, position, text, -1, transient)
        case .integer(let value): sqlite3_bind_int64(statement, position, Int64(value))
        case .real(let value):
            if value.isFinite {
                sqlite3_bind_double(statement, position, value)
            } else {
                sqlite3_bind_null(statement, position)
            }
        }
    }
}
