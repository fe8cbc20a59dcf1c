import Testing
@testable import PageModel

@Suite struct EventIDTests {
    static let hash = ContentHash.of(title: "简讯", paragraphs: ["一"], subheadings: [])

    @Test func sameIdentityGivesSameID() {
        let first = EventID.article(publisher: "杨浦时报", date: "2013-06-27", contentID: nil, page: "7", title: "共联共赢", contentHash: Self.hash)
        let second = EventID.article(publisher: "杨浦时报", date: "2013-06-27", contentID: nil, page: "7", title: "共联共赢", contentHash: Self.hash)
        #expect(first == second)
        #expect(first.hasPrefix("a-") && first.count == 34)
    }

    @Test func fieldBoundariesMatter() {
        let split = EventID.article(publisher: "ab", date: "c", contentID: nil, page: nil, title: "t", contentHash: Self.hash)
        #expect(split != EventID.article(publisher: "a", date: "bc", contentID: nil, page: nil, title: "t", contentHash: Self.hash))
        #expect(EventID.page(publisher: "p", date: "d", page: "1", articles: []) != EventID.article(publisher: "p", date: "d", contentID: nil, page: "1", title: "", contentHash: ""))
    }

    @Test func anOwnIDKeepsTheIDWhenTheTextIsCorrected() {
        let corrected = ContentHash.of(title: "简讯", paragraphs: ["二"], subheadings: [])
        let before = EventID.article(publisher: "科技日报", date: "2023-02-10", contentID: "content_1", page: "1", title: "简讯", contentHash: Self.hash)
        let after = EventID.article(publisher: "科技日报", date: "2023-02-10", contentID: "content_1", page: "1", title: "简讯", contentHash: corrected)
        #expect(before == after)
        #expect(Self.hash != corrected)
        #expect(before != EventID.article(publisher: "科技日报", date: "2023-02-10", contentID: "content_2", page: "1", title: "简讯", contentHash: Self.hash))
    }

    @Test func withoutAnOwnIDTheBodyDecides() {
        let corrected = ContentHash.of(title: "简讯", paragraphs: ["二"], subheadings: [])
        #expect(EventID.article(publisher: nil, date: nil, contentID: nil, page: nil, title: "简讯", contentHash: Self.hash)
            != EventID.article(publisher: nil, date: nil, contentID: nil, page: nil, title: "简讯", contentHash: corrected))
        // A content id without anyone to scope it (content_1 exists on every Founder site) is not enough alone.
        #expect(EventID.article(publisher: nil, date: nil, contentID: "content_1", page: nil, title: "简讯", contentHash: Self.hash)
            != EventID.article(publisher: nil, date: nil, contentID: "content_1", page: nil, title: "简讯", contentHash: corrected))
    }

    @Test func unnamedNodePagesOfDifferentPapersStayApart() {
        #expect(EventID.page(publisher: nil, date: nil, page: "1", articles: ["content_1"]) != EventID.page(publisher: nil, date: nil, page: "1", articles: ["content_9"]))
        #expect(EventID.page(publisher: "p", date: "d", page: "1", articles: ["content_1"]) == EventID.page(publisher: "p", date: "d", page: "1", articles: ["content_9"]))
    }

    @Test func contentHashIgnoresWhitespaceOnly() {
        let spaced = ContentHash.of(title: " 简讯 ", paragraphs: ["\u{3000}\u{3000}一 "], subheadings: [])
        #expect(spaced == Self.hash)
        #expect(ContentHash.of(title: "简讯一", paragraphs: [], subheadings: []) != Self.hash, "the title and body stay apart")
        #expect(ContentHash.of(title: "简讯", paragraphs: [], subheadings: ["一"]) != Self.hash, "paragraphs and sub-headings stay apart")
    }

    @Test func contentIDsFromLinksAndNumbers() {
        #expect(ContentID.inLink("content_548643.htm?div=-1") == "content_548643")
        #expect(ContentID.inLink("./Content_548643.htm") == "content_548643")
        #expect(ContentID.inLink("http://epaper.hubeidaily.net/pc/content/202302/11/content_211242.html") == "content_211242")
        #expect(ContentID.inLink("nw.D110000renmrb_20171016_1-01.htm") == "nw.d110000renmrb_20171016_1-01")
        #expect(ContentID.inLink("corpus://7/00012-ypsb-2013-06-27-07-content_1120.htm.gz") == "content_1120")
        #expect(ContentID.inLink("node_2.htm") == nil)
        #expect(ContentID.inLink("content_/content_5.htm") == "content_5")
        #expect(ContentID.inLink("mycontent_5.htm") == nil)
        #expect(ContentID.ofArticleNumber(" 211242 ") == "content_211242")
        #expect(ContentID.ofArticleNumber("AB-7") == "article_ab-7")
        #expect(ContentID.host(ofURL: "HTTP://Epaper.X.cn:8080/a/content_1.htm") == "epaper.x.cn")
        #expect(ContentID.host(ofURL: "file:///tmp/content_1.htm") == nil)
        #expect(ContentID.host(ofURL: "content_1.htm") == nil)
    }

    @Test func pageNumbersNormalize() {
        #expect(PageRef.normalizedNumber("07") == "7")
        #expect(PageRef.normalizedNumber("第07版") == "7")
        #expect(PageRef.normalizedNumber(" a01 ") == "A01")
        #expect(PageRef.normalizedNumber("00") == "0")
    }
}
