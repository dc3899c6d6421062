import EstateModel
import Testing

@Suite("Months")
struct MonthTests {
    @Test("YYYY-MM parses and prints back", arguments: ["2014-09", "2015-01", "1999-12", "0001-01"])
    func roundTrip(text: String) throws {
        let month = try #require(Month(text))
        #expect(month.description == text)
    }

    @Test("anything else is not a month",
          arguments: ["2014-13", "2014-00", "2014-9", "14-09", "2014-09-01", "", "2014/09", "abcd-ef",
                      // Signs and blanks that Int(_:) would take (issue 13, item 6).
                      "2015-+6", "+015-06", "2015--6", "-015-06", "2015- 6", " 2015-06",
                      "2015-06\u{0}", "２０１５-06", "2015-٠٦"])
    func rejects(text: String) {
        #expect(Month(text) == nil)
    }

    @Test("months add and subtract across years")
    func arithmetic() throws {
        let start = try #require(Month("2014-09"))
        #expect((start + 4).description == "2015-01")
        #expect((start + 60).description == "2019-09")
        #expect((start + -9).description == "2013-12")
        #expect(try #require(Month("2017-02")) - start == 29)
        #expect(start < start + 1)
        #expect((start + 4).year == 2015 && (start + 4).month == 1)
    }
}

@Suite("Who may be held where")
struct EligibilityTests {
    @Test("a dual establishment takes either sex, a single-sex one only its own")
    func sexes() {
        #expect(Sex.both.accepts(.male) && Sex.both.accepts(.female))
        #expect(Sex.male.accepts(.male) && !Sex.male.accepts(.female))
        #expect(Sex.female.accepts(.female) && !Sex.female.accepts(.male))
    }

    @Test("a group is held only by the functions it names, of a sex that accepts it")
    func functions() {
        let group = PopulationGroup(id: "g", sex: .female, holds: [.femaleClosed, .local],
                                    receptions: ReceptionSpecification(mean: 1), stay: .exponential(mean: 1))
        #expect(group.canBeHeld(by: .femaleClosed, sex: .female))
        #expect(group.canBeHeld(by: .local, sex: .both))
        #expect(!group.canBeHeld(by: .local, sex: .male))
        #expect(!group.canBeHeld(by: .catC, sex: .female))
    }
}
