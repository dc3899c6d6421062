import Plot

/// The heat map of % population to in-use CNA, establishment × month, grouped by function: six
/// classes, each with its own fill pattern and named in the legend, so it reads in print and
/// without colour.
enum HeatMap {
    /// Class boundaries, % of in-use CNA: below 90, 90–100, 100–110, 110–130, 130–150, 150 and over.
    static let bounds: [Double] = [90, 100, 110, 130, 150]
    static let classNames = ["under 90 %", "90–100 %", "100–110 %", "110–130 %", "130–150 %", "150 % and over"]

    /// The class of `percent` (0…5), nil for no value.
    static func bucket(_ percent: Double) -> Int? {
        guard percent.isFinite else { return nil }
        return bounds.firstIndex { percent < $0 } ?? bounds.count
    }

    struct Row {
        var name: String
        var function: String
        /// % population to in-use CNA by month, NaN where it does not exist.
        var values: [Double]
        var mean: Double { orderedFiniteMean(values) }
    }

    /// Rows grouped by function, the most crowded function first and within it the most
    /// crowded establishment first (by mean % over the months it exists).
    static func ordered(_ rows: [Row]) -> [(function: String, rows: [Row])] {
        let functions = Dictionary(grouping: rows, by: \.function)
        return functions.map { function, rows in
            (function, rows.sorted { ($0.mean, $1.name) > ($1.mean, $0.name) })
        }.sorted {
            (orderedFiniteMean($0.rows.map(\.mean)), $1.function)
                > (orderedFiniteMean($1.rows.map(\.mean)), $0.function)
        }
    }

    static func svg(id: String, months: [String], rows: [Row]) -> SVG.Content {
        let left = 200.0, right = 12.0, width = TimeChart.width, rowHeight = 9.0, headerHeight = 16.0, top = 8.0
        let cell = (width - left - right) / Double(max(months.count, 1))
        let groups = ordered(rows)
        var nodes: [SVG.Content] = [SVG.defs([
            SVG.hatch(id: "heat0", background: "#f7fbff", stroke: "#f7fbff", spacing: 6, angle: 0, cross: false),
            SVG.hatch(id: "heat1", background: "#c6dbef", stroke: "#c6dbef", spacing: 6, angle: 0, cross: false),
            SVG.hatch(id: "heat2", background: "#fdd49e", stroke: "#b08050", spacing: 6, angle: 90, cross: false),
            SVG.hatch(id: "heat3", background: "#fc8d59", stroke: "#8c3d20", spacing: 5, angle: 45, cross: false),
            SVG.hatch(id: "heat4", background: "#e34a33", stroke: "#5a1000", spacing: 4, angle: 45, cross: true),
            SVG.hatch(id: "heat5", background: "#990000", stroke: "#ffffff", spacing: 4, angle: -45, cross: true),
        ])]
        var y = top
        for group in groups {
            nodes.append(SVG.text("\(group.function) (\(group.rows.count))", x: 4, y: y + 12, anchor: "start",
                                  "heat-group"))
            y += headerHeight
            for row in group.rows {
                var cells = [SVG.Content]()
                // Runs of months in the same class are one rectangle.
                var t = 0
                while t < row.values.count {
                    guard let b = bucket(row.values[t]) else { t += 1; continue }
                    var end = t + 1
                    while end < row.values.count, bucket(row.values[end]) == b { end += 1 }
                    cells.append(SVG.rect(x: left + Double(t) * cell, y: y, width: Double(end - t) * cell,
                                          height: rowHeight - 1, "h\(b)"))
                    t = end
                }
                let peak = row.values.filter(\.isFinite).max() ?? .nan
                nodes.append(SVG.group("heat-row", [
                    SVG.title("\(row.name) (\(row.function)): mean \(ReportFormat.percent(row.mean)), "
                              + "highest \(ReportFormat.percent(peak)) of in-use CNA"),
                    SVG.text(row.name, x: left - 4, y: y + rowHeight - 1.5, anchor: "end", "heat-label"),
                ] + cells))
                y += rowHeight
            }
        }
        // The month axis and the legend.
        let axisY = y + 4
        let every = months.count <= 24 ? 3 : 12
        for (t, month) in months.enumerated() where (every == 12 ? month.hasSuffix("-01") : t % every == 0) {
            let tx = left + (Double(t) + 0.5) * cell
            nodes.append(SVG.text(every == 12 ? String(month.prefix(4)) : month, x: tx, y: axisY + 12,
                                  anchor: "middle", "tick"))
        }
        let legendY = axisY + 26
        for (k, name) in classNames.enumerated() {
            let lx = left + Double(k) * 118
            nodes.append(SVG.rect(x: lx, y: legendY, width: 22, height: 12, "h\(k) legend-swatch"))
            nodes.append(SVG.text(name, x: lx + 26, y: legendY + 10, anchor: "start", "tick"))
        }
        return SVG.svg(id: id, width: width, height: legendY + 20,
                       label: "Population as a % of in-use CNA, by establishment and month", nodes)
    }
}

/// The mean of the finite values, NaN for none.
func orderedFiniteMean(_ values: [Double]) -> Double {
    var sum = 0.0, n = 0
    for v in values where v.isFinite { sum += v; n += 1 }
    return n > 0 ? sum / Double(n) : .nan
}

/// Numbers as the report shows them: thousands separated, a fixed number of decimals, locale-free.
public enum ReportFormat {
    /// 85412 → "85,412"; −1950.4 → "−1,950".
    public static func count(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let rounded = Int(value.rounded())
        let digits = String(abs(rounded))
        var grouped = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return (rounded < 0 ? "−" : "") + grouped
    }

    /// 24.13 → "24.1 %".
    public static func percent(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        return fixed(value, decimals: decimals) + " %"
    }

    /// A share 0…1 as a percentage: 0.0312 → "3.1 %".
    public static func share(_ value: Double) -> String { percent(value * 100) }

    /// Pounds in millions: 12_345_678 → "£12.3 m"; −2_500_000 → "−£2.5 m"; 2_495_012_345 → "£2,495.0 m".
    public static func millions(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let tenths = (abs(value) / 100_000).rounded()
        let text = count(Double(Int(tenths) / 10)) + "." + String(Int(tenths) % 10)
        return (value < 0 && tenths > 0 ? "−" : "") + "£" + text + " m"
    }

    /// `value` with `decimals` decimals, a `.` point and a proper minus sign.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let units = Int((abs(value) * scale).rounded())
        let whole = units / Int(scale), fraction = units % Int(scale)
        var text = String(whole)
        if decimals > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return (value < 0 && units > 0 ? "−" : "") + text
    }
}
