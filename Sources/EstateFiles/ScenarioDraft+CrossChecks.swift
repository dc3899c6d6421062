internal import EstateModel

extension ScenarioDraft {
    /// The checks that need more than one key: ids used once, references to groups and
    /// establishments that exist, months inside the run, and a place for every group.
    /// `estate` is nil when the estate file could not be read; the checks against it are skipped.
    func checkReferences(estate: Estate?, log: ProblemLog) {
        checkUnique(groups.map { ($0.id, $0.idOrigin) }, what: "group id", log: log)
        checkUnique(events.map { ($0.id, $0.idOrigin) }, what: "event id", log: log)
        checkUnique(drivers.map { ($0.id, $0.origin) }, what: "[[uncertainty]] id", log: log)
        let driverIDs = Set(drivers.compactMap(\.id))
        for group in groups {
            guard let (id, origin) = group.driver, !driverIDs.contains(id) else { continue }
            let known = driverIDs.isEmpty
                ? "the scenario has no [[uncertainty]] blocks"
                : "the [[uncertainty]] ids are " + driverIDs.sorted().joined(separator: ", ")
            log.report(origin, "expected the id of an [[uncertainty]] block (\(known)), got \"\(id)\"")
        }

        let groupIDs = Set(groups.compactMap(\.id))
        let groupList = groupIDs.sorted().joined(separator: ", ")
        func checkGroup(_ id: String, _ origin: Origin) {
            if !groupIDs.contains(id) { log.report(origin, "expected a group id (\(groupList)), got \"\(id)\"") }
        }
        for group in groups { if let (id, origin) = group.recallTo { checkGroup(id, origin) } }
        for policy in policies {
            for (id, origin) in policy.groups { checkGroup(id, origin) }
            if let (id, origin) = policy.recallTo { checkGroup(id, origin) }
        }

        if let start, let months {
            let end = start + months
            let expectation = "a month from \(start) to \(start + (months - 1)) (the run)"
            for event in events {
                if let month = event.month, !(start..<end).contains(month) {
                    log.report(event.monthOrigin, "expected \(expectation), got \(month)")
                }
            }
            for policy in policies {
                if let month = policy.month, !(start..<end).contains(month) {
                    log.report(policy.monthOrigin, "expected \(expectation), got \(month)")
                }
            }
        }

        guard let estate else { return }
        checkEstablishments(estate, log: log)
        checkPlaces(estate, log: log)
    }

    private func checkUnique(_ ids: [(String?, Origin)], what: String, log: ProblemLog) {
        var first: [String: Origin] = [:]
        for case let (id?, origin) in ids {
            if let earlier = first[id] {
                let place = earlier.line.map { " (first on line \($0))" } ?? ""
                log.report(origin, "expected each \(what) once, got \"\(id)\" again\(place)")
            } else {
                first[id] = origin
            }
        }
    }

    /// Every event names an establishment of the estate file or one opened by an earlier `open`
    /// event (by month; file order within a month), and no `open` names one that exists.
    private func checkEstablishments(_ estate: Estate, log: ProblemLog) {
        let atStart = Set(estate.establishments.map(\.name))
        var opened: Set<String> = []
        let datedEvents = events.enumerated().sorted {
            ($0.element.month?.ordinal ?? .min, $0.offset) < ($1.element.month?.ordinal ?? .min, $1.offset)
        }
        for (_, event) in datedEvents {
            guard let name = event.establishment, let kind = event.kindName else { continue }
            let exists = atStart.contains(name) || opened.contains(name)
            if kind == .open {
                if exists {
                    log.report(event.establishmentOrigin,
                               "expected a new establishment for an open event, got \"\(name)\", which already exists")
                }
                opened.insert(name)
            } else if !exists {
                log.report(event.establishmentOrigin,
                           "expected an establishment of the estate file or opened by an earlier open event, "
                           + "got \"\(name)\"")
            }
        }
    }

    /// Each group can be held somewhere: by an establishment at the start, or by one that an
    /// event opens or re-roles.
    private func checkPlaces(_ estate: Estate, log: ProblemLog) {
        // A set (at most functions × sexes), and establishments found by name: with lists, a
        // hostile file of many groups, events and establishments took time in their product.
        var roles = Set(estate.establishments.map { Role(function: $0.function, sex: $0.sex) })
        var byName: [String: Establishment] = [:]
        for establishment in estate.establishments where byName[establishment.name] == nil {
            byName[establishment.name] = establishment
        }
        for event in events {
            switch event.event?.kind {
            case .open(let sex, let function, _, _, _, _, _)?:
                roles.insert(Role(function: function, sex: sex))
            case .reRole(let function, let sex, _)?:
                let current = event.establishment.flatMap { byName[$0] }
                if let newFunction = function ?? current?.function, let newSex = sex ?? current?.sex {
                    roles.insert(Role(function: newFunction, sex: newSex))
                }
            default:
                break
            }
        }
        for group in groups {
            guard let sex = group.sex, let holds = group.holds else { continue }
            if !roles.contains(where: { holds.contains($0.function) && $0.sex.accepts(sex) }) {
                log.report(group.holdsOrigin,
                           "expected a function that some \(sex.rawValue) or dual establishment has "
                           + "(at the start or by an event), "
                           + "got \(holds.map(\.rawValue).joined(separator: ", ")), which none has")
            }
        }
    }
}

/// A function held by a sex of establishment: what `checkPlaces` asks for.
private struct Role: Hashable {
    var function: EstablishmentFunction
    var sex: Sex
}
