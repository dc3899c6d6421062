import EstateModel
import EstateResults
import Testing

@Suite("Comparison and scoring statistics")
struct ComparisonStatisticsTests {
    @Test("CRPS of an empirical sample matches the formula worked by hand")
    func crpsByHand() {
        // (1/4)(1.5 + 0.5 + 0.5 + 1.5) − (1/32)·Σᵢⱼ|xᵢ − xⱼ| = 1 − 20/32 = 0.375
        #expect(abs(ForecastScores.crps(sample: [3, 1, 4, 2], observed: 2.5) - 0.375) < 1e-12)
        // A single value is a point forecast: its CRPS is the absolute error.
        #expect(ForecastScores.crps(sample: [5], observed: 3) == 2)
        // Outside the sample: mean distance minus half the mean pairwise distance.
        #expect(abs(ForecastScores.crps(sample: [0, 2], observed: 5) - (4 - 0.5)) < 1e-12)
        #expect(ForecastScores.crps(sample: [], observed: 1).isNaN)
    }

    @Test("scores of a three-month fixture: MAPE, bias, RMSE, coverage, CRPS and the naive forecast")
    func projectionScoreByHand() throws {
        // Three replications over four months; month 2020-01 is before --from.
        let sample: [[Double]] = [[90, 100, 110, 120], [100, 110, 120, 130], [110, 120, 130, 140]]
        let observed: [String: Double] = ["2019-12": 100, "2020-01": 100, "2020-02": 100, "2020-03": 135,
                                          "2020-04": 125]
        let score = try ProjectionScore(metric: "population", runMonths: ["2020-01", "2020-02", "2020-03", "2020-04"],
                                        sample: sample, observed: observed, naiveMonth: "2019-12", from: "2020-02")
        #expect(score.months == ["2020-02", "2020-03", "2020-04"])
        // Means 110, 120, 130 against 100, 135, 125: errors +10, −15, +5.
        #expect(abs(score.run.bias - 0) < 1e-12)
        #expect(abs(score.run.mape - (10.0 / 100 + 15.0 / 135 + 5.0 / 125) / 3 * 100) < 1e-9)
        #expect(abs(score.run.rmse - ((100.0 + 225 + 25) / 3).squareRoot()) < 1e-9)
        // p05–p95 of {100,110,120} is 101–119: 100 is outside; {110,120,130}: 111–129, 135 outside;
        // {120,130,140}: 121–139, 125 inside. p25–p75: 105–115, 115–125, 125–135: only 125 inside (an end).
        #expect(score.run.coverage90 == 1.0 / 3)
        #expect(score.run.coverage50 == 1.0 / 3)
        // CRPS by hand: month 1 y=100 on {100,110,120}: (0+10+20)/3 − (2·(10+20+10))/(2·9) = 10 − 40/9.
        let c1 = 10 - 40.0 / 9, c2 = (25.0 + 15 + 5) / 3 - 40.0 / 9, c3 = (5.0 + 5 + 15) / 3 - 40.0 / 9
        #expect(abs(score.scored[0].crps - c1) < 1e-9)
        #expect(abs(score.run.crps - (c1 + c2 + c3) / 3) < 1e-9)
        // Naive: 100 throughout: errors 0, −35, −25.
        #expect(score.naiveValue == 100)
        #expect(abs(score.naive.bias - (-20)) < 1e-12)
        #expect(abs(score.naive.mape - (0 + 35.0 / 135 + 25.0 / 125) / 3 * 100) < 1e-9)
        #expect(abs(score.naive.crps - 20) < 1e-12)
        #expect(score.naive.coverage90 == nil)
    }

