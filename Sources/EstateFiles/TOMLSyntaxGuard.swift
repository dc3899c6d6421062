internal import EstateModel

/// Reads a TOML text once before TOMLKit does, to refuse what toml++ (the C++ parser inside
/// TOMLKit) would crash, hang or silently change on, with the line and key. Everything else is
/// left to TOMLKit.
///
/// Refused (found by mutating scenario files; issue 13):
/// - nesting deeper than `ScenarioLimits.nesting` — tables, dotted keys, inline tables and arrays
///   together. toml++ builds and frees nested tables recursively, so a dotted key 100,000
///   levels deep runs out of stack, and indexing a deep tree is slow;
/// - a table header whose name does not start with a key character or a quote (`[[[event]]`,
///   `[=x]`), and a `}` where an array expects a value or `]` (`seasonality = [1.0, }`): both
///   reach an assertion in toml++ instead of a parse error.
///
/// Changed: an escaped NUL (`\u0000`, `\U00000000`) in a basic string becomes U+0001. TOMLKit
/// copies strings out of toml++ as C strings, so a NUL would silently cut the string short
/// (`"2015-06\u0000junk"` read as `2015-06`); as U+0001 it reaches `TOMLNode`, which refuses
/// every string with a control character. The replacement has the same length, so columns hold.
///
/// The scan follows strings, comments, keys, table headers, arrays and inline tables, nothing more.
/// - Complexity: O(n) in the length of the text.
enum TOMLSyntaxGuard {
    struct Finding: Error {
        var line: Int
        var column: Int
        /// The key path as written, shortened, for nesting; empty for a syntax error, whose key the
        /// caller finds by its line.
        var key: String
        var message: String
    }

    private enum Bracket { case array, inlineTable }

    /// The text to hand to TOMLKit (escaped NULs made visible), or why it must not be.
    static func check(_ text: String) -> Result<String, Finding> {
        var scalars = Array(text.unicodeScalars)
        var position = 0
        var line = 1
        var lineStart = 0
        /// Open arrays and inline tables, each with the nesting depth of the value it is.
        var stack: [(bracket: Bracket, depth: Int)] = []
        var atStatementStart = true
        var headerDepth = 0
        var headerText = ""
        var statementKey = ""
        /// The nesting depth of the value being read: key path segments plus open brackets.
        var depth = 0
        var nulEscapes: [Int] = []

        func column(_ at: Int) -> Int { at - lineStart + 1 }
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }
        func newline() {
            line += 1
            lineStart = position + 1
        }
        /// Notes an escaped NUL at `position` (on its backslash), to be replaced by U+0001.
        func noteNulEscape() {
            let digits = peek(1) == "u" ? 4 : peek(1) == "U" ? 8 : 0
            guard digits > 0, position + 1 + digits < scalars.count,
                  (position + 2...position + 1 + digits).allSatisfy({ scalars[$0] == "0" }) else { return }
            nulEscapes.append(position + 1 + digits)
        }
        /// Skips a string starting at `position` (on its opening quote); stops on the closing quote.
        func skipString() {
            let quote = scalars[position]
            let multiline = peek(1) == quote && peek(2) == quote
            position += multiline ? 3 : 1
            while position < scalars.count {
                let c = scalars[position]
                if c == "\\" && quote == "\"" {
                    noteNulEscape()
                    position += 2
                    continue
                }
                if c == "\n" {
                    if !multiline { return }
                    newline()
                } else if c == quote {
                    if !multiline { return }
                    if peek(1) == quote && peek(2) == quote {
                        position += 2
                        return
                    }
                }
                position += 1
            }
        }
        func skipBlanks() {
            while let c = peek(), c == " " || c == "\t" { position += 1 }
        }
        /// Reads a bare, quoted or dotted key from `position` and leaves `position` after it;
        /// the number of its segments and its text (0 and "" when there is no key here).
        func readKey() -> (segments: Int, text: String) {
            skipBlanks()
            let start = position
            let (startLine, startLineStart) = (line, lineStart)
            var segments = 0
            var end = position
            while let c = peek() {
                if isBareKeyCharacter(c) {
                    while let next = peek(), isBareKeyCharacter(next) { position += 1 }
                } else if c == "\"" || c == "'" {
                    skipString()
                    guard position < scalars.count, scalars[position] == c else { break }
                    position += 1
                } else {
                    break
                }
                segments += 1
                end = position
                skipBlanks()
                guard peek() == "." else { break }
                position += 1
                skipBlanks()
            }
            if segments == 0 { (position, line, lineStart) = (start, startLine, startLineStart) }
            return (segments, shortened(scalars[start..<end]))
        }
        func tooDeep(_ depth: Int, at: Int) -> Finding? {
            guard depth > ScenarioLimits.nesting else { return nil }
            return Finding(line: line, column: column(at), key: statementKey,
                           message: "nested at least \(depth) levels deep "
                               + "(tables, dotted keys, inline tables and arrays together); "
                               + "expected at most \(ScenarioLimits.nesting)")
        }
        func joined(_ table: String, _ key: String) -> String {
            table.isEmpty ? key : key.isEmpty ? table : "\(table).\(key)"
        }

