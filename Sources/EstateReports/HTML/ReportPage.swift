public import EstateResults
import Plot

/// `report.html`: a self-contained page (inline CSS and SVG, no script, no network) made from a
/// run's stored tables only — fan charts of population against capacity nationally and for the
/// male and female estates with the capacity events, P(over useable capacity), the crowded % fan,
/// the months at risk, a heat map of % population to in-use CNA, the establishments most often
/// over operational capacity and the population by group — and, when the run was compared, the
/// differences from the other plan and the scores against an observed series.
///
/// The same stored tables give the same bytes, so the page `run` writes and the page `report`
/// rebuilds from `results.sqlite` are identical.
public enum ReportPage {
    /// The file's name in a run folder.
    public static let fileName = "report.html"

    /// The comparison with another plan shown in the report.
    public struct Comparison: Sendable {
        /// The differences B − A, month by month.
        public var comparison: PlanComparison
        /// How A and B are named ("england-wales-2014 (runs/a)").
        public var nameA: String, nameB: String
        /// Why the replications were or were not paired.
        public var pairing: String
        /// The comparison `comparison` of the plans named `nameA` and `nameB`, paired as `pairing` says.
        public init(comparison: PlanComparison, nameA: String, nameB: String, pairing: String) {
            self.comparison = comparison
            self.nameA = nameA
            self.nameB = nameB
            self.pairing = pairing
        }
    }

    /// The page for `run`, with a comparison and scores when given.
    public static func html(_ run: StoredRun, comparison: Comparison? = nil, score: ProjectionScore? = nil) -> String {
        html(run, comparisons: comparison.map { [$0] } ?? [], score: score)
    }

    /// The page for `run`, with the comparisons of its scenarios with another run's (`note` says
    /// which scenarios only one run has) and scores when given.
    public static func html(_ run: StoredRun, comparisons: [Comparison], note: String? = nil,
                            score: ProjectionScore? = nil) -> String {
        var body: [Node<HTML.BodyContext>] = [
            .h1(.text("EstateSim report")),
            .p(.class("lead"), .text("Scenario\(run.scenarios.count == 1 ? "" : "s"): "
                                     + run.scenarios.map(\.name).joined(separator: "; ")
                                     + ". Bands are the p05–p95 and p25–p75 of the replications; "
                                     + "lines the median.")),
        ]
        if let note { body.append(.p(.id("comparison-note"), .text(note))) }
        for (k, comparison) in comparisons.enumerated() {
            body.append(comparisonSection(comparison, suffix: k == 0 ? "" : "-\(k + 1)", named: comparisons.count > 1))
        }
        if let score { body.append(scoreSection(score)) }
        for (k, scenario) in run.scenarios.enumerated() {
            body.append(scenarioSection(scenario, suffix: "-\(k + 1)", score: k == 0 ? score : nil))
        }
        let page = HTML(
            .lang(.english),
            .head(.meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                  .title("EstateSim report: " + run.scenarios.map(\.name).joined(separator: "; ")), .style(css)),
            .body(.group(body))
        )
        return page.render()
    }

    // MARK: one scenario

