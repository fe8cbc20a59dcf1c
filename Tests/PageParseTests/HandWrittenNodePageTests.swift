import PageModel
import Testing

@testable import PageParse

/// Node pages written by hand in the shapes real pages take (`Tests/Fixtures/pages/node-*.html`):
/// repeated titles, image maps that cover some articles or one twice, unquoted attributes with a
/// BOM and CRLF, map-only articles, `view()` titles without a map.
@Suite("Hand-written node pages")
struct HandWrittenNodePageTests {
    private func node(_ file: String) throws -> ParsedNodePage {
        try SharedFixtures.nodePage(try SharedFixtures.handWritten(file), named: file)
    }

    private func links(_ pairs: [(String, String)]) -> [ArticleLink] { pairs.map { ArticleLink(title: $0.0, href: $0.1) } }

    @Test func repeatedTitlesAreSeparateArticles() throws {
        let page = try node("node-duplicate-titles.html")
        #expect(page.paper == "东江晚报" && page.date == "2024-03-05")
        #expect(page.page == PageRef(number: "3", name: "综合新闻"))
        #expect(page.articles == links([
            ("图片新闻", "content_80501.htm"), ("简讯", "content_80502.htm"), ("图片新闻", "content_80503.htm"), ("简讯", "content_80504.htm"),
        ]))
        #expect(page.articles.map(\.contentID) == ["content_80501", "content_80502", "content_80503", "content_80504"])
        #expect(page.edition == [PageRef(number: "1", name: "要闻"), PageRef(number: "3", name: "综合新闻")])
    }

    @Test func aMapOfTwoDoesNotHideTheOtherThreeNorAdmitTheBox() throws {
        let page = try node("node-partial-map.html")
        #expect(page.paper == "西岭日报" && page.date == "2024-03-06")
        #expect(page.page == PageRef(number: "2", name: "区域新闻"))
        #expect(page.articles == links([
            ("西岭新区开通三条公交线路", "content_7701.htm"), ("老旧小区加装电梯提速", "content_7702.htm"), ("简讯", "content_7703.htm"),
            ("图片新闻", "content_7704.htm"), ("社区食堂开进居民楼", "content_7705.htm"),
        ]))
        #expect(page.edition.map(\.number) == ["1", "2", "3"])
    }

    @Test func anArticleTheMapCoversTwiceIsOneAndFooterLinksAreNone() throws {
        let page = try node("node-map-twice.html")
        #expect(page.paper == "南湖商报" && page.date == "2024-03-07")
        #expect(page.page == PageRef(number: "5", name: "财经"))
        #expect(page.articles == links([
            ("一季度外贸开局平稳", "content_3301.htm?div=-1"), ("广告", "content_3302.htm?div=-1"), ("广告", "content_3303.htm?div=-1"),
        ]))
    }

    @Test func unquotedAttributesBOMAndCRLFAreOrdinary() throws {
        let page = try node("node-unquoted-bom-crlf.html")
        #expect(page.paper == "北川科技报" && page.date == "2024-03-08")
        #expect(page.page == PageRef(number: "A02", name: "科教"))
        #expect(page.articles == links([
            ("量子计算研究取得新进展", "content_9101.htm?div=-1"), ("图片新闻", "content_9102.htm?div=-1"), ("图片新闻", "content_9103.htm?div=-1"),
        ]))
        #expect(page.edition == [PageRef(number: "A01", name: "要闻"), PageRef(number: "A02", name: "科教")])
    }

    /// An area the list lacks is an article when something names it (here its `title`); one that
    /// nothing names is left out, as an event's article needs a title.
    @Test func mapOnlyArticlesFollowTheList() throws {
        let page = try node("node-map-only-article.html")
        #expect(page.page == PageRef(number: "8", name: "文化"))
        #expect(page.articles == links([("春日读书会开幕", "content_80601.htm"), ("简讯", "content_80602.htm"), ("副刊插画", "content_80603.htm")]))
    }

    @Test func viewTitlesWithoutAMapKeepEveryArticle() throws {
        let page = try node("node-view-titles-no-map.html")
        #expect(page.paper == "中原时报" && page.date == "2024-03-10")
        #expect(page.page == PageRef(number: "4", name: "评论"))
        #expect(page.articles.map(\.title) == ["本报评论员：把实事办到群众心坎上", "短评", "短评"])
        #expect(page.articles.map(\.contentID) == (1...3).map { "nw.d410000zysb_20240310_\($0)-04" })
        #expect(page.edition == [PageRef(number: "1", name: "要闻"), PageRef(number: "4", name: "评论")])
    }
}
