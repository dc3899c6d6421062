/// What the estate costs to run, in pounds a year (`[costs]`, docs/scenario-format.md): a cost per
/// place (of baseline CNA unless `placeCount` says otherwise) and a cost per prisoner, nationally
/// and, where given, for the establishments of one function, and which of the two the total
/// counts. One-off costs belong to capacity events (`CapacityEvent.cost`).
///
/// The published figures (NOMS 2014-15, as issue 10 gives them; provenance in Data/README.md):
/// direct resource expenditure £27,675 a place and £26,139 a prisoner; overall (with the costs
/// met regionally and nationally apportioned) £36,808 and £34,766. Direct is the default
/// (`Basis.direct`): a plan that opens or closes places changes what the prisons themselves spend,
/// while headquarters and national contracts stay. Each published pair is one year's spending
/// divided by places and by prisoners, so the running cost is either reckoning, not their sum:
/// `running` says which the total counts.
public struct CostRates: Sendable, Hashable, Codable {
    /// The places a place rate is paid for.
    public enum PlaceCount: String, Sendable, Hashable, Codable, CaseIterable {
        /// Baseline CNA: the denominator of the published cost per place (the default), so a
        /// doubled cell is not priced as a second place and places out of use still cost.
        case baselineCNA = "baseline_cna"
        /// In-use CNA: places out of use cost nothing.
        case inUseCNA = "in_use_cna"
        /// Operational capacity: every place that may be filled, doubled cells included.
        case operationalCapacity = "operational_capacity"
    }

    /// Which reckoning of the running cost the total counts.
    public enum Running: String, Sendable, Hashable, Codable, CaseIterable {
        /// Places × place rate: a place costs its staff and upkeep however full it is (the default).
        case places
        /// Prisoners × prisoner rate: for long-run changes of population that capacity would follow.
        case prisoners
        /// Both, when `place` and `prisoner` are a fixed and a variable part split by the user.
        case both

        /// Whether the total counts places × place rate: for `places` and `both`.
        public var countsPlaces: Bool { self != .prisoners }
        /// Whether the total counts prisoners × prisoner rate: for `prisoners` and `both`.
        public var countsPrisoners: Bool { self != .places }
    }

    /// Which published pair of figures the rates start from.
    public enum Basis: String, Sendable, Hashable, Codable, CaseIterable {
        /// Direct resource expenditure: what the prisons themselves spend (the default).
        case direct
        /// Overall resource expenditure: direct plus an apportionment of regional and national costs.
        case overall

        /// The published rates of this basis, pounds a year.
        public var published: Rates {
            switch self {
            case .direct: Rates(place: 27_675, prisoner: 26_139)
            case .overall: Rates(place: 36_808, prisoner: 34_766)
            }
        }
    }

    /// A cost per place and per prisoner, pounds a year.
    public struct Rates: Sendable, Hashable, Codable {
        /// Pounds a year for each place (`CostRates.placeCount`).
        public var place: Double
        /// Pounds a year for each person in custody.
        public var prisoner: Double

        /// Rates of `place` pounds a year for each place and `prisoner` pounds a year for each person
        /// in custody.
        public init(place: Double, prisoner: Double) {
            self.place = place
            self.prisoner = prisoner
        }
    }

    /// The published figures the national rates start from (explicit `place` and `prisoner`
    /// replace them).
    public var basis: Basis
    /// The national rates: for establishments of a function without an override, and for the
    /// unaccommodated (held elsewhere, counted at the prisoner rate).
    public var national: Rates
    /// Rates of the establishments of one function, complete (a part not given is the national one).
    public var functions: [EstablishmentFunction: Rates]
    /// What the total counts of the running cost.
    public var running: Running
    /// The places the place rate is paid for.
    public var placeCount: PlaceCount

    /// Rates from `basis`, with `national` and `functions` where given.
    public init(basis: Basis = .direct, national: Rates? = nil, functions: [EstablishmentFunction: Rates] = [:],
                running: Running = .places, placeCount: PlaceCount = .baselineCNA) {
        self.basis = basis
        self.national = national ?? basis.published
        self.functions = functions
        self.running = running
        self.placeCount = placeCount
    }

    /// The default: direct resource expenditure, no overrides.
    public static let `default` = CostRates()

    /// The rates of establishments of `function`.
    public func rates(_ function: EstablishmentFunction) -> Rates { functions[function] ?? national }

    enum CodingKeys: String, CodingKey { case basis, national, functions, running, placeCount }

    /// Saved with the overrides as a list in the order of `EstablishmentFunction.allCases`, so
    /// that the same rates always give the same bytes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        basis = try container.decode(Basis.self, forKey: .basis)
        national = try container.decode(Rates.self, forKey: .national)
        let list = try container.decode([FunctionRates].self, forKey: .functions)
        functions = Dictionary(list.map { ($0.function, $0.rates) }, uniquingKeysWith: { first, _ in first })
        running = try container.decode(Running.self, forKey: .running)
        placeCount = try container.decode(PlaceCount.self, forKey: .placeCount)
    }

    /// Encodes the rates in their saved form, the overrides as a list in the order of
    /// `EstablishmentFunction.allCases`; throws what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(basis, forKey: .basis)
        try container.encode(national, forKey: .national)
        let list = EstablishmentFunction.allCases.compactMap { f in
            functions[f].map { FunctionRates(function: f, rates: $0) }
        }
        try container.encode(list, forKey: .functions)
        try container.encode(running, forKey: .running)
        try container.encode(placeCount, forKey: .placeCount)
    }

    private struct FunctionRates: Codable {
        var function: EstablishmentFunction
        var rates: Rates
    }
}
