/// A linear map from data values (the domain) to drawing coordinates (the range), as every chart
/// of the report uses for its axes.
public struct LinearScale: Sendable, Hashable {
    /// The data values mapped to the ends of the range.
    public var domain: (low: Double, high: Double)
    /// The drawing coordinates of the domain's ends, in SVG user units.
    public var range: (low: Double, high: Double)

    /// The scale taking `domain.0` to `range.0` and `domain.1` to `range.1`.
    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = (domain.0, domain.1)
        self.range = (range.0, range.1)
    }

    /// The coordinate of `value`; the middle of the range for a domain of one point.
    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.high - domain.low
        guard span != 0 else { return (range.low + range.high) / 2 }
        return range.low + (value - domain.low) / span * (range.high - range.low)
    }

    /// Whether `a` and `b` have the same domain and range.
    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }

    /// Hashes the ends of the domain and the range.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(domain.low); hasher.combine(domain.high); hasher.combine(range.low); hasher.combine(range.high)
    }
}

/// Round axis ticks: steps of 1, 2 or 5 × 10ᵏ, and a domain widened to whole steps.
public enum NiceTicks {
    /// About `count` ticks covering `low`…`high`: the widened domain and the tick values. A
    /// degenerate or empty span is widened around its value; NaN values are ignored by callers.
    public static func ticks(low: Double, high: Double,
                             count: Int = 5) -> (low: Double, high: Double, ticks: [Double]) {
        var low = low, high = high
        if !low.isFinite || !high.isFinite { return (0, 1, [0, 0.5, 1]) }
        if high < low { swap(&low, &high) }
        if high == low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let step = niceStep((high - low) / Double(max(count, 1)))
        let first = (low / step).rounded(.down) * step, last = (high / step).rounded(.up) * step
        var ticks = [Double]()
        var k = 0
        // Whole multiples of 10^-d, d the step's decimals: 0.6, not 0.6000000000000001.
        var decimalScale = 1.0
        while (step * decimalScale).rounded() != step * decimalScale, decimalScale < 1e12 { decimalScale *= 10 }
        while true {
            let value = first + Double(k) * step
            if value > last + step / 2 { break }
            // Clean up floating-point dust (0.30000000000000004).
            ticks.append((value * decimalScale).rounded() / decimalScale)
            k += 1
        }
        return (first, last, ticks)
    }

    /// The step of 1, 2 or 5 × 10ᵏ nearest above `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        for multiple in [1.0, 2, 5, 10] where multiple * power >= raw { return multiple * power }
        return 10 * power
    }
}

/// SVG path data (`d`), with coordinates to one decimal: enough on screen, and small files.
public enum PathData {
    /// A polyline through `points`; a NaN y breaks the line (a month with no value).
    public static func line(_ points: [(x: Double, y: Double)]) -> String {
        var d = "", pen = false
        for point in points {
            guard point.y.isFinite, point.x.isFinite else { pen = false; continue }
            d += (pen ? "L" : "M") + coordinate(point.x) + "," + coordinate(point.y)
            pen = true
        }
        return d
    }

    /// A closed band between `upper` and `lower` at the same xs: along the upper edge, back along
    /// the lower. Months where either is missing are left out.
    public static func band(xs: [Double], upper: [Double], lower: [Double]) -> String {
        let keep = xs.indices.filter { upper[$0].isFinite && lower[$0].isFinite }
        guard !keep.isEmpty else { return "" }
        let top = keep.map { (x: xs[$0], y: upper[$0]) }
        let bottom = keep.reversed().map { (x: xs[$0], y: lower[$0]) }
        return line(top) + bottom.map { "L" + coordinate($0.x) + "," + coordinate($0.y) }.joined() + "Z"
    }

    /// A step line: each value held over its own month's width `width`, centred on x.
    public static func steps(xs: [Double], ys: [Double], width: Double) -> String {
        var points = [(x: Double, y: Double)]()
        for (x, y) in zip(xs, ys) {
            points.append((x - width / 2, y))
            points.append((x + width / 2, y))
        }
        return line(points)
    }

    /// `value` to one decimal, without a trailing `.0` or a `-0`.
    public static func coordinate(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        let whole = Int(tenths) / 10, fraction = abs(Int(tenths) % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? sign + String(whole) : sign + String(whole) + "." + String(fraction)
    }
}
