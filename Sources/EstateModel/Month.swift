/// A calendar month, the engine's unit of time ("2014-09").
///
/// Months compare and subtract as whole months, so `Month("2015-02")! - Month("2014-09")!` is 5.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Months since January of year 0: a single ordinal that makes arithmetic trivial.
    public let ordinal: Int

    /// The month of `year` numbered 1 (January) to 12 (December).
    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "month must be 1...12")
        ordinal = year * 12 + (month - 1)
    }

    /// Parses `YYYY-MM`, four ASCII digits, a hyphen and two; nil for anything else (month 13,
    /// a day part, a sign: `Int("+6")` would read "2015-+6" as June).
    public init?(_ text: String) {
        let digits = Array(text.utf8)
        guard digits.count == 7, digits[4] == UInt8(ascii: "-"),
              digits.indices.allSatisfy({ $0 == 4 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digits[$0]) })
        else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        let month = number(5..<7)
        guard (1...12).contains(month) else { return nil }
        self.init(year: number(0..<4), month: month)
    }

    private init(ordinal: Int) { self.ordinal = ordinal }

    /// The calendar year.
    public var year: Int { ordinal.floorDivided(by: 12) }
    /// 1 (January) … 12 (December).
    public var month: Int { ordinal - year * 12 + 1 }

    /// `YYYY-MM`, the form used in every output.
    public var description: String {
        let m = month, y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + (m < 10 ? "-0" : "-") + String(m)
    }

    /// Whether `a` comes before `b`.
    public static func < (a: Month, b: Month) -> Bool { a.ordinal < b.ordinal }
    /// The month `months` after `a` (before it when negative).
    public static func + (a: Month, months: Int) -> Month { Month(ordinal: a.ordinal + months) }
    /// Whole months from `b` to `a`.
    public static func - (a: Month, b: Month) -> Int { a.ordinal - b.ordinal }
}

extension Int {
    fileprivate func floorDivided(by d: Int) -> Int {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
