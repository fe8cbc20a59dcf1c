import PageModel
import Testing

@testable import PageParse

/// The six real node pages in `../shared/pages/real/`; expected values are from its INDEX.md:
/// paper, date, page number and name, every article's content id and title, the page list.
@Suite("Real node pages")
struct RealNodePageTests {
    private func node(_ file: String) throws -> ParsedNodePage {
        try SharedFixtures.nodePage(try SharedFixtures.text("pages/real/" + file), named: file)
    }

    @Test func jiangxiDaily() throws {
        let page = try node("jxrb-2017-10-09-node-1.html")
        #expect(page.paper == "江西日报")
        #expect(page.date == "2017-10-09")
        #expect(page.page == PageRef(number: "A01", name: "头版"))
        #expect(page.articles == [
            ArticleLink(title: "站在新的更高起点探索生态文明建设", href: "content_401862.htm"),
            ArticleLink(title: "为美丽中国贡献“江西智慧”", href: "content_401863.htm"),
            ArticleLink(title: "吉安绣好全域脱贫攻坚新画卷", href: "content_401864.htm"),
            ArticleLink(title: "国家有前途 个人才有前途", href: "content_401865.htm"),
            ArticleLink(title: "一片茶叶带富一方百姓", href: "content_401866.htm"),
        ])
        #expect(page.articles.map(\.contentID) == (401862...401866).map { "content_\($0)" })
        #expect(page.edition.count == 12)
        #expect(page.edition.first == PageRef(number: "A01", name: "头版"))
        #expect(page.edition.last == PageRef(number: "C04", name: "体育·娱乐"))
        #expect(page.edition.map(\.number) == ["A01", "A02", "A03", "A04", "B01", "B02", "B03", "B04", "C01", "C02", "C03", "C04"])
    }

    @Test func chinaTourismNews() throws {
        let page = try node("zglyb-2017-10-13-node-1.html")
        #expect(page.paper == "中国旅游报")
        #expect(page.date == "2017-10-13")
        #expect(page.page == PageRef(number: "1", name: "旅游报01版"))
        #expect(page.articles == [
            ArticleLink(title: "宁夏固原：红色旅游底色更足", href: "content_306582.htm?div=-1"),
            ArticleLink(title: "多措并举推动澳门融入世界旅游大格局", href: "content_306587.htm?div=-1"),
            ArticleLink(title: "甘肃：全域旅游从“环境革命”抓起", href: "content_306588.htm?div=-1"),
            ArticleLink(title: "杭州入选全球旅游最佳实践样本城市", href: "content_306593.htm?div=-1"),
            ArticleLink(title: "喜迎十九大展现新成就", href: "content_306597.htm?div=0"),
        ])
        // The map's second area for 306597 (`?div=-1`) is the same article.
        #expect(page.articles.map(\.contentID) == ["content_306582", "content_306587", "content_306588", "content_306593", "content_306597"])
        #expect(page.edition.map(\.number) == ["1", "2", "3", "4", "5", "6", "8"])
        #expect(page.edition.first?.name == "旅游报01版")
        #expect(page.edition.last == PageRef(number: "8", name: "旅游报08版"))
    }

    @Test func peoplesDailyFrontPage() throws {
        let page = try node("rmrb-2017-10-16-node-1.html")
        #expect(page.paper == "人民日报")
        #expect(page.date == "2017-10-16")
        #expect(page.page == PageRef(number: "1", name: "要闻"))
        // `<br>` inside a title becomes one space, as the page's own view() does; trailing spaces are trimmed.
        #expect(page.articles == [
            ArticleLink(title: "《习近平关于社会主义文化建设论述摘编》出版发行", href: "nw.D110000renmrb_20171016_1-01.htm"),
            ArticleLink(title: "中共中央召开党外人士座谈会 征求对中共十九大报告的意见", href: "nw.D110000renmrb_20171016_2-01.htm"),
            ArticleLink(title: "党的十九大代表陆续抵京", href: "nw.D110000renmrb_20171016_3-01.htm"),
            ArticleLink(title: "砥砺奋进 铸就辉煌", href: "nw.D110000renmrb_20171016_4-01.htm"),
            ArticleLink(title: "党的十八大以来大事记", href: "nw.D110000renmrb_20171016_5-01.htm"),
        ])
        #expect(page.articles.map(\.contentID) == (1...5).map { "nw.d110000renmrb_20171016_\($0)-01" })
        #expect(page.edition.count == 24)
        #expect(page.edition.first == PageRef(number: "1", name: "要闻"))
        #expect(page.edition[8] == PageRef(number: "9", name: "砥砺奋进的5年·迎接党的十九大特别报道·历史性变革⑧"))
        #expect(page.edition.last == PageRef(number: "24", name: "广告"))
    }

    @Test func peoplesDailySpecialReportPage() throws {
        let page = try node("rmrb-2017-10-18-node-2.html")
        #expect(page.paper == "人民日报")
        #expect(page.date == "2017-10-18")
        #expect(page.page == PageRef(number: "7", name: "决胜全面小康 开启新的征程·党的十九大特别报道"))
        let titles = ["回应人民新期待", "栋梁之材涌出来", "就业好了一切好", "跨省打工钱包鼓", "低保成了定心丸", "小镇能做大手术", "搬出棚户笑开颜", "青山绿水寿星多", "生活好了爱唱歌"]
        #expect(page.articles.map(\.title) == titles)
        // Video-icon links to the same article before some titles do not make a second entry.
        #expect(page.articles.map(\.href) == (1...9).map { "nw.D110000renmrb_20171018_\($0)-07.htm" })
        #expect(page.articles.map(\.contentID) == (1...9).map { "nw.d110000renmrb_20171018_\($0)-07" })
        #expect(page.edition.count == 24)
        #expect(page.edition.first(where: { $0.number == "7" })?.name == "决胜全面小康 开启新的征程·党的十九大特别报道")
    }

    @Test func disciplineInspectionNews() throws {
        let page = try node("jjjcb-2017-07-22-node-1.html")
        #expect(page.paper == "中国纪检监察报")
        #expect(page.date == "2017-07-22")
        #expect(page.page == PageRef(number: "1", name: "要闻"))
        // The 今日关注 box links other pages' articles (52022, 52028, …): not this page's.
        #expect(page.articles == [
            ArticleLink(title: "铭记光辉历史 传承红色基因 为把人民军队建设成为世界一流军队而不懈奋斗", href: "content_52014.htm"),
            ArticleLink(title: "重庆：坚定不移深化政治巡视", href: "content_52016.htm"),
            ArticleLink(title: "中国证监会原党委委员、主席助理张育军严重违纪被开除党籍和公职", href: "content_52020.htm"),
            ArticleLink(title: "上海：对标规则加强自我监督", href: "content_52018.htm"),
            ArticleLink(title: "这则通报有深意，当引以为鉴举一反三", href: "content_52019.htm"),
            ArticleLink(title: "百余家中央部门集中晒“花钱清单”", href: "content_52015.htm"),
            ArticleLink(title: "江苏：推动巡视工作向纵深发展", href: "content_52017.htm"),
        ])
        #expect(page.articles.map(\.contentID) == [52014, 52016, 52020, 52018, 52019, 52015, 52017].map { "content_\($0)" })
        #expect(page.edition == [
            PageRef(number: "1", name: "要闻"), PageRef(number: "2", name: "综合新闻"),
            PageRef(number: "3", name: "队伍建设"), PageRef(number: "4", name: "反腐观察"),
        ])
    }

    /// BOM, CRLF, unquoted links with a `<div>` inside, and a map of seven areas for five articles
    /// (two covered twice).
    @Test func scienceAndTechnologyDaily() throws {
        let page = try node("kjrb-2023-02-10-node-1.html")
        #expect(page.paper == "科技日报")
        #expect(page.date == "2023-02-10")
        #expect(page.page == PageRef(number: "1", name: "今日要闻"))
        #expect(page.articles == [
            ArticleLink(title: "新时代十年伟大变革奠定坚实基础", href: "content_548643.htm?div=-1"),
            ArticleLink(title: "开放共享 让大型科研仪器“忙”起来", href: "content_548646.htm?div=-1"),
            ArticleLink(title: "中国式现代化是中国共产党领导的社会主义现代化", href: "content_548655.htm?div=-1"),
            ArticleLink(title: "花香春意浓", href: "content_548659.htm?div=-1"),
            ArticleLink(title: "在纳米级薄膜上，飞秒激光实现全彩色无油墨打印", href: "content_548662.htm?div=-1"),
        ])
        #expect(page.articles.map(\.contentID) == [548643, 548646, 548655, 548659, 548662].map { "content_\($0)" })
        #expect(page.edition.first == PageRef(number: "1", name: "今日要闻"))
        #expect(page.edition.map(\.number) == (1...8).map(String.init))
        #expect(page.edition.last == PageRef(number: "8", name: "文 化"))
    }
}
