internal import EstateModel

/// What a value must be, in words for the message and as a test.
struct Expectation<Value>: Sendable {
    var text: String
    var accepts: @Sendable (Value) -> Bool

    init(_ text: String, _ accepts: @escaping @Sendable (Value) -> Bool = { _ in true }) {
        self.text = text
        self.accepts = accepts
    }
}

/// The limits of `ScenarioLimits` (EstateModel), the one table of them, under a short name.
typealias Limits = ScenarioLimits

extension Expectation<Int> {
    static let nonNegative = Expectation("an integer >= 0") { $0 >= 0 }
    static let replications = Expectation("an integer from 1 to \(Limits.replications)") {
        (1...Limits.replications).contains($0)
    }
    static let months = Expectation("a whole number of months from 1 to \(Limits.months)") {
        (1...Limits.months).contains($0)
    }
    static let places = Expectation("a number of places from 0 to \(Limits.places)") {
        (0...Limits.places).contains($0)
    }
    static let openingPlaces = Expectation("a number of places from 1 to \(Limits.places)") {
        (1...Limits.places).contains($0)
    }
    static let placeChange = Expectation("a signed number of places from -\(Limits.places) to \(Limits.places)") {
        (-Limits.places...Limits.places).contains($0)
    }
    static let people = Expectation("a number of people from 0 to \(Limits.people)") {
        (0...Limits.people).contains($0)
    }
}

extension Expectation<Double> {
    static let probability = Expectation("a probability in [0, 1]") { (0...1).contains($0) }
    static let factor = Expectation("a factor > 0 (at most \(Int(Limits.factor)))") { $0 > 0 && $0 <= Limits.factor }
    /// The standard deviation of an uncertain rate, on its own scale or the log scale.
    static let spread = Expectation("a standard deviation >= 0 (at most 1)") { $0 >= 0 && $0 <= 1 }
    /// A duration parameter of a distribution (mean, sd, scale).
    static let duration = Expectation("a number of months > 0 (at most \(Limits.months))") {
        $0 > 0 && $0 <= Double(Limits.months)
    }
}

/// Reads one TOML table: typed look-ups that report a problem (missing, wrong type, out of range)
/// and return nil instead of throwing, so that reading goes on and every problem is found.
struct TableReader {
    let table: TOMLTableNode
    let origin: Origin
    let log: ProblemLog

    /// A reader for `node`, or nil (reported as "expected `what`") if it is not a table.
    init?(_ node: TOMLNode, expecting what: String, log: ProblemLog) {
        guard let table = node.table else {
            log.report(node.origin, "expected \(what), got \(node.described)")
            return nil
        }
        self.table = table
        self.origin = node.origin
        self.log = log
    }

