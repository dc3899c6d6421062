internal import EstateModel

/// The line on which each key of a TOML file is written.
///
/// TOMLKit gives line numbers for parse errors but not for values, so this reads the source text
/// once, line by line, following table headers (`[scenario]`, the n-th `[[group]]`) and
/// `key = value` lines, and records the key paths in the same form as the problems use
/// (`group[2].stay`), with every table they imply (`[a.b]` writes `a` too; the first `[[event]]`
/// writes the array `event`). Keys inside inline tables and array elements are not indexed; they
/// take the line of the nearest indexed parent, which is where they are written in practice.
struct SourceIndex: Sendable {
    private var lines: [String: Int] = [:]
    /// The key path of each `key = value` line.
    private var keys: [Int: String] = [:]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var lineNumber = 0
        // A byte-order mark may open the file (toml++ skips it); it must not hide the first header.
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        for rawLine in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.drop(while: \.isBlank)
            if line.hasPrefix("[[") {
                guard let close = line.range(of: "]]") else { continue }
                let name = Self.keyPath(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])
                let count = (arrayCounts[name] ?? 0) + 1
                arrayCounts[name] = count
                table = "\(name)[\(count)]"
                recordWithParents(name, lineNumber)
                record(table, lineNumber)
            } else if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { continue }
                table = Self.keyPath(line[line.index(after: line.startIndex)..<close])
                recordWithParents(table, lineNumber)
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = Self.keyPath(line[..<equals])
                guard !key.isEmpty, key.allSatisfy(Self.isKeyCharacter) else { continue }
                let path = table.isEmpty ? key : "\(table).\(key)"
                recordWithParents(path, lineNumber)
                keys[lineNumber] = path
            }
        }
    }

    /// The line of `path` itself, if it is indexed. A caller walking down a tree falls back to
    /// the parent's line, which gives the line of the nearest indexed parent without searching
    /// for it: the search, once per node, cost time cubic in the depth of the tree.
    func line(exactly path: String) -> Int? { lines[path] }

    /// The key path of the `key = value` written on `line`, if one is: where a fault found only by
    /// its line (a syntax error, a byte that is not UTF-8) is.
    func key(on line: Int) -> String? { keys[line] }

    private mutating func record(_ path: String, _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    /// Records `path` and each table above it (`a.b.c`: `a`, `a.b`, `a.b.c`) not yet seen.
    /// Past `ScenarioLimits.nesting` levels, which the syntax guard refuses, the parents are
    /// skipped, so that an index of any text is built in time linear in its length.
    private mutating func recordWithParents(_ path: String, _ line: Int) {
        var end = path.startIndex
        var depth = 0
        while depth < ScenarioLimits.nesting, let dot = path[end...].firstIndex(where: { $0 == "." || $0 == "[" }) {
            record(String(path[..<dot]), line)
            end = path.index(after: dot)
            depth += 1
        }
        record(path, line)
    }

    /// A bare or dotted key with surrounding blanks and quotes removed.
    private static func keyPath(_ text: Substring) -> String {
        text.split(separator: ".")
            .map { $0.trimmingBlanks().trimmingQuotes() }
            .joined(separator: ".")
    }

    private static func isKeyCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." || c == " "
    }
}

extension Substring {
    fileprivate func trimmingBlanks() -> Substring {
        var text = self
        while let first = text.first, first.isBlank { text.removeFirst() }
        while let last = text.last, last.isBlank { text.removeLast() }
        return text
    }

    fileprivate func trimmingQuotes() -> Substring {
        if count >= 2, let first, let last, first == last, first == "\"" || first == "'" {
            return dropFirst().dropLast()
        }
        return self
    }
}

extension Character {
    fileprivate var isBlank: Bool { self == " " || self == "\t" || self == "\r" }
}
