import Foundation

/// The fixed, locale-independent number formats of every output file, so that the same figures
/// always give the same bytes: 4 decimals for statistics, plain integers for capacities, and an
/// empty cell for a figure that does not exist (a mean of no replications, a ratio to zero CNA).
public enum NumberFormat {
    /// Decimals written for means, standard deviations, quantiles and shares.
    public static let decimals = 4

    /// `value` with `decimals` decimals and a `.` point whatever the locale; `""` for NaN or
    /// infinity; never `-0.0000`.
    public static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        // Written by hand from the value rounded to 1e-4 (the tables have a million cells; a
        // formatter call per cell is most of the time a run spends writing them). Values too
        // large for that fall back to the C formatter.
        let unit = Int64(pow(10, Double(decimals)))
        let scaled = (value * Double(unit)).rounded()
        guard abs(scaled) < 9e15 else {
            let text = String(format: "%.\(decimals)f", value)
            return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
                ? String(text.dropFirst()) : text
        }
        let units = Int64(scaled)
        let magnitude = units.magnitude
        let fraction = String(magnitude % UInt64(unit))
        let sign = units < 0 ? "-" : ""
        return sign + String(magnitude / UInt64(unit)) + "."
            + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `value` as a plain integer.
    public static func integer<T: BinaryInteger>(_ value: T) -> String { String(value) }
}
