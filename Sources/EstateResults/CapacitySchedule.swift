public import EstateModel

/// The estates that men and women are held in: they cannot be held in each other's
/// establishments, so capacity, headroom and the risk of running out are reported for each
/// (DESIGN.md §2, sex estates) as well as nationally.
public enum SexEstate: String, Sendable, Hashable, Codable, CaseIterable {
    case national, male, female

    /// Whether an establishment holding `sex` counts in this estate: a `both` establishment counts
    /// in the male and in the female estate, and nationally once.
    public func includes(_ sex: Sex) -> Bool {
        switch self {
        case .national: true
        case .male: sex != .female
        case .female: sex != .male
        }
    }

    /// Its position in `allCases`.
    var position: Int { Self.allCases.firstIndex(of: self)! }

    /// The prefix of the estate's figures: `""`, `"male_"`, `"female_"`.
    public var prefix: String { self == .national ? "" : rawValue + "_" }
}

/// The estate's capacity month by month, the same in every replication: establishments × months
/// of baseline CNA, in-use CNA and operational capacity with each one's function and sex as of the
/// month, and the totals and useable capacity of each sex estate.
public struct CapacitySchedule: Sendable, Hashable, Codable {
    /// One establishment: the file's row, or one opened by an event.
    public struct Establishment: Sendable, Hashable, Codable {
        /// The establishment's name, as in the estate file or the opening event.
        public var name: String
        /// The sector that runs it.
        public var sector: Sector
        /// The region it belongs to.
        public var region: String

        /// An establishment named `name`, in `sector` and `region`.
        public init(name: String, sector: Sector, region: String) {
            self.name = name
            self.sector = sector
            self.region = region
        }
    }

    /// The capacity measures, totalled per estate.
    public enum Measure: Sendable, Hashable, Codable, CaseIterable {
        case baselineCNA, inUseCNA, operationalCapacity
    }

    /// The establishments, E of them, in the order of the `[t * E + e]` arrays.
    public let establishments: [Establishment]
    /// H.
    public let months: Int
    /// Baseline CNA in places, `[t * E + e]`; zero where the establishment does not exist that month.
    public let baselineCNA: [Int32]
    /// In-use CNA in places, `[t * E + e]`; zero where the establishment does not exist that month.
    public let inUseCNA: [Int32]
    /// Operational capacity in places, `[t * E + e]`; zero where the establishment does not exist
    /// that month.
    public let operationalCapacity: [Int32]
    /// Function and sex as of each month (re-roles change them), `[t * E + e]`.
    public let function: [EstablishmentFunction]
    /// The sex each establishment holds as of each month, `[t * E + e]`.
    public let sex: [Sex]
    /// From its opening to the end of its run-down, `[t * E + e]`.
    public let exists: [Bool]
    /// The functions establishments have in some month, in the order of `allCases`: the rows of
    /// the population by function in `ReplicationSeries`.
    public let functions: [EstablishmentFunction]
    /// The operating margin of each estate, in places, in the order of `SexEstate.allCases`.
    private let margins: [Int]
    /// Totals `[estate][measure][t]`, in the order of `SexEstate.allCases` and `Measure.allCases`.
    private let totals: [[[Int]]]

    /// The schedule of `establishments` over `months`, with the scenario's operating margin
    /// apportioned between the sex estates (`OperatingMargin.apportioned`) by the operational
    /// capacity of the single-sex establishments in the first month.
    public init(establishments: [Establishment], months: Int, baselineCNA: [Int32], inUseCNA: [Int32],
                operationalCapacity: [Int32], function: [EstablishmentFunction], sex: [Sex], exists: [Bool],
                operatingMargin: OperatingMargin) {
        let E = establishments.count, cells = EstablishmentMonths(establishments: E, months: months)
        func singleSex(_ s: Sex) -> Int {
            months == 0 ? 0 : (0..<E).reduce(0) { sum, e in
                let i = cells.index(month: 0, establishment: e)
                return sum + (exists[i] && sex[i] == s ? Int(operationalCapacity[i]) : 0)
            }
        }
        let (male, female) = operatingMargin.apportioned(maleCapacity: singleSex(.male),
                                                         femaleCapacity: singleSex(.female))
        self.init(establishments: establishments, months: months, baselineCNA: baselineCNA, inUseCNA: inUseCNA,
                  operationalCapacity: operationalCapacity, function: function, sex: sex, exists: exists,
                  margins: [operatingMargin.total, male, female])
    }

