import ByteText
import PageModel
import Testing

@testable import PageParse

/// Article regions without `<head>`: the three real 湖北日报 ones in `../shared/pages/real/`
/// (every field of their INDEX.md table) and the hand-written ones of `ArticleRegionFixtures`.
@Suite("Article regions without head")
struct ArticleRegionTests {
    struct Golden: Sendable, CustomStringConvertible {
        var file: String
        var page: String
        var kicker: String?
        var title: String
        var subtitle: String?
        var authors: [String]
        var paragraphs: Int
        var firstParagraphStart: String
        var description: String { file }
    }

    /// `../shared/pages/real/INDEX.md`, table of the hbrb fragments.
    static let hubeiDaily: [Golden] = [
        Golden(
            file: "hbrb-2023-02-11-fragment-1.html", page: "01", kicker: nil, title: "习近平回信勉励援中非中国医疗队队员",
            subtitle: "以仁心仁术造福当地人民 以实际行动讲好中国故事", authors: [], paragraphs: 4, firstParagraphStart: "新华社北京2月10日"),
        Golden(
            file: "hbrb-2023-02-11-fragment-2.html", page: "02", kicker: nil, title: "领导干部要保持清醒 自觉抵制违规吃喝",
            subtitle: nil, authors: ["湖北日报评论员"], paragraphs: 7, firstParagraphStart: "向“舌尖上的歪风”亮"),
        Golden(
            file: "hbrb-2023-02-11-fragment-3.html", page: "04", kicker: "新进中央委员会的委员、候补委员和省部级主要领导干部",
            title: "学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神研讨班结业", subtitle: nil, authors: [], paragraphs: 3,
            firstParagraphStart: "据新华社北京2月10"),
    ]

    @Test(arguments: hubeiDaily)
    func realHubeiDailyRegion(_ golden: Golden) throws {
        let parsed = try parseArticle(try SharedFixtures.text("pages/real/" + golden.file))
        #expect(parsed.paper == "湖北日报")
        #expect(parsed.date == "2023-02-11")
        #expect(parsed.page == PageRef(number: golden.page, name: nil))
        #expect(parsed.kicker == golden.kicker)
        #expect(parsed.title == golden.title)
        #expect(parsed.subtitle == golden.subtitle)
        #expect(parsed.authors == golden.authors)
        #expect(parsed.paragraphs.count == golden.paragraphs)
        #expect(parsed.paragraphs.first?.hasPrefix(golden.firstParagraphStart) == true, "\(parsed.paragraphs.first ?? "none")")
        #expect(!parsed.paragraphs.contains { Byline.names(inBylineLine: $0) != nil })
        #expect(parsed.subheadings.isEmpty)
    }

