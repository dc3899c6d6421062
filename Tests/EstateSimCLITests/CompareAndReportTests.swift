import Foundation
import Testing

/// `compare` and `report` through the binary, and the report in a real browser.
@Suite("compare and report", .serialized)
struct CompareAndReportTests {
    /// A scratch folder removed by the caller.
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("estate-sim-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// CSV records (no quoted fields), header first.
    static func records(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test("""
        compare of the default plan and the plan without houseblocks pairs replications, \
        with intervals far tighter than independent ones
        """)
    func pairedPlans() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        for model in ["england-wales-2014", "no-new-houseblocks"] {
            let run = try EstateSimBinary.run(["run", "Models/\(model).toml", "--replications", "20", "--quiet",
                                               "--out", directory.appendingPathComponent(model).path])
            #expect(run.status == 0, "\(run.standardError)")
        }
        let a = directory.appendingPathComponent("england-wales-2014").path,
            b = directory.appendingPathComponent("no-new-houseblocks").path
        let result = try EstateSimBinary.run(["compare", a, b])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Paired: both runs have seed"))
        #expect(result.standardOutput.contains("plan B: "))
        #expect(result.standardOutput.contains("more people in crowded accommodation in "))
        let rows = try Self.records(URL(fileURLWithPath: b + "/comparison/comparison.csv"))
        let header = rows[0]
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let figure = try column("figure"), low = try column("difference_low95"), high = try column("difference_high95")
        let iLow = try column("independent_low95"), iHigh = try column("independent_high95"),
            pairing = try column("pairing")
        #expect(rows.dropFirst().allSatisfy { $0[pairing] == "paired" })
        // Where the plans differ (crowded, headroom), the paired interval is a fraction of the independent one.
        for name in ["crowded", "headroom", "male_headroom"] {
            let months = rows.dropFirst().filter { $0[figure] == name }
            let paired = months.map { (Double($0[high]) ?? 0) - (Double($0[low]) ?? 0) }.reduce(0, +)
            let independent = months.map { (Double($0[iHigh]) ?? 0) - (Double($0[iLow]) ?? 0) }.reduce(0, +)
            #expect(months.count == 60)
            // Measured at 20–30 replications: 2.6× (crowded) to 3× (headroom) on average over the 60 months.
            #expect(paired * 2 < independent, "\(name): paired \(paired), independent \(independent)")
        }
        let report = try String(contentsOfFile: b + "/comparison/report.html", encoding: .utf8)
        #expect(report.contains("id=\"difference-headroom\"") && report.contains("id=\"difference-summary\""))

        // The default model's report, rebuilt from the store: the same bytes, under 2 MB.
        let written = try Data(contentsOf: URL(fileURLWithPath: a + "/report.html"))
        #expect(written.count < 2_000_000)
        // Its many capacity events: one number a month on the charts, no two overlapping on a row.
        let overlaps = Self.overlappingEventNumbers(String(decoding: written, as: UTF8.self))
        #expect(overlaps.labels >= 20 && overlaps.pairs.isEmpty, "\(overlaps)")
        if let browser = Chromium.path {
            // And as Chromium lays them out: the boxes of the numbers on every chart, measured by a
            // script added to a copy of the page (the report itself has none).
            let measured = try Chromium.eventNumberOverlaps(browser, page: String(decoding: written, as: UTF8.self),
                                                            home: directory)
            #expect(measured.labels >= 100 && measured.overlaps == 0, "\(measured)")
        }
        let rebuilt = try EstateSimBinary.run(["report", a, "--quiet"])
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: a + "/report.html")) == written)

        // A different seed: compared as independent samples, and said so.
        let other = directory.appendingPathComponent("other-seed").path
        #expect(try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "5", "--quiet",
                                         "--out", other]).status == 0)
        let fixture = directory.appendingPathComponent("fixture").path
        #expect(try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "5", "--seed", "99", "--quiet",
                                         "--out", fixture]).status == 0)
        let independent = try EstateSimBinary.run(["compare", other, fixture, "--out",
                                                   directory.appendingPathComponent("c").path])
        #expect(independent.status == 0, "\(independent.standardError)")
        #expect(independent.standardOutput.contains("Independent samples: seeds differ (A 7, B 99)"))
    }

    @Test("""
        compare gives plan B's saving with its interval, worked by hand from the capacities; \
        every scenario by name; no lock file left
        """)
    func costsAndScenarios() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = EstateSimBinary.packageRoot.appendingPathComponent("Models/fixture.toml").path
        // Plan B: the fixture's houseblock, built for £25 m.
        let child = directory.appendingPathComponent("costed.toml")
        try """
            [scenario]
            base = "\(fixture)"
            name = "fixture with a costed houseblock"
            remove_events = ["castlemoor-houseblock"]

            [[event]]
            id = "castlemoor-houseblock"
            month = "2015-06"
            kind = "houseblock"
            establishment = "Castlemoor"
            cna = 240
            operational_capacity = 260
            ramp_months = 3
            cost = 25_000_000

            """.write(to: child, atomically: true, encoding: .utf8)
        let a = directory.appendingPathComponent("a").path, b = directory.appendingPathComponent("b").path
        #expect(try EstateSimBinary.run(["run", fixture, "--replications", "12", "--quiet", "--out", a]).status == 0)
        #expect(try EstateSimBinary.run(["run", child.path, "--replications", "12", "--quiet", "--out", b]).status == 0)
        let result = try EstateSimBinary.run(["compare", a, b])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("plan B costs £")
                && result.standardOutput.contains(" over 2015-01…2016-12 (24 months), 95 % CI £"),
                "\(result.standardOutput)")
        #expect(result.standardOutput.contains("plan B costs by the prisoner reckoning £"))
        // Nothing of the comparison's writing is left in RUN_B: no lock, no staging folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: b).sorted()
            == ["comparison", "establishments.csv", "manifest.json", "monthly.csv", "report.html", "results.sqlite"])

        // By hand: each month's extra baseline CNA at £27,675 a year, and the £25 m.
        func monthly(_ run: String) throws -> [[String]] {
            try Self.records(URL(fileURLWithPath: run + "/monthly.csv"))
        }
        let ma = try monthly(a), mb = try monthly(b)
        let op = try #require(ma[0].firstIndex(of: "baseline_cna"))
        var expected = 25_000_000.0
        for t in 1..<ma.count { expected += ((Double(mb[t][op]) ?? .nan) - (Double(ma[t][op]) ?? .nan)) * 27_675 / 12 }
        let rows = try Self.records(URL(fileURLWithPath: b + "/comparison/comparison.csv"))
        let header = rows[0]
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let last = try #require(rows.last { $0[1] == "cost_total_cumulative" })
        let monthColumn = try column("month"), scenarioColumn = try column("scenario")
        #expect(last[monthColumn] == "2016-12" && last[scenarioColumn] == "fixture with a costed houseblock")
        let difference = try #require(Double(last[try column("difference_mean")]))
        // Each run's cost of places is rounded to the pound a month: 24 months, at most £1 apart each.
        #expect(abs(difference - expected) <= 24, "B − A \(difference), by hand \(expected)")
        // Places cost the same in every replication: the paired interval has no width.
        let low = try column("difference_low95"), high = try column("difference_high95")
        #expect(last[low] == last[high])
        // The prisoner reckoning varies between replications, but a houseblock changes no one's stay:
        // with common random numbers replication r holds the same people in both plans, so the
        // paired difference is exactly 0, where independent samples would leave an interval.
        let prisoners = try #require(rows.last { $0[1] == "cost_prisoners_cumulative" })
        #expect(Double(prisoners[try column("difference_mean")]) == 0)
        let iLow = try column("independent_low95"), iHigh = try column("independent_high95")
        let paired = (Double(prisoners[high]) ?? 0) - (Double(prisoners[low]) ?? 0)
        let alone = (Double(prisoners[iHigh]) ?? 0) - (Double(prisoners[iLow]) ?? 0)
        #expect(paired == 0 && alone > 0, "paired \(paired), independent \(alone)")
        let report = try String(contentsOfFile: b + "/comparison/report.html", encoding: .utf8)
        #expect(report.contains("id=\"difference-cost\"") && report.contains("id=\"cost-saving\""))

        // A store written before costs were kept (no costs table): the rest is compared, and it says so.
        let old = directory.appendingPathComponent("old").path
        try FileManager.default.copyItem(atPath: a, toPath: old)
        let drop = Process()
        drop.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        drop.arguments = ["python3", "-c",
                          "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
                              + "db.execute('DROP TABLE costs'); db.commit()",
                          old + "/results.sqlite"]
        try drop.run()
        drop.waitUntilExit()
        let withoutCosts = try EstateSimBinary.run(["compare", old, b, "--out",
                                                    directory.appendingPathComponent("old-b").path])
        #expect(withoutCosts.status == 0, "\(withoutCosts.standardError)")
        #expect(withoutCosts.standardOutput.contains("Costs not compared: a run has no costs table"))
        #expect(!withoutCosts.standardOutput.contains("plan B costs"))

        // Runs of several scenarios: each compared with the one of its name, the rest named.
        let c = directory.appendingPathComponent("c").path, d = directory.appendingPathComponent("d").path
        #expect(try EstateSimBinary.run(["run", fixture, child.path, "--replications", "6", "--quiet",
                                         "--out", c]).status == 0)
        #expect(try EstateSimBinary.run(["run", child.path, "--replications", "6", "--quiet", "--out", d]).status == 0)
        let several = try EstateSimBinary.run(["compare", c, d, "--out", directory.appendingPathComponent("cd").path])
        #expect(several.status == 0, "\(several.standardError)")
        #expect(several.standardOutput.contains("Compared by name: \"fixture with a costed houseblock\"; "
                                                + "only in A (not compared): \"EstateSim fixture\"."),
                "\(several.standardOutput)")
        let scenarios = Set(try Self.records(directory.appendingPathComponent("cd/comparison.csv")).dropFirst()
            .map { $0[0] })
        #expect(scenarios == ["fixture with a costed houseblock"])
        let both = try EstateSimBinary.run(["compare", c, c, "--out", directory.appendingPathComponent("cc").path])
        #expect(both.status == 0)
        #expect(both.standardOutput.contains("Scenario \"EstateSim fixture\":")
                && both.standardOutput.contains("Scenario \"fixture with a costed houseblock\":"))
        let cc = Set(try Self.records(directory.appendingPathComponent("cc/comparison.csv")).dropFirst().map { $0[0] })
        #expect(cc == ["EstateSim fixture", "fixture with a costed houseblock"])
        // One scenario against several: by name, and A's one is among B's.
        #expect(try EstateSimBinary.run(["compare", a, c, "--out",
                                         directory.appendingPathComponent("ac").path]).status == 0)
        // No scenario in common by name: refused (exit 2), naming them.
        func named(_ name: String) throws -> String {
            let path = directory.appendingPathComponent("\(name).toml")
            try "[scenario]\nbase = \"\(fixture)\"\nname = \"\(name)\"\n"
                .write(to: path, atomically: true, encoding: .utf8)
            return path.path
        }
        let x = directory.appendingPathComponent("x").path, y = directory.appendingPathComponent("y").path
        #expect(try EstateSimBinary.run(["run", try named("left"), child.path, "--replications", "3", "--quiet",
                                         "--out", x]).status == 0)
        #expect(try EstateSimBinary.run(["run", try named("right"), fixture, "--replications", "3", "--quiet",
                                         "--out", y]).status == 0)
        let disjoint = try EstateSimBinary.run(["compare", x, y])
        #expect(disjoint.status == 2)
        #expect(disjoint.standardError.contains("the runs have no scenario in common by name (A: "
                                                + "\"fixture with a costed houseblock\", \"left\"; "
                                                + "B: \"EstateSim fixture\", \"right\")"), "\(disjoint.standardError)")
    }

    /// The event numbers of a report's first chart (x, row, text) and the pairs on a row that would
    /// overlap at 10 px (6.2 px a character, 3 px apart), by a reading of the SVG independent of the
    /// code that placed them.
    static func overlappingEventNumbers(_ page: String) -> (labels: Int, pairs: [String]) {
        let chart = page.components(separatedBy: "<svg").dropFirst().first ?? ""
        var rows = [String: [(x: Double, text: String)]]()
        var labels = 0
        for piece in chart.components(separatedBy: "<text ").dropFirst()
        where piece.contains("class=\"event-number\"") {
            func attribute(_ name: String) -> String? {
                piece.components(separatedBy: "\(name)=\"").dropFirst().first?.components(separatedBy: "\"").first
            }
            guard let x = attribute("x").flatMap(Double.init), let y = attribute("y"),
                  let text = piece.components(separatedBy: "</title>").last?.components(separatedBy: "</text>").first
            else { continue }
            rows[y, default: []].append((x, text))
            labels += 1
        }
        var pairs = [String]()
        for (y, row) in rows {
            let sorted = row.sorted { $0.x < $1.x }
            for (a, b) in zip(sorted, sorted.dropFirst()) where a.x + Double(a.text.count) * 6.2 + 3 > b.x + 1e-9 {
                pairs.append("\(a.text) and \(b.text) at y \(y)")
            }
        }
        return (labels, pairs)
    }

    @Test("compare --observed scores the run beside the naive forecast; bad observed files exit 2 naming file and line")
    func observed() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = directory.appendingPathComponent("run").path
        #expect(try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "8", "--quiet",
                                         "--out", run]).status == 0)
        let observed = directory.appendingPathComponent("observed.csv")
        try "date,value\n2014-12-31,2400\n2015-01-30,2410\n2015-02-27,2390\n2015-03-31,2450\n"
            .write(to: observed, atomically: true, encoding: .utf8)
        let result = try EstateSimBinary.run(["compare", run, "--observed", observed.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("population, 3 months 2015-01–2015-03:"))
        #expect(result.standardOutput.contains("naive (no change since 2014-12): MAPE "))
        let scores = try Self.records(URL(fileURLWithPath: run + "/comparison/scores.csv"))
        #expect(scores.map { $0[0] } == ["forecast", "run", "naive"])
        let months = try Self.records(URL(fileURLWithPath: run + "/comparison/comparison.csv"))
        #expect(months.count == 4)
        #expect(months[0].contains("crps") && months[0].contains("in_p05_p95"))
        // The naive forecast's bias by hand: 2400 against 2410, 2390, 2450.
        let naiveBias = try #require(Double(scores[2][scores[0].firstIndex(of: "bias") ?? 0]))
        #expect(abs(naiveBias - (-10 + 10 - 50) / 3.0) < 1e-3)

        try "month,value\n2015-01,2400\n2015-13,1\n2015-02,lots\n"
            .write(to: observed, atomically: true, encoding: .utf8)
        let bad = try EstateSimBinary.run(["compare", run, "--observed", observed.path])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("observed.csv:3: month: expected YYYY-MM, got `2015-13`"))
        #expect(bad.standardError.contains("observed.csv:4: value: expected a number, got `lots`"))
        let notRun = try EstateSimBinary.run(["compare", directory.path, "--observed", observed.path])
        #expect(notRun.status == 2)
        #expect(notRun.standardError.contains("no results.sqlite"))
    }

    @Test("the report renders in headless Chromium: not blank, every chart and table present, no console errors",
          .enabled(if: Chromium.path != nil,
                   "chromium is not installed (`.ci/run` installs Debian's chromium): the browser check is skipped"))
    func chromium() throws {
        let browser = try #require(Chromium.path)
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = directory.appendingPathComponent("run").path
        #expect(try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "10", "--quiet",
                                         "--out", run]).status == 0)
        let observed = directory.appendingPathComponent("observed.csv")
        try "month,population\n2014-12,2400\n2015-01,2410\n2015-02,2390\n2015-03,2450\n"
            .write(to: observed, atomically: true, encoding: .utf8)
        let other = directory.appendingPathComponent("other").path
        #expect(try EstateSimBinary.run(["run", "Models/fixture.toml", "--replications", "10", "--quiet",
                                         "--out", other]).status == 0)
        let report = try EstateSimBinary.run(["report", run, "--compare", other, "--observed", observed.path])
        #expect(report.status == 0, "\(report.standardError)")

        let page = "file://" + run + "/report.html"
        let screenshot = directory.appendingPathComponent("report.png").path
        let shot = try Chromium.run(browser, ["--screenshot=\(screenshot)", "--window-size=1200,3000", page],
                                    home: directory)
        #expect(shot.status == 0, "\(shot.error)")
        let check = try Chromium.pngCheck(screenshot)
        #expect(check == "1200x3000 varied", "the screenshot: \(check)")
        let dom = try Chromium.run(browser, ["--dump-dom", "--enable-logging=stderr", "--v=0", page], home: directory)
        #expect(dom.status == 0)
        for id in ["population-national-1", "population-male-1", "population-female-1", "p-over-1", "crowded-pct-1",
                   "heatmap-1", "over-operational-1", "months-at-risk-1", "groups-1", "events-1",
                   "difference-headroom", "difference-crowded", "difference-summary", "scores", "cost-1", "costs-1",
                   "difference-cost", "cost-saving"] {
            #expect(dom.output.contains("id=\"\(id)\""), "the DOM lacks \(id)")
        }
        #expect(!dom.error.contains("CONSOLE"), "console messages: \(dom.error)")
        #expect(dom.output.contains("<circle"), "the observed series is drawn")
    }
}

