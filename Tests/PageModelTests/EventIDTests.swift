import Testing
@testable import PageModel

@Suite struct EventIDTests {
    @Test func sameIdentityGivesSameID() {
        let first = EventID.article(paper: "杨浦时报", date: "2013-06-27", page: "7", title: "打破社区“内循环”共联共赢共享")
        let second = EventID.article(paper: "杨浦时报", date: "2013-06-27", page: "7", title: "打破社区“内循环”共联共赢共享")
        #expect(first == second)
        #expect(first.hasPrefix("a-") && first.count == 34)
    }

    @Test func fieldBoundariesMatter() {
        #expect(EventID.article(paper: "ab", date: "c", page: nil, title: "t") != EventID.article(paper: "a", date: "bc", page: nil, title: "t"))
        #expect(EventID.page(paper: "p", date: "d", page: "1") != EventID.article(paper: "p", date: "d", page: "1", title: ""))
    }

    @Test func pageNumbersNormalize() {
        #expect(PageRef.normalizedNumber("07") == "7")
        #expect(PageRef.normalizedNumber("第07版") == "7")
        #expect(PageRef.normalizedNumber(" a01 ") == "A01")
        #expect(PageRef.normalizedNumber("00") == "0")
    }
}