    @Test func tableRegionWithNewsroomByline() throws {
        let parsed = try parseArticle(ArticleRegionFixtures.tableRegionWithNewsroomByline)
        #expect(parsed.paper == "长江日报")
        #expect(parsed.date == nil)
        #expect(parsed.page == PageRef(number: "05", name: nil))
        #expect(parsed.kicker == "城市更新")
        #expect(parsed.title == "江岸区老旧小区焕新颜")
        #expect(parsed.subtitle == nil)
        #expect(parsed.authors == ["王晓明", "李青"])
        #expect(parsed.subheadings == ["31个老旧小区改造升级"])
        #expect(parsed.paragraphs == [
            "今年以来，江岸区加快推进老旧小区改造，居民的获得感不断增强。",
            "截至目前，全区已有31个老旧小区完成改造，惠及居民1.2万户。",
            "下一步，该区还将推进加装电梯和停车设施建设。",
        ])
    }

    @Test func webCMSRegionWithMarkerByline() throws {
        let parsed = try parseArticle(ArticleRegionFixtures.webCMSRegionWithMarkerByline)
        #expect(parsed.paper == "解放日报")
        #expect(parsed.date == "2021-05-06")
        #expect(parsed.page == PageRef(number: "A3", name: nil))
        #expect(parsed.title == "滨江步道全线贯通")
        #expect(parsed.authors == ["陈思远", "周文"])
        #expect(parsed.paragraphs.count == 2)
        #expect(parsed.paragraphs.first?.hasPrefix("昨天，滨江步道") == true)
    }

    /// The wire dateline stays in the first paragraph and its bracket names the reporters; the
    /// credit line is kept as the last paragraph and names nobody.
    @Test func wireRegionWithCredit() throws {
        let parsed = try parseArticle(ArticleRegionFixtures.wireRegionWithCredit)
        #expect(parsed.paper == "大众日报")
        #expect(parsed.date == "2021-03-02")
        #expect(parsed.page == PageRef(number: "3", name: nil))
        #expect(parsed.title == "春耕备耕有序展开")
        #expect(parsed.authors == ["刘明", "赵宁"])
        #expect(parsed.paragraphs.count == 3)
        #expect(parsed.paragraphs.first?.hasPrefix("新华社北京3月1日电（记者 刘明 赵宁）记者从") == true)
        #expect(parsed.paragraphs.last == "（新华社北京3月1日电 载3月2日《人民日报》）")
        #expect(parsed.subheadings.isEmpty)
    }

    @Test func regionWithTrailingByline() throws {
        let parsed = try parseArticle(ArticleRegionFixtures.regionWithTrailingByline)
        #expect(parsed.paper == "长江日报")  // from the enpproperty <url> host
        #expect(parsed.date == "2022-09-15")
        #expect(parsed.page == nil)
        #expect(parsed.title == "让城市更有温度")
        #expect(parsed.authors == ["孙立", "钱程"])
        #expect(parsed.paragraphs == [
            "城市是人民的城市，城市更新要从群众最关心的小事做起。",
            "从加装电梯到口袋公园，每一项工程都关系到千家万户。",
        ])
    }

    @Test func regionWithClosingBylineLine() throws {
        let parsed = try parseArticle(ArticleRegionFixtures.regionWithClosingBylineLine)
        #expect(parsed.paper == "新民晚报")
        #expect(parsed.date == "2020-11-20")
        #expect(parsed.page == PageRef(number: "06", name: nil))
        #expect(parsed.authors == ["吴芳"])
        #expect(parsed.subheadings == ["一餐饭里的民生"])
        #expect(parsed.paragraphs == ["本报讯 社区食堂让老人吃上了热乎饭。", "每天中午，食堂里坐满了附近的老人，一荤两素只要十二元。"])
    }

    /// `本报记者：潘清` is the byline, not paragraph 1; 记者： inside a paragraph or before an
    /// interview question leaves the paragraph as it is.
    @Test func portalRegionWithColonByline() throws {
        let withoutByline = ArticleRegionFixtures.portalRegionWithColonByline.replacingOccurrences(of: "<p>　　本报记者：潘清</p>", with: "")
        #expect(try parseArticle(withoutByline).authors == ["张曦"], "the portal dateline names its reporter")
        let parsed = try parseArticle(ArticleRegionFixtures.portalRegionWithColonByline)
        #expect(parsed.authors == ["潘清"], "a dateline's names are read only when no byline line came first, as for 新华社")
        #expect(parsed.paragraphs.count == 4)
        #expect(parsed.paragraphs.first?.hasPrefix("中新网(微博)上海6月21日电(张曦) 尽管") == true)
        #expect(parsed.paragraphs[1].hasPrefix("一位基金研究员告诉记者："))
        #expect(parsed.paragraphs[2] == "记者：后市还有哪些不确定性？")
        #expect(parsed.subheadings.isEmpty)
    }

    @Test func newerLayoutRegionWithWireByline() throws {
        let parsed = try parseArticle(ArticleRegionFixtures.newerLayoutRegionWithWireByline)
        #expect(parsed.paper == nil)
        #expect(parsed.page == nil)
        #expect(parsed.kicker == "关注春运")
        #expect(parsed.title == "春运首日客流平稳")
        #expect(parsed.subtitle == "——铁路部门加开列车")
        #expect(parsed.authors == ["高原", "林夕"])
        #expect(parsed.paragraphs.first == "据新华社北京1月7日电 春运首日，全国铁路发送旅客总体平稳有序。")
        #expect(parsed.paragraphs.count == 2)
    }

    @Test func copyrightAndMastheadLines() {
        func copyright(_ text: String) -> String? { UTF8Bytes.withBytes(text) { StatedPaper.fromCopyright($0) } }
        #expect(copyright("Copyright © 湖北日报 [鄂ICP备12007957号-2]") == "湖北日报")
        #expect(copyright("杨浦时报版权所有 未经书面授权 不得复制") == "杨浦时报")
        #expect(copyright("版权所有：中国旅游报社") == "中国旅游报")
        #expect(copyright("COPYRIGHT(c)2013 解放日报报业集团") == "解放日报")
        #expect(copyright("技术支持：北大方正电子有限公司") == nil)
        #expect(copyright("版权所有 北大方正") == nil)
        func masthead(_ text: String) -> String? { UTF8Bytes.withBytes(text) { StatedPaper.fromMasthead($0) } }
        #expect(masthead("人民日报 2017年10月16日 星期一") == "人民日报")
        #expect(masthead("喜报 2017年10月16日") == nil)  // too short for a paper
        #expect(masthead("以实际行动讲好中国故事 2023年02月11日") == nil)
    }

    @Test func paperHosts() {
        #expect(PaperHosts.paper(forURL: "http://epaper.hubeidaily.net/pc/content/202302/11/content_211242.html") == "湖北日报")
        #expect(PaperHosts.paper(forURL: "http://paper.people.com.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_01.htm") == "人民日报")
        #expect(PaperHosts.paper(forURL: "http://paper.people.com.cn/rmrbhwb/html/2017-10/16/node_1.htm") == "人民日报海外版")
        #expect(PaperHosts.paper(forURL: "https://notthehubeidaily.net/") == nil)
        #expect(PaperHosts.paper(forURL: "corpus://7/00001-ypsb.htm") == nil)
    }
}
