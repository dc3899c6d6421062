/// One thing wrong with a scenario or estate file, located as precisely as the file allows.
///
/// Rendered as `file:line: key: message`, the form compilers use, so that editors and terminals
/// can jump to it: `Models/plan.toml:14: group[2].stay.sd: expected a number > 0, got -1`.
public struct ScenarioProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file the problem is in, as the user named it (or as reached from it by a relative path).
    public var file: String
    /// The 1-based line, where it could be found.
    public var line: Int?
    /// Where in the file: a TOML key path such as `group[2].stay.sd` (arrays of tables and arrays
    /// are numbered from 1), or for the estate CSV `row 14, column in_use_cna` (data rows numbered
    /// from 1, the header not counted). Empty when the problem is with the whole file.
    public var key: String
    /// What was expected and what was found.
    public var message: String

    /// A problem at `key` of `file` (on `line` when known).
    public init(file: String, line: Int? = nil, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: key: message` on one line, control characters made visible.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let text = key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
        return Self.visible(text)
    }

    /// `text` with each control character written as `\u{…}`: a key or a file name can hold one,
    /// and the problem must stay on one line of a terminal.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                shown += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}

/// Every problem found in a scenario and the files it refers to; thrown only when there is at least one.
public struct ScenarioLoadError: Error, Sendable, CustomStringConvertible {
    /// In file order, then line order within each file.
    public var problems: [ScenarioProblem]

    /// The error of `problems`, at least one.
    public init(problems: [ScenarioProblem]) { self.problems = problems }

    /// One problem a line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