    /// Reports every key not in `allowed`: a typo is an error, never silently ignored.
    func rejectUnknownKeys(allowed: [String], context: String) {
        for (key, node) in table.entries where !allowed.contains(key) {
            log.report(node.origin, "unknown key in \(context); expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    func origin(of key: String) -> Origin { table[key]?.origin ?? missingOrigin(key) }

    /// The node for `key`; when `required` and absent, reports it as missing.
    func node(_ key: String, required: Bool, expecting what: String) -> TOMLNode? {
        if let node = table[key] { return node }
        if required { log.report(missingOrigin(key), "missing; expected \(what)") }
        return nil
    }

    func string(_ key: String, required: Bool = false,
                _ expectation: Expectation<String> = Expectation("a string")) -> String? {
        node(key, required: required, expecting: expectation.text).flatMap { $0.readString(expectation, log: log) }
    }

    func integer(_ key: String, required: Bool = false, _ expectation: Expectation<Int>) -> Int? {
        node(key, required: required, expecting: expectation.text).flatMap { $0.readInteger(expectation, log: log) }
    }

    func number(_ key: String, required: Bool = false, _ expectation: Expectation<Double>) -> Double? {
        node(key, required: required, expecting: expectation.text).flatMap { $0.readNumber(expectation, log: log) }
    }

    func boolean(_ key: String, required: Bool = false) -> Bool? {
        guard let node = node(key, required: required, expecting: "true or false") else { return nil }
        if case .boolean(let flag) = node.value { return flag }
        log.report(node.origin, "expected true or false, got \(node.described)")
        return nil
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, required: Bool = false, of type: Choice.Type,
                                                          allowed: [Choice]? = nil) -> Choice?
    where Choice.RawValue == String {
        node(key, required: required, expecting: Choice.expectation(allowed)).flatMap {
            $0.readChoice(type, allowed: allowed, log: log)
        }
    }

    func month(_ key: String, required: Bool = false) -> Month? {
        node(key, required: required, expecting: Month.expectation).flatMap { $0.readMonth(log: log) }
    }

    func array(_ key: String, required: Bool = false, expecting what: String) -> [TOMLNode]? {
        guard let node = node(key, required: required, expecting: what) else { return nil }
        guard let elements = node.array else {
            log.report(node.origin, "expected \(what), got \(node.described)")
            return nil
        }
        return elements
    }

    /// A non-empty array of strings, each meeting `expectation`; nil if any element fails.
    func strings(_ key: String, required: Bool = false,
                 _ expectation: Expectation<String> = Expectation("a string")) -> [String]? {
        guard let elements = array(key, required: required, expecting: "an array of \(expectation.text)s") else {
            return nil
        }
        let values = elements.map { $0.readString(expectation, log: log) }
        return values.contains(nil) ? nil : values.compactMap { $0 }
    }

    /// A rate that may carry its uncertainty: a plain number meeting `expectation` (known), or a
    /// table `{ mean = …, sd = … }` whose mean meets it and whose sd is ≥ 0 and meets `sd` (drawn
    /// per replication). `mean` may be left out where `defaultMean` is given.
    func estimate(_ key: String, required: Bool = false, _ expectation: Expectation<Double>,
                  sd: Expectation<Double> = .spread, defaultMean: Double? = nil) -> Estimate? {
        guard let node = node(key, required: required, expecting: expectation.text) else { return nil }
        guard node.table != nil else { return number(key, expectation).map { Estimate($0) } }
        guard let reader = table(key, expecting: "\(expectation.text), or a table { mean, sd }") else { return nil }
        reader.rejectUnknownKeys(allowed: ["mean", "sd"], context: "\(key) = { mean, sd }")
        let mean = reader.number("mean", required: defaultMean == nil, expectation) ?? defaultMean
        let spread = reader.number("sd", required: true, sd)
        guard let mean, let spread else { return nil }
        return Estimate(mean, sd: spread)
    }

    /// A standard deviation written as `{ sd = … }` (a level or shocks): nil when absent.
    func spread(_ key: String, _ expectation: Expectation<Double> = .spread) -> Double? {
        guard let reader = table(key, expecting: "a table { sd = … }") else { return nil }
        reader.rejectUnknownKeys(allowed: ["sd"], context: "\(key) = { sd }")
        return reader.number("sd", required: true, expectation)
    }

    func table(_ key: String, required: Bool = false, expecting what: String) -> TableReader? {
        node(key, required: required, expecting: what).flatMap { TableReader($0, expecting: what, log: log) }
    }

    /// Where a missing key would have been written: in this table, on the table's line.
    private func missingOrigin(_ key: String) -> Origin {
        Origin(file: origin.file, key: origin.key.isEmpty ? key : "\(origin.key).\(key)", line: origin.line)
    }
}

extension TOMLNode {
    /// The node's value if `extract` finds one of the right type (with how the file wrote it) and
    /// `expectation` accepts it; otherwise nil, with one problem reported: the type or the value.
    private func read<Value>(_ expectation: Expectation<Value>, log: ProblemLog,
                             extract: (TOMLNode.Value) -> (value: Value, written: String)?) -> Value? {
        guard let (value, written) = extract(self.value) else {
            log.report(origin, "expected \(expectation.text), got \(described)")
            return nil
        }
        guard expectation.accepts(value) else {
            log.report(origin, "expected \(expectation.text), got \(written)")
            return nil
        }
        return value
    }

    func readString(_ expectation: Expectation<String>, log: ProblemLog) -> String? {
        read(expectation, log: log) { value in
            if case .string(let text) = value { (text, "\"\(text)\"") } else { nil }
        }
    }

    func readInteger(_ expectation: Expectation<Int>, log: ProblemLog) -> Int? {
        read(expectation, log: log) { value in
            if case .integer(let number) = value { (number, "\(number)") } else { nil }
        }
    }

    /// A finite number; integers are accepted where numbers are expected (`mean = 5200`).
    func readNumber(_ expectation: Expectation<Double>, log: ProblemLog) -> Double? {
        let finite = Expectation(expectation.text) { $0.isFinite && expectation.accepts($0) }
        return read(finite, log: log) { value in
            switch value {
            case .integer(let integer): (Double(integer), "\(integer)")
            case .float(let float): (float, "\(float)")
            default: nil
            }
        }
    }

    func readChoice<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type, allowed: [Choice]? = nil,
                                                             log: ProblemLog) -> Choice?
    where Choice.RawValue == String {
        guard let text = string else {
            log.report(origin, "expected \(Choice.expectation(allowed)), got \(described)")
            return nil
        }
        guard let choice = Choice(rawValue: text), allowed.map({ $0.map(\.rawValue).contains(text) }) ?? true else {
            log.report(origin, "expected \(Choice.expectation(allowed)), got \"\(text)\"")
            return nil
        }
        return choice
    }

    func readMonth(log: ProblemLog) -> Month? {
        guard let text = string else {
            let hint = if case .other(let typeName) = value, !typeName.hasPrefix("string") {
                " (write the month as a string, \"2015-02\")"
            } else { "" }
            log.report(origin, "expected \(Month.expectation), got \(described)\(hint)")
            return nil
        }
        guard let month = Month(text), (1000...9999).contains(month.year) else {
            log.report(origin, "expected \(Month.expectation), got \"\(text)\"")
            return nil
        }
        return month
    }
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// "one of male, female": the choices, as the message names them.
    static func expectation(_ allowed: [Self]? = nil) -> String {
        let names = (allowed ?? Array(allCases)).map(\.rawValue)
        return names.count == 1 ? "\"\(names[0])\"" : "one of \(names.joined(separator: ", "))"
    }
}

extension Month {
    static let expectation = "a month \"YYYY-MM\""
}
