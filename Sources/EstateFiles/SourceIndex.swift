/// The line on which each key of a TOML file is written.
///
/// TOMLKit gives line numbers for parse errors but not for values, so this reads the source text
/// once, line by line, following table headers (`[scenario]`, the n-th `[[group]]`) and
/// `key = value` lines, and records the key paths in the same form as the problems use
/// (`group[2].stay`). Keys inside inline tables and array elements are not indexed; they fall back
/// to the line of the nearest indexed parent, which is where they are written in practice.
struct SourceIndex: Sendable {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.drop(while: \.isBlank)
            if line.hasPrefix("[[") {
                guard let close = line.range(of: "]]") else { continue }
                let name = Self.keyPath(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])
                let count = (arrayCounts[name] ?? 0) + 1
                arrayCounts[name] = count
                table = "\(name)[\(count)]"
                record(table, lineNumber)
            } else if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { continue }
                table = Self.keyPath(line[line.index(after: line.startIndex)..<close])
                record(table, lineNumber)
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = Self.keyPath(line[..<equals])
                guard !key.isEmpty, key.allSatisfy(Self.isKeyCharacter) else { continue }
                record(table.isEmpty ? key : "\(table).\(key)", lineNumber)
            }
        }
    }

    /// The line of `path`, or of its nearest indexed parent (`group[2].stay.sd` → `group[2].stay`
    /// → `group[2]`).
    func line(for path: String) -> Int? {
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if let line = lines[String(candidate)] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = candidate[..<cut]
        }
        return nil
    }

    private mutating func record(_ path: String, _ line: Int) {
        if lines[path] == nil { lines[path] = line }
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
