internal import EstateModel
internal import EstateRandom

/// What was read from a (merged) scenario tree before the estate is known and before the
/// cross-references are checked. Every field is optional because a problem in one key must not
/// stop the others from being read.
struct ScenarioDraft {
    var name: String?
    var start: Month?
    var months: Int?
    /// The `estate` value and where it was written: it is relative to that file.
    var estate: (path: String, origin: Origin)?
    var seed: UInt64 = 1
    var replications = 100
    /// Where `replications` was written, when it was: the limits that depend on it name that line.
    var replicationsOrigin: Origin?
    var operatingMargin: OperatingMargin = 0
    var crowdingFactor = 2.0
    var generator = GeneratorKind.mt19937
    var groups: [GroupDraft] = []
    var events: [EventDraft] = []
    var policies: [PolicyDraft] = []
    var drivers: [DriverDraft] = []
    var placement = Placement.proportional
    var costs = CostRates.default
    var drift = CapacityDrift.none
}

/// A `[[group]]` as read, with the origins the cross-checks point at.
struct GroupDraft {
    var origin: Origin
    var id: String?
    var idOrigin: Origin
    /// The `[[uncertainty]]` driver its receptions name, and where.
    var driver: (id: String, origin: Origin)?
    var sex: Sex?
    var holds: [EstablishmentFunction]?
    var holdsOrigin: Origin
    var recallTo: (id: String, origin: Origin)?
    /// The complete group, when every key of it was valid.
    var group: PopulationGroup?
}

/// An `[[event]]` as read.
struct EventDraft {
    var origin: Origin
    var id: String?
    var idOrigin: Origin
    var month: Month?
    var monthOrigin: Origin
    var establishment: String?
    var establishmentOrigin: Origin
    var kindName: EventKindName?
    var event: CapacityEvent?
}

/// A `[[policy]]` as read.
struct PolicyDraft {
    var origin: Origin
    var month: Month?
    var monthOrigin: Origin
    /// Each named group and where it is named.
    var groups: [(id: String, origin: Origin)]
    var recallTo: (id: String, origin: Origin)?
    var policy: Policy?
}

/// An `[[uncertainty]]` driver as read, with where it was written for the cross-checks.
struct DriverDraft {
    var origin: Origin
    var id: String?
    var driver: UncertaintyDriver?
}
