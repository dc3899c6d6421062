internal import TOMLKit

/// A TOML value copied out of TOMLKit into plain Swift values, each remembering where it was
/// written. Reading, merging with a base scenario and reporting all work on this tree, so that a
/// value merged in from a base file still points at its own file and line.
struct TOMLNode: Sendable {
    indirect enum Value: Sendable {
        case table(TOMLTableNode)
        case array([TOMLNode])
        case string(String)
        case integer(Int)
        case float(Double)
        case boolean(Bool)
        /// A value no scenario key takes — a date, time or date-time, or a string with a control
        /// character — kept only to name it.
        case other(typeName: String)
    }

    var value: Value
    var origin: Origin

    /// How the value is named in "expected …, got …" messages.
    var described: String {
        switch value {
        case .table: "a table"
        case .array: "an array"
        case .string(let text): "the string \"\(text)\""
        case .integer(let number): "the integer \(number)"
        case .float(let number): "the number \(number)"
        case .boolean(let flag): "\(flag)"
        case .other(let typeName): "a \(typeName)"
        }
    }

    var table: TOMLTableNode? {
        if case .table(let table) = value { return table }
        return nil
    }

    var array: [TOMLNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }
}

/// A TOML table: its entries in TOMLKit's order (by key), each with its origin.
struct TOMLTableNode: Sendable {
    var entries: [(key: String, node: TOMLNode)]

    /// This table with `other`'s entries laid over it, key by key: `combine(new, old)` gives the
    /// entry for a key in both; a key only in `other` is appended.
    /// - Complexity: O(n + m). Setting the entries one by one through the subscript searches the
    ///   table each time, quadratic in a (hostile) table of 100,000 keys.
    func merging(_ other: TOMLTableNode,
                 combine: (_ key: String, _ new: TOMLNode, _ old: TOMLNode) -> TOMLNode) -> TOMLTableNode {
        var merged = entries
        var position: [String: Int] = [:]
        for (index, entry) in merged.enumerated() where position[entry.key] == nil { position[entry.key] = index }
        for (key, node) in other.entries {
            if let index = position[key] {
                merged[index].node = combine(key, node, merged[index].node)
            } else {
                position[key] = merged.count
                merged.append((key, node))
            }
        }
        return TOMLTableNode(entries: merged)
    }

    subscript(key: String) -> TOMLNode? {
        get { entries.first { $0.key == key }?.node }
        set {
            if let position = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[position].node = newValue } else { entries.remove(at: position) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }
}

extension TOMLNode {
    /// Parses `text` (the contents of `file`) into a tree whose root origin has an empty key;
    /// nil, with the parse error located in `log`, when it is not valid TOML.
    static func parse(_ text: String, file: String, log: ProblemLog) -> TOMLNode? {
        // Built from any text in linear time; a syntax error is named by the key on its line.
        let index = SourceIndex(text: text)
        let guarded: String
        switch TOMLSyntaxGuard.check(text) {
        case .success(let text): guarded = text
        case .failure(let finding):
            // The index numbers arrays of tables (`group[2].a`); the guard's key is only as written.
            let key = index.key(on: finding.line).map { $0.count > 60 ? $0.prefix(60) + "…" : $0 } ?? finding.key
            log.report(ScenarioProblem(file: file, line: finding.line, key: key, message: finding.message))
            return nil
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: guarded)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            log.report(ScenarioProblem(file: file, line: line, key: index.key(on: line) ?? "",
                                       message: "not valid TOML at column \(error.source.begin.column): "
                                           + "\(error.description)"))
            return nil
        } catch {
            log.report(ScenarioProblem(file: file, key: "", message: "not valid TOML: \(error)"))
            return nil
        }
        return convert(root, origin: Origin(file: file, key: "", line: nil), index: index)
    }

    private static func convert(_ value: any TOMLValueConvertible, origin: Origin, index: SourceIndex) -> TOMLNode {
        switch value.type {
        case .table:
            var entries: [(key: String, node: TOMLNode)] = []
            if let table = value.table {
                for (key, child) in table {
                    entries.append((key, convert(child, origin: origin.child(key, index: index), index: index)))
                }
            }
            return TOMLNode(value: .table(TOMLTableNode(entries: entries)), origin: origin)
        case .array:
            var elements: [TOMLNode] = []
            if let array = value.array {
                for (position, element) in array.enumerated() {
                    elements.append(convert(element, origin: origin.element(position, index: index), index: index))
                }
            }
            return TOMLNode(value: .array(elements), origin: origin)
        case .string:
            let text = value.string ?? ""
            if let control = text.firstControlCharacter {
                return TOMLNode(value: .other(typeName: "string with a control character (\(control))"), origin: origin)
            }
            return TOMLNode(value: .string(text), origin: origin)
        case .int:
            return TOMLNode(value: .integer(value.int ?? 0), origin: origin)
        case .double:
            return TOMLNode(value: .float(value.double ?? .nan), origin: origin)
        case .bool:
            return TOMLNode(value: .boolean(value.bool ?? false), origin: origin)
        case .date, .time, .dateTime:
            return TOMLNode(value: .other(typeName: value.type.description), origin: origin)
        }
    }
}
