internal import CSV
internal import EstateModel
internal import Foundation

/// An observed or published series for `estate-sim compare RUN --observed CSV`: one row a month,
/// `month,value` (`YYYY-MM`) or `date,value` (`YYYY-MM-DD`, matched to its month: the last date
/// of a month is its end-of-month figure), and any number of further numeric columns (several
/// metrics, or a published projection's `central`, `low`, `high`).
public struct ObservedSeries: Sendable {
    /// The value columns, in the file's order.
    public var columns: [String]
    /// `values[column][month]`, months as `YYYY-MM`.
    public var values: [String: [String: Double]]
    /// The file read.
    public var path: String

    /// The column to score `metric` against: the column named `metric`, else `value`, else the
    /// only value column; nil if none fits.
    public func column(for metric: String) -> String? {
        if columns.contains(metric) { return metric }
        if columns.contains("value") { return "value" }
        return columns.count == 1 ? columns[0] : nil
    }
}

/// Reads an `ObservedSeries`, listing every problem with file, line and column.
public enum ObservedSeriesReader {
    /// Reads `path`; throws every problem found, one line each (`file:line: column: message`).
    public static func read(path: String) throws(ObservedSeriesProblems) -> ObservedSeries {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ObservedSeriesProblems(problems: ["\(path): cannot read the file (missing or not readable)"],
                                         isInput: true)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ObservedSeriesProblems(problems: ["\(path): not UTF-8 text; expected a CSV file"], isInput: true)
        }
        return try parse(text, path: path)
    }

    /// Parses CSV `text` read from `path`.
    public static func parse(_ text: String, path: String) throws(ObservedSeriesProblems) -> ObservedSeries {
        var problems = [String]()
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw ObservedSeriesProblems(problems: ["\(path):1: not a CSV file: \(error)"], isInput: true)
        }
        let header = reader.headerRow ?? []
        guard let first = header.first, first == "month" || first == "date", header.count >= 2 else {
            throw ObservedSeriesProblems(problems: ["\(path):1: expected a header `month,value` (or `date,value`, or "
                                                    + "`month,central,low,high`), got "
                                                    + "`\(header.joined(separator: ","))`"],
                                         isInput: true)
        }
        let columns = Array(header.dropFirst())
        var values = [String: [String: Double]](), dates = [String: String]()
        for column in columns { values[column] = [:] }
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy(\.isEmpty) { continue }
            let key = row[0]
            let month: String
            if first == "month" {
                guard let m = Month(key) else {
                    problems.append("\(path):\(line): month: expected YYYY-MM, got `\(key)`")
                    continue
                }
                month = m.description
            } else {
                let parts = key.split(separator: "-")
                guard parts.count == 3, let m = Month(String(parts[0]) + "-" + String(parts[1])),
                      Int(parts[2]).map({ (1...31).contains($0) }) == true
                else {
                    problems.append("\(path):\(line): date: expected YYYY-MM-DD, got `\(key)`")
                    continue
                }
                month = m.description
                // The last date of a month is its end-of-month figure; ISO dates sort as text.
                if let seen = dates[month], seen > key { continue }
                dates[month] = key
            }
            for (i, column) in columns.enumerated() {
                let field = i + 1 < row.count ? row[i + 1] : ""
                if field.isEmpty { continue }
                guard let value = Double(field), value.isFinite else {
                    problems.append("\(path):\(line): \(column): expected a number, got `\(field)`")
                    continue
                }
                if first == "month", values[column]?[month] != nil {
                    problems.append("\(path):\(line): month: \(month) appears twice")
                }
                values[column]?[month] = value
            }
        }
        if problems.isEmpty, values.values.allSatisfy(\.isEmpty) {
            problems.append("\(path): no values; expected one row a month")
        }
        guard problems.isEmpty else { throw ObservedSeriesProblems(problems: problems, isInput: true) }
        return ObservedSeries(columns: columns, values: values, path: path)
    }
}

/// Every problem of an observed series file.
public struct ObservedSeriesProblems: Error, CustomStringConvertible, Sendable {
    /// One line each, as `file:line: message`.
    public var problems: [String]
    /// Whether the file itself is at fault (exit 2) rather than reading it (exit 1).
    public var isInput: Bool
    /// One problem a line.
    public var description: String { problems.joined(separator: "\n") }
}
