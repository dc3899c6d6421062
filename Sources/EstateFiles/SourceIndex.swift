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
                guard let (name, rest) = Self.key(at: line.dropFirst(2)), rest.hasPrefix("]]") else { continue }
                let count = (arrayCounts[name] ?? 0) + 1
                arrayCounts[name] = count
                table = "\(name)[\(count)]"
                recordWithParents(name, lineNumber)
                record(table, lineNumber)
            } else if line.hasPrefix("[") {
                guard let (name, rest) = Self.key(at: line.dropFirst()), rest.hasPrefix("]") else { continue }
                table = name
                recordWithParents(table, lineNumber)
            } else if let (key, rest) = Self.key(at: line), rest.hasPrefix("=") {
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

    /// The bare, quoted or dotted key at the start of `text` (blanks around it skipped), as the
    /// key path TOMLKit's keys make (segments joined by `.`, escapes decoded), and the text after
    /// it; nil when `text` does not start with a key.
    static func key(at text: Substring) -> (path: String, rest: Substring)? {
        var rest = text.drop(while: \.isBlank)
        var segments: [String] = []
        while true {
            guard let first = rest.first else { return nil }
            if first == "\"" || first == "'" {
                guard let (segment, after) = quoted(rest) else { return nil }
                segments.append(segment)
                rest = after
            } else if isBareKeyCharacter(first) {
                let end = rest.firstIndex { !isBareKeyCharacter($0) } ?? rest.endIndex
                segments.append(String(rest[..<end]))
                rest = rest[end...]
            } else {
                return nil
            }
            rest = rest.drop(while: \.isBlank)
            guard rest.first == "." else { return (segments.joined(separator: "."), rest) }
            rest = rest.dropFirst().drop(while: \.isBlank)
        }
    }

    /// A one-line quoted key segment at the start of `text`, with a basic string's escapes decoded
    /// (an escaped NUL as U+0001, as `TOMLSyntaxGuard` hands it to TOMLKit), and the text after it.
    private static func quoted(_ text: Substring) -> (String, Substring)? {
        let quote = text.first
        var segment = ""
        var rest = text.dropFirst()
        while let c = rest.first {
            rest = rest.dropFirst()
            if c == quote { return (segment, rest) }
            guard c == "\\", quote == "\"" else {
                segment.append(c)
                continue
            }
            guard let escape = rest.first else { return nil }
            rest = rest.dropFirst()
            switch escape {
            case "u", "U":
                let digits = escape == "u" ? 4 : 8
                guard rest.count >= digits, let value = UInt32(rest.prefix(digits), radix: 16),
                      let scalar = Unicode.Scalar(value == 0 ? 1 : value) else { return nil }
                segment.unicodeScalars.append(scalar)
                rest = rest.dropFirst(digits)
            case "t": segment.append("\t")
            case "n": segment.append("\n")
            case "r": segment.append("\r")
            case "b": segment.append("\u{8}")
            case "f": segment.append("\u{C}")
            case "e": segment.append("\u{1B}")
            case "\"", "\\": segment.append(escape)
            default: return nil
            }
        }
        return nil
    }

    private static func isBareKeyCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }
}

extension Character {
    fileprivate var isBlank: Bool { self == " " || self == "\t" || self == "\r" }
}