    private init(establishments: [Establishment], months: Int, baselineCNA: [Int32], inUseCNA: [Int32],
                 operationalCapacity: [Int32], function: [EstablishmentFunction], sex: [Sex], exists: [Bool],
                 margins: [Int]) {
        let E = establishments.count, cells = EstablishmentMonths(establishments: E, months: months)
        precondition([baselineCNA.count, inUseCNA.count, operationalCapacity.count, function.count, sex.count,
                      exists.count].allSatisfy { $0 == E * months }, "capacity arrays must be months × establishments")
        self.establishments = establishments
        self.months = months
        self.baselineCNA = baselineCNA
        self.inUseCNA = inUseCNA
        self.operationalCapacity = operationalCapacity
        self.function = function
        self.sex = sex
        self.exists = exists
        self.margins = margins
        let present = Set(function)
        functions = EstablishmentFunction.allCases.filter(present.contains)
        totals = SexEstate.allCases.map { estate in
            [baselineCNA, inUseCNA, operationalCapacity].map { values in
                (0..<months).map { t in
                    (0..<E).reduce(0) { sum, e in
                        let i = cells.index(month: t, establishment: e)
                        return exists[i] && estate.includes(sex[i]) ? sum + Int(values[i]) : sum
                    }
                }
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case establishments, months, baselineCNA, inUseCNA, operationalCapacity, function, sex, exists, margins
    }

    /// Saved as the establishment × month arrays (packed) and the margins; totals are recomputed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let establishments = try container.decode([Establishment].self, forKey: .establishments)
        let months = try container.decode(Int.self, forKey: .months)
        let cells = establishments.count * months
        func codes<T: CaseIterable>(_ key: CodingKeys, _ type: T.Type) throws -> [T] where T.AllCases == [T] {
            let all = T.allCases
            let codes = try container.decodePacked([UInt8].self, forKey: key, count: cells)
            guard codes.allSatisfy({ Int($0) < all.count }) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "an unknown code")
            }
            return codes.map { all[Int($0)] }
        }
        let margins = try container.decode([Int].self, forKey: .margins)
        guard margins.count == SexEstate.allCases.count else {
            throw DecodingError.dataCorruptedError(forKey: .margins, in: container,
                                                   debugDescription: "one margin per estate")
        }
        self.init(establishments: establishments, months: months,
                  baselineCNA: try container.decodePacked([Int32].self, forKey: .baselineCNA, count: cells),
                  inUseCNA: try container.decodePacked([Int32].self, forKey: .inUseCNA, count: cells),
                  operationalCapacity: try container.decodePacked([Int32].self, forKey: .operationalCapacity,
                                                                  count: cells),
                  function: try codes(.function, EstablishmentFunction.self), sex: try codes(.sex, Sex.self),
                  exists: try container.decodePacked([UInt8].self, forKey: .exists, count: cells).map { $0 != 0 },
                  margins: margins)
    }

    /// Encodes the schedule in its saved form: the capacity arrays packed, functions and sexes as
    /// codes; throws what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(establishments, forKey: .establishments)
        try container.encode(months, forKey: .months)
        try container.encode(baselineCNA.packed, forKey: .baselineCNA)
        try container.encode(inUseCNA.packed, forKey: .inUseCNA)
        try container.encode(operationalCapacity.packed, forKey: .operationalCapacity)
        let functions = EstablishmentFunction.allCases, sexes = Sex.allCases
        try container.encode(function.map { UInt8(functions.firstIndex(of: $0)!) }.packed, forKey: .function)
        try container.encode(sex.map { UInt8(sexes.firstIndex(of: $0)!) }.packed, forKey: .sex)
        try container.encode(exists.map { UInt8($0 ? 1 : 0) }.packed, forKey: .exists)
        try container.encode(margins, forKey: .margins)
    }

    /// E.
    public var establishmentCount: Int { establishments.count }

    /// The layout of the `[t * E + e]` arrays: their cells and index.
    public var cells: EstablishmentMonths { EstablishmentMonths(establishments: establishments.count, months: months) }

    /// The total of `measure` over the establishments of `estate` that exist in month t.
    public func total(_ measure: Measure, _ estate: SexEstate = .national, month t: Int) -> Int {
        totals[estate.position][Measure.allCases.firstIndex(of: measure)!][t]
    }

    /// The operating margin of `estate`, in places.
    public func operatingMargin(_ estate: SexEstate = .national) -> Int { margins[estate.position] }

    /// Operational capacity less the operating margin, for `estate` in month t.
    public func useableOperationalCapacity(_ estate: SexEstate = .national, month t: Int) -> Int {
        total(.operationalCapacity, estate, month: t) - margins[estate.position]
    }
}
