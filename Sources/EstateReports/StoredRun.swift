public import EstateModel
public import EstateResults
import Foundation
import GRDB

/// A table's rows held in memory, as stored: column names and cells (NULL as `.real(.nan)`).
public struct StoredTable: Sendable {
    /// The column names, in order.
    public var columns: [String]
    /// The rows, each one cell per column.
    public var rows: [[Cell]]

    /// A table of `rows` under `columns`.
    public init(columns: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Every row of `table`, made now.
    public init(_ table: ResultTable) {
        columns = table.columns.map(\.name)
        var rows = [[Cell]]()
        rows.reserveCapacity(table.rowCount)
        table.forEachRow { rows.append($0) }
        self.rows = rows
    }

    /// The position of column `name`, if the table has it.
    public func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
}

extension Cell {
    /// The cell as a number: an integer or real as it is, text or NULL as NaN.
    public var number: Double {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .text: .nan
        }
    }

    /// The cell as text: text as it is, a number formatted as in the CSV files, NULL as "".
    public var text: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .real(let value): NumberFormat.decimal(value)
        }
    }
}

/// A run as stored in its folder's `results.sqlite`, read back for `report`, `compare` and the
/// report every run writes (which is made from the same tables before they are stored, so that
/// `estate-sim report RUN` rebuilds it byte for byte). It reads and moves data; every figure in
/// it was computed by EstateResults when the run was written.
public struct StoredRun: Sendable {
    /// One scenario of the run.
    public struct Scenario: Sendable {
        /// The `[scenario]` name labelling its rows.
        public var name: String
        /// The months, `YYYY-MM`, in order.
        public var months: [String]
        /// Its row of the `runs` table (the manifest): seed, generator, replications, hashes.
        public var manifest: [String: String]
        /// Its row of the `scenarios` table.
        public var settings: [String: String]
        /// Each column of `monthly` (but `scenario` and `month`) month by month; NaN for NULL.
        public var monthly: [String: [Double]]
        /// The columns of `monthly` in the stored order.
        public var monthlyColumns: [String]
        /// Its rows of `establishment_monthly` (empty for the run about to be written, whose report
        /// needs only `establishmentDigest`).
        public var establishments: StoredTable
        /// What the report shows of `establishment_monthly`.
        public var establishmentDigest: EstablishmentDigest
        /// Its rows of `events`.
        public var events: StoredTable
        /// Its population groups, in the scenario's order.
        public var groups: [String]
        /// Its rates of the `costs` table; nil for a store written before costs were kept.
        public var costs: CostRates?

        /// A column of `monthly`, or nil when the run does not have it.
        public func series(_ column: String) -> [Double]? { monthly[column] }

        /// The manifest's value for `key` (a column of `runs`), or "".
        public func manifestValue(_ key: String) -> String { manifest[key] ?? "" }
    }

    /// The folder the run was read from ("" for a run not yet stored).
    public var folder: String
    /// The run's scenarios, in the order of the rows of its `scenarios` table.
    public var scenarios: [Scenario]

    /// The tables the report and the comparisons use.
    static let tableNames = ["runs", "scenarios", "groups", "events", "monthly", "establishment_monthly"]
    /// Tables read when the store has them: stores written before costs were kept have no `costs`.
    static let optionalTableNames = ["costs"]

    /// A run from its tables, keyed by name (`runs`, `scenarios`, `groups`, `events`, `monthly`,
    /// `establishment_monthly`).
    public init(folder: String, tables: [String: StoredTable]) {
        self.folder = folder
        let empty = StoredTable(columns: [], rows: [])
        func rows(_ table: String, of scenario: String) -> StoredTable {
            let stored = tables[table] ?? empty
            guard let k = stored.column("scenario") else { return StoredTable(columns: stored.columns, rows: []) }
            return StoredTable(columns: stored.columns, rows: stored.rows.filter { $0[k].text == scenario })
        }
        func record(_ table: StoredTable) -> [String: String] {
            guard let row = table.rows.first else { return [:] }
            return Dictionary(zip(table.columns, row.map(\.text)), uniquingKeysWith: { a, _ in a })
        }
        let names = (tables["scenarios"]?.rows ?? []).compactMap { $0.first?.text }
        scenarios = names.map { name in
            let monthly = rows("monthly", of: name)
            let monthColumn = monthly.column("month") ?? 1
            var series = [String: [Double]]()
            let columns = monthly.columns.filter { $0 != "scenario" && $0 != "month" }
            for (i, column) in monthly.columns.enumerated() where column != "scenario" && column != "month" {
                series[column] = monthly.rows.map { $0[i].number }
            }
            let groups = rows("groups", of: name)
            let groupColumn = groups.column("group_id") ?? 1
            return Scenario(name: name, months: monthly.rows.map { $0[monthColumn].text },
                            manifest: record(rows("runs", of: name)), settings: record(rows("scenarios", of: name)),
                            monthly: series, monthlyColumns: columns,
                            establishments: rows("establishment_monthly", of: name),
                            establishmentDigest: EstablishmentDigest(rows("establishment_monthly", of: name),
                                                                     months: monthly.rows.map { $0[monthColumn].text }),
                            events: rows("events", of: name),
                            // In the scenario's order, which the store's groups table (keyed by id) does not
                            // keep but monthly's columns do.
                            groups: groups.rows.map { $0[groupColumn].text }.sorted {
                                (columns.firstIndex(of: "population_\($0)_mean") ?? .max, $0)
                                    < (columns.firstIndex(of: "population_\($1)_mean") ?? .max, $1)
                            },
                            costs: tables["costs"] == nil ? nil : Self.costRates(rows("costs", of: name)))
        }
    }