    @Test("a published projection is scored beside the run, its band's coverage too")
    func publishedProjection() throws {
        let published: [String: ProjectionScore.Published] = [
            "2020-01": .init(central: 105, low: 95, high: 115), "2020-02": .init(central: 100, low: 90, high: 110),
        ]
        let score = try ProjectionScore(metric: "population", runMonths: ["2020-01", "2020-02"], sample: [[100, 100]],
                                        observed: ["2019-12": 100, "2020-01": 100, "2020-02": 120],
                                        naiveMonth: "2019-12", published: published)
        let p = try #require(score.publishedSummary)
        #expect(abs(p.bias - (5 - 20) / 2.0) < 1e-12)
        #expect(p.coverage90 == 0.5)
    }

    @Test("no naive start, or no month to score, is a clear problem")
    func problems() {
        #expect(throws: ScoreProblem.self) {
            try ProjectionScore(metric: "population", runMonths: ["2020-01"], sample: [[1]], observed: ["2020-01": 1],
                                naiveMonth: "2019-12")
        }
        #expect(throws: ScoreProblem.self) {
            try ProjectionScore(metric: "population", runMonths: ["2020-01"], sample: [[1]], observed: ["2019-12": 1],
                                naiveMonth: "2019-12")
        }
    }

    @Test("Student's t 0.975 quantiles",
          arguments: [(1.0, 12.7062), (2, 4.3027), (3, 3.1824), (5, 2.5706), (10, 2.2281), (30, 2.0423),
                      (1000, 1.9623)])
    func studentT(nu: Double, expected: Double) {
        #expect(abs(StudentT.quantile975(degreesOfFreedom: nu) - expected) < 0.01 * expected / 2)
    }

    @Test("paired differences of correlated replications are far tighter than independent ones")
    func pairedIsTighter() {
        // B is A shifted by 5 with a little noise of its own: common random numbers.
        let a = (0..<40).map { Double(($0 * 37) % 41) * 10 }
        let b = a.enumerated().map { $1 + 5 + Double($0 % 3) - 1 }
        let paired = PlanDifference.paired(a: a, b: b, worse: .higher)
        let independent = PlanDifference.independent(a: a, b: b, worse: .higher)
        #expect(abs(paired.mean - independent.mean) < 1e-9)
        #expect(paired.low95 < 5 && 5 < paired.high95)
        #expect(paired.width * 20 < independent.width)
        #expect(paired.shareWorse == 1)
    }

    @Test("the share of worse pairs counts every pair (Mann–Whitney) for independent samples")
    func independentShare() {
        #expect(PlanDifference.independent(a: [1, 2], b: [2, 3], worse: .higher).shareWorse == 0.75)
        #expect(PlanDifference.independent(a: [1, 2], b: [2, 3], worse: .lower).shareWorse == 0)
        #expect(PlanDifference.independent(a: [2, 3], b: [1, 2], worse: .lower).shareWorse == 0.75)
    }

    @Test("plan comparison pairs replication r with r, and P(over) comes from headroom below zero")
    func planComparison() {
        let a: [String: [[Double]]] = ["headroom": [[10, -5], [20, 5], [0, -1]]]
        let b: [String: [[Double]]] = ["headroom": [[-1, -6], [19, 4], [-1, -2]]]
        let figures = [PlanComparison.Figure("headroom", worse: .lower),
                       PlanComparison.Figure("p_over_useable_capacity", worse: .higher)]
        let c = PlanComparison(figures: figures, monthsA: ["2020-01", "2020-02"], a: a, monthsB: ["2020-01", "2020-02"],
                               b: b, paired: true)
        #expect(c.series[0].difference[0].mean == (-11 - 1 - 1) / 3.0)
        #expect(c.series[0].difference[1].low95 == -1 && c.series[0].difference[1].high95 == -1)
        // P(over) month 1: A {0,0,0}, B {1,0,1}.
        #expect(abs(c.series[1].difference[0].mean - 2.0 / 3) < 1e-12)
        #expect(c.largest("headroom", count: 1).first?.month == "2020-01")
        #expect(c.table.rowCount == 4)
    }
}

