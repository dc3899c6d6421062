public import EstateResults
import Foundation

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

    /// Writes `table` as CSV to `directory/name` (atomically), a megabyte at a time, so a table of
    /// millions of rows (establishments.csv of a national estate over a century) is never held
    /// whole: the same bytes as `text(_:)`.
    public static func write(_ table: ResultTable, to directory: String, name: String) throws(ReportError) {
        try AtomicFile.write(to: directory,
                             name: name) { (emit: (Data) throws(ReportError) -> Void) throws(ReportError) in
            var csv = CSVText()
            csv.append(table.columns.map(\.name))
            var fields = [String]()
            fields.reserveCapacity(table.columns.count)
            for i in 0..<table.rowCount {
                fields.removeAll(keepingCapacity: true)
                for cell in table.row(i) { fields.append(field(cell)) }
                csv.append(fields)
                if csv.text.utf8.count >= 1 << 20 {
                    try emit(Data(csv.text.utf8))
                    csv = CSVText()
                }
            }
            try emit(Data(csv.text.utf8))
        }
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