    static func scenarioSection(_ s: StoredRun.Scenario, suffix: String,
                                score: ProjectionScore?) -> Node<HTML.BodyContext> {
        let months = s.months
        func column(_ name: String) -> [Double] { s.series(name) ?? Array(repeating: .nan, count: months.count) }
        func fan(_ stem: String) -> Fan {
            Fan(p05: column(stem + "_p05"), p25: column(stem + "_p25"), p50: column(stem + "_p50"),
                p75: column(stem + "_p75"), p95: column(stem + "_p95"))
        }
        let events = capacityEvents(s)
        var nodes: [Node<HTML.BodyContext>] = [
            .h2(.text(s.name)),
            .p(.text("\(months.first ?? "")–\(months.last ?? ""), \(s.manifestValue("replications")) replications, "
                     + "seed \(s.manifestValue("seed")), generator \(s.manifestValue("generator")); "
                     + "scenario \(s.manifestValue("scenario_path")), estate \(s.manifestValue("estate_path")).")),
        ]
        // Population against capacity, nationally and by sex estate.
        for (estate, prefix) in [("national", ""), ("male", "male_"), ("female", "female_")] {
            let title = estate == "national" ? "Population, national" : "Population, \(estate) estate"
            let band = fan(prefix + "population")
            var lines = [(name: String, values: [Double], style: String)]()
            for (name, key, style) in [("in-use CNA", "in_use_cna", "cap-cna"),
                                       ("operational", "operational_capacity", "cap-op"),
                                       ("useable", "useable_operational_capacity", "cap-useable")] {
                if let values = s.series(prefix + key) { lines.append((name, values, style)) }
            }
            var observed = [(index: Int, value: Double)]()
            if let score, score.metric == prefix + "population" {
                observed = score.months.enumerated().compactMap { i, month in
                    months.firstIndex(of: month).map { ($0, score.scored[i].observed) }
                }
            }
            let chart = TimeChart(months: months, values: band.all + lines.flatMap(\.values) + observed.map(\.value))
            nodes.append(figure(title, chart.fan(id: "population-\(estate)\(suffix)", label: title, yTitle: "people",
                                                 fan: band, lines: lines, events: events, observed: observed,
                                                 format: ReportFormat.count),
                                note: estate == "national"
                                    ? nil : "A dual (both) establishment counts in both estates."))
        }
        nodes.append(eventList(events, id: "events\(suffix)"))

        let risks = [("national", "p_over_useable_capacity", "risk-national"),
                     ("male", "male_p_over_useable_capacity", "risk-male"),
                     ("female", "female_p_over_useable_capacity", "risk-female")]
        let riskChart = TimeChart(months: months, values: [], height: 240, fixed: (0, 1))
        nodes.append(figure("P(over useable capacity)", riskChart.lines(
            id: "p-over\(suffix)", label: "Chance of population above useable operational capacity",
            yTitle: "share of replications", lines: risks.map { ($0.0, column($0.1), $0.2) }, events: events,
            format: { ReportFormat.percent($0 * 100, decimals: 0) })))
        nodes.append(monthsAtRisk(s, risks: risks, id: "months-at-risk\(suffix)"))

        let crowded = fan("crowded_pct")
        let crowdedChart = TimeChart(months: months, values: crowded.all, height: 260, fromZero: true)
        nodes.append(figure("Crowded %", crowdedChart.fan(
            id: "crowded-pct\(suffix)", label: "Share of people held in crowded accommodation", yTitle: "% crowded",
            fan: crowded, lines: [], events: events, format: { ReportFormat.percent($0, decimals: 0) }),
            note: "People held in a cell shared beyond its certified number, as a % of the people in establishments."))

        nodes.append(figure("% population to in-use CNA", HeatMap.svg(id: "heatmap\(suffix)", months: months,
                                                                        rows: heatRows(s)),
                            note: "Mean over replications; establishments grouped by function "
                                + "(as at their last month), most crowded first."))
        nodes.append(overOperational(s, id: "over-operational\(suffix)"))

        nodes += costNodes(s, suffix: suffix, events: events)

        let layers = s.groups.map { (name: $0, values: column("population_\($0)_mean")) }
        let totals = months.indices.map { t in layers.reduce(0.0) { $0 + ($1.values[t].isFinite ? $1.values[t] : 0) } }
        let groupChart = TimeChart(months: months, values: totals, height: 320, fromZero: true)
        nodes.append(figure("Population by group", groupChart.stacked(
            id: "groups\(suffix)", label: "Mean population by group, stacked", yTitle: "people", layers: layers,
            format: ReportFormat.count)))
        return .section(.class("scenario"), .group(nodes))
    }

