import ByteText
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

    @Test func seedArticleIsYangpuAndWujiaochangTown() throws {
        let article = try Self.seedArticle()
        #expect(article.subheadings.count == 3)
        let places = classifier.classify(article)
        let town = try #require(places.locality)
        #expect(town.name == "五角场镇" && town.level == .town && town.parent == "杨浦区" && town.code == "310110101")
        #expect(town.mentions == 8)
        #expect(town.evidence.first == DistrictEvidence(source: "kicker", term: "五角场镇", count: 1))
        let district = try #require(places.district)
        #expect(district.name == "杨浦区" && district.level == .district && district.code == "310110")
        #expect(district.prefecture == "上海市" && district.province == "上海市")
        #expect(district.evidence.contains(DistrictEvidence(source: "paper", term: "杨浦时报", count: 1)))
        #expect(district.evidence.contains(DistrictEvidence(source: "child", term: "五角场镇", count: 8)))
        #expect(places.districts.first?.name == "五角场镇", "the town has the most evidence: \(places.districts.map(\.name))")
        #expect(!places.districts.contains { $0.name == "平凉路街道" || $0.name == "延吉新村街道" }, "page chrome must not be evidence")
        #expect(places.districts.allSatisfy { !$0.level.isCountyLevel || $0.name == "杨浦区" }, "三区 is not a district: \(places.districts.map(\.name))")
    }

    @Test func longestFormWins() {
        let places = classifier.classify(ParsedArticle(paper: "解放日报", title: "浦东新区召开会议", paragraphs: ["五角场镇街道干部"]))
        #expect(places.districts.map(\.name).contains("浦东新区"))
        #expect(places.districts.first { $0.name == "五角场镇" }?.evidence == [DistrictEvidence(source: "body", term: "五角场镇", count: 1)])
        #expect(!places.districts.contains { $0.name == "五角场街道" })
    }

    @Test func bareWujiaochangFollowsTheDate() {
        let old = classifier.classify(ParsedArticle(paper: "杨浦时报", date: "2013-06-27", title: "五角场商圈再升级"))
        #expect(old.locality?.name == "五角场镇")
        let new = classifier.classify(ParsedArticle(paper: "杨浦时报", date: "2021-03-01", title: "五角场商圈再升级"))
        #expect(new.locality?.name == "五角场街道")
        let renamed = classifier.classify(ParsedArticle(paper: "杨浦时报", date: "2021-03-01", title: "五角场镇老照片展"))
        #expect(renamed.locality?.name == "长海路街道")
    }

    @Test func pingliangInShanghaiContext() {
        let yangpu = classifier.classify(ParsedArticle(
            paper: "杨浦时报", date: "2013-06-27", title: "平凉旧改启动", paragraphs: ["平凉地块的居民签约"]))
        #expect(yangpu.locality?.name == "平凉路街道")
        #expect(yangpu.locality?.mentions == 2)
        #expect(!yangpu.districts.contains { $0.name == "平凉市" })
        let road = classifier.classify(ParsedArticle(paper: "新民晚报", title: "平凉路上的老字号", paragraphs: ["杨浦区平凉路沿线"]))
        #expect(road.district?.name == "杨浦区")
        #expect(!road.districts.contains { $0.name == "平凉市" })
    }

    /// A conditional name is recorded after the priors, yet its evidence is listed by source.
    @Test func evidenceIsOrderedBySourceNotByRecording() {
        let places = classifier.classify(ParsedArticle(
            paper: "杨浦时报", date: "2013-06-27", page: PageRef(number: "3", name: "平凉之窗"), title: "平凉旧改启动"))
        let street = places.districts.first { $0.name == "平凉路街道" }
        #expect(street?.evidence == [
            DistrictEvidence(source: "title", term: "平凉", count: 1),
            DistrictEvidence(source: "page_name", term: "平凉之窗", count: 1),
        ])
        #expect(places.districts.first { $0.name == "杨浦区" }?.evidence.map(\.source) == ["paper", "child"])
    }

    @Test func pingliangInGansuIsPingliangCity() {
        let gansu = classifier.classify(ParsedArticle(
            paper: "甘肃日报", date: "2013-06-27", title: "甘肃平凉:苹果产业助农增收",
            paragraphs: ["平凉市崆峒区果农喜获丰收。", "平凉的苹果远销各地。", "柳湖镇的果园里一片繁忙。"]))
        #expect(gansu.district?.name == "崆峒区" && gansu.district?.prefecture == "平凉市" && gansu.district?.province == "甘肃省")
        #expect(gansu.locality?.name == "柳湖镇")
        #expect(!gansu.districts.contains { $0.name == "平凉路街道" || $0.name == "玉门市" }, "\(gansu.districts.map(\.name))")
    }

    @Test func sameNamesFollowTheirSupport() {
        let changchun = classifier.classify(ParsedArticle(paper: "长春日报", title: "朝阳区启动老旧小区改造"))
        #expect(changchun.district?.name == "朝阳区" && changchun.district?.code == "220104")
        let beijing = classifier.classify(ParsedArticle(paper: "北京日报", title: "朝阳区启动老旧小区改造"))
        #expect(beijing.district?.code == "110105")
        let hegang = classifier.classify(ParsedArticle(paper: "人民日报", title: "黑龙江鹤岗南山区煤矿转型"))
        #expect(hegang.district?.code == "230404")
        let town = classifier.classify(ParsedArticle(paper: "人民日报", title: "城关镇新建一所小学"))
        #expect(town.locality == nil && town.district == nil, "\(town.districts.map(\.name))")
    }

    @Test func wordsThatAreNotPlaces() {
        let places = classifier.classify(ParsedArticle(
            paper: "人民日报", title: "新华社记者走进东方明珠", paragraphs: ["沿着中山路和东方路走到江边。"]))
        #expect(places.districts.isEmpty, "\(places.districts.map(\.name))")
    }

    @Test func historicPrefectureMapsToItsSuccessor() {
        let before = classifier.classify(ParsedArticle(paper: "湖北日报", date: "2008-05-01", title: "襄樊市樊城区新建大桥"))
        #expect(before.district?.name == "樊城区" && before.district?.prefecture == "襄樊市")
        let after = classifier.classify(ParsedArticle(paper: "湖北日报", date: "2015-05-01", title: "襄樊老城墙修缮"))
        #expect(after.districts.first { $0.name == "襄阳市" }?.evidence.first?.term == "襄樊")
        #expect(!after.districts.contains { $0.name == "襄樊市" })
        let county = classifier.classify(ParsedArticle(paper: "四川日报", date: "2020-01-10", title: "宜宾县撤县设区两周年"))
        #expect(county.district?.name == "叙州区")
    }

    @Test func pageNamePrior() {
        let places = classifier.classify(ParsedArticle(
            paper: "杨浦时报", date: "2013-06-27", page: PageRef(number: "3", name: "平凉之窗"), title: "社区志愿者服务老人"))
        #expect(places.districts.first { $0.name == "平凉路街道" }?.mentions == 0)
        #expect(places.locality == nil, "a page name alone does not say which town a story is about")
        #expect(places.district?.name == "杨浦区")
    }

    @Test func paperPriorAloneGivesTheDistrict() {
        let places = classifier.classify(ParsedArticle(paper: "杨浦时报", date: "2013-06-27", title: "天气闷热 犬伤门诊“升温”"))
        #expect(places.districts.map(\.name) == ["杨浦区", "上海市"], "the city only through its district")
        #expect(places.district?.name == "杨浦区" && places.district?.mentions == 0)
        #expect(places.locality == nil)
    }

    @Test func sanquIsNeverADistrictAndShanghaiAloneIsNoDistrict() {
        let places = classifier.classify(ParsedArticle(
            page: PageRef(number: "7", name: "城事·三区"), title: "三区联动促发展", paragraphs: ["三区融合,上海各界参与。"]))
        #expect(places.district == nil, "\(places.districts.map(\.name))")
        #expect(places.districts.map(\.name) == ["上海市"])
    }

    @Test func historicDistrictsOnDatedArticles() {
        let zhabei2013 = classifier.classify(ParsedArticle(date: "2013-06-27", title: "闸北区旧区改造"))
        #expect(zhabei2013.district?.name == "闸北区")
        #expect(zhabei2013.district?.code == "310108")
        let zhabei2020 = classifier.classify(ParsedArticle(date: "2020-05-01", title: "原闸北区旧区改造"))
        #expect(zhabei2020.district?.name == "静安区")
        #expect(zhabei2020.district?.evidence.first?.term == "闸北区")

        let chongming2013 = classifier.classify(ParsedArticle(paper: "解放日报", date: "2013-06-27", title: "崇明生态岛建设"))
        #expect(chongming2013.district?.name == "崇明县")
        #expect(chongming2013.district?.level == .county)
        #expect(chongming2013.district?.code == "310230")
        let chongming2018 = classifier.classify(ParsedArticle(date: "2018-01-02", title: "崇明县老照片展"))
        #expect(chongming2018.district?.name == "崇明区")
        #expect(chongming2018.district?.code == "310151")

        let pengpu2013 = classifier.classify(ParsedArticle(paper: "解放日报", date: "2013-06-27", title: "彭浦镇新建养老院"))
        #expect(pengpu2013.locality?.name == "彭浦镇")
        #expect(pengpu2013.locality?.parent == "闸北区")
        #expect(pengpu2013.district?.name == "闸北区")
    }

    @Test func chromeIsNotEvidence() {
        let article = ParsedArticle(
            title: "天气闷热 犬伤门诊“升温”",
            edition: [PageRef(number: "3", name: "平凉之窗"), PageRef(number: "7", name: "城事·三区")],
            pageArticles: ["杨浦取缔一无证活禽交易点", "延吉社区日:文艺团队展风采", "五角场镇召开联席会"])
        #expect(classifier.classify(article).districts.isEmpty)
    }

    @Test func orderIsDeterministic() {
        let article = ParsedArticle(paper: "解放日报", title: "徐汇与长宁合作", paragraphs: ["长宁和徐汇"])
        let result = classifier.classify(article).districts.filter(\.level.isCountyLevel)
        #expect(result.map(\.name) == ["徐汇区", "长宁区"])
        #expect(result[0].score == result[1].score)
    }

    /// A county's two-character short form with no home or other name to support it counts when the
    /// text supports it: a unit suffix, or two mentions standing apart from other words.
    @Test func shortFormsSupportedByTheTextItself() {
        let once = classifier.classify(ParsedArticle(paper: "人民日报", title: "江阴企业加快转型"))
        #expect(once.district == nil, "one mention glued to other words is not enough: \(once.districts.map(\.name))")
        let twice = classifier.classify(ParsedArticle(paper: "人民日报", title: "江阴企业加快转型", paragraphs: ["在江阴，", "江阴的工厂"]))
        #expect(twice.district?.name == "江阴市" && twice.district?.province == "江苏省")
        let unit = classifier.classify(ParsedArticle(paper: "人民日报", title: "娄星公安分局破获一起诈骗案"))
        #expect(unit.district?.name == "娄星区", "\(unit.districts.map(\.name))")
        let school = classifier.classify(ParsedArticle(paper: "人民日报", title: "南雄中学新校舍启用"))
        #expect(school.district?.name == "南雄市", "a unit suffix is checked before 中学 makes it an institution")
        let words = classifier.classify(ParsedArticle(paper: "人民日报", title: "女排公布大名单", paragraphs: ["大名单中有7名新人，大名单。"]))
        #expect(words.district == nil, "大名单 is no 大名县: \(words.districts.map(\.name))")
        let person = classifier.classify(ParsedArticle(paper: "人民日报", title: "县长王永昌谈发展", paragraphs: ["王永昌说，", "王永昌表示"]))
        #expect(person.district == nil, "a given name is no 永昌县: \(person.districts.map(\.name))")
        let game = classifier.classify(ParsedArticle(paper: "电脑报", title: "《赤壁OL》特色一览", paragraphs: ["《赤壁OL》内测。", "《赤壁》。"]))
        #expect(game.district == nil, "a title in 《》 is no 赤壁市: \(game.districts.map(\.name))")
        let commonWord = classifier.classify(ParsedArticle(paper: "人民日报", title: "多个公安分局联合行动", paragraphs: ["公安、消防，", "与公安。"]))
        #expect(commonWord.district == nil, "公安 is a common word, no 公安县: \(commonWord.districts.map(\.name))")
    }

    /// A 街道/镇/乡 whose full name no other division bears names its county without support; a
    /// shared name (城关镇, tested above) or a two-character one (贾镇 in 贾镇长) does not.
    @Test func uniqueTownNamesNameTheirCounty() {
        let unique = classifier.classify(ParsedArticle(paper: "人民日报", title: "华舍街道的纺织企业"))
        #expect(unique.district?.name == "柯桥区" && unique.locality?.name == "华舍街道")
        let title = classifier.classify(ParsedArticle(paper: "人民日报", title: "贾镇长进村"))
        #expect(title.districts.isEmpty, "\(title.districts.map(\.name))")
        // Inside a phrase a unique name is no place: 纺织街道 (东胜区) in 老纺织街道, 小城镇 (舒兰市).
        let phrases = classifier.classify(ParsedArticle(paper: "人民日报", title: "老纺织街道的变迁", paragraphs: ["一些小城镇的大学。"]))
        #expect(phrases.districts.isEmpty, "\(phrases.districts.map(\.name))")
    }

    @Test func exclusionsKeepCommonPhrasesOut() {
        let result = classifier.classify(ParsedArticle(title: "绿水青山就是金山银山", paragraphs: ["游船驶过黄浦江。", "旧金山代表团来访。"]))
        #expect(result.districts.isEmpty, "\(result.districts.map(\.name))")
        #expect(classifier.classify(ParsedArticle(title: "上海金山区发布规划")).district?.name == "金山区")
    }
}
