import PageModel
import Testing

@testable import PageParse

/// Every parsing loop whose length a page controls stops once the page's deadline has passed,
/// each naming what it was doing; without a deadline the same input parses.
@Suite struct ParseDeadlineTests {
    static let passed = PageDeadline(instant: ContinuousClock.now)
    /// More turns than a countdown makes between two looks at the clock.
    static let count = 3 * DeadlineCountdown.defaultInterval

    static func document(_ html: String) throws -> HTMLDocument {
        try #require(try HTMLTokenizer.parse(Array(html.utf8), maxNodes: .max))
    }

    static func expectTooSlow(_ place: String, _ body: () throws(ParseError) -> Void) {
        let error = #expect(throws: ParseError.self) { try body() }
        #expect(error?.reason == .tooSlow)
        #expect(error?.detail.contains(place) == true, "\(String(describing: error))")
    }

    @Test func theTokenizerStops() throws {
        let html = Array(String(repeating: "<p>x</p>", count: Self.count).utf8)
        #expect(throws: PageDeadline.Passed.self) { try HTMLTokenizer.parse(html, maxNodes: .max, deadline: Self.passed) }
        #expect(try HTMLTokenizer.parse(html, maxNodes: .max)?.elements(.p).count == Self.count)
    }

    @Test func thePageListStops() throws {
        // Eight pages linked over and over: the list stays under its cap, so the loop runs on.
        let document = try Self.document((1...Self.count).map { "<a id=pageLink href=node_\($0 % 8 + 1).htm>第\($0 % 8 + 1)版</a>" }.joined())
        Self.expectTooSlow("page list") { () throws(ParseError) in _ = try PageNavigation(document, deadline: Self.passed).edition() }
        #expect(try PageNavigation(document).edition().count == 8)
    }

    @Test func theArticleLinksStop() throws {
        let document = try Self.document((1...Self.count).map { "<a href=content_\($0).htm>第\($0)篇</a>" }.joined())
        Self.expectTooSlow("article links") { () throws(ParseError) in _ = try PageNavigation(document, deadline: Self.passed).articleLinks() }
        #expect(try PageNavigation(document).articleLinks().count == EventCaps.articlesPerPage)
    }

    /// Past the loops of `articleLinks`, the title list's own loops stop too: one link, and
    /// thousands of titled areas it has to add.
    @Test func theTitleListStops() throws {
        let areas = (1...Self.count).map { "<area href=content_\($0 + 1).htm title=t\($0)>" }.joined()
        let document = try Self.document("<map><area href=content_1.htm>\(areas)</map><a href=content_1.htm>一</a>")
        let link = try #require(document.elements(.a).first)
        let candidates = [TitleList.Candidate(link: ArticleLink(title: "一", href: "content_1.htm"), key: "content_1", element: link)]
        let mapped = document.elements(.area).enumerated().map { (key: "content_\($0.offset + 1)", element: $0.element) }
        Self.expectTooSlow("image map") { () throws(ParseError) in
            _ = try TitleList(document: document, deadline: Self.passed).articles(candidates: candidates, areas: mapped)
        }
        #expect(try TitleList(document: document, deadline: .none).articles(candidates: candidates, areas: mapped).count == Self.count + 1)
    }

    @Test func thePlainTextParserStops() throws {
        let text = "第07版：要闻\n标题\n" + String(repeating: "　　正文一行。\n", count: 10)
        Self.expectTooSlow("lines") { () throws(ParseError) in _ = try PageParser().parse(text, deadline: Self.passed) }
        #expect(throws: Never.self) { try PageParser().parse(text) }
    }
}
