import Plot

/// A chart over the months of a run: the plot area, the scales and the axes. The chart
/// functions (`fan`, `lines`, `stacked`, `difference`) draw into it; every mark is labelled in
/// words at its right end or in a legend, so no chart depends on colour alone.
struct TimeChart {
    static let width = 920.0
    let height: Double
    let left = 72.0, right = 190.0, top = 16.0, bottom = 34.0
    let months: [String]
    let x: LinearScale
    let y: LinearScale
    let yTicks: [Double]

    /// A chart of `months` whose y axis covers `values` (NaN ignored), from zero if `fromZero`.
    init(months: [String], values: [Double], height: Double = 300, fromZero: Bool = false,
         fixed: (Double, Double)? = nil) {
        self.months = months
        self.height = height
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if fromZero { low = min(low, 0); high = max(high, 0) }
        if let fixed { (low, high) = fixed }
        let nice = fixed.map { f in
            (low: f.0, high: f.1, ticks: NiceTicks.ticks(low: f.0, high: f.1).ticks.filter { $0 >= f.0 && $0 <= f.1 })
        }
            ?? NiceTicks.ticks(low: low, high: high, count: 5)
        y = LinearScale(domain: (nice.low, nice.high), range: (height - bottom, top))
        yTicks = nice.ticks
        x = LinearScale(domain: (0, Double(max(months.count - 1, 1))), range: (left, Self.width - right))
    }

    /// The x of each month.
    var xs: [Double] { months.indices.map { x(Double($0)) } }
    /// The width of one month on the x axis.
    var monthWidth: Double { months.count > 1 ? x(1) - x(0) : 20 }

    /// Grid lines, tick labels (y formatted by `format`), the x axis with a label every January
    /// (every month on a short run), and the y axis's title.
    func axes(yTitle: String, format: (Double) -> String) -> [SVG.Content] {
        var nodes = [SVG.Content]()
        for tick in yTicks {
            let ty = y(tick)
            nodes.append(SVG.line(x1: left, y1: ty, x2: Self.width - right, y2: ty, tick == 0 ? "zero" : "grid"))
            nodes.append(SVG.text(format(tick), x: left - 6, y: ty + 4, anchor: "end", "tick"))
        }
        let every = months.count <= 14 ? 1 : months.count <= 36 ? 6 : 12
        for (t, month) in months.enumerated() where month.hasSuffix("-01") || (every < 12 && t % every == 0) {
            let tx = x(Double(t))
            nodes.append(SVG.line(x1: tx, y1: height - bottom, x2: tx, y2: height - bottom + 5, "axis"))
            nodes.append(SVG.text(every == 12 ? String(month.prefix(4)) : month, x: tx, y: height - bottom + 18,
                                  anchor: "middle", "tick"))
        }
        nodes.append(SVG.line(x1: left, y1: height - bottom, x2: Self.width - right, y2: height - bottom, "axis"))
        nodes.append(SVG.text(yTitle, x: 14, y: (top + height - bottom) / 2, anchor: "middle", "axis-title",
                              rotate: -90))
        return nodes
    }

    /// Vertical markers at event months, numbered to match the list under the chart: one marker
    /// a month, labelled with the numbers of its events ("5–12"), the labels staggered over rows
    /// so that none overlaps another (a busy plan has events every month or two).
    func eventMarkers(_ events: [ReportEvent]) -> [SVG.Content] {
        var nodes = [SVG.Content]()
        let months = Dictionary(grouping: events, by: \.monthIndex).sorted { $0.key < $1.key }
        let labels = months.map { _, group -> String in
            let numbers = group.map(\.number).sorted()
            return numbers.count == 1 ? "\(numbers[0])" : "\(numbers[0])–\(numbers[numbers.count - 1])"
        }
        let xs = months.map { x(Double($0.key)) + 2 }
        let rows = staggerRows(xs, widths: labels.map { EventLabel.width($0) }, gap: EventLabel.gap,
                               rows: EventLabel.rows)
        for (k, (t, group)) in months.enumerated() {
            let ex = x(Double(t))
            nodes.append(SVG.line(x1: ex, y1: top, x2: ex, y2: height - bottom, "event"))
            nodes.append(SVG.text(labels[k], x: xs[k], y: top + 10 + EventLabel.rowHeight * Double(rows[k]),
                                  anchor: "start", "event-number",
                                  tooltip: group.map { "\($0.month) \($0.label)" }.joined(separator: "; ")))
        }
        return nodes
    }

