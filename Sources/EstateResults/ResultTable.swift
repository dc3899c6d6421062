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
        public enum Kind: String, Sendable, Hashable { case text = "TEXT", integer = "INTEGER", real = "REAL" }
        public let name: String
        public let kind: Kind
        public init(_ name: String, _ kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    /// The table's name in `results.sqlite`.
    public let name: String
    public let columns: [Column]
    /// The columns that identify a row, for the store's primary key.
    public let key: [String]
    /// Further column lists to index, for the obvious queries.
    public let indexes: [[String]]
    public let rowCount: Int
    private let makeRow: @Sendable (Int) -> [Cell]

    public init(name: String, columns: [Column], key: [String], indexes: [[String]] = [], rowCount: Int,
                row: @escaping @Sendable (Int) -> [Cell]) {
        self.name = name
        self.columns = columns
        self.key = key
        self.indexes = indexes
        self.rowCount = rowCount
        makeRow = row
    }

    /// Row `i`, its cells in column order.
    public func row(_ i: Int) -> [Cell] { makeRow(i) }

    /// The same table with every row computed now and kept, for a table read several times —
    /// unless it has more than `limit` cells, when memory matters more than time.
    public func materialized(limit: Int = 4_000_000) -> ResultTable {
        guard rowCount * columns.count <= limit else { return self }
        let rows = (0..<rowCount).map(makeRow)
        return ResultTable(name: name, columns: columns, key: key, indexes: indexes, rowCount: rowCount) { rows[$0] }
    }

    /// Every row in order.
    public func forEachRow<E: Error>(_ body: ([Cell]) throws(E) -> Void) throws(E) {
        for i in 0..<rowCount { try body(makeRow(i)) }
    }
}
