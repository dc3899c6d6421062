public import EstateModel

/// Reads a scenario TOML file, the scenarios it builds on and its estate CSV into a validated
/// `Scenario` (DESIGN.md §3; the module README describes `base` and `remove_events`).
///
/// Every problem in every file is collected and thrown together, each with its file, key path,
/// line and what was expected, so a user can fix a scenario in one pass. Nothing in a file can
/// crash the loader, and no value it returns can make GSL fail: distribution parameters are
/// checked with `StayDistribution.validated()`.
///
/// ```swift
/// let scenario = try ScenarioLoader().load(path: "Models/fixture.toml")
/// ```
public struct ScenarioLoader: Sendable {
    /// A loader; it holds no state between loads.
    public init() {}

    /// Loads and validates the scenario at `path`. Relative paths inside it (`estate`, `base`)
    /// are relative to the file that names them.
    ///
    /// - Throws: `ScenarioLoadError` listing every problem found.
    public func load(path: String) throws(ScenarioLoadError) -> Scenario {
        let log = ProblemLog()
        guard let document = ScenarioDocument.load(path, log: log) else {
            throw ScenarioLoadError(problems: log.sorted())
        }
        let draft = ScenarioReader(log: log).read(document.root)
        var estate: Estate?
        var estateFile: SourceFile?
        if let (estatePath, origin) = draft.estate {
            let resolved = FilePath.resolve(estatePath, from: origin.file)
            switch SourceFile.read(resolved) {
            case .success(let file):
                estateFile = file
                estate = EstateCSVReader(file: resolved, log: log).read(file.text)
            case .failure(let failure):
                if let line = failure.line {
                    log.report(ScenarioProblem(file: resolved, line: line, key: EstateCSVReader.place(ofLine: line),
                                               message: "cannot read the estate file: \(failure.reason)"))
                } else {
                    log.report(origin, "cannot read the estate file \(resolved): \(failure.reason)")
                }
            }
        }
        draft.checkReferences(estate: estate, log: log)
        draft.checkLimits(estate: estate, log: log)
        guard log.isEmpty, let scenario = draft.scenario(estate: estate) else {
            if log.isEmpty {
                // Unreachable when every check above is complete; never return a half-read scenario.
                log.report(ScenarioProblem(file: path, key: "",
                                           message: "could not be read completely "
                                               + "(an EstateSim bug: please report it)"))
            }
            throw ScenarioLoadError(problems: log.sorted())
        }
        var result = scenario
        result.provenance = Provenance(scenarioPath: path,
                                       scenarioHash: ContentHash.hex(of: document.files.map(\.bytes)),
                                       estatePath: estateFile?.path ?? "",
                                       estateHash: ContentHash.hex(of: [estateFile?.bytes ?? []]))
        return result
    }

    /// Loads and validates an estate CSV on its own.
    ///
    /// - Throws: `ScenarioLoadError` listing every problem found.
    public func loadEstate(path: String) throws(ScenarioLoadError) -> Estate {
        let log = ProblemLog()
        switch SourceFile.read(path) {
        case .success(let file):
            if let estate = EstateCSVReader(file: path, log: log).read(file.text), log.isEmpty { return estate }
        case .failure(let failure):
            log.report(ScenarioProblem(file: path, line: failure.line,
                                       key: failure.line.map(EstateCSVReader.place(ofLine:)) ?? "",
                                       message: "cannot read the estate file: \(failure.reason)"))
        }
        throw ScenarioLoadError(problems: log.sorted())
    }
}

extension ScenarioDraft {
    /// The scenario, when every required part was read.
    func scenario(estate: Estate?) -> Scenario? {
        guard let name, let start, let months, let estate else { return nil }
        let groups = groups.compactMap(\.group)
        let events = events.compactMap(\.event)
        let policies = policies.compactMap(\.policy)
        let drivers = drivers.compactMap(\.driver)
        guard groups.count == self.groups.count, events.count == self.events.count,
              policies.count == self.policies.count, drivers.count == self.drivers.count
        else { return nil }
        var scenario = Scenario(name: name, start: start, months: months, estate: estate, seed: seed,
                                replications: replications, operatingMargin: operatingMargin,
                                crowdingFactor: crowdingFactor,
                                generator: generator, groups: groups, events: events, policies: policies)
        scenario.drivers = drivers
        scenario.placement = placement
        scenario.costs = costs
        scenario.drift = drift
        return scenario
    }
}
