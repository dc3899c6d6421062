@testable import EstateReports
import EstateResults
import Foundation
import Testing

@Suite("report.html: scales, paths and the page")
struct ReportTests {
    @Test("nice ticks are 1, 2 or 5 × 10ᵏ and cover the data")
    func niceTicks() {
        let ticks = NiceTicks.ticks(low: 83_102, high: 88_950, count: 5)
        #expect(ticks.ticks == [82_000, 84_000, 86_000, 88_000, 90_000])
        #expect(ticks.low <= 83_102 && ticks.high >= 88_950)
        #expect(NiceTicks.niceStep(0.23) == 0.5)
        #expect(NiceTicks.niceStep(7) == 10)
        #expect(NiceTicks.ticks(low: 0, high: 1, count: 5).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        let flat = NiceTicks.ticks(low: 5, high: 5)
        #expect(flat.low < 5 && flat.high > 5)
    }

    @Test("a linear scale maps the domain onto the range, inverted for a y axis")
    func scale() {
        let y = LinearScale(domain: (0, 100), range: (300, 20))
        #expect(y(0) == 300)
        #expect(y(100) == 20)
        #expect(y(50) == 160)
    }

    @Test("paths: one decimal, gaps at missing values, closed bands")
    func paths() {
        #expect(PathData.line([(0, 1), (1.25, 2.04), (2, .nan), (3, 4)]) == "M0,1L1.3,2M3,4")
        #expect(PathData.band(xs: [0, 1], upper: [1, 2], lower: [0, 0]) == "M0,1L1,2L1,0L0,0Z")
        #expect(PathData.coordinate(-0.04) == "0")
        #expect(PathData.coordinate(-0.5) == "-0.5")
    }

    @Test("end labels are pushed apart and kept inside the plot")
    func labels() {
        let placed = spreadLabels([100, 102, .nan, 300], minimumGap: 13, low: 10, high: 280)
        #expect(placed[0] == 100 && placed[1] == 113)
        #expect(placed[2].isNaN)
        #expect(placed[3] == 280)
    }

    @Test("event numbers are staggered over rows so that none overlaps the one before it on its row")
    func staggered() {
        // Labels 18.6 px wide ("4–8") about a month (11 px) apart: three rows are needed, then the first
        // is free again.
        let xs = [0.0, 11, 20, 31, 42, 100]
        let rows = staggerRows(xs, widths: Array(repeating: 18.6, count: 6), gap: 3, rows: 4)
        #expect(rows == [0, 1, 2, 0, 1, 0])
        // More labels than rows fit: the row that is free soonest.
        #expect(staggerRows([0, 1, 2, 3], widths: [50, 10, 30, 5], gap: 3, rows: 3) == [0, 1, 2, 1])
        #expect(EventLabel.width("12–14") > EventLabel.width("9"))
    }

    @Test("the heat map classes and numbers as printed")
    func formats() {
        #expect(HeatMap.bucket(89.9) == 0)
        #expect(HeatMap.bucket(100) == 2)
        #expect(HeatMap.bucket(150) == 5)
        #expect(HeatMap.bucket(.nan) == nil)
        #expect(ReportFormat.count(-1950.4) == "−1,950")
        #expect(ReportFormat.count(85412) == "85,412")
        #expect(ReportFormat.percent(24.13) == "24.1 %")
        #expect(SVG.escaped("Brook, \"Old\" <Wing> & Co") == "Brook, &quot;Old&quot; &lt;Wing&gt; &amp; Co")
    }

    @Test("the report a run writes is rebuilt byte for byte from its results.sqlite")
    func rebuild() throws {
        let results = try Fixture.run(Fixture.scenario(replications: 12))
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try ReportWriter(directory: directory).write([results])
        #expect(files.contains(ReportPage.fileName))
        let written = try String(contentsOfFile: directory + "/" + ReportPage.fileName, encoding: .utf8)
        let rebuilt = ReportPage.html(try StoredRun.read(directory))
        #expect(written == rebuilt)
        for id in ["population-national-1", "population-male-1", "population-female-1", "p-over-1", "crowded-pct-1",
                   "heatmap-1", "over-operational-1", "months-at-risk-1", "groups-1", "events-1", "cost-1", "costs-1"] {
            #expect(written.contains("id=\"\(id)\""), "missing \(id)")
        }
        // Names are escaped, and nothing is fetched from the network.
        #expect(written.contains("Brook, &quot;Old&quot; Wing") || written.contains("Brook, \"Old\" Wing"))
        #expect(!written.contains("<script"))
        #expect(!written.contains("http://")
                || !written.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
    }
}
