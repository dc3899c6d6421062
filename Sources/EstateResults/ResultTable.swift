/// One value of a results table: text, an integer, or a real number (NaN or infinite: no value,
/// an empty CSV cell or SQL NULL).
public enum Cell: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case real(Double)
}

/// A table of results, as every writer sees it: named, typed columns and rows of cells, made on
/// demand so that a table of millions of cells never has to be held at once. Writers (CSV,
/// SQLite) only format it; every figure in it is computed here, in EstateResults.
public struct ResultTable: Sendable {
    /// A column's name and SQL type.
    public struct Column: Sendable, Hashable {
        /// A column's SQL type; the raw value is its name in SQL.
        public enum Kind: String, Sendable, Hashable { case text = "TEXT", integer = "INTEGER", real = "REAL" }
        /// The column's name.
        public let name: String
        /// The column's SQL type.
        public let kind: Kind
        /// The column `name` of type `kind`.
        public init(_ name: String, _ kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    /// The table's name in `results.sqlite`.
    public let name: String
    /// The columns, in order.
    public let columns: [Column]
    /// The columns that identify a row, for the store's primary key.
    public let key: [String]
    /// Further column lists to index, for the obvious queries.
    public let indexes: [[String]]
    /// Rows of the table (for a streamed table, the rows its source is expected to give).
    public let rowCount: Int
    private enum Rows: Sendable {
        case indexed(@Sendable (Int) -> [Cell])
        case streamed(@Sendable (_ body: ([Cell]) throws -> Void) throws -> Void)
    }
    private let rows: Rows

    /// An indexed table of `rowCount` rows, row i made by `row(i)` on demand.
    public init(name: String, columns: [Column], key: [String], indexes: [[String]] = [], rowCount: Int,
                row: @escaping @Sendable (Int) -> [Cell]) {
        self.name = name
        self.columns = columns
        self.key = key
        self.indexes = indexes
        self.rowCount = rowCount
        rows = .indexed(row)
    }

    /// A table whose rows are read from a source as they come (the series of every replication,
    /// spooled on disk): `stream` calls its argument with each row and throws what reading throws.
    public init(name: String, columns: [Column], key: [String], indexes: [[String]] = [], expectedRows: Int,
                stream: @escaping @Sendable (_ body: ([Cell]) throws -> Void) throws -> Void) {
        self.name = name
        self.columns = columns
        self.key = key
        self.indexes = indexes
        rowCount = expectedRows
        rows = .streamed(stream)
    }

    /// Whether rows are made on demand by index (rather than streamed from a source).
    public var isIndexed: Bool { if case .indexed = rows { true } else { false } }

    /// Row `i`, its cells in column order (an indexed table only).
    public func row(_ i: Int) -> [Cell] {
        guard case .indexed(let makeRow) = rows else { preconditionFailure("row(_:) of the streamed table \(name)") }
        return makeRow(i)
    }

    /// The same table with every row computed now and kept, for a table read several times —
    /// unless it has more than `limit` cells, when memory matters more than time, or is streamed.
    public func materialized(limit: Int = 4_000_000) -> ResultTable {
        guard case .indexed(let makeRow) = rows, rowCount * columns.count <= limit else { return self }
        let rows = (0..<rowCount).map(makeRow)
        return ResultTable(name: name, columns: columns, key: key, indexes: indexes, rowCount: rowCount) { rows[$0] }
    }

    /// Every row in order (an indexed table only).
    public func forEachRow<E: Error>(_ body: ([Cell]) throws(E) -> Void) throws(E) {
        guard case .indexed(let makeRow) = rows else {
            preconditionFailure("forEachRow(_:) of the streamed table \(name)")
        }
        for i in 0..<rowCount { try body(makeRow(i)) }
    }

    /// Every row, indexed or streamed, throwing what `body` or the source throws.
    public func forEachRowStreamed(_ body: ([Cell]) throws -> Void) throws {
        switch rows {
        case .indexed(let makeRow): for i in 0..<rowCount { try body(makeRow(i)) }
        case .streamed(let stream): try stream(body)
        }
    }
}
