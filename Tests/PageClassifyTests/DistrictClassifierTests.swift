import Foundation
import PageModel
import Testing

@testable import PageClassify

@Suite struct DistrictClassifierTests {
    let classifier: DistrictClassifier

    init() throws {
        classifier = DistrictClassifier(gazetteer: try Gazetteer.bundled())
    }

    /// The seed article built by hand from `../shared/seeds/000_725b41050449d912.txt`.
    static func seedArticle() throws -> ParsedArticle {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("../shared/seeds/000_725b41050449d912.txt").standardized.path
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("the fixture ../shared/seeds/000_725b41050449d912.txt is absent (looked at \(path))")
            throw CancellationError()
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.trimmingWhitespace() }
        let byline = try #require(lines.firstIndex { $0.hasPrefix("■记者") })
        let end = try #require(lines[byline...].firstIndex { $0.hasPrefix("3 上一篇") })
        let body = lines[(byline + 1)..<end].filter { !$0.isEmpty }.map(String.init)
        return ParsedArticle(
            paper: "杨浦时报", date: "2013-06-27", page: PageRef(number: "07", name: "城事·三区"),
            kicker: "五角场镇带动各类资源,不断完善区域化党建", title: "打破社区“内循环”共联共赢共享",
            authors: ["毛海萍"], paragraphs: body.filter { $0.count > 20 }, subheadings: body.filter { $0.count <= 20 },
            edition: [PageRef(number: "03", name: "平凉之窗"), PageRef(number: "07", name: "城事·三区")],
            pageArticles: ["杨浦取缔一无证活禽交易点", "延吉社区日:文艺团队展风采"])
    }

    @Test func seedArticleIsAboutWujiaochangTownFirst() throws {
        let article = try Self.seedArticle()
        #expect(article.subheadings.count == 3)
        let result = classifier.classify(article)
        try #require(result.count >= 2)
        #expect(result[0].name == "五角场镇")
        #expect(result[0].level == .town)
        #expect(result[0].parent == "杨浦区")
        #expect(result[0].code == "310110101")
        #expect(result[0].mentions == 8)
        #expect(result[0].evidence.first == DistrictEvidence(source: "kicker", term: "五角场镇", count: 1))
        #expect(result[1].name == "杨浦区")
        #expect(result[1].level == .district)
        #expect(result[1].code == "310110")
        #expect(result[1].mentions == 1)
        #expect(result[1].evidence.contains(DistrictEvidence(source: "paper", term: "杨浦时报", count: 1)))
        #expect(result[1].evidence.contains(DistrictEvidence(source: "child", term: "五角场镇", count: 8)))
        #expect(!result.contains { $0.name == "平凉路街道" || $0.name == "延吉新村街道" }, "page chrome must not be evidence")
        #expect(result.allSatisfy { $0.level != .district || $0.name == "杨浦区" }, "三区 is not a district: \(result.map(\.name))")
    }

    @Test func longestFormWins() {
        let result = classifier.classify(ParsedArticle(title: "浦东新区召开会议", paragraphs: ["五角场镇街道干部"]))
        #expect(result.map(\.name).contains("浦东新区"))
        #expect(result.first { $0.name == "五角场镇" }?.evidence == [DistrictEvidence(source: "body", term: "五角场镇", count: 1)])
        #expect(!result.contains { $0.name == "五角场街道" })
    }

    @Test func bareWujiaochangFollowsTheDate() {
        let old = classifier.classify(ParsedArticle(date: "2013-06-27", title: "五角场商圈再升级"))
        #expect(old.first?.name == "五角场镇")
        let new = classifier.classify(ParsedArticle(date: "2021-03-01", title: "五角场商圈再升级"))
        #expect(new.first?.name == "五角场街道")
    }

    @Test func pingliangInShanghaiContext() {
        let yangpu = classifier.classify(ParsedArticle(
            paper: "杨浦时报", date: "2013-06-27", title: "平凉旧改启动", paragraphs: ["平凉地块的居民签约"]))
        #expect(yangpu.first?.name == "平凉路街道")
        #expect(yangpu.first?.mentions == 2)
        let street = classifier.classify(ParsedArticle(title: "平凉路街道举办活动"))
        #expect(street.first?.name == "平凉路街道")
    }

    /// A conditional name is recorded after the priors, yet its evidence is listed by source:
    /// title before page name.
    @Test func evidenceIsOrderedBySourceNotByRecording() {
        let result = classifier.classify(ParsedArticle(
            paper: "杨浦时报", date: "2013-06-27", page: PageRef(number: "3", name: "平凉之窗"), title: "平凉旧改启动"))
        let street = result.first { $0.name == "平凉路街道" }
        #expect(street?.evidence == [
            DistrictEvidence(source: "title", term: "平凉", count: 1),
            DistrictEvidence(source: "page_name", term: "平凉之窗", count: 1),
        ])
        #expect(result.first { $0.name == "杨浦区" }?.evidence.map(\.source) == ["paper", "child"])
    }

    @Test func pingliangInGansuIsNotYangpu() {
        let gansu = classifier.classify(ParsedArticle(
            paper: "甘肃日报", date: "2013-06-27", title: "甘肃平凉:苹果产业助农增收",
            paragraphs: ["平凉市崆峒区果农喜获丰收。", "平凉的苹果远销各地。", "平凉地区气候适宜。"]))
        #expect(gansu.isEmpty, "\(gansu.map(\.name))")
    }

    @Test func pageNamePrior() {
        let result = classifier.classify(ParsedArticle(
            date: "2013-06-27", page: PageRef(number: "3", name: "平凉之窗"), title: "社区志愿者服务老人"))
        #expect(result.first?.name == "平凉路街道")
        #expect(result.first?.mentions == 0)
        #expect(result.first?.evidence == [DistrictEvidence(source: "page_name", term: "平凉之窗", count: 1)])
        #expect(result.dropFirst().first?.name == "杨浦区")
    }

    @Test func paperPriorAloneGivesTheDistrict() {
        let result = classifier.classify(ParsedArticle(paper: "杨浦时报", date: "2013-06-27", title: "天气闷热 犬伤门诊“升温”"))
        #expect(result.map(\.name) == ["杨浦区"])
        #expect(result.first?.mentions == 0)
    }

    @Test func sanquIsNeverADistrictAndShanghaiAloneIsNothing() {
        let result = classifier.classify(ParsedArticle(
            page: PageRef(number: "7", name: "城事·三区"), title: "三区联动促发展", paragraphs: ["三区融合,上海各界参与。"]))
        #expect(result.isEmpty, "\(result.map(\.name))")
    }

    @Test func historicDistrictsOnDatedArticles() {
        let zhabei2013 = classifier.classify(ParsedArticle(date: "2013-06-27", title: "闸北区旧区改造"))
        #expect(zhabei2013.first?.name == "闸北区")
        #expect(zhabei2013.first?.code == "310108")
        let zhabei2020 = classifier.classify(ParsedArticle(date: "2020-05-01", title: "原闸北区旧区改造"))
        #expect(zhabei2020.first?.name == "静安区")
        #expect(zhabei2020.first?.evidence.first?.term == "闸北区")

        let chongming2013 = classifier.classify(ParsedArticle(date: "2013-06-27", title: "崇明生态岛建设"))
        #expect(chongming2013.first?.name == "崇明县")
        #expect(chongming2013.first?.level == .county)
        #expect(chongming2013.first?.code == "310230")
        let chongming2018 = classifier.classify(ParsedArticle(date: "2018-01-02", title: "崇明县老照片展"))
        #expect(chongming2018.first?.name == "崇明区")
        #expect(chongming2018.first?.code == "310151")

        let pengpu2013 = classifier.classify(ParsedArticle(date: "2013-06-27", title: "彭浦镇新建养老院"))
        #expect(pengpu2013.map(\.name) == ["彭浦镇", "闸北区"])
        #expect(pengpu2013.first?.parent == "闸北区")
    }

    @Test func chromeIsNotEvidence() {
        let article = ParsedArticle(
            title: "天气闷热 犬伤门诊“升温”",
            edition: [PageRef(number: "3", name: "平凉之窗"), PageRef(number: "7", name: "城事·三区")],
            pageArticles: ["杨浦取缔一无证活禽交易点", "延吉社区日:文艺团队展风采", "五角场镇召开联席会"])
        #expect(classifier.classify(article).isEmpty)
    }

    @Test func orderIsDeterministic() {
        let article = ParsedArticle(title: "徐汇与长宁合作", paragraphs: ["长宁和徐汇"])
        let result = classifier.classify(article)
        #expect(result.map(\.name) == ["徐汇区", "长宁区"])
        #expect(result[0].score == result[1].score)
    }

    @Test func exclusionsKeepCommonPhrasesOut() {
        let result = classifier.classify(ParsedArticle(title: "绿水青山就是金山银山", paragraphs: ["游船驶过黄浦江。", "旧金山代表团来访。"]))
        #expect(result.isEmpty, "\(result.map(\.name))")
        #expect(classifier.classify(ParsedArticle(title: "上海金山区发布规划")).first?.name == "金山区")
    }
}
