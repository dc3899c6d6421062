import Foundation
import GRDB

/// Every table of a `results.sqlite` as text rows in key order, for comparing two stores: the
/// same contents whatever the file's bytes. `runs.created` (when the file was written) is left out.
struct StoreContents: Equatable, CustomStringConvertible {
    var tables: [String: [[String]]]

    init(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        tables = try queue.read { db in
            var tables = [String: [[String]]]()
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' "
                                                     + "ORDER BY name")
            for name in names {
                let columns = try db.columns(in: name).map(\.name).filter { !(name == "runs" && $0 == "created") }
                let list = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: "SELECT \(list) FROM \(name.quotedDatabaseIdentifier) "
                                                     + "ORDER BY \(list)")
                tables[name] = [columns] + rows.map { row in row.databaseValues.map { $0.description } }
            }
            return tables
        }
    }

    /// The rows of `table`, header first.
    subscript(table: String) -> [[String]] { tables[table] ?? [] }

    var description: String { tables.map { "\($0.key): \($0.value.count - 1) rows" }.sorted().joined(separator: ", ") }
}
