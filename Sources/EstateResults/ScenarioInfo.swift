public import EstateModel

/// What a batch was run from: the scenario's settings, groups, dated events and policies, and
/// where its files came from. Enough to label, check and merge results without the scenario file.
public struct ScenarioInfo: Sendable, Hashable, Codable {
    /// One population group: its id labels the `population_<id>` figures, its sex its estate.
    public struct Group: Sendable, Hashable, Codable {
        /// The group's id, as in the scenario.
        public var id: String
        /// The sex of the group, whose estate holds it.
        public var sex: Sex
        /// The functions of the establishments that may hold the group.
        public var holds: [EstablishmentFunction]
    }

    /// One capacity event or policy lever, as written in the scenario.
    public struct Event: Sendable, Hashable, Codable {
        /// `capacity` (an `[[event]]`) or `policy` (a `[[policy]]`).
        public var category: String
        /// The month the event or policy takes effect.
        public var month: Month
        /// The scenario file's word: `open`, `close`, `houseblock`, `re-role`, `capacity-change`;
        /// `receptions`, `stay`, `recall`.
        public var kind: String
        /// The establishment of a capacity event.
        public var establishment: String?
        /// The groups a policy touches, comma-separated; nil for every group.
        public var groups: String?
        /// Places added (negative: taken out of use) to baseline CNA, in-use CNA and operational capacity.
        public var cna: Int?
        /// Places added to in-use CNA (negative: taken out of use).
        public var inUseCNA: Int?
        /// Places added to operational capacity (negative: taken out of use).
        public var operationalCapacity: Int?
        /// Ramp, run-down or duration in months.
        public var months: Int?
        /// The function an establishment opens with or is re-roled to.
        public var function: EstablishmentFunction?
        /// The sex an establishment opens for or is re-roled to.
        public var sex: Sex?
        /// A policy's factor or recall probability.
        public var factor: Double?
        /// A recall policy's probability.
        public var probability: Double?
        /// A short label for charts and tables: "houseblock Mount +246", "close Holloway".
        public var label: String
        /// A capacity event's one-off cost in pounds (negative: a receipt), when the scenario gives one.
        public var cost: Double?
    }

    /// The scenario's name.
    public var name: String
    /// The run's first month.
    public var start: Month
    /// The run's length in months (H).
    public var months: Int
    /// The seed every replication's random streams derive from.
    public var seed: UInt64
    /// GSL's name of the uniform generator, e.g. `mt19937`.
    public var generator: String
    /// The replications the whole batch asks for (a shard runs part of them).
    public var replications: Int
    /// The factor of the crowded count: min(pop, crowdingFactor × max(0, pop − in-use CNA)).
    public var crowdingFactor: Double
    /// The population groups, in the scenario's order.
    public var groups: [Group]
    /// The capacity events, then the policies, in the scenario's order.
    public var events: [Event]
    /// The parameters each replication draws (`ReplicationSeries.parameters`): `group.<id>.trend`,
    /// `group.<id>.level`, `group.<id>.shock_at_horizon`, `group.<id>.stay_factor`, the same for
    /// `driver.<id>`, and `policy.<n>.factor` or `policy.<n>.probability`. Empty when none is drawn.
    public var parameterNames: [String]
    /// What places and prisoners cost (`[costs]`); nil only in results saved before costs were kept.
    public var costs: CostRates?
    /// Scenario and estate files as given, and content hashes of them.
    public var scenarioPath: String
    /// A content hash of the scenario file.
    public var scenarioHash: String
    /// The estate file, as given.
    public var estatePath: String
    /// A content hash of the estate file.
    public var estateHash: String

    /// The description of `scenario`, whose replications draw the parameters `parameterNames`.
    public init(_ scenario: Scenario, parameterNames: [String] = []) {
        self.parameterNames = parameterNames
        name = scenario.name
        start = scenario.start
        months = scenario.months
        seed = scenario.seed
        generator = scenario.generator.rawValue
        replications = scenario.replications
        crowdingFactor = scenario.crowdingFactor
        groups = scenario.groups.map { Group(id: $0.id, sex: $0.sex, holds: $0.holds) }
        events = scenario.events.map(Event.init) + scenario.policies.map(Event.init)
        costs = scenario.costs
        scenarioPath = scenario.provenance.scenarioPath
        scenarioHash = scenario.provenance.scenarioHash
        estatePath = scenario.provenance.estatePath
        estateHash = scenario.provenance.estateHash
    }

    /// The month at index `t` (0-based) of the run.
    public func month(at t: Int) -> Month { start + t }
}

extension ScenarioInfo.Event {
    init(_ event: CapacityEvent) {
        self.init(category: "capacity", month: event.month, kind: event.kind.name, establishment: event.establishment,
                  label: "")
        cost = event.cost
        switch event.kind {
        case .open(let sex, let function, _, _, let cna, let operationalCapacity, let rampMonths):
            (self.sex, self.function, self.cna, self.inUseCNA) = (sex, function, cna, cna)
            (self.operationalCapacity, months) = (operationalCapacity, rampMonths)
            label = "open \(event.establishment) +\(operationalCapacity)"
        case .close(let rundownMonths):
            months = rundownMonths
            label = "close \(event.establishment)"
        case .houseblock(let cna, let operationalCapacity, let rampMonths):
            (self.cna, inUseCNA, self.operationalCapacity, months) = (cna, cna, operationalCapacity, rampMonths)
            label = "houseblock \(event.establishment) +\(operationalCapacity)"
        case .reRole(let function, let sex, let rundownMonths):
            (self.function, self.sex, months) = (function, sex, rundownMonths)
            label = "re-role \(event.establishment)" + (function.map { " to \($0.rawValue)" } ?? "")
        case .capacityChange(let inUseCNA, let operationalCapacity, let duration):
            (self.inUseCNA, self.operationalCapacity, months) = (inUseCNA, operationalCapacity, duration)
            label = "capacity-change \(event.establishment) "
                + "\(operationalCapacity >= 0 ? "+" : "")\(operationalCapacity)"
        }
    }

    init(_ policy: Policy) {
        self.init(category: "policy", month: policy.month, kind: policy.lever.name,
                  groups: policy.groups?.joined(separator: ","), label: "")
        switch policy.lever {
        case .receptions(let factor):
            self.factor = factor
            label = "receptions ×\(factor)"
        case .stay(let factor, let appliesToStock):
            self.factor = factor
            label = "stay ×\(factor)" + (appliesToStock ? " (stock too)" : "")
        case .recall(let recall):
            probability = recall.probability
            label = "recall p=\(recall.probability)"
        }
    }
}