    static func capacityEvents(_ s: StoredRun.Scenario) -> [ReportEvent] {
        let table = s.events
        guard let category = table.column("category"), let month = table.column("month"),
              let label = table.column("label")
        else { return [] }
        let cost = table.column("cost")
        var events = [ReportEvent]()
        for row in table.rows where row[category].text == "capacity" {
            guard let t = s.months.firstIndex(of: row[month].text) else { continue }
            let oneOff = cost.map { row[$0].number } ?? .nan
            let text = row[label].text + (oneOff.isFinite ? " (one-off \(ReportFormat.millions(oneOff)))" : "")
            events.append(ReportEvent(number: 0, monthIndex: t, month: row[month].text, label: text))
        }
        // Numbered in month order (the file's order within a month), so a month's events are a
        // run of numbers ("5–12") on the charts and the list reads in time.
        let indexed = events.enumerated().sorted {
            ($0.element.monthIndex, $0.offset) < ($1.element.monthIndex, $1.offset)
        }
        return indexed.enumerated().map { number, entry in
            var event = entry.element
            event.number = number + 1
            return event
        }
    }

    static func eventList(_ events: [ReportEvent], id: String) -> Node<HTML.BodyContext> {
        guard !events.isEmpty else { return .p(.id(id), .text("No capacity events within the months shown.")) }
        return .div(.id(id), .class("events"), .h3(.text("Capacity events (numbered on the charts)")),
                    .ol(.group(events.map { .li(.text("\($0.month): \($0.label)")) })))
    }

    static func heatRows(_ s: StoredRun.Scenario) -> [HeatMap.Row] {
        s.establishmentDigest.establishments.map {
            HeatMap.Row(name: $0.name, function: $0.function, values: $0.percentOfInUseCNA)
        }
    }

    static func overOperational(_ s: StoredRun.Scenario, id: String) -> Node<HTML.BodyContext> {
        struct Tally { var function = "", sum = 0.0, months = 0, likely = 0, peak = -Double.infinity }
        var tallies = [String: Tally]()
        for e in s.establishmentDigest.establishments {
            tallies[e.name] = Tally(function: e.function, sum: e.overSum, months: e.overMonths, likely: e.likelyOver,
                                    peak: e.peak)
        }
        let top = tallies.filter { $0.value.sum > 0 }
            .sorted {
                ($0.value.sum / Double(max($0.value.months, 1)), $1.key)
                    > ($1.value.sum / Double(max($1.value.months, 1)), $0.key)
            }
            .prefix(15)
        let header: Node<HTML.TableContext> = .tr(.th(.text("establishment")), .th(.text("function")),
                                                  .th(.text("share of replication-months over")),
                                                  .th(.text("months more likely over than not")),
                                                  .th(.text("highest % of in-use CNA")))
        let rows: [Node<HTML.TableContext>] = top.map { key, tally in
            .tr(.td(.text(key)), .td(.text(tally.function)),
                .td(.class("n"), .text(ReportFormat.share(tally.sum / Double(max(tally.months, 1))))),
                .td(.class("n"), .text("\(tally.likely) of \(tally.months)")),
                .td(.class("n"), .text(ReportFormat.percent(tally.peak))))
        }
        return .div(.class("table"), .h3(.text("Establishments most often over operational capacity")),
                    .table(.id(id), .group([header]
                                           + (rows.isEmpty ? [.tr(.td(.text("None in any replication.")))] : rows))))
    }

    static func monthsAtRisk(_ s: StoredRun.Scenario, risks: [(String, String, String)],
                             id: String) -> Node<HTML.BodyContext> {
        var rows = [Node<HTML.TableContext>]()
        for (t, month) in s.months.enumerated() {
            let cells = risks.map { risk -> (Double, Double, Double) in
                let p = s.series(risk.1)?[t] ?? .nan
                return (p, s.series(risk.1 + "_low95")?[t] ?? .nan, s.series(risk.1 + "_high95")?[t] ?? .nan)
            }
            guard cells.contains(where: { $0.0 > 0 }) else { continue }
            rows.append(.tr(.td(.text(month)), .group(cells.map { p, low, high in
                .td(.class("n"),
                    .text("\(ReportFormat.share(p)) (\(ReportFormat.share(low))–\(ReportFormat.share(high)))"))
            })))
        }
        let shown = rows.count > 24 ? Array(rows.prefix(24)) : rows
        let header: Node<HTML.TableContext> = .tr(.th(.text("month")),
                                                  .group(risks.map { .th(.text("P(over), \($0.0) (95 % interval)")) }))
        return .div(.class("table"), .h3(.text("Months with any chance of running out of room")),
                    .table(.id(id), .group([header] + (shown.isEmpty
                        ? [.tr(.td(.text("None: no replication ran out of useable capacity.")))]
                        : shown))),
                    .if(rows.count > 24, .p(.text("First 24 of \(rows.count) months shown; all are in monthly.csv."))))
    }

