import EstateReports
import EstateResults
import Foundation

/// The summary printed after a run, from `RunSummary`:
///
/// ```
/// "England & Wales 2014": 500 replications in 12.4 s
///   worst month of headroom (p05): national 2016-01: -310 (P(over) 0.128, 95 % CI 0.101–0.161)
///                                  male     2016-01: -420 (P(over) 0.214, 95 % CI 0.180–0.252)
///                                  female   2019-08: 180 (P(over) 0.000, 95 % CI 0.000–0.008)
///   most crowded at 2019-08 (mean population / in-use CNA): Leeds 171.2 %, …
///   cost 2014-09…2019-08: £12,478.6 m (mean over replications), of which one-off £0.0 m
/// ```
enum RunSummaryText {
    static func text(_ summary: RunSummary, seconds: Duration) -> String {
        var lines = ["\"\(summary.scenario)\": \(summary.replications) replications in \(Self.seconds(seconds))"]
        let label = "  worst month of headroom (p05): "
        for (i, worst) in summary.worstMonths.enumerated() {
            let (low, high) = worst.over.interval95
            let name = worst.estate.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            lines.append((i == 0 ? label : String(repeating: " ", count: label.count))
                + "\(name) \(worst.month): \(Int(worst.headroomP05.rounded())) "
                + "(P(over) \(probability(worst.over.share)), "
                + "95 % CI \(probability(low))–\(probability(high)))")
        }
        if !summary.mostCrowded.isEmpty {
            lines.append("  most crowded at \(summary.horizon) "
                         + "(mean population / in-use CNA; P(over operational capacity)):")
            for crowded in summary.mostCrowded {
                lines.append("    \(crowded.establishment): \(String(format: "%.1f", crowded.percentOfInUseCNA)) %; "
                             + probability(crowded.overOperationalCapacity))
            }
        }
        if let cost = summary.cost {
            lines.append("  cost \(cost.first)…\(cost.last): \(ReportFormat.millions(cost.mean)) "
                         + "(mean over replications), "
                         + "of which one-off \(ReportFormat.millions(cost.oneOff))")
        }
        return lines.joined(separator: "\n")
    }

    /// "6.4 s".
    static func seconds(_ duration: Duration) -> String {
        let s = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        return String(format: "%.2f s", s)
    }

    static func probability(_ p: Double) -> String { p.isFinite ? String(format: "%.3f", p) : "n/a" }
}