    /// The rates of one scenario's rows of the `costs` table; nil when it has no `national` row.
    static func costRates(_ table: StoredTable) -> CostRates? {
        guard let appliesTo = table.column("applies_to"), let place = table.column("place_per_year"),
              let prisoner = table.column("prisoner_per_year"), let basis = table.column("basis") else { return nil }
        let runningColumn = table.column("running_cost"), placeCountColumn = table.column("place_count")
        var placeCount = CostRates.PlaceCount.baselineCNA
        var national: CostRates.Rates?, functions = [EstablishmentFunction: CostRates.Rates](),
            kind = CostRates.Basis.direct
        var running = CostRates.Running.places
        for row in table.rows {
            let rates = CostRates.Rates(place: row[place].number, prisoner: row[prisoner].number)
            if row[appliesTo].text == "national" {
                national = rates
                kind = CostRates.Basis(rawValue: row[basis].text) ?? .direct
                running = runningColumn.flatMap { CostRates.Running(rawValue: row[$0].text) } ?? .places
                placeCount = placeCountColumn.flatMap { CostRates.PlaceCount(rawValue: row[$0].text) } ?? .baselineCNA
            } else if let function = EstablishmentFunction(rawValue: row[appliesTo].text) {
                functions[function] = rates
            }
        }
        return national.map {
            CostRates(basis: kind, national: $0, functions: functions, running: running, placeCount: placeCount)
        }
    }

    /// The run about to be written: the same tables as the store will hold, but for
    /// `establishment_monthly`, of which only the digest is kept (streamed from the table's rows:
    /// a national estate over a century has millions of them).
    public init(tables: ResultTables, runs: ResultTable) {
        var stored = [String: StoredTable]()
        let byName = ["runs": runs, "scenarios": tables.scenarios, "groups": tables.groups, "events": tables.events,
                      "monthly": tables.monthly, "costs": tables.costs]
        for (name, table) in byName { stored[name] = StoredTable(table) }
        self.init(folder: "", tables: stored)
        let table = tables.establishmentMonthly
        let columns = table.columns.map(\.name)
        let position = Dictionary(uniqueKeysWithValues: scenarios.enumerated().map { ($1.name, $0) })
        guard let scenario = columns.firstIndex(of: "scenario") else { return }
        for k in scenarios.indices { scenarios[k].establishments = StoredTable(columns: columns, rows: []) }
        table.forEachRow { row in
            guard let k = position[row[scenario].text] else { return }
            scenarios[k].establishmentDigest.add(row, columns: columns)
        }
    }

