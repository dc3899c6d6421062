/// Collects problems while a scenario is read, so that all of them are reported together rather
/// than the first one only.
final class ProblemLog {
    private(set) var problems: [ScenarioProblem] = []

    var isEmpty: Bool { problems.isEmpty }

    func report(_ origin: Origin, _ message: String) {
        problems.append(ScenarioProblem(file: origin.file, line: origin.line, key: origin.key, message: message))
    }

    func report(_ problem: ScenarioProblem) { problems.append(problem) }

    /// Problems grouped by file in order of first appearance, by line within a file; the order of
    /// discovery is kept for equal lines. Duplicates (the same problem reached twice through a
    /// base scenario) are dropped.
    func sorted() -> [ScenarioProblem] {
        var fileRank: [String: Int] = [:]
        for problem in problems where fileRank[problem.file] == nil { fileRank[problem.file] = fileRank.count }
        var seen = Set<ScenarioProblem>()
        let unique = problems.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { a, b in
            let (fa, fb) = (fileRank[a.element.file] ?? 0, fileRank[b.element.file] ?? 0)
            if fa != fb { return fa < fb }
            let (la, lb) = (a.element.line ?? 0, b.element.line ?? 0)
            if la != lb { return la < lb }
            return a.offset < b.offset
        }.map(\.element)
    }
}

/// Where a value was written: the file, the key path inside it and, when found, the line.
struct Origin: Sendable, Hashable {
    var file: String
    var key: String
    var line: Int?

    /// The origin of `key` inside this table, on the same line until the source index says better.
    func child(_ name: String, index: SourceIndex?) -> Origin {
        let path = key.isEmpty ? name : "\(key).\(name)"
        return Origin(file: file, key: path, line: index?.line(exactly: path) ?? line)
    }

    /// The origin of element `position` (0-based) of this array; shown 1-based.
    func element(_ position: Int, index: SourceIndex?) -> Origin {
        let path = "\(key)[\(position + 1)]"
        return Origin(file: file, key: path, line: index?.line(exactly: path) ?? line)
    }
}
