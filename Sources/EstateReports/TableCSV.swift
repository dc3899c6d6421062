public import EstateResults

/// A results table as CSV text: the column names, then one record per row, each cell in the
/// fixed format of `NumberFormat` (an empty cell for no value). It formats; it computes nothing.
public enum TableCSV {
    /// `table` as one CSV document.
    public static func text(_ table: ResultTable) -> String {
        var csv = CSVText()
        csv.append(table.columns.map(\.name))
        var fields = [String]()
        fields.reserveCapacity(table.columns.count)
        table.forEachRow { cells in
            fields.removeAll(keepingCapacity: true)
            for cell in cells { fields.append(field(cell)) }
            csv.append(fields)
        }
        return csv.text
    }

    /// One cell as a CSV field (unquoted).
    public static func field(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): text
        case .integer(let value): NumberFormat.integer(value)
        case .real(let value): NumberFormat.decimal(value)
        }
    }
}