    /// Why a run folder cannot be read: not a run (exit 2), or unreadable (exit 1).
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        /// What is wrong, naming the folder or file.
        public var description: String
        /// The folder is not an estate-sim run, rather than a file the system cannot read.
        public var isInput: Bool
    }

    /// Reads the run in `folder` (its `results.sqlite`).
    public static func read(_ folder: String) throws(ReadError) -> StoredRun {
        let path = folder + "/" + ResultsDatabase.fileName
        let queue = try open(folder)
        do {
            let tables = try queue.read { db in
                var tables = [String: StoredTable]()
                for name in tableNames {
                    guard try db.tableExists(name) else {
                        throw ReadError(description: "\(path): no table \(name); "
                                        + "is it a store written by estate-sim run?",
                                        isInput: true)
                    }
                    tables[name] = try readTable(db, sql: "SELECT * FROM \(name.quotedDatabaseIdentifier)")
                }
                for name in optionalTableNames where try db.tableExists(name) {
                    tables[name] = try readTable(db, sql: "SELECT * FROM \(name.quotedDatabaseIdentifier)")
                }
                return tables
            }
            return StoredRun(folder: folder, tables: tables)
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError(description: "cannot read \(path): \(error)", isInput: false)
        }
    }

    /// Every replication's values of `columns` (of `replication_monthly`) for `scenario`:
    /// `values[column][r][t]`, replications in index order, NaN where the column is missing or NULL.
    public static func replications(_ folder: String, scenario: String, columns: [String])
        throws(ReadError) -> (indices: [Int], values: [String: [[Double]]]) {
        let path = folder + "/" + ResultsDatabase.fileName
        let queue = try open(folder)
        do {
            return try queue.read { db in
                let present = Set(try db.columns(in: "replication_monthly").map(\.name))
                let wanted = columns.filter(present.contains)
                let select = (["replication", "month"] + wanted).map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                let table = try readTable(db, sql: "SELECT \(select) FROM replication_monthly WHERE scenario = ? "
                                          + "ORDER BY replication, month", arguments: [scenario])
                // One row per replication × month, in order: cut into replications.
                var indices = [Int](), starts = [Int]()
                for (k, row) in table.rows.enumerated() where indices.last != Int(row[0].number) {
                    indices.append(Int(row[0].number))
                    starts.append(k)
                }
                starts.append(table.rows.count)
                var values = [String: [[Double]]]()
                for column in columns {
                    let i = wanted.firstIndex(of: column).map { $0 + 2 }
                    values[column] = indices.indices.map { r in
                        table.rows[starts[r]..<starts[r + 1]].map { row in i.map { row[$0].number } ?? .nan }
                    }
                }
                return (indices, values)
            }
        } catch {
            throw ReadError(description: "cannot read \(path): \(error)", isInput: false)
        }
    }

    private static func open(_ folder: String) throws(ReadError) -> DatabaseQueue {
        let path = folder + "/" + ResultsDatabase.fileName
        guard FileManager.default.fileExists(atPath: path) else {
            throw ReadError(description: "\(folder): no \(ResultsDatabase.fileName); expected the --out folder of "
                            + "estate-sim run or merge", isInput: true)
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw ReadError(description: "\(path): not an estate-sim results store (\(error))", isInput: true)
        }
    }

    private static func readTable(_ db: Database, sql: String,
                                  arguments: StatementArguments = []) throws -> StoredTable {
        let statement = try db.makeStatement(sql: sql)
        let columns = statement.columnNames
        var rows = [[Cell]]()
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() {
            var cells = [Cell]()
            cells.reserveCapacity(columns.count)
            for i in 0..<columns.count {
                switch row[i] as DatabaseValue {
                case let value where value.isNull: cells.append(.real(.nan))
                case let value:
                    switch value.storage {
                    case .int64(let n): cells.append(.integer(Int(n)))
                    case .double(let x): cells.append(.real(x))
                    case .string(let s): cells.append(.text(s))
                    case .blob, .null: cells.append(.real(.nan))
                    }
                }
            }
            rows.append(cells)
        }
        return StoredTable(columns: columns, rows: rows)
    }
}

/// What the report shows of an establishment's months (`establishment_monthly`), gathered row by
/// row, so a run of millions of establishment-months need not hold them: % population to in-use
/// CNA month by month (the heat map) and the tallies of P(over operational capacity).
public struct EstablishmentDigest: Sendable {
    /// What is kept of one establishment.
    public struct Establishment: Sendable {
        /// The establishment's name.
        public var name: String
        /// As of the last month seen.
        public var function: String
        /// % population to in-use CNA by month, NaN where it does not exist.
        public var percentOfInUseCNA: [Double]
        /// Σ of the months' P(over operational capacity), the months with one, those above ½.
        public var overSum = 0.0, overMonths = 0, likelyOver = 0
        /// The highest % of in-use CNA.
        public var peak = -Double.infinity
    }

    /// In the order first seen.
    public private(set) var establishments: [Establishment] = []
    private var index: [String: Int] = [:]
    private let monthIndex: [String: Int]

    /// An empty digest of the months `months`, `YYYY-MM`, whose rows are yet to be added.
    public init(months: [String]) {
        monthIndex = Dictionary(months.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The digest of the rows of `table`.
    public init(_ table: StoredTable, months: [String]) {
        self.init(months: months)
        for row in table.rows { add(row, columns: table.columns) }
    }

    /// Adds one row of `establishment_monthly` whose columns are `columns`.
    public mutating func add(_ row: [Cell], columns: [String]) {
        guard let name = columns.firstIndex(of: "establishment"), let function = columns.firstIndex(of: "function"),
              let month = columns.firstIndex(of: "month") else { return }
        let key = row[name].text
        let e: Int
        if let known = index[key] {
            e = known
        } else {
            e = establishments.count
            index[key] = e
            establishments.append(Establishment(name: key, function: row[function].text,
                                                percentOfInUseCNA: Array(repeating: .nan, count: monthIndex.count)))
        }
        establishments[e].function = row[function].text
        let pct = columns.firstIndex(of: "pct_pop_to_in_use_cna_mean").map { row[$0].number } ?? .nan
        if let t = monthIndex[row[month].text] { establishments[e].percentOfInUseCNA[t] = pct }
        if let p = columns.firstIndex(of: "p_over_operational_capacity") {
            let share = row[p].number
            if share.isFinite {
                establishments[e].overSum += share
                establishments[e].overMonths += 1
                if share > 0.5 { establishments[e].likelyOver += 1 }
            }
        }
        if pct.isFinite { establishments[e].peak = max(establishments[e].peak, pct) }
    }
}
