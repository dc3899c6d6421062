internal import EstateModel

/// The `kind` of an `[[event]]`: EstateModel's table of the words.
typealias EventKindName = CapacityEvent.KindName

extension CapacityEvent.KindName {
    /// The keys of this kind besides `id`, `month`, `kind` and `establishment`.
    var keys: [String] {
        switch self {
        case .open: ["sex", "function", "sector", "region", "cna", "operational_capacity", "ramp_months"]
        case .close: ["rundown_months"]
        case .houseblock: ["cna", "operational_capacity", "ramp_months"]
        case .reRole: ["function", "sex", "rundown_months"]
        case .capacityChange: ["in_use_cna", "operational_capacity", "months"]
        }
    }
}

/// The `kind` of a `[[policy]]`: EstateModel's table of the words.
typealias PolicyKindName = Policy.Lever.Name

extension Policy.Lever.Name {
    /// The keys of this kind besides `month`, `kind`, `group` and `groups`.
    var keys: [String] {
        switch self {
        case .receptions: ["factor"]
        case .stay: ["factor", "applies_to_stock"]
        case .recall: ["probability", "to", "after"]
        }
    }
}

extension ScenarioReader {
    static let eventKeys = ["id", "month", "kind", "establishment", "cost"]
    static let policyKeys = ["month", "kind", "group", "groups"]

    func readEvent(_ reader: TableReader) -> EventDraft {
        let id = reader.string("id", .identifier)
        let month = reader.month("month", required: true)
        let establishment = reader.string("establishment", required: true,
                                          Expectation("an establishment name") { !$0.isEmpty })
        let kindName = reader.choice("kind", required: true, of: EventKindName.self)
        var draft = EventDraft(origin: reader.origin, id: id, idOrigin: reader.origin(of: "id"), month: month,
                               monthOrigin: reader.origin(of: "month"), establishment: establishment,
                               establishmentOrigin: reader.origin(of: "establishment"), kindName: kindName)
        guard let kindName else {
            let everyKey = Self.eventKeys + EventKindName.allCases.flatMap(\.keys).uniqued()
            reader.rejectUnknownKeys(allowed: everyKey, context: "an [[event]]")
            return draft
        }
        reader.rejectUnknownKeys(allowed: Self.eventKeys + kindName.keys,
                                 context: "\(kindName.rawValue.withArticle) event")
        let kind = readEventKind(kindName, reader)
        let cost = reader.number("cost", .oneOffCost)
        if let month, let establishment, let kind, reader.validWhereGiven("id", id),
           reader.validWhereGiven("cost", cost) {
            draft.event = CapacityEvent(id: id, month: month, establishment: establishment, kind: kind, cost: cost)
        }
        return draft
    }

    private func readEventKind(_ name: EventKindName, _ reader: TableReader) -> CapacityEvent.Kind? {
        switch name {
        case .open:
            let sex = reader.choice("sex", required: true, of: Sex.self)
            let function = reader.choice("function", required: true, of: EstablishmentFunction.self)
            let sector = reader.choice("sector", of: Sector.self)
            let region = reader.string("region")
            let cna = reader.integer("cna", required: true, .places)
            let capacity = reader.integer("operational_capacity", required: true, .openingPlaces)
            let ramp = reader.integer("ramp_months", .months)
            guard let sex, let function, let cna, let capacity, reader.validWhereGiven("sector", sector),
                  reader.validWhereGiven("region", region), reader.validWhereGiven("ramp_months", ramp) else {
                return nil
            }
            return .open(sex: sex, function: function, sector: sector ?? .public, region: region ?? "", cna: cna,
                         operationalCapacity: capacity, rampMonths: ramp ?? 1)
        case .close:
            let rundown = reader.integer("rundown_months", .months)
            guard reader.validWhereGiven("rundown_months", rundown) else { return nil }
            return .close(rundownMonths: rundown ?? 1)
        case .houseblock:
            let cna = reader.integer("cna", required: true, .places)
            let capacity = reader.integer("operational_capacity", required: true, .places)
            let ramp = reader.integer("ramp_months", .months)
            guard let cna, let capacity, reader.validWhereGiven("ramp_months", ramp) else { return nil }
            guard cna > 0 || capacity > 0 else {
                reader.log.report(reader.origin(of: "operational_capacity"),
                                  "expected a houseblock to add places (cna or operational_capacity > 0), got 0 and 0")
                return nil
            }
            return .houseblock(cna: cna, operationalCapacity: capacity, rampMonths: ramp ?? 1)
        case .reRole:
            let function = reader.choice("function", of: EstablishmentFunction.self)
            let sex = reader.choice("sex", of: Sex.self)
            let rundown = reader.integer("rundown_months", .months)
            if !reader.has("function"), !reader.has("sex") {
                reader.log.report(reader.origin,
                                  "missing function and sex; expected a re-role to change function, sex or both")
                return nil
            }
            guard reader.validWhereGiven("function", function), reader.validWhereGiven("sex", sex),
                  reader.validWhereGiven("rundown_months", rundown) else { return nil }
            return .reRole(function: function, sex: sex, rundownMonths: rundown ?? 1)
        case .capacityChange:
            let inUse = reader.integer("in_use_cna", .placeChange)
            let capacity = reader.integer("operational_capacity", .placeChange)
            let months = reader.integer("months", .months)
            guard reader.validWhereGiven("in_use_cna", inUse), reader.validWhereGiven("operational_capacity", capacity),
                  reader.validWhereGiven("months", months) else { return nil }
            guard (inUse ?? 0) != 0 || (capacity ?? 0) != 0 else {
                reader.log.report(reader.origin,
                                  "expected a non-zero signed change of in_use_cna or operational_capacity, got none")
                return nil
            }
            return .capacityChange(inUseCNA: inUse ?? 0, operationalCapacity: capacity ?? 0, months: months)
        }
    }

