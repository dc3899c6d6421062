import EstateResults
import Testing

@Suite("Proportion: shares of replications with Wilson's interval")
struct ProportionTests {
    @Test("0 of 200 replications reads as below 1.9 %, not as a certainty")
    func noneOfTwoHundred() {
        let share = Proportion(count: 0, of: 200)
        #expect(share.share == 0)
        #expect(share.interval95.low == 0)
        // Wilson's upper bound for 0 of n is z²/(n + z²).
        let z2 = 1.959963984540054 * 1.959963984540054
        #expect(abs(share.interval95.high - z2 / (200 + z2)) < 1e-12)
        #expect(share.interval95.high > 0.018 && share.interval95.high < 0.019)
    }

    @Test("the interval is symmetric about a half and holds the share", arguments: [1, 17, 50, 83, 99])
    func holdsTheShare(count: Int) {
        let share = Proportion(count: count, of: 100)
        let (low, high) = share.interval95
        #expect(low < share.share && share.share < high)
        let mirror = Proportion(count: 100 - count, of: 100).interval95
        #expect(abs(low - (1 - mirror.high)) < 1e-12)
    }

    @Test("no replications: unknown, not zero")
    func empty() {
        #expect(Proportion(count: 0, of: 0).share.isNaN)
        #expect(Proportion(count: 0, of: 0).interval95.high.isNaN)
    }
}