    /// Labels at the right end of lines, pushed apart so they do not overlap.
    func endLabels(_ labels: [(text: String, value: Double)]) -> [SVG.Content] {
        let wanted = labels.map { $0.value.isFinite ? y($0.value) + 4 : .nan }
        let placed = spreadLabels(wanted, minimumGap: 13, low: top + 8, high: height - bottom)
        return zip(labels, placed).compactMap { label, ly in
            ly.isFinite ? SVG.text(label.text, x: Self.width - right + 6, y: ly, anchor: "start", "label") : nil
        }
    }

    /// The whole `<svg>`.
    func svg(id: String, label: String, _ nodes: [SVG.Content]) -> SVG.Content {
        SVG.svg(id: id, width: Self.width, height: height, label: label, nodes)
    }
}

/// Vertical positions for labels wanted at `ys`, moved as little as possible so that neighbours
/// are at least `minimumGap` apart and all lie within `low`…`high` (NaN: no label, left as NaN).
func spreadLabels(_ ys: [Double], minimumGap: Double, low: Double, high: Double) -> [Double] {
    let order = ys.indices.filter { ys[$0].isFinite }.sorted { ys[$0] < ys[$1] }
    var placed = ys
    var previous = -Double.infinity
    for i in order {
        let y = max(max(ys[i], low), previous + minimumGap)
        placed[i] = y
        previous = y
    }
    // Pushed past the bottom: shift back up from the end.
    var next = Double.infinity
    for i in order.reversed() {
        let y = min(min(placed[i], high), next - minimumGap)
        placed[i] = y
        next = y
    }
    return placed
}

/// The sizes of the event numbers on the time axis (class `event-number`, 10 px).
enum EventLabel {
    /// Rows the numbers may take below the top of the plot.
    static let rows = 4
    static let rowHeight = 11.0
    /// Space kept between two numbers on a row.
    static let gap = 3.0
    /// The width of `text` at 10 px: digits and the dash are about 6 px wide (a little over).
    static func width(_ text: String) -> Double { Double(text.count) * 6.2 }
}

/// The row (0 …< `rows`) of each label starting at `xs[i]` (increasing) with width `widths[i]`:
/// the first row whose last label ends at least `gap` before it; when every row is taken, the
/// row whose last label ends first (the least overlap).
func staggerRows(_ xs: [Double], widths: [Double], gap: Double, rows: Int) -> [Int] {
    var ends = [Double](repeating: -Double.infinity, count: max(rows, 1))
    return xs.indices.map { i in
        let row = ends.firstIndex { $0 + gap <= xs[i] } ?? ends.indices.min { ends[$0] < ends[$1] } ?? 0
        ends[row] = xs[i] + widths[i]
        return row
    }
}

/// A capacity event shown on the time axis.
struct ReportEvent {
    var number: Int
    var monthIndex: Int
    var month: String
    var label: String
}

/// A fan: the p05–p95 and p25–p75 bands and the median of a figure over replications.
struct Fan {
    var p05: [Double], p25: [Double], p50: [Double], p75: [Double], p95: [Double]

    var all: [Double] { p05 + p95 }
}