@Suite("The cost of two plans compared")
struct CostComparisonTests {
    @Test("""
        the saving over the horizon and its paired interval are those of the replications' own totals, \
        worked by hand
        """)
    func savingByHand() throws {
        // Two months, three replications, prisoners only in locals (£24,000 a year, £2,000 a month)
        // and none unaccommodated; places £100 a month in A, £40 in B; B's first month has a
        // one-off cost of £50. The total counts both reckonings.
        let rates = CostRates(national: CostRates.Rates(place: 1, prisoner: 24_000), running: .both)
        let months = ["2020-01", "2020-02"]
        func values(_ locals: [[Double]]) -> [String: [[Double]]] {
            ["unaccommodated": locals.map { $0.map { _ in 0 } }, "function_local_population": locals]
        }
        let a = PlanComparison.addingCosts(values([[10, 11], [12, 12], [9, 10]]), months: months, rates: rates,
                                           functions: [.local], places: [100, 100], events: [0, 0], from: "2020-01")
        let b = PlanComparison.addingCosts(values([[10, 10], [11, 12], [9, 9]]), months: months, rates: rates,
                                           functions: [.local], places: [40, 40], events: [50, 0], from: "2020-01")
        // Per replication, B − A to date: places −120, one-off +50, prisoners 2,000 × (−1, −1, −1).
        #expect(a["cost_total_cumulative"]?[0] == [100 + 20_000, 200 + 42_000])
        let comparison = PlanComparison(figures: PlanComparison.costFigures, monthsA: months, a: a, monthsB: months,
                                        b: b, paired: true)
        let total = try #require(comparison.totalCostDifference)
        #expect(total.months == 2 && total.first == "2020-01" && total.last == "2020-02")
        // Every replication's difference is −70 − 2,000: a paired interval of no width.
        #expect(total.difference.mean == -2_070 && total.difference.low95 == -2_070
                && total.difference.high95 == -2_070)
        #expect(total.difference.shareWorse == 0)
        // The prisoner reckoning alone: differences −2,000, −2,000, −2,000 to date.
        let prisoners = try #require(comparison.costDifference("cost_prisoners_cumulative"))
        #expect(prisoners.difference.mean == -2_000)

        // Differences that vary: −2,000, 0, −4,000 → mean −2,000, sd 2,000, t(0.975, 2) = 4.3027.
        let c = PlanComparison.addingCosts(values([[10, 10], [12, 12], [8, 9]]), months: months, rates: rates,
                                           functions: [.local], places: [100, 100], events: [0, 0], from: "2020-01")
        let varied = try #require(PlanComparison(figures: PlanComparison.costFigures, monthsA: months, a: a,
                                                 monthsB: months, b: c, paired: true).totalCostDifference)
        let half = StudentT.quantile975(degreesOfFreedom: 2) * 2_000 / 3.0.squareRoot()
        #expect(abs(varied.difference.mean - -2_000) < 1e-9)
        #expect(abs(varied.difference.low95 - (-2_000 - half)) < 1e-9
                && abs(varied.difference.high95 - (-2_000 + half)) < 1e-9)
        // Unpaired, the same samples give Welch's wider interval.
        let welch = try #require(PlanComparison(figures: PlanComparison.costFigures, monthsA: months, a: a,
                                                monthsB: months, b: c, paired: false).totalCostDifference)
        #expect(welch.difference.width > varied.difference.width)
    }

    @Test("a plan starting later is summed over the months both have")
    func commonMonths() {
        let rates = CostRates(national: CostRates.Rates(place: 12, prisoner: 0))
        let values: [String: [[Double]]] = ["unaccommodated": [[0, 0, 0]]]
        let added = PlanComparison.addingCosts(values, months: ["2020-01", "2020-02", "2020-03"], rates: rates,
                                               functions: [], places: [1, 1, 1], events: [0, 0, 0], from: "2020-02")
        #expect(added["cost_total"]?[0] == [1, 1, 1])
        #expect(added["cost_total_cumulative"]?[0].map { $0.isNaN ? -1 : $0 } == [-1, 1, 2])
    }
}
