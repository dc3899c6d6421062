import Foundation

/// The fixed, locale-independent number formats of every output file, so that the same figures
/// always give the same bytes: 4 decimals for statistics, plain integers for capacities, and an
/// empty cell for a figure that does not exist (a mean of no replications, a ratio to zero CNA).
public enum NumberFormat {
    /// Decimals written for means, standard deviations, quantiles and shares.
    public static let decimals = 4

    /// `value` with `decimals` decimals and a `.` point whatever the locale (`String(format:)`
    /// formats in the POSIX locale); `""` for NaN or infinity; never `-0.0000`.
    public static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// `value` as a plain integer.
    public static func integer<T: BinaryInteger>(_ value: T) -> String { String(value) }
}
