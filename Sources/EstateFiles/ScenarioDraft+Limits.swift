internal import EstateModel

extension ScenarioDraft {
    /// The limits of `ScenarioLimits` that span keys — replications for the run's length and
    /// generator, the number of groups, the number of establishments with those events open —
    /// reported against the key that goes past them, so that `check` names its line rather than
    /// leaving them to the engine, which can only name the scenario.
    func checkLimits(estate: Estate?, log: ProblemLog) {
        if let months, let origin = replicationsOrigin,
           let problem = ScenarioLimits.replicationProblem(replications, months: months, generator: generator) {
            log.report(origin, problem)
        }
        if groups.count > ScenarioLimits.groups {
            log.report(groups[ScenarioLimits.groups].origin,
                       "expected at most \(ScenarioLimits.groups) [[group]] tables, got \(groups.count)")
        }
        guard let estate, let (_, estateOrigin) = self.estate else { return }
        let opening = events.filter { $0.kindName == .open }
        let total = estate.establishments.count + opening.count
        guard total > ScenarioLimits.establishments else { return }
        let message = "expected at most \(ScenarioLimits.establishments) establishments, "
            + "those opened by events included, "
            + "got \(total) (\(estate.establishments.count) in the estate file, \(opening.count) opened)"
        if estate.establishments.count > ScenarioLimits.establishments {
            log.report(estateOrigin, message)
        } else {
            log.report(opening[ScenarioLimits.establishments - estate.establishments.count].origin, message)
        }
    }
}
