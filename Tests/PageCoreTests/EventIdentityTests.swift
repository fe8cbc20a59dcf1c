import Foundation
import PageModel
import Testing
@testable import PageCore

/// Event ids through the whole page core (`EventID` has the rule): different articles never share
/// an id, the same input always gives the same one. Pages are hand-written, in `Tests/Fixtures/pages/`.
@Suite struct EventIdentityTests {
    static let processor = try! PageProcessor()

    static func fixture(_ name: String) throws -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/pages/\(name)").path
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("the hand-written fixture \(path) is missing")
            throw CancellationError()
        }
        return String(decoding: data, as: UTF8.self)
    }

    func article(_ text: String, source: EventSource = .file(path: "page.html")) throws -> ArticleEvent {
        guard case .article(let event) = try Self.processor.process(text: text, source: source).first else {
            Issue.record("expected an article event")
            throw CancellationError()
        }
        return event
    }

    static func kafka(offset: Int64, url: String?) -> EventSource {
        .kafka(topic: "pages.raw", partition: Int32(offset % 3), offset: offset, timestampMs: offset * 1000, sourceURL: url)
    }

    @Test func twoSameTitleArticlesOnOnePageGetTwoIDs() throws {
        let first = try article(try Self.fixture("same-title-1.html"))
        let second = try article(try Self.fixture("same-title-2.html"))
        #expect(first.title == second.title && first.paper == second.paper && first.page == second.page && first.date == second.date)
        #expect(first.id != second.id)
        #expect(first.contentHash != second.contentHash)
        #expect(first.contentID == nil && second.contentID == nil)
    }

    /// Two adverts with the same title and the same text are still two articles: the page says so
    /// with its own ids (`<paperarticleid>`).
    @Test func identicalTextWithTwoOwnIDsIsTwoArticles() throws {
        let first = try article(try Self.fixture("ad-1.html"))
        let second = try article(try Self.fixture("ad-2.html"))
        #expect(first.contentHash == second.contentHash)
        #expect(first.contentID == "content_80511" && second.contentID == "content_80512")
        #expect(first.id != second.id)
    }

    @Test func theSourceURLNamesAnArticleThePageDoesNot() throws {
        let text = try Self.fixture("same-title-1.html")
        let first = try article(text, source: Self.kafka(offset: 1, url: "http://epaper.djwb.example/html/2024-03/05/content_80501.htm"))
        let second = try article(text, source: Self.kafka(offset: 2, url: "http://epaper.djwb.example/html/2024-03/05/content_80503.htm?div=-1"))
        #expect(first.contentID == "content_80501" && second.contentID == "content_80503")
        #expect(first.id != second.id, "one text on two pages is two articles")
        #expect(first.contentHash == second.contentHash)
        // The same article fetched again, with another query and over https, is the same article.
        let again = try article(text, source: Self.kafka(offset: 7, url: "https://epaper.djwb.example/html/2024-03/05/content_80501.htm?div=0"))
        #expect(again.id == first.id)
    }

    @Test func theSameBytesGiveTheSameIDEverywhere() throws {
        let text = try Self.fixture("same-title-1.html")
        let url = "http://epaper.djwb.example/html/2024-03/05/content_80501.htm"
        let runs = try [Self.kafka(offset: 3, url: url), Self.kafka(offset: 901, url: url)].map { try article(text, source: $0) }
        let fresh = try PageProcessor().process(text: text, source: Self.kafka(offset: 3, url: url))
        #expect(runs[0].id == runs[1].id && runs[0].contentHash == runs[1].contentHash)
        #expect(fresh.map { $0.jsonBytes() } == [PagepipeEvent.article(runs[0]).jsonBytes()])
        #expect(try article(text).id == article(text).id)
    }

    @Test func aChangedBodySentenceIsAnotherArticleOnlyWhenThePageHasNoID() throws {
        let text = try Self.fixture("same-title-1.html")
        let changed = text.replacingOccurrences(of: "一派繁忙景象", with: "一派丰收景象")
        #expect(changed != text)
        let original = try article(text), edited = try article(changed)
        #expect(original.id != edited.id)
        #expect(original.contentHash != edited.contentHash)

        // With its own id, a corrected re-crawl keeps the id and changes only content_hash.
        let ad = try Self.fixture("ad-1.html")
        let correctedAd = ad.replacingOccurrences(of: "八折", with: "七折")
        let before = try article(ad), after = try article(correctedAd)
        #expect(before.id == after.id)
        #expect(before.contentHash != after.contentHash)
    }

    /// Wire copy runs in many papers: with no paper on the page, the host it came from tells them apart.
    @Test func anArticleWithoutPaperDoesNotCollideWithOtherPapers() throws {
        let text = "<html><body><founder-title>新华社评论员：稳中求进</founder-title><founder-content><p>　　新华社北京3月5日电 全国两会今天开幕，代表委员共商国是。</p></founder-content></body></html>"
        let one = try article(text, source: Self.kafka(offset: 1, url: "http://a.example/content_5.htm"))
        let two = try article(text, source: Self.kafka(offset: 1, url: "http://b.example/content_5.htm"))
        #expect(one.paper == nil && two.paper == nil)
        #expect(one.id != two.id)
    }

    @Test func nodePageEventsListEveryArticleWithItsContentID() throws {
        let text = try Self.fixture("node-duplicate-titles.html")
        guard case .page(let event) = try #require(try Self.processor.process(text: text, source: .file(path: "node.html")).first) else {
            Issue.record("expected a page event")
            return
        }
        #expect(event.articles.map(\.title) == ["图片新闻", "简讯", "图片新闻", "简讯"])
        #expect(Set(event.articles.compactMap(\.contentID)).count == 4)
        let json = String(decoding: event.jsonBytes(), as: UTF8.self)
        #expect(json.contains(#""content_id":"content_80503""#))
    }
}

extension EventIdentityTests {
    /// The real 湖北日报 regions state their id twice (`<paperarticleid>211242`, `<url>…/content_211242.html`).
    @Test func realArticleRegionsNameThemselves() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/pages/real")
        var ids: [String: String] = [:]
        for (file, contentID) in [("hbrb-2023-02-11-fragment-1.html", "content_211242"), ("hbrb-2023-02-11-fragment-2.html", "content_211250")] {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else {
                Issue.record("../shared/pages/real/\(file) is absent (CI always has ../shared beside the repository)")
                return
            }
            let event = try article(String(decoding: data, as: UTF8.self))
            #expect(event.contentID == contentID, "\(file)")
            ids[file] = event.id
        }
        #expect(Set(ids.values).count == 2)
    }
}