    // MARK: comparison and scores

    static func comparisonSection(_ c: Comparison, suffix: String = "", named: Bool = false) -> Node<HTML.BodyContext> {
        let comparison = c.comparison
        var nodes: [Node<HTML.BodyContext>] = [
            .h2(.text("Plan B compared with plan A" + (named ? ": \(comparison.scenario)" : ""))),
            .p(.text("A: \(c.nameA). B: \(c.nameB). \(c.pairing)")),
        ]
        let charts: [(name: String, title: String, format: (Double) -> String)] = [
            ("headroom", "Headroom, B − A", ReportFormat.count), ("crowded", "Crowded, B − A", ReportFormat.count),
            ("p_over_useable_capacity", "P(over useable capacity), B − A", ReportFormat.share),
        ]
        for (name, title, format) in charts {
            guard let series = comparison.series.first(where: { $0.figure.name == name }) else { continue }
            let mean = series.difference.map { $0.mean }, low = series.difference.map { $0.low95 }
            let high = series.difference.map { $0.high95 }
            let chart = TimeChart(months: comparison.months, values: low + high + mean, height: 240, fromZero: true)
            nodes.append(figure(title, chart.difference(
                id: "difference-\(name.replacingOccurrences(of: "_", with: "-"))\(suffix)",
                label: title, yTitle: "B − A", mean: mean, low: low, high: high, format: format)))
        }
        nodes += savingNodes(comparison, suffix: suffix)
        let header: Node<HTML.TableContext> = .tr(.th(.text("figure")), .th(.text("month of largest difference")),
                                                  .th(.text("B − A")), .th(.text("95 % interval")),
                                                  .th(.text("B worse in")))
        let rows: [Node<HTML.TableContext>] = comparison.series.compactMap { series in
            guard let (month, d) = comparison.largest(series.figure.name, count: 1).first else { return nil }
            let isShare = series.figure.name.contains("p_over")
            let f: (Double) -> String = isShare ? { ReportFormat.share($0) }
                : series.figure.name.hasPrefix("cost_") ? { ReportFormat.millions($0) }
                : { ReportFormat.fixed($0, decimals: series.figure.name == "crowded_pct" ? 2 : 0) }
            return .tr(.td(.text(series.figure.name)), .td(.text(month)), .td(.class("n"), .text(f(d.mean))),
                       .td(.class("n"), .text("\(f(d.low95)) to \(f(d.high95))")),
                       .td(.class("n"), .text(ReportFormat.share(d.shareWorse))))
        }
        nodes.append(.div(.class("table"), .table(.id("difference-summary\(suffix)"), .group([header] + rows))))
        return .section(.class("comparison"), .group(nodes))
    }

    static func scoreSection(_ score: ProjectionScore) -> Node<HTML.BodyContext> {
        var forecasts: [(String, ForecastScores.Summary)] = [
            ("this run", score.run), ("naive: no change since \(score.naiveMonth)", score.naive)
        ]
        if let published = score.publishedSummary { forecasts.append(("published projection", published)) }
        let header: Node<HTML.TableContext> = .tr(.th(.text("forecast")), .th(.text("MAPE")), .th(.text("bias")),
                                                  .th(.text("RMSE")), .th(.text("p05–p95 coverage")),
                                                  .th(.text("p25–p75 coverage")), .th(.text("CRPS")))
        let rows: [Node<HTML.TableContext>] = forecasts.map { name, s in
            .tr(.td(.text(name)), .td(.class("n"), .text(ReportFormat.percent(s.mape, decimals: 2))),
                .td(.class("n"), .text(ReportFormat.fixed(s.bias, decimals: 0))),
                .td(.class("n"), .text(ReportFormat.fixed(s.rmse, decimals: 0))),
                .td(.class("n"), .text(s.coverage90.map(ReportFormat.share) ?? "–")),
                .td(.class("n"), .text(s.coverage50.map(ReportFormat.share) ?? "–")),
                .td(.class("n"), .text(ReportFormat.fixed(s.crps, decimals: 0))))
        }
        return .section(.class("scores"), .h2(.text("Scored against the observed \(score.metric)")),
                        .p(.text("\(score.months.count) months, "
                                 + "\(score.months.first ?? "")–\(score.months.last ?? ""). "
                                 + "The observed series is drawn over the fan chart below. "
                                 + "CRPS of a point forecast is its mean absolute error.")),
                        .div(.class("table"), .table(.id("scores"), .group([header] + rows))))
    }

