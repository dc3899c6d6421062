/// Which people an establishment may hold by sex; `both` is a dual establishment (Peterborough).
public enum Sex: String, Sendable, Hashable, CaseIterable {
    case male, female, both

    /// Whether an establishment of this sex may hold people of group sex `groupSex`.
    public func accepts(_ groupSex: Sex) -> Bool { self == .both || self == groupSex }
}

/// The role that decides who an establishment may hold (DESIGN.md §1).
public enum EstablishmentFunction: String, Sendable, Hashable, CaseIterable {
    case local
    case catB = "cat-b"
    case catC = "cat-c"
    case open
    case highSecurity = "high-security"
    case femaleClosed = "female-closed"
    case femaleOpen = "female-open"
    case yoi
    case juvenile
    case irc
}

/// Public or private operation; reported, not used by the engine.
public enum Sector: String, Sendable, Hashable, CaseIterable {
    case `public`, `private`
}

/// One prison, young offender institution or immigration removal centre, as in one row of the
/// monthly bulletin (DESIGN.md §3, estate file).
public struct Establishment: Sendable, Hashable {
    /// Its name, unique in the estate (as the bulletin writes it).
    public var name: String
    /// Who it holds: `male`, `female`, or `both`.
    public var sex: Sex
    /// Its role, which decides the groups it may hold.
    public var function: EstablishmentFunction
    /// Public or private.
    public var sector: Sector
    /// Its region, for reports.
    public var region: String
    /// Certified normal accommodation: the uncrowded capacity.
    public var baselineCNA: Int
    /// Baseline CNA less places out of use.
    public var inUseCNA: Int
    /// The most it may hold with good order, security and its regime.
    public var operationalCapacity: Int
    /// The population on the estate file's date, when known; it shapes the initial stock.
    public var population: Int?

    /// An establishment with its capacities (and its population, when known).
    public init(name: String, sex: Sex, function: EstablishmentFunction, sector: Sector = .public,
                region: String = "", baselineCNA: Int, inUseCNA: Int, operationalCapacity: Int,
                population: Int? = nil) {
        self.name = name
        self.sex = sex
        self.function = function
        self.sector = sector
        self.region = region
        self.baselineCNA = baselineCNA
        self.inUseCNA = inUseCNA
        self.operationalCapacity = operationalCapacity
        self.population = population
    }
}

/// The establishments at the start of a scenario, in file order.
public struct Estate: Sendable, Hashable {
    /// In file order.
    public var establishments: [Establishment]

    /// The estate of `establishments`.
    public init(establishments: [Establishment]) { self.establishments = establishments }

    /// The index of the establishment called `name`, if any.
    public func index(of name: String) -> Int? { establishments.firstIndex { $0.name == name } }
}