extension TimeChart {
    /// A fan chart with reference lines (capacities), events and an observed series drawn over it;
    /// the fan's end labels start with `fanName` when given ("prisoners p95").
    func fan(id: String, label: String, yTitle: String, fan: Fan, fanName: String? = nil,
             lines: [(name: String, values: [Double], style: String)], events: [ReportEvent],
             observed: [(index: Int, value: Double)] = [], format: (Double) -> String) -> SVG.Content {
        let prefix = fanName.map { $0 + " " } ?? ""
        let xs = xs
        var nodes = axes(yTitle: yTitle, format: format)
        nodes.append(SVG.path(PathData.band(xs: xs, upper: fan.p95.map(y.callAsFunction),
                                            lower: fan.p05.map(y.callAsFunction)), "band90"))
        nodes.append(SVG.path(PathData.band(xs: xs, upper: fan.p75.map(y.callAsFunction),
                                            lower: fan.p25.map(y.callAsFunction)), "band50"))
        nodes.append(SVG.path(PathData.line(zip(xs, fan.p50).map { ($0, y($1)) }), "median"))
        var labels: [(text: String, value: Double)] = [(prefix + "median", fan.p50.last ?? .nan),
                                                       (prefix + "p95", fan.p95.last ?? .nan),
                                                       (prefix + "p05", fan.p05.last ?? .nan)]
        for line in lines {
            nodes.append(SVG.path(PathData.steps(xs: xs, ys: line.values.map(y.callAsFunction), width: monthWidth),
                                  line.style))
            labels.append((line.name, line.values.last ?? .nan))
        }
        if !observed.isEmpty {
            nodes.append(SVG.path(PathData.line(observed.map { (x(Double($0.index)), y($0.value)) }), "observed"))
            for point in observed {
                nodes.append(SVG.circle(x: x(Double(point.index)), y: y(point.value), radius: 3, "observed-point"))
            }
            labels.append(("observed", observed.last?.value ?? .nan))
        }
        nodes += eventMarkers(events)
        nodes += endLabels(labels)
        return svg(id: id, label: label, nodes)
    }

    /// Lines, each labelled at its right end; `styles` are CSS classes (solid, dashed, dotted).
    func lines(id: String, label: String, yTitle: String, lines: [(name: String, values: [Double], style: String)],
               events: [ReportEvent] = [], format: (Double) -> String) -> SVG.Content {
        let xs = xs
        var nodes = axes(yTitle: yTitle, format: format)
        for line in lines {
            nodes.append(SVG.path(PathData.line(zip(xs, line.values).map { ($0, y($1)) }), line.style))
        }
        nodes += eventMarkers(events)
        nodes += endLabels(lines.map { ($0.name, $0.values.last ?? .nan) })
        return svg(id: id, label: label, nodes)
    }

    /// Layers stacked from the bottom, each named at its right end, with alternating hatching.
    func stacked(id: String, label: String, yTitle: String, layers: [(name: String, values: [Double])],
                 format: (Double) -> String) -> SVG.Content {
        let xs = xs
        var nodes = axes(yTitle: yTitle, format: format)
        var base = Array(repeating: 0.0, count: months.count)
        var labels = [(text: String, value: Double)]()
        for (k, layer) in layers.enumerated() {
            let top = zip(base, layer.values).map { $0 + ($1.isFinite ? $1 : 0) }
            nodes.append(SVG.path(PathData.band(xs: xs, upper: top.map(y.callAsFunction),
                                                lower: base.map(y.callAsFunction)),
                                  "layer layer\(k % 8)"))
            labels.append((layer.name, ((base.last ?? 0) + (top.last ?? 0)) / 2))
            base = top
        }
        nodes += endLabels(labels)
        return svg(id: id, label: label, nodes)
    }

    /// A mean difference with its 95 % interval, and the zero line.
    func difference(id: String, label: String, yTitle: String, mean: [Double], low: [Double], high: [Double],
                    format: (Double) -> String) -> SVG.Content {
        let xs = xs
        var nodes = axes(yTitle: yTitle, format: format)
        nodes.append(SVG.path(PathData.band(xs: xs, upper: high.map(y.callAsFunction),
                                            lower: low.map(y.callAsFunction)), "band90"))
        nodes.append(SVG.path(PathData.line(zip(xs, mean).map { ($0, y($1)) }), "median"))
        nodes += endLabels([("B − A", mean.last ?? .nan), ("95 % high", high.last ?? .nan),
                            ("95 % low", low.last ?? .nan)])
        return svg(id: id, label: label, nodes)
    }
}