        // A byte-order mark may open the file; toml++ skips it.
        if scalars.first == "\u{FEFF}" { position = 1 }
        while position < scalars.count {
            let c = scalars[position]
            if c == "\n" {
                newline()
                if stack.isEmpty { atStatementStart = true }
                position += 1
                continue
            }
            if c == " " || c == "\t" || c == "\r" {
                position += 1
                continue
            }
            if c == "#" {
                while position < scalars.count, scalars[position] != "\n" { position += 1 }
                continue
            }
            if atStatementStart {
                atStatementStart = false
                if c == "[" {
                    // A table header: the name must start with a key character or a quote.
                    let isArray = peek(1) == "["
                    position += isArray ? 2 : 1
                    skipBlanks()
                    if let first = peek(),
                       !(isBareKeyCharacter(first) || first == "\"" || first == "'" || first == "]") {
                        return .failure(Finding(line: line, column: column(position), key: "",
                                                message: "not valid TOML at column \(column(position)): "
                                                    + "expected a table name after '[', saw '\(printable(first))'"))
                    }
                    let keyStart = position
                    let header = readKey()
                    headerText = header.text
                    statementKey = headerText
                    headerDepth = header.segments + (isArray ? 1 : 0)
                    depth = headerDepth
                    if let finding = tooDeep(headerDepth, at: keyStart) { return .failure(finding) }
                    while position < scalars.count, scalars[position] != "\n" { position += 1 }
                    continue
                }
                let keyStart = position
                let key = readKey()
                if key.segments > 0 {
                    statementKey = joined(headerText, key.text)
                    depth = headerDepth + key.segments
                    if let finding = tooDeep(depth, at: keyStart) { return .failure(finding) }
                    continue
                }
            }
            switch c {
            case "\"", "'":
                skipString()
            case "[":
                stack.append((.array, depth))
                depth += 1
                if let finding = tooDeep(depth, at: position) { return .failure(finding) }
            case "{", ",":
                if c == "{" { stack.append((.inlineTable, depth)) }
                guard let top = stack.last else { break }
                if top.bracket == .array {
                    depth = top.depth + 1
                    break
                }
                position += 1
                let keyStart = position
                let key = readKey()
                depth = top.depth + key.segments
                if let finding = tooDeep(depth, at: keyStart) { return .failure(finding) }
                continue
            case "]", "}":
                if let top = stack.last {
                    if top.bracket == .array, c == "}" {
                        return .failure(Finding(line: line, column: column(position), key: "",
                                                message: "not valid TOML at column \(column(position)): "
                                                    + "expected a value or ']' in an array, saw '}'"))
                    }
                    if top.bracket == .inlineTable, c == "]" {
                        return .failure(Finding(line: line, column: column(position), key: "",
                                                message: "not valid TOML at column \(column(position)): "
                                                    + "expected '}' to close an inline table, saw ']'"))
                    }
                    stack.removeLast()
                    depth = top.depth
                }
            default:
                break
            }
            position += 1
        }
        guard !nulEscapes.isEmpty else { return .success(text) }
        for digit in nulEscapes { scalars[digit] = "1" }
        var rewritten = ""
        rewritten.unicodeScalars.append(contentsOf: scalars)
        return .success(rewritten)
    }

    private static func isBareKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    private static func printable(_ c: Unicode.Scalar) -> String {
        c.properties.generalCategory == .control ? "\\u{\(String(c.value, radix: 16))}" : String(c)
    }

    /// A key as written, cut to about 60 characters so that a key 100,000 levels deep stays readable.
    private static func shortened(_ key: ArraySlice<Unicode.Scalar>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: key.prefix(60).map {
            $0.properties.generalCategory == .control ? "?" : $0
        })
        return key.count > 60 ? text + "…" : text
    }
}
