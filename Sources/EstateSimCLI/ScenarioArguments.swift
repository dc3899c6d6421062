import ArgumentParser

/// The scenario files a command works on, shared by `check` and `run`.
struct ScenarioArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("Scenario files (TOML), e.g. Models/fixture.toml.", valueName: "scenario"))
    var scenarios: [String]

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("Name at least one scenario file.") }
    }
}
