import EstateResults
import Plot

/// The costs in the report: each scenario's monthly cost and its totals by year, and the saving
/// of plan B against plan A when compared.
extension ReportPage {
    /// A chart of the monthly cost — the prisoner reckoning's fan, the cost of places and the
    /// total (with the one-off costs) — and a table of the costs of each 12 months from the start;
    /// nothing for a run stored without costs.
    static func costNodes(_ s: StoredRun.Scenario, suffix: String, events: [ReportEvent]) -> [Node<HTML.BodyContext>] {
        guard s.costs != nil, let places = s.series("cost_places"), let prisoners = s.series("cost_prisoners_mean"),
              let oneOff = s.series("cost_events"), let total = s.series("cost_total_mean") else { return [] }
        let months = s.months
        func millions(_ stem: String) -> [Double] {
            (s.series(stem) ?? Array(repeating: .nan, count: months.count)).map { $0 / 1_000_000 }
        }
        let band = Fan(p05: millions("cost_prisoners_p05"), p25: millions("cost_prisoners_p25"),
                       p50: millions("cost_prisoners_p50"), p75: millions("cost_prisoners_p75"),
                       p95: millions("cost_prisoners_p95"))
        let lines = [("places", places.map { $0 / 1_000_000 }, "cap-op"),
                     ("total", total.map { $0 / 1_000_000 }, "cap-useable")]
        let chart = TimeChart(months: months, values: band.all + lines.flatMap(\.1), height: 260)
        var nodes: [Node<HTML.BodyContext>] = [
            figure("Cost a month", chart.fan(id: "cost\(suffix)", label: "Cost a month, £ million",
                                             yTitle: "£ million", fan: band, fanName: "prisoners",
                                             lines: lines.map { (name: $0.0, values: $0.1, style: $0.2) },
                                             events: events,
                                             format: { ReportFormat.fixed($0, decimals: $0.magnitude < 10 ? 1 : 0) }),
                   note: costNote(s)),
        ]
        var rows = [Node<HTML.TableContext>]()
        func row(_ label: String, _ range: Range<Int>) -> Node<HTML.TableContext> {
            func sum(_ values: [Double]) -> Double { range.reduce(0.0) { $0 + (values[$1].isFinite ? values[$1] : 0) } }
            return .tr(.td(.text(label)), .td(.class("n"), .text(ReportFormat.millions(sum(places)))),
                       .td(.class("n"), .text(ReportFormat.millions(sum(prisoners)))),
                       .td(.class("n"), .text(ReportFormat.millions(sum(oneOff)))),
                       .td(.class("n"), .text(ReportFormat.millions(sum(total)))))
        }
        for start in stride(from: 0, to: months.count, by: 12) {
            let end = min(start + 12, months.count)
            rows.append(row("\(months[start])–\(months[end - 1])"
                            + (end - start < 12 ? " (\(end - start) months)" : ""),
                            start..<end))
        }
        if months.count > 12 { rows.append(row("whole run, \(months.count) months", 0..<months.count)) }
        let header: Node<HTML.TableContext> = .tr(.th(.text("months")), .th(.text("places")),
                                                  .th(.text("prisoners (mean)")), .th(.text("one-off (events)")),
                                                  .th(.text("total (mean)")))
        nodes.append(.div(.class("table"), .h3(.text("Costs by year")),
                          .table(.id("costs\(suffix)"), .group([header] + rows))))
        return nodes
    }

    /// Which rates priced the run.
    static func costNote(_ s: StoredRun.Scenario) -> String {
        guard let rates = s.costs else { return "" }
        let places = switch rates.placeCount {
        case .baselineCNA: "Places (baseline CNA)"
        case .inUseCNA: "Places (in-use CNA)"
        case .operationalCapacity: "Places (operational capacity)"
        }
        var text = "\(places) at £\(ReportFormat.count(rates.national.place)) and prisoners at "
            + "£\(ReportFormat.count(rates.national.prisoner)) a year (\(rates.basis.rawValue) resource basis"
        let overrides = rates.functions.keys.map(\.rawValue).sorted()
        if !overrides.isEmpty { text += "; own rates for " + overrides.joined(separator: ", ") }
        let counted = switch rates.running {
        case .places: "The total counts the places (the prisoner reckoning of the same spending is shown beside "
            + "it, not added)"
        case .prisoners: "The total counts the prisoners (the place reckoning of the same spending is shown beside "
            + "it, not added)"
        case .both: "The total counts places and prisoners, as a fixed and a variable part"
        }
        return text + "). \(counted), plus one-off event costs in their month. "
            + "Band: the prisoner reckoning's p05–p95 and p25–p75 over replications, its median the line within."
    }

    /// The difference in cost to date with its interval, and a table of the saving each year and
    /// over the months compared; nothing when the comparison has no costs.
    static func savingNodes(_ comparison: PlanComparison, suffix: String) -> [Node<HTML.BodyContext>] {
        guard let cumulative = comparison.series.first(where: { $0.figure.name == "cost_total_cumulative" }),
              let (months, first, last, total) = comparison.totalCostDifference else { return [] }
        let scale = 1 / 1_000_000.0
        let mean = cumulative.difference.map { $0.mean * scale }, low = cumulative.difference.map { $0.low95 * scale }
        let high = cumulative.difference.map { $0.high95 * scale }
        let chart = TimeChart(months: comparison.months, values: low + high + mean, height: 240, fromZero: true)
        let title = "Cost to date, B − A (£ million)"
        var nodes: [Node<HTML.BodyContext>] = [
            figure(title, chart.difference(id: "difference-cost\(suffix)", label: title, yTitle: "£ million, B − A",
                                           mean: mean, low: low, high: high,
                                           format: { ReportFormat.fixed($0, decimals: $0.magnitude < 10 ? 1 : 0) }),
                   note: "Below zero, plan B costs less. The band is the 95 % interval of the difference."),
        ]
        func savingRow(_ label: String, _ d: PlanDifference) -> Node<HTML.TableContext> {
            .tr(.td(.text(label)), .td(.class("n"), .text(ReportFormat.millions(-d.mean))),
                .td(.class("n"), .text("\(ReportFormat.millions(-d.high95)) to \(ReportFormat.millions(-d.low95))")),
                .td(.class("n"), .text(ReportFormat.share(d.shareWorse))))
        }
        var rows = [Node<HTML.TableContext>]()
        if let year = comparison.series.first(where: { $0.figure.name == "cost_total_12_months" }) {
            for (t, d) in year.difference.enumerated()
            where d.mean.isFinite && (t - (year.difference.firstIndex { $0.mean.isFinite } ?? t)) % 12 == 0 {
                rows.append(savingRow("12 months to \(comparison.months[t])", d))
            }
        }
        rows.append(savingRow("\(first)–\(last), \(months) months", total))
        let header: Node<HTML.TableContext> = .tr(.th(.text("months")), .th(.text("saving of B (A − B)")),
                                                  .th(.text("95 % interval")), .th(.text("B costs more in")))
        nodes.append(.div(.class("table"), .h3(.text("Saving of plan B against plan A")),
                          .table(.id("cost-saving\(suffix)"), .group([header] + rows))))
        return nodes
    }
}
