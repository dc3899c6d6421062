import EstateEngine
import EstateFiles
import EstateModel

/// Loads and compiles scenario files for `check` and `run`, collecting every problem.
enum ScenarioCompiler {
    /// The plans of `paths` (with `adjust` applied to each scenario before compiling) and the
    /// problems found, one line each as `file:line: key: message`.
    static func compile(_ paths: [String], adjust: (inout Scenario) -> Void = { _ in })
        -> (plans: [(path: String, plan: SimulationPlan)], problems: [String], failedFiles: Int) {
        let loader = ScenarioLoader()
        var plans = [(path: String, plan: SimulationPlan)]()
        var problems = [String]()
        var failedFiles = 0
        for path in paths {
            do {
                var scenario = try loader.load(path: path)
                adjust(&scenario)
                // Limits and the steady state are checked when the plan is compiled.
                do {
                    plans.append((path, try SimulationPlan(scenario)))
                } catch {
                    failedFiles += 1
                    problems.append("\(path): \(error)")
                }
            } catch {
                failedFiles += 1
                problems += error.problems.map(\.description)
            }
        }
        return (plans, problems, failedFiles)
    }
}
