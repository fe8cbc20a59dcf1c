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

    /// Found by mutating corpus pages: a last line that is both an edition entry and the dated
    /// footer made the page-title range run backwards, and the parser trapped.
    @Test func footerThatAlsoReadsAsAPageLabelEndsTheEdition() throws {
        let text = """
            第04版：民生·社会
            柘林镇社区文化节召开
              活动现场，居民们排起了长队，不少人还带来了自家的孩子，工作人员耐心地为居民讲解。
               第1版：一版要闻
               第2版：要闻·综合
               第3版：奉节召开 2020-03-25 6 2020年03月25日 星期三
            """
        guard case .article(let article) = try PageParser().parse(text) else {
            Issue.record("expected an article")
            return
        }
        #expect(article.title == "柘林镇社区文化节召开")
        #expect(article.edition.map(\.number) == ["1", "2"])
        #expect(article.pageArticles.isEmpty)
        #expect(article.date == "2020-03-25")
        #expect(article.page?.number == "4")
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
