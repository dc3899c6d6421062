extension String {
    /// The first control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) and its
    /// 1-based position in scalars, as "U+0009 at character 10"; nil when there is none.
    ///
    /// No value of a scenario or an estate file needs one: a NUL cuts a string short in C, and a
    /// tab or a newline in a name, id, path or month breaks a line of output or a CSV row.
    var firstControlCharacter: String? {
        guard let at = unicodeScalars.firstIndex(where: { $0.properties.generalCategory == .control }) else {
            return nil
        }
        let hex = String(unicodeScalars[at].value, radix: 16, uppercase: true)
        let position = unicodeScalars.distance(from: unicodeScalars.startIndex, to: at) + 1
        // TOMLSyntaxGuard turns an escaped NUL into U+0001, which TOMLKit cannot cut short.
        let code = hex == "1" ? "U+0000 or U+0001" : "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return "\(code) at character \(position)"
    }
}
