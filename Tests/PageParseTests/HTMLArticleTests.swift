import PageModel
import Testing

@testable import PageParse

@Suite("HTML article pages")
struct HTMLArticleTests {
    @Test func seedAsFounderTableLayoutGivesTheSameFields() throws {
        let parsed = try parseArticle(HTMLArticleFixtures.seedAsFounderTable)
        #expect(parsed.paper == "杨浦时报")
        #expect(parsed.date == "2013-06-27")
        #expect(parsed.page == PageRef(number: "7", name: "城事·三区"))
        #expect(parsed.kicker == "五角场镇带动各类资源,不断完善区域化党建")
        #expect(parsed.title == SeedGolden.title)
        #expect(parsed.subtitle == nil)
        #expect(parsed.authors == ["毛海萍"])
        #expect(parsed.paragraphs.count == 12)
        #expect(parsed.paragraphs.first == "本报讯 日前,兰花教师公寓的陈国栋在五角场镇召开的区域化党建联席会上作了交流。")
        #expect(parsed.paragraphs[2] == "辖区内部队多,科研院所多……这些资源怎样为地区经济发展服务。")  // <BR> splits
        #expect(parsed.paragraphs[7] == "“今年以来,我们对老党员的关心一并考虑。”")
        #expect(parsed.paragraphs.last?.hasPrefix("回顾这一阶段的工作") == true)
        #expect(parsed.subheadings == SeedGolden.subheadings)
        #expect(parsed.edition == SeedGolden.edition)
        #expect(parsed.pageArticles == SeedGolden.pageArticles)
        #expect(!parsed.paragraphs.contains { $0.contains("不是正文") || $0.contains("放大") })
    }

    @Test func webCMSArticleReadsMetadataAndEnpcontentBody() throws {
        let parsed = try parseArticle(HTMLArticleFixtures.webCMS)
        #expect(parsed.paper == "浦东时报")
        #expect(parsed.date == "2021-03-05")
        #expect(parsed.kicker == "金融城年度盛会")
        #expect(parsed.title == "陆家嘴论坛聚焦金融开放")
        #expect(parsed.subtitle == "上千名嘉宾参会")
        #expect(parsed.authors == ["张小明"])
        #expect(parsed.page?.name == "经济新闻")
        #expect(parsed.paragraphs == [
            "本报讯（记者 张小明 通讯员 李华）昨天,陆家嘴金融城举办了年度论坛,吸引了上千名嘉宾。",
            "论坛由浦东新区政府主办,\"金融开放\"是今年的主题。",
            "与会者认为,开放将进一步提速。",
        ])
        #expect(parsed.subheadings == ["开放再提速"])
    }

    @Test func datelineBylineIsReadWhenNoMetadataAuthor() throws {
        let html = HTMLArticleFixtures.webCMS.replacingOccurrences("<author>张小明</author>", with: "")
        let parsed = try parseArticle(html)
        #expect(parsed.authors == ["张小明", "李华"])
        #expect(parsed.paragraphs.first?.hasPrefix("本报讯（记者 张小明 通讯员 李华）") == true)
    }

    /// Metadata names compare case-blind and the first value of a name wins.
    @Test func metadataNamesAreCaseBlindAndTheFirstValueWins() throws {
        let html = HTMLArticleFixtures.webCMS
            .replacingOccurrences("<title>陆家嘴论坛聚焦金融开放</title>", with: "<TITLE>陆家嘴论坛聚焦&amp;金融开放</TITLE><title>第二个标题</title>")
            .replacingOccurrences("<author>张小明</author>", with: "<Author>张小明</Author>")
        let parsed = try parseArticle(html)
        #expect(parsed.title == "陆家嘴论坛聚焦&金融开放")
        #expect(parsed.authors == ["张小明"])
    }

    @Test func newerLayout() throws {
        let parsed = try parseArticle(HTMLArticleFixtures.newerLayout)
        #expect(parsed.paper == "人民日报")
        #expect(parsed.date == "2021-01-05")
        #expect(parsed.page == PageRef(number: "4", name: nil))
        #expect(parsed.kicker == "坚持新发展理念")
        #expect(parsed.title == "乡村振兴开新局")
        #expect(parsed.subtitle == "——来自基层的调研报告")
        #expect(parsed.authors == ["王小二", "陈三"])
        #expect(parsed.paragraphs.count == 2)
        #expect(parsed.paragraphs.last == "“今年收成好,日子越过越有奔头。”村民老李说。")
        #expect(parsed.edition.map(\.number) == ["1", "2", "3", "4"])
        #expect(parsed.pageArticles == ["乡村振兴开新局", "绿色发展再提速"])  // 本版责编 is a staff credit
    }
}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}

@Suite("Node page links")
struct NodePageLinkTests {
    /// Links are deduplicated by content id (else by href without `./`, query or fragment, compared
    /// case-blind); a title-list link the image map lacks is still one of the page's articles.
    @Test func linksDedupeByContentIDAndKeepTheWholeTitleList() throws {
        let html = """
            <html><head><title>测试报</title></head><body>
            <td class="bm01">第03版：城事</td>
            <map name="m"><area href="./Content_1.htm"><area href="content_2.htm?div=-1"><area href="content_%E4.htm"></map>
            <a href="content_1.htm"><div id="mp1">浦东新区推进城市更新</div></a>
            <a href="./CONTENT_1.HTM"><div id="mp1">浦东新区推进城市更新(重复)</div></a>
            <a href="content_2.htm#top"><div id="mp2">杨浦滨江再添新景</div></a>
            <a href="content_2.htm"><div id="mp2">杨浦滨江再添新景(重复)</div></a>
            <a href="content_%E4.htm"><div id="mp3">编码的链接</div></a>
            <a href="content_&#57;.htm"><div id="mp4">转义的链接</div></a>
            <a href="content_9.htm"><div id="mp5">图上没有的链接</div></a>
            </body></html>
            """
        guard case .node(let node) = try PageParser().parse(html) else {
            Issue.record("expected a node page")
            return
        }
        // `content_&#57;.htm` is `content_9.htm`: the first of the two links to it gives the title.
        #expect(node.articles.map(\.title) == ["浦东新区推进城市更新", "杨浦滨江再添新景", "编码的链接", "转义的链接"])
        #expect(node.articles.map(\.href) == ["content_1.htm", "content_2.htm#top", "content_%E4.htm", "content_9.htm"])
        #expect(node.articles.map(\.contentID) == ["content_1", "content_2", nil, "content_9"])
    }
}
