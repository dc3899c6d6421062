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
        let utf8 = field.utf8
        let special = utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        guard special || utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ") else { return field }
        var quotedField = "\""
        for character in field {
            if character == "\"" { quotedField += "\"\"" } else { quotedField.append(character) }
        }
        return quotedField + "\""
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