    static func figure(_ title: String, _ chart: Node<HTML.BodyContext>,
                       note: String? = nil) -> Node<HTML.BodyContext> {
        .div(.class("figure"), .h3(.text(title)), chart, .if(note != nil, .p(.class("note"), .text(note ?? ""))))
    }

    static let css = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;\
        margin:24px auto;max-width:960px;padding:0 12px}
        h1{font-size:24px}h2{font-size:20px;border-bottom:2px solid #1a1a1a;margin-top:36px}\
        h3{font-size:15px;margin:18px 0 4px}
        svg{display:block;max-width:100%;height:auto}.note,.lead{color:#444}
        .grid{stroke:#ddd;stroke-width:1}.zero{stroke:#555;stroke-width:1.2}.axis{stroke:#333;stroke-width:1}
        .tick{font-size:11px;fill:#333}.axis-title{font-size:12px;fill:#333}.label{font-size:12px;fill:#1a1a1a}
        .band90{fill:url(#none);fill:#c6dbef}.band50{fill:#6baed6}.median{fill:none;stroke:#08306b;stroke-width:2}
        .cap-cna{fill:none;stroke:#333;stroke-width:1.5;stroke-dasharray:6 4}\
        .cap-op{fill:none;stroke:#333;stroke-width:1.5;stroke-dasharray:1.5 3}
        .cap-useable{fill:none;stroke:#000;stroke-width:2}
        .risk-national{fill:none;stroke:#000;stroke-width:2}\
        .risk-male{fill:none;stroke:#08519c;stroke-width:2;stroke-dasharray:6 4}
        .risk-female{fill:none;stroke:#a50f15;stroke-width:2;stroke-dasharray:1.5 3}
        .observed{fill:none;stroke:#d94801;stroke-width:1.5}.observed-point{fill:#fff;stroke:#d94801;stroke-width:2}
        .event{stroke:#777;stroke-width:1;stroke-dasharray:2 2}\
        .event-number{font-size:10px;fill:#555;paint-order:stroke;stroke:#fff;stroke-width:3px}
        .layer{stroke:#fff;stroke-width:.6}.layer0{fill:#08519c}.layer1{fill:#9ecae1}.layer2{fill:#3182bd}\
        .layer3{fill:#c6dbef}
        .layer4{fill:#6baed6}.layer5{fill:#deebf7}.layer6{fill:#2171b5}.layer7{fill:#bdd7e7}
        .h0{fill:url(#heat0)}.h1{fill:url(#heat1)}.h2{fill:url(#heat2)}.h3{fill:url(#heat3)}\
        .h4{fill:url(#heat4)}.h5{fill:url(#heat5)}
        .legend-swatch{stroke:#333;stroke-width:.5}.heat-label{font-size:8px;fill:#1a1a1a}\
        .heat-group{font-size:11px;font-weight:bold;fill:#1a1a1a}
        table{border-collapse:collapse;margin:4px 0 12px}\
        th,td{border-bottom:1px solid #ccc;padding:3px 8px;text-align:left}
        th{border-bottom:2px solid #333;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .events ol{columns:2;font-size:12px;margin:0}
        @media print{body{margin:0;max-width:none}.figure,.table,.events{break-inside:avoid}h2{break-before:auto}}
        """
}