/// Debian's chromium, run headless.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func run(_ browser: String, _ arguments: [String],
                    home: URL) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(home.appendingPathComponent("chromium-profile").path)"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        process.environment = environment
        let out = home.appendingPathComponent("chromium.out"), err = home.appendingPathComponent("chromium.err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        // Chromium's own complaints about the missing system bus are not the page's.
        let error = try String(contentsOf: err, encoding: .utf8).split(separator: "\n")
            .filter { !$0.contains("dbus") && !$0.contains("bus.cc") }.joined(separator: "\n")
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), error)
    }

    /// How many event numbers the charts of `page` show and how many pairs of them overlap, as
    /// Chromium lays them out (their bounding boxes, measured by a script added to a copy).
    static func eventNumberOverlaps(_ browser: String, page: String, home: URL) throws -> (labels: Int, overlaps: Int) {
        let script = """
            <script>
            const lists = [...document.querySelectorAll('svg')].map(svg =>
                [...svg.querySelectorAll('text.event-number')].map(t => t.getBoundingClientRect()));
            let overlaps = 0, labels = 0;
            for (const l of lists) {
                labels += l.length;
                for (let i = 0; i < l.length; i++) for (let j = i + 1; j < l.length; j++) {
                    const a = l[i], b = l[j];
                    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
                }
            }
            const p = document.createElement('p');
            p.id = 'event-overlaps'; p.dataset.labels = labels; p.dataset.overlaps = overlaps;
            document.body.appendChild(p);
            </script>
            """
        let copy = home.appendingPathComponent("measure-events.html")
        try page.replacingOccurrences(of: "</body>", with: script + "</body>")
            .write(to: copy, atomically: true, encoding: .utf8)
        let dom = try run(browser, ["--dump-dom", "--window-size=1200,3000", "file://" + copy.path], home: home)
        func attribute(_ name: String) -> Int? {
            dom.output.components(separatedBy: "data-\(name)=\"").dropFirst().first?.components(separatedBy: "\"").first
                .flatMap { Int($0) }
        }
        return (attribute("labels") ?? -1, attribute("overlaps") ?? -1)
    }

    /// "WxH varied" when the PNG decodes to an image of more than one colour: read with Python's
    /// zlib (no extra package), the scanlines unfiltered and the distinct pixels counted.
    static func pngCheck(_ path: String) throws -> String {
        let script = """
            import struct, sys, zlib
            data = open(sys.argv[1], 'rb').read()
            assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'not a PNG'
            pos, idat, width = 8, b'', 0
            while pos < len(data):
                n, kind = struct.unpack('>I4s', data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
                if kind == b'IHDR': width, height, depth, colour = struct.unpack('>IIBB', body[:10])
                if kind == b'IDAT': idat += body
            bpp = {2: 3, 6: 4, 0: 1, 4: 2}[colour]
            raw, stride, prev, colours = zlib.decompress(idat), width * bpp, bytearray(width * bpp), set()
            for y in range(height):
                f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
                for i in range(stride):
                    a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
                    if f == 1: line[i] = (line[i] + a) & 255
                    elif f == 2: line[i] = (line[i] + b) & 255
                    elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                    elif f == 4:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                if y % 10 == 0: colours.update(bytes(line[i:i + bpp]) for i in range(0, stride, bpp * 7))
                prev = line
            print(f"{width}x{height} {'varied' if len(colours) > 2 else 'blank'}")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
