import EstateFiles
import EstateModel
import Foundation
import Testing

/// The path of a file in Fixtures/ (copied into the test bundle).
func fixturePath(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return url.path
}

/// A fresh directory for one test's files, removed when the value is released.
final class ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("estatesim-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` (which may contain subdirectories) and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let full = "\(path)/\(name)"
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }
}

/// A small valid estate: two male establishments and a female one.
let goodEstateCSV = """
    name,sex,function,sector,region,baseline_cna,in_use_cna,operational_capacity,population
    Alder,male,local,public,North East,500,480,640,600
    Birch,male,cat-c,private,Wales,400,400,450,
    Cedar,female,female-closed,public,London,300,290,330,280

    """

let goodSettings = """
    [scenario]
    name = "Small"
    start = "2015-01"
    months = 12
    estate = "estate.csv"

    """

let goodGroups = """
    [[group]]
    id = "men"
    sex = "male"
    holds = ["local", "cat-c"]
    receptions = { mean = 100 }
    stay = { distribution = "lognormal", mean = 3.0, sd = 2.0 }

    [[group]]
    id = "women"
    sex = "female"
    holds = ["female-closed"]
    receptions = { mean = 20 }
    stay = { distribution = "exponential", mean = 4.0 }

    """

/// A scenario file assembled from its parts, each valid unless a test replaces it.
func scenarioText(settings: String = goodSettings, groups: String = goodGroups, rest: String = "") -> String {
    settings + "\n" + groups + "\n" + rest
}

/// Loads `scenario` (and `estate`, when given) from a scratch directory; the problems, or [] if it loaded.
func problems(scenario: String,
              estate: String = goodEstateCSV) throws -> (problems: [ScenarioProblem], directory: ScratchDirectory) {
    let directory = try ScratchDirectory()
    try directory.write("estate.csv", estate)
    let path = try directory.write("scenario.toml", scenario)
    do {
        _ = try ScenarioLoader().load(path: path)
        return ([], directory)
    } catch {
        return (error.problems, directory)
    }
}
