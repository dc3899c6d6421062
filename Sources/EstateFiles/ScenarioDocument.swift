/// A scenario file with every base it builds on merged in, as one tree (DESIGN.md §3 and the
/// module README, "Building on another scenario").
struct ScenarioDocument {
    var root: TOMLNode
    /// The files read, base first: they make up the scenario's content hash.
    var files: [SourceFile]

    /// Reads `path` and, through `[scenario] base`, the scenarios it builds on.
    ///
    /// - Parameters:
    ///   - referencedFrom: the `base` value that named this file, where problems reading it are reported.
    ///   - chain: the canonical paths of the files that led here, to refuse a cycle.
    /// - Returns: nil when the file or one of its bases cannot be read or parsed (reported).
    static func load(_ path: String, referencedFrom: Origin? = nil, chain: [String] = [],
                     log: ProblemLog) -> ScenarioDocument? {
        let canonical = SourceFile.canonical(path)
        if let referencedFrom, chain.contains(canonical) {
            log.report(referencedFrom,
                       "expected a base scenario that does not lead back to this one, got a cycle through \(path)")
            return nil
        }
        let file: SourceFile
        switch SourceFile.read(path) {
        case .success(let read): file = read
        case .failure(let failure):
            if let line = failure.line, let text = failure.lossyText {
                // A fault inside the file (bytes that are not UTF-8): name the key written there.
                let key = SourceIndex(text: text).key(on: line) ?? ""
                let what = referencedFrom == nil ? "the scenario" : "the base scenario"
                log.report(ScenarioProblem(file: path, line: line, key: key,
                                           message: "cannot read \(what): \(failure.reason)"))
            } else if let referencedFrom {
                log.report(referencedFrom, "cannot read the base scenario \(path): \(failure.reason)")
            } else {
                log.report(ScenarioProblem(file: path, key: "", message: "cannot read the scenario: \(failure.reason)"))
            }
            return nil
        }
        guard let root = TOMLNode.parse(file.text, file: path, log: log) else { return nil }
        let scenario = root.table?["scenario"]?.table
        guard let baseNode = scenario?["base"], let basePath = baseNode.string, !basePath.isEmpty else {
            if let removals = scenario?["remove_events"] {
                log.report(removals.origin, "expected a base scenario (scenario.base) to remove events from, got none")
            }
            // A `base` of the wrong type is reported when the tree is read.
            return ScenarioDocument(root: root, files: [file])
        }
        let resolved = FilePath.resolve(basePath, from: path)
        guard let base = load(resolved, referencedFrom: baseNode.origin, chain: chain + [canonical], log: log) else {
            return nil
        }
        return ScenarioDocument(root: merge(child: root, into: base.root, log: log), files: base.files + [file])
    }

    /// The child's tree laid over its base's: `[scenario]` keys override, a `[[group]]` with the id
    /// of a base group replaces that group's keys one by one (a new id adds a group), events and
    /// policies are appended, and `remove_events` drops base events by id.
    static func merge(child: TOMLNode, into base: TOMLNode, log: ProblemLog) -> TOMLNode {
        guard var merged = base.table, let childTable = child.table else { return child }
        if let removals = childTable["scenario"]?.table?["remove_events"] {
            var baseEvents = merged["event"]?.array ?? []
            remove(removals, from: &baseEvents, log: log)
            if merged["event"]?.array != nil { merged["event"]?.value = .array(baseEvents) }
        }
        for (key, node) in childTable.entries {
            switch (key, merged[key]?.value, node.value) {
            case ("scenario", .table(let settings)?, .table(let childSettings)),
                 ("costs", .table(let settings)?, .table(let childSettings)):
                merged[key] = TOMLNode(value: .table(settings.merging(childSettings) { _, new, _ in new }),
                                       origin: node.origin)
            case ("group", .array(let baseGroups)?, .array(let childGroups)):
                merged[key] = TOMLNode(value: .array(mergeGroups(childGroups, into: baseGroups)), origin: node.origin)
            case ("event", .array(let baseEvents)?, .array(let childEvents)),
                 ("policy", .array(let baseEvents)?, .array(let childEvents)):
                merged[key] = TOMLNode(value: .array(baseEvents + childEvents), origin: node.origin)
            default:
                merged[key] = node
            }
        }
        return TOMLNode(value: .table(merged), origin: base.origin)
    }

    private static func mergeGroups(_ childGroups: [TOMLNode], into baseGroups: [TOMLNode]) -> [TOMLNode] {
        var groups = baseGroups
        // The first base group of each id, found by a dictionary: a search per child group was
        // quadratic, and hung on 20,000 groups.
        var basePosition: [String: Int] = [:]
        for (position, group) in baseGroups.enumerated() {
            if let id = group.table?["id"]?.string, basePosition[id] == nil { basePosition[id] = position }
        }
        var mergedPositions = Set<Int>()
        for childGroup in childGroups {
            guard let childTable = childGroup.table, let id = childTable["id"]?.string,
                  let position = basePosition[id], !mergedPositions.contains(position),
                  let table = groups[position].table
            else {
                // A new group, or a repeat of an id in the child: appended, so a repeat is reported as a duplicate.
                groups.append(childGroup)
                continue
            }
            mergedPositions.insert(position)
            let merged = table.merging(childTable) { key, child, base in mergeGroupKey(key, child: child, base: base) }
            groups[position].value = .table(merged)
        }
        return groups
    }

    /// A group key given again in a child: the inline tables `receptions`, `recall` and
    /// `progression` merge key by key (so `receptions = { trend = 0.01 }` changes only the trend),
    /// as does `stay` unless the child names another distribution; anything else is replaced.
    private static func mergeGroupKey(_ key: String, child: TOMLNode, base: TOMLNode) -> TOMLNode {
        guard ["receptions", "recall", "progression", "stay"].contains(key),
              let baseTable = base.table, let childTable = child.table else { return child }
        if key == "stay", let kind = childTable["distribution"]?.string, kind != baseTable["distribution"]?.string {
            return child
        }
        return TOMLNode(value: .table(baseTable.merging(childTable) { _, new, _ in new }), origin: child.origin)
    }

    /// Drops the base events whose `id` is listed; an id that matches none is a problem.
    private static func remove(_ removals: TOMLNode, from events: inout [TOMLNode], log: ProblemLog) {
        guard let ids = removals.array else { return }
        let known = events.compactMap { $0.table?["id"]?.string }
        let knownSet = Set(known)
        // Named in each message, so kept short however many events the base has.
        let shown = known.prefix(20).joined(separator: ", ") + (known.count > 20 ? ", … (\(known.count) in all)" : "")
        let listing = known.isEmpty ? "the base has no event ids" : "the base's event ids are \(shown)"
        var removed = Set<String>()
        for idNode in ids {
            guard let id = idNode.string else { continue }
            if knownSet.contains(id) {
                removed.insert(id)
            } else {
                log.report(idNode.origin,
                           "expected the id of an event in the base scenario, got \"\(id)\" (\(listing))")
            }
        }
        if !removed.isEmpty { events.removeAll { $0.table?["id"]?.string.map(removed.contains) ?? false } }
    }
}
