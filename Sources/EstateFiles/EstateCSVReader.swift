internal import CSV
internal import EstateModel

/// Reads the estate CSV (DESIGN.md §3): one row per establishment, with the columns
/// `name,sex,function,sector,region,baseline_cna,in_use_cna,operational_capacity,population` in
/// any order. Every bad cell is reported with its row (data rows from 1), column and line.
struct EstateCSVReader {
    static let columns = ["name", "sex", "function", "sector", "region", "baseline_cna", "in_use_cna",
                          "operational_capacity", "population"]

    let file: String
    let log: ProblemLog

    /// How a problem found only by its line is placed: `header`, or the data row on it (when no
    /// field before it spans lines).
    static func place(ofLine line: Int) -> String { line <= 1 ? "header" : "row \(line - 1)" }

    /// The establishments, or nil when any problem was found (each one reported).
    func read(_ text: String) -> Estate? {
        let before = log.problems.count
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            let header = Self.columns.joined(separator: ",")
            log.report(ScenarioProblem(file: file, line: 1, key: "header",
                                       message: "expected a header row (\(header)), got an empty file"))
            return nil
        }
        let header = reader.headerRow ?? []
        guard let columnIndex = readHeader(header) else { return nil }

        var establishments: [Establishment] = []
        var names: [String: Int] = [:]
        var line = 2 + Self.lineBreaks(in: header)
        var row = 0
        while let fields = reader.next() {
            defer { line += 1 + fields.reduce(0) { $0 + Self.lineBreaks(in: [$1]) } }
            if fields.count == 1, fields[0].isEmpty { continue }
            row += 1
            let cells = RowCells(fields: fields, columnIndex: columnIndex, file: file, row: row, line: line, log: log)
            guard fields.count == header.count else {
                log.report(ScenarioProblem(file: file, line: line, key: "row \(row)",
                                           message: "expected \(header.count) fields, got \(fields.count)"))
                continue
            }
            if let establishment = cells.establishment() {
                if let first = names[establishment.name] {
                    cells.report("name", "expected a name used once, got \"\(establishment.name)\" again "
                                         + "(first in row \(first))")
                } else {
                    names[establishment.name] = row
                    establishments.append(establishment)
                }
            }
        }
        if row == 0 {
            log.report(ScenarioProblem(file: file, line: line, key: "",
                                       message: "expected at least one establishment row, got none"))
        }
        return log.problems.count == before ? Estate(establishments: establishments) : nil
    }

    /// Column name → field position, or nil if a column is missing, unknown or repeated.
    private func readHeader(_ header: [String]) -> [String: Int]? {
        var columnIndex: [String: Int] = [:]
        var valid = true
        for (position, name) in header.enumerated() {
            if !Self.columns.contains(name) {
                log.report(ScenarioProblem(file: file, line: 1, key: "header, column \(position + 1)",
                                           message: "unknown column \"\(name)\"; expected one of "
                                               + "\(Self.columns.joined(separator: ", "))"))
                valid = false
            } else if columnIndex[name] != nil {
                log.report(ScenarioProblem(file: file, line: 1, key: "header, column \(position + 1)",
                                           message: "column \"\(name)\" appears twice"))
                valid = false
            } else {
                columnIndex[name] = position
            }
        }
        for name in Self.columns where columnIndex[name] == nil {
            log.report(ScenarioProblem(file: file, line: 1, key: "header",
                                       message: "missing column \(name); expected the columns "
                                           + "\(Self.columns.joined(separator: ","))"))
            valid = false
        }
        return valid ? columnIndex : nil
    }

    private static func lineBreaks(in fields: [String]) -> Int {
        fields.reduce(0) { count, field in count + field.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count }
    }
}

/// The cells of one data row, read by column name.
private struct RowCells {
    let fields: [String]
    let columnIndex: [String: Int]
    let file: String
    let row: Int
    let line: Int
    let log: ProblemLog

    func report(_ column: String, _ message: String) {
        log.report(ScenarioProblem(file: file, line: line, key: "row \(row), column \(column)", message: message))
    }

    func cell(_ column: String) -> String {
        guard let position = columnIndex[column], position < fields.count else { return "" }
        return fields[position]
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ column: String, _ type: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        let text = cell(column)
        if let value = Choice(rawValue: text) { return value }
        report(column, "expected \(Choice.expectation()), got \(text.isEmpty ? "an empty cell" : "\"\(text)\"")")
        return nil
    }

    /// A whole number from 0 to `limit`; nil (unreported) for an empty cell when `optional`.
    func count(_ column: String, limit: Int = Limits.places, optional: Bool = false) -> Int?? {
        let text = cell(column)
        if text.isEmpty, optional { return .some(nil) }
        guard let value = Int(text), (0...limit).contains(value) else {
            let got = text.isEmpty ? "an empty cell" : "\"\(text)\""
            report(column,
                   "expected a whole number from 0 to \(limit)\(optional ? " or an empty cell" : ""), got \(got)")
            return nil
        }
        return .some(value)
    }

    func establishment() -> Establishment? {
        var name = cell("name")
        if name.isEmpty { report("name", "expected an establishment name, got an empty cell") }
        for column in ["name", "region"] {
            if let control = cell(column).firstControlCharacter {
                report(column, "expected text without control characters, got a control character (\(control))")
                if column == "name" { name = "" }
            }
        }
        let sex = choice("sex", Sex.self)
        let function = choice("function", EstablishmentFunction.self)
        let sector = choice("sector", Sector.self)
        let baseline = count("baseline_cna")
        let inUse = count("in_use_cna")
        let capacity = count("operational_capacity")
        let population = count("population", limit: Limits.people, optional: true)
        guard !name.isEmpty, let sex, let function, let sector, let baseline = baseline ?? nil,
              let inUse = inUse ?? nil, let capacity = capacity ?? nil, let population else { return nil }
        guard inUse <= baseline else {
            report("in_use_cna", "expected at most baseline_cna (\(baseline)), got \(inUse)")
            return nil
        }
        return Establishment(name: name, sex: sex, function: function, sector: sector, region: cell("region"),
                             baselineCNA: baseline, inUseCNA: inUse, operationalCapacity: capacity,
                             population: population)
    }
}
