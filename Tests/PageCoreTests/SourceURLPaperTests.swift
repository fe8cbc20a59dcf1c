import PageModel
import Testing
@testable import PageCore

/// A page that names its paper nowhere gets it from the `source-url` header's host; a paper the
/// page names itself wins over the header.
@Suite struct SourceURLPaperTests {
    static let processor = try! PageProcessor()

    static let regionWithoutPaper = """
        <div id="scroller"><founder-content><!--enpcontent--><p>    本报记者 张三</p>
        <p>    滨江步道最后一段昨天正式开放，市民可以沿江步行二十公里。</p><!--/enpcontent-->
        <!--enpproperty <date>2023-02-11 00:00:00:0</date><title>滨江步道全线贯通</title>/enpproperty--></founder-content></div>
        """

    private func article(_ html: String, sourceURL: String?) throws -> ArticleEvent {
        let source = EventSource.kafka(topic: "pages.raw", partition: 0, offset: 1, timestampMs: nil, sourceURL: sourceURL)
        let events = try Self.processor.process(text: html, source: source)
        guard case .article(let event) = try #require(events.first) else {
            Issue.record("expected an article event")
            throw PageError(stage: .parse, reason: "notAnArticle", detail: "test expected an article")
        }
        return event
    }

    @Test func headerHostNamesThePaper() throws {
        let event = try article(Self.regionWithoutPaper, sourceURL: "http://epaper.hubeidaily.net/pc/content/202302/11/content_1.html")
        #expect(event.paper == "湖北日报")
        #expect(event.authors == ["张三"])
    }

    @Test func unknownHostOrNoHeaderLeavesThePaperUnknown() throws {
        #expect(try article(Self.regionWithoutPaper, sourceURL: "https://example.org/a.html").paper == nil)
        #expect(try article(Self.regionWithoutPaper, sourceURL: nil).paper == nil)
    }

    @Test func thePageOwnStatementWins() throws {
        let html = Self.regionWithoutPaper + "<span>Copyright © 长江日报</span>"
        #expect(try article(html, sourceURL: "http://epaper.hubeidaily.net/x.html").paper == "长江日报")
    }
}
