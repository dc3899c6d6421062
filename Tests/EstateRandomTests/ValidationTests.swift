import Testing
@testable import EstateRandom

@Suite("Parameter validation")
struct ValidationTests {
    /// A bad parameter, and a word its error message must contain.
    struct BadCase: Sendable, CustomTestStringConvertible {
        let build: @Sendable () throws -> Void
        let mentions: String
        var testDescription: String { mentions }
    }

    static let cases: [BadCase] = [
        BadCase(build: { _ = try StayDistribution.lognormal(mean: 2, sd: -1).validated() }, mentions: "lognormal sd"),
        BadCase(build: { _ = try StayDistribution.lognormal(mean: 2, sd: 0).validated() }, mentions: "lognormal sd"),
        BadCase(build: { _ = try StayDistribution.lognormal(mean: .nan, sd: 1).validated() },
                mentions: "lognormal mean"),
        BadCase(build: { _ = try StayDistribution.gamma(mean: -3, sd: 1).validated() }, mentions: "gamma mean"),
        BadCase(build: { _ = try StayDistribution.gamma(mean: 3, sd: .infinity).validated() }, mentions: "gamma sd"),
        BadCase(build: { _ = try StayDistribution.weibull(shape: 0, scale: 1).validated() }, mentions: "weibull shape"),
        BadCase(build: { _ = try StayDistribution.weibull(shape: 1, scale: -2).validated() },
                mentions: "weibull scale"),
        BadCase(build: { _ = try StayDistribution.weibull(shape: 0.001, scale: 1).validated() }, mentions: "weibull"),
        BadCase(build: { _ = try StayDistribution.exponential(mean: 0).validated() }, mentions: "exponential mean"),
        BadCase(build: { _ = try StayDistribution.fixed(months: -1).validated() }, mentions: "fixed months"),
        BadCase(build: { _ = try StayDistribution.empirical(profile: [0.5, 0.4]).validated() }, mentions: "sum to 1"),
        BadCase(build: { _ = try StayDistribution.empirical(profile: [1.2, -0.2]).validated() },
                mentions: "profile[1]"),
        BadCase(build: { _ = try StayDistribution.empirical(profile: []).validated() },
                mentions: "profile must not be empty"),
        BadCase(build: { _ = try WholeMonthStay(.exponential(mean: 3), factor: 0) }, mentions: "factor"),
        BadCase(build: { _ = try WholeMonthStay(.exponential(mean: 3), tailTolerance: 1) }, mentions: "tailTolerance"),
        BadCase(build: { _ = try WholeMonthStay(.exponential(mean: 3), maximumHorizon: 0) },
                mentions: "maximumHorizon"),
        BadCase(build: { _ = try WholeMonthStay(.gamma(mean: 3, sd: -1)) }, mentions: "gamma sd"),
        BadCase(build: { _ = try DiscreteTable(weights: []) }, mentions: "weights must not be empty"),
        BadCase(build: { _ = try DiscreteTable(weights: [1, -1]) }, mentions: "weights[1]"),
        BadCase(build: { _ = try DiscreteTable(weights: [0, 0]) }, mentions: "positive sum"),
        BadCase(build: { _ = try DiscreteTable(weights: [1, .nan]) }, mentions: "weights[1]"),
        BadCase(build: { _ = try RandomStream(seed: 1, replication: -3, key: 0) }, mentions: "replication"),
    ]

    @Test("bad parameters throw a RandomError naming the parameter", arguments: cases)
    func rejects(_ badCase: BadCase) {
        let error = #expect(throws: RandomError.self) { try badCase.build() }
        #expect(error?.message.contains(badCase.mentions) == true, "message: \(error?.message ?? "none")")
    }

    @Test("a stay distribution's error carries the key of the parameter it refuses",
          arguments: [(StayDistribution.lognormal(mean: 2, sd: -1), "sd"), (.gamma(mean: -3, sd: 1), "mean"),
                      (.weibull(shape: 0, scale: 1), "shape"), (.fixed(months: -1), "months"),
                      (.empirical(profile: [0.5, 0.4]), "profile"), (.empirical(profile: [1.2, -0.2]), "profile")])
    func namesTheParameter(_ stay: StayDistribution, key: String) {
        let error = #expect(throws: RandomError.self) { try stay.validated() }
        #expect(error?.parameter == key)
        #expect(stay.family.parameters.contains(key))
    }

    @Test("valid distributions come back unchanged")
    func accepts() throws {
        let stay = StayDistribution.empirical(profile: [0.3, 0.7 + 5e-10])
        #expect(try stay.validated() == stay)
        #expect(try StayDistribution.fixed(months: 0).validated() == .fixed(months: 0))
    }
}
