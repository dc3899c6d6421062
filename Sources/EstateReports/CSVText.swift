/// Builds CSV text (RFC 4180): fields separated by commas, lines ended by `\n`, and a field quoted
/// (with its quotes doubled) only when it holds a comma, a quote, a line break or leading or
/// trailing spaces — so establishment and scenario names like `Hull, "new"` survive a round trip
/// through R, pandas or a spreadsheet.
public struct CSVText: Sendable {
    /// The text so far.
    public private(set) var text = ""

    /// Starts an empty document.
    public init() {}

    /// `field`, quoted if it needs to be.
    public static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Appends one record.
    public mutating func append(_ fields: [String]) {
        var first = true
        for field in fields {
            if !first { text += "," }
            text += Self.quoted(field)
            first = false
        }
        text += "\n"
    }
}
