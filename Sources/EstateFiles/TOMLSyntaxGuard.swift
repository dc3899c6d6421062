/// Refuses the few malformed shapes of TOML that reach an assertion in toml++ (the C++ parser
/// inside TOMLKit) instead of a parse error. In a debug build the assertion aborts the process; in
/// a release build it is undefined behaviour. Everything else is left to TOMLKit.
///
/// The shapes, found by mutating scenario files:
/// - a table header whose name does not start with a key character or a quote (`[[[event]]`, `[=x]`);
/// - a `}` where an array expects a value or `]` (`seasonality = [1.0, }`).
///
/// The scan follows strings, comments, arrays and inline tables, nothing more.
enum TOMLSyntaxGuard {
    struct Finding: Error {
        var line: Int
        var column: Int
        var message: String
    }

    private enum Bracket { case array, inlineTable }

    static func check(_ text: String) -> Finding? {
        let scalars = Array(text.unicodeScalars)
        var position = 0
        var line = 1
        var lineStart = 0
        var stack: [Bracket] = []
        var atStatementStart = true

        func column(_ at: Int) -> Int { at - lineStart + 1 }
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }
        func newline() {
            line += 1
            lineStart = position + 1
        }
        /// Skips a string starting at `position` (on its opening quote); stops on the closing quote.
        func skipString() {
            let quote = scalars[position]
            let multiline = peek(1) == quote && peek(2) == quote
            position += multiline ? 3 : 1
            while position < scalars.count {
                let c = scalars[position]
                if c == "\\" && quote == "\"" {
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
                    var next = position + 1
                    if next < scalars.count, scalars[next] == "[" { next += 1 }
                    while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
                    if next < scalars.count {
                        let first = scalars[next]
                        if !(isBareKeyCharacter(first) || first == "\"" || first == "'" || first == "]") {
                            return Finding(line: line, column: column(next),
                                           message: "expected a table name after '[', saw '\(printable(first))'")
                        }
                    }
                    while position < scalars.count, scalars[position] != "\n" { position += 1 }
                    continue
                }
            }
            switch c {
            case "\"", "'":
                skipString()
            case "[":
                stack.append(.array)
            case "{":
                stack.append(.inlineTable)
            case "]", "}":
                if let top = stack.last {
                    if top == .array, c == "}" {
                        return Finding(line: line, column: column(position), message: "expected a value or ']' in an array, saw '}'")
                    }
                    if top == .inlineTable, c == "]" {
                        return Finding(line: line, column: column(position), message: "expected '}' to close an inline table, saw ']'")
                    }
                    stack.removeLast()
                }
            default:
                break
            }
            position += 1
        }
        return nil
    }

    private static func isBareKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    private static func printable(_ c: Unicode.Scalar) -> String {
        c.value < 0x20 || c.value == 0x7F ? "\\u{\(String(c.value, radix: 16))}" : String(c)
    }
}