    func readPolicy(_ reader: TableReader) -> PolicyDraft {
        let month = reader.month("month", required: true)
        let kindName = reader.choice("kind", required: true, of: PolicyKindName.self)
        var draft = PolicyDraft(origin: reader.origin, month: month, monthOrigin: reader.origin(of: "month"),
                                groups: [])
        var groupsValid = true
        if reader.has("group"), reader.has("groups") {
            reader.log.report(reader.origin(of: "groups"), "expected either group or groups, got both")
            groupsValid = false
        } else if let group = reader.string("group", .identifier) {
            draft.groups = [(group, reader.origin(of: "group"))]
        } else if let groups = reader.array("groups", expecting: "a non-empty array of group ids") {
            if groups.isEmpty {
                reader.log.report(reader.origin(of: "groups"),
                                  "expected a non-empty array of group ids (omit it for every group), "
                                  + "got an empty array")
                groupsValid = false
            }
            for element in groups {
                if let id = element.readString(.identifier, log: reader.log) {
                    draft.groups.append((id, element.origin))
                } else {
                    groupsValid = false
                }
            }
        } else if reader.has("group") || reader.has("groups") {
            groupsValid = false
        }
        guard let kindName else {
            let everyKey = Self.policyKeys + PolicyKindName.allCases.flatMap(\.keys).uniqued()
            reader.rejectUnknownKeys(allowed: everyKey, context: "a [[policy]]")
            return draft
        }
        reader.rejectUnknownKeys(allowed: Self.policyKeys + kindName.keys,
                                 context: "\(kindName.rawValue.withArticle) policy")
        let lever: Policy.Lever?
        var sd = 0.0
        switch kindName {
        case .receptions:
            let factor = reader.estimate("factor", required: true, .factor)
            sd = factor?.sd ?? 0
            lever = factor.map { .receptions(factor: $0.mean) }
        case .stay:
            let factor = reader.estimate("factor", required: true, .factor)
            sd = factor?.sd ?? 0
            let appliesToStock = reader.boolean("applies_to_stock")
            lever = if let factor, reader.validWhereGiven("applies_to_stock", appliesToStock) {
                .stay(factor: factor.mean, appliesToStock: appliesToStock ?? false)
            } else { nil }
        case .recall:
            let estimate = reader.estimate("probability", required: true, .probability)
            if let estimate, estimate.sd > 0, estimate.sd * estimate.sd >= estimate.mean * (1 - estimate.mean) {
                reader.log.report(reader.origin(of: "probability"), "expected an sd below √(mean·(1 − mean)) = "
                                  + "\((estimate.mean * (1 - estimate.mean)).squareRoot()), "
                                  + "so that a beta distribution has "
                                  + "that mean and sd, got \(estimate.sd)")
            }
            sd = estimate?.sd ?? 0
            let probability = estimate.flatMap { $0.sd * $0.sd < $0.mean * (1 - $0.mean) || $0.sd == 0 ? $0.mean : nil }
            let to = reader.string("to", required: true, .identifier)
            let after = reader.distribution("after", required: true)
            if let to { draft.recallTo = (to, reader.origin(of: "to")) }
            lever = if let probability, let to, let after {
                .recall(Recall(probability: probability, to: to, after: after))
            } else { nil }
        }
        if let month, let lever, groupsValid {
            draft.policy = Policy(month: month, groups: draft.groups.isEmpty ? nil : draft.groups.map(\.id),
                                  lever: lever)
            draft.policy?.sd = sd
        }
        return draft
    }
}
