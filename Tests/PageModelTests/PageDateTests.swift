import PageModel
import Testing

@Suite struct PageDateTests {
    @Test func parsesAndPrintsTheWireForm() throws {
        let date = try PageDate("2013-06-27")
        #expect((date.year, date.month, date.day) == (2013, 6, 27))
        #expect(date.description == "2013-06-27")
        #expect(try PageDate(year: 987, month: 1, day: 2).description == "0987-01-02")
    }

    @Test func refusesDaysTheMonthDoesNotHave() throws {
        let error = try #require(throws: PageDateError.self) { try PageDate("2013-02-30") }
        #expect(error.description == "'2013-02-30' is not a real date: February 2013 has 28 days, not 30")
        #expect(throws: PageDateError.self) { try PageDate("2013-04-31") }
        #expect(throws: PageDateError.self) { try PageDate("2013-13-01") }
        #expect(throws: PageDateError.self) { try PageDate("2013-00-10") }
        #expect(throws: PageDateError.self) { try PageDate("0000-01-01") }
        #expect(throws: PageDateError.self) { try PageDate("1900-02-29") }
        #expect(try PageDate("2000-02-29").day == 29)
        #expect(try PageDate("2012-02-29").day == 29)
    }

    @Test func refusesAnythingButYYYYMMDD() throws {
        for text in ["2013-6-27", "2013/06/27", "20130627", "2013-06-27T00:00:00Z", " 2013-06-27", "２０13-06-27", "2013-0a-27", ""] {
            let error = try #require(throws: PageDateError.self) { try PageDate(text) }
            #expect(error.description.contains("YYYY-MM-DD"), "\(text)")
        }
    }

    @Test func ordersByCalendarAndRangesContainTheirEnds() throws {
        #expect(try PageDate("2012-12-31") < PageDate("2013-01-01"))
        #expect(try PageDate("2013-01-09") < PageDate("2013-01-10"))
        let june = try PageDate("2013-06-01")...PageDate("2013-06-30")
        #expect(try june.contains(PageDate("2013-06-01")))
        #expect(try june.contains(PageDate("2013-06-30")))
        #expect(try !june.contains(PageDate("2013-07-01")))
        #expect(try !june.contains(PageDate("2013-05-31")))
    }
}
