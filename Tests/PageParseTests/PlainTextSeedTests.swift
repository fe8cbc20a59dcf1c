import PageModel
import Testing

@testable import PageParse

@Suite("Plain-text article page (seed 000)")
struct PlainTextSeedTests {
    @Test func seedGivesTheGoldenArticle() throws {
        let page = try PageParser().parse(try SharedFixtures.text("seeds/000_725b41050449d912.txt"))
        guard case .article(let article) = page else {
            Issue.record("expected an article, got \(page)")
            return
        }
        SeedGolden.expectMatches(article)
    }
}

/// The golden answer for `seeds/000_725b41050449d912.txt`, shared with the HTML rendering test.
enum SeedGolden {
    static let title = "打破社区“内循环”共联共赢共享"
    static let subheadings = ["共联:联席会+分会+小组", "共享:48家单位认领项目", "共赢:党建绽放新活力"]
    static let pageArticles = [
        "打破社区“内循环”共联共赢共享", "天气闷热 犬伤门诊“升温”", "杨浦取缔一无证活禽交易点", "打造具有特色的党建文化",
        "延吉社区日:文艺团队展风采",
    ]
    static let edition = [
        PageRef(number: "01", name: "一版要闻"), PageRef(number: "02", name: "要闻·综合"),
        PageRef(number: "03", name: "平凉之窗"), PageRef(number: "04", name: "平凉之窗"),
        PageRef(number: "05", name: "平凉之窗"), PageRef(number: "06", name: "平凉之窗"),
        PageRef(number: "07", name: "城事·三区"), PageRef(number: "08", name: "民生·社会"),
    ]

    static func expectMatches(_ article: ParsedArticle) {
        #expect(article.paper == "杨浦时报")
        #expect(article.date == "2013-06-27")
        #expect(article.page == PageRef(number: "7", name: "城事·三区"))
        #expect(article.kicker == "五角场镇带动各类资源,不断完善区域化党建")
        #expect(article.title == title)
        #expect(article.subtitle == nil)
        #expect(article.authors == ["毛海萍"])
        #expect(article.paragraphs.count == 12)
        // Internal whitespace runs collapse to one ASCII space: `本报讯  日前` -> `本报讯 日前`.
        #expect(article.paragraphs.first?.hasPrefix("本报讯 日前,兰花教师公寓") == true)
        #expect(article.paragraphs.last?.hasPrefix("回顾这一阶段的工作") == true)
        #expect(article.paragraphs.last?.hasSuffix("优势变得更真实。") == true)
        #expect(article.paragraphs.allSatisfy { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") && !$0.contains("  ") })
        #expect(article.subheadings == subheadings)
        #expect(article.edition == edition)
        #expect(article.pageArticles == pageArticles)
    }
}
