import ByteText
import Foundation
import PageModel
import Testing

@testable import PageClassify

@Suite struct SectionTaxonomyTests {
    let taxonomy: SectionTaxonomy

    init() throws {
        taxonomy = try SectionTaxonomy.bundled()
    }

    @Test(arguments: [
        ("城事·三区", "7", "city"), ("民生·社会", "8", "society"), ("平凉之窗", "3", "local"),
        ("一版要闻", "1", "front"), ("要闻·综合", "2", "news"), ("头版", "A01", "front"),
        ("体育·娱乐", "C04", "sports"), ("要闻", "1", "front"), ("要闻", "2", "news"), ("今日要闻", "01", "front"),
        ("综合新闻", "2", "news"), ("综 合", "2", "news"), ("国 际", "4", "world"), ("国际", "17", "world"),
        ("区 域", "7", "local"), ("区域经济", "22", "economy"), ("各地传真", "23", "local"), ("理论", "14", "opinion"),
        ("文 化", "8", "culture"), ("教 育", "6", "education"), ("本地新闻", "3", "local"), ("区域新闻", "4", "local"),
        ("区域", "5", "local"), ("城区", "6", "local"), ("浦东新闻", "2", "local"), ("体育新闻", "9", "sports"),
        ("国际新闻", "9", "world"), ("队伍建设", "3", "other"), ("反腐观察", "4", "law"), ("旅游报01版", "01", "front"),
        ("决胜全面小康 开启新的征程·党的十九大特别报道", "07", "special"), ("广告", "24", "ads"),
    ])
    func realPageNames(name: String, number: String, slug: String) {
        let section = taxonomy.section(forPageName: name, pageNumber: number)
        #expect(section.slug == slug)
        #expect(section.name == name)
        #expect(section.source == (slug == "other" ? .none : .page), "no rule decided, so no `page`")
    }

    /// A name that only repeats the page number says nothing: no name rule reads `经济日报05版`'s 经济.
    @Test func genericNamesMatchNoNameRule() {
        for (name, number) in [("旅游报05版", "5"), ("经济日报05版", "5"), ("A3版", "A3"), ("第3版", "3"), ("B02", "B02")] {
            let section = taxonomy.section(forPageName: name, pageNumber: number)
            #expect(section == Section(slug: "other", name: name, source: .none), "\(name)")
        }
        #expect(taxonomy.section(forPageName: "NBA", pageNumber: "5").slug == "other")
    }

    @Test func evidenceNamesTheRuleOrThePageNumber() {
        #expect(taxonomy.section(forPageName: "城事·三区", pageNumber: "7").evidence == [SectionEvidence(field: "page_name", term: "城事", count: 1)])
        #expect(taxonomy.section(forPageName: "一版要闻", pageNumber: "1").evidence == [SectionEvidence(field: "page_name", term: "一版要闻", count: 1)])
        #expect(taxonomy.section(forPageName: "旅游报01版", pageNumber: "01").evidence == [SectionEvidence(field: "page_number", term: "1", count: 1)])
    }

    /// The shortcut must give exactly what PageModel's grapheme-aware trim gives, including for
    /// whitespace that combining marks, joiners or prepended marks cling to.
    @Test func trimmingShortcutAgreesWithTrimmingWhitespace() {
        let pieces = [" ", "\u{3000}", "\u{A0}", "\t", "\r", "\n", "\u{301}", "\u{200D}", "\u{0600}", "\u{FE0F}",
                      "a", "1", "·", "城", "事", "\u{4DC0}", "\u{9FFF}", "\u{1100}", "한", "\u{1F1E8}", "é"]
        var random = SplitMix64(seed: 0x7121)
        for round in 0..<20000 {
            let name = (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let expected = name.trimmingWhitespace()
            let actual = SectionTaxonomy.trimmed(name)
            #expect(Array(actual.utf8) == Array(expected.utf8), "round \(round): \(name.unicodeScalars.map { String($0.value, radix: 16) })")
            if Array(actual.utf8) != Array(expected.utf8) { return }
        }
    }

    @Test func unknownNameKeepsTheRawName() {
        #expect(taxonomy.section(forPageName: " 队伍建设 ", pageNumber: "5") == Section(slug: "other", name: "队伍建设", source: .none))
        #expect(taxonomy.section(forPageName: nil, pageNumber: "9") == Section(slug: "other", name: "其他", source: .none))
    }

    @Test func pageOneFallbackOnlyForUnrecognisedNames() {
        #expect(taxonomy.section(forPageName: "旅游报01版", pageNumber: "A1").slug == "front")
        #expect(taxonomy.section(forPageName: nil, pageNumber: "01") == Section(slug: "front", name: "头版", source: .page, evidence: [SectionEvidence(field: "page_number", term: "1", count: 1)]))
        #expect(taxonomy.section(forPageName: "旅游报02版", pageNumber: "2").slug == "other")
        #expect(taxonomy.section(forPageName: "体育", pageNumber: "1").slug == "sports")
    }

    @Test func slugsCoverTheTaxonomy() {
        for slug in ["front", "news", "local", "city", "society", "culture", "sports", "economy", "opinion", "special", "ads",
                     "world", "education", "tech", "health", "law", "other"] {
            #expect(taxonomy.slugs.contains(slug), "missing slug \(slug)")
        }
        #expect(Set(taxonomy.slugs).count == taxonomy.slugs.count)
    }

    @Test func userFileRulesComeFirstAndMayAddSlugs() throws {
        let path = try temporaryFile("""
            {"sections": [{"slug": "discipline", "name": "纪检", "description": "Party discipline"}],
             "rules": [{"match": "contains", "pattern": "反腐", "slug": "discipline", "priority": 1},
                       {"match": "exact", "pattern": "平凉之窗", "slug": "city", "priority": 1}]}
            """)
        let extended = try taxonomy.extended(withFile: path)
        #expect(extended.section(forPageName: "反腐观察", pageNumber: "4").slug == "discipline")
        #expect(extended.section(forPageName: "平凉之窗", pageNumber: "3").slug == "city")
        #expect(extended.section(forPageName: "城事·三区", pageNumber: "7").slug == "city")
        #expect(extended.slugs.last == "discipline")
        #expect(taxonomy.section(forPageName: "平凉之窗", pageNumber: "3").slug == "local")
    }

    @Test func userCuesComeFirst() throws {
        let path = try temporaryFile("""
            {"sections": [{"slug": "discipline", "name": "纪检", "description": "Party discipline"}],
             "cues": [{"slug": "discipline", "weight": 9, "terms": ["纪委", "监委"]}]}
            """)
        let article = ParsedArticle(page: PageRef(number: "4", name: nil), title: "区纪委监委通报两起典型问题", paragraphs: ["两名干部受到处分。"])
        // The bundled file has no topic cues any more: without a topic, nothing decides.
        #expect(taxonomy.section(for: article).slug == "other")
        let section = try taxonomy.extended(withFile: path).section(for: article)
        #expect(section.slug == "discipline")
        #expect(section.source == .content)
        #expect(section.evidence == [SectionEvidence(field: "title", term: "纪委", count: 1), SectionEvidence(field: "title", term: "监委", count: 1)])
    }

    @Test func badFilesNameTheFileAndTheProblem() throws {
        let broken = try temporaryFile("{\"rules\": [")
        let error = #expect(throws: ClassifierDataError.self) { try taxonomy.extended(withFile: broken) }
        #expect(error?.file == broken)
        #expect(error?.description.contains("invalid JSON") == true)

        let unknownSlug = try temporaryFile(#"{"rules": [{"match": "exact", "pattern": "x", "slug": "nope", "priority": 1}]}"#)
        let slugError = #expect(throws: ClassifierDataError.self) { try taxonomy.extended(withFile: unknownSlug) }
        #expect(slugError?.description.contains("unknown slug \"nope\"") == true)

        let badKind = #expect(throws: ClassifierDataError.self) {
            try SectionTaxonomy(json: Array(#"{"sections": [{"slug": "other", "name": "其他"}], "rules": [{"match": "regex", "pattern": "x", "slug": "other", "priority": 1}]}"#.utf8))
        }
        #expect(badKind?.description.contains("rules[0].match") == true)

        let unknownCueSlug = try temporaryFile(#"{"cues": [{"slug": "nope", "weight": 1, "terms": ["x"]}]}"#)
        let cueError = #expect(throws: ClassifierDataError.self) { try taxonomy.extended(withFile: unknownCueSlug) }
        #expect(cueError?.description.contains("cues[0] names the unknown slug \"nope\"") == true)

        let emptyTerm = try temporaryFile(#"{"cues": [{"slug": "law", "weight": 1, "terms": ["法院", " "]}]}"#)
        let termError = #expect(throws: ClassifierDataError.self) { try taxonomy.extended(withFile: emptyTerm) }
        #expect(termError?.description.contains("cues[0].terms[1] is empty") == true)

        let zeroWeight = try temporaryFile(#"{"cues": [{"slug": "law", "weight": 0, "terms": ["法院"]}]}"#)
        let weightError = #expect(throws: ClassifierDataError.self) { try taxonomy.extended(withFile: zeroWeight) }
        #expect(weightError?.description.contains("positive number") == true)

        let missing = #expect(throws: ClassifierDataError.self) { try taxonomy.extended(withFile: "/nonexistent/sections.json") }
        #expect(missing?.description.contains("does not exist") == true)
    }
}

/// Writes `contents` to a fresh file in the temporary directory and returns its path.
func temporaryFile(_ contents: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pageclassify-\(UUID().uuidString).json")
    try Data(contents.utf8).write(to: url)
    return url.path
}

/// How content classification treats an article's fields.
@Suite struct SectionCueTests {
    let taxonomy: SectionTaxonomy

    init() throws {
        taxonomy = try SectionTaxonomy.bundled()
    }

    /// A recognised page name decides even when the text speaks for another section.
    @Test func pageNameWinsOverText() {
        let article = ParsedArticle(page: PageRef(number: "6", name: "体育"), title: "法院审理一起球员合同纠纷", paragraphs: ["法院一审判决俱乐部支付欠薪。"])
        #expect(taxonomy.section(for: article).slug == "sports")
        #expect(taxonomy.section(for: article).source == .page)
    }

    /// A byline the parser left as the first paragraph counts as the byline; the same words deep
    /// in the body (a report quoting an editorial) count as body text.
    @Test func shortFirstParagraphIsReadAsTheByline() {
        let body = ["全市今年新建改建菜场二十座。", "菜场周边道路也同步整治。"]
        let byline = ParsedArticle(page: PageRef(number: "3", name: nil), title: "菜场改造惠及百姓", paragraphs: ["□ 本报评论员"] + body)
        #expect(taxonomy.section(for: byline).slug == "opinion")
        #expect(taxonomy.section(for: byline).evidence.first == SectionEvidence(field: "authors", term: "本报评论员", count: 1))
        let parsed = ParsedArticle(page: PageRef(number: "3", name: nil), title: "菜场改造惠及百姓", authors: ["本报评论员"], paragraphs: body)
        #expect(taxonomy.section(for: parsed).slug == "opinion")
    }

    /// Text that speaks for two sections about equally decides nothing: 时评 (opinion, 8 × title 3 = 24)
    /// against 遗失声明 and 特此声明 (ads, 2 × 5 × 3 = 30) is no 1.5× lead.
    @Test func aCloseCallIsOther() {
        let article = ParsedArticle(page: PageRef(number: "9", name: nil), title: "时评 遗失声明 特此声明", paragraphs: [])
        #expect(taxonomy.contentScores(of: article).count == 2)
        #expect(taxonomy.section(for: article) == Section(slug: "other", name: "其他", source: .none))
    }

    /// Only the lead of a long body is read: a cue after the first 1,500 bytes does not count.
    @Test func onlyTheLeadOfALongBodyIsRead() {
        let filler = String(repeating: "今天天气很好。", count: 30)  // 630 bytes, no cue
        let late = ParsedArticle(title: "一篇报道", paragraphs: [filler, filler, filler, "编者按：这是一组来稿。"])
        #expect(taxonomy.contentScores(of: late).isEmpty)
        let early = ParsedArticle(title: "一篇报道", paragraphs: [filler, "编者按：这是一组来稿。", filler])
        #expect(taxonomy.contentScores(of: early).first?.slug == "opinion")
    }

    @Test func repeatedBodyCueCountsAtMostThreeTimes() {
        let repeated = ParsedArticle(title: "一篇报道", paragraphs: Array(repeating: "笔者", count: 10).map { "\($0)以为今天和昨天一样忙。" })
        let scores = taxonomy.contentScores(of: repeated)
        #expect(scores.first?.slug == "opinion")
        #expect(scores.first?.score == 9.0, "weight 3 × body 1 × at most 3")
        #expect(taxonomy.section(for: repeated).evidence == [SectionEvidence(field: "body", term: "笔者", count: 10)])
    }

    /// When the page does not decide, a confident topic names the section, with its probability as
    /// evidence; a byline cue still wins, with the topic beside it; an unsure topic leaves `other`.
    @Test func topicDecidesWhenThePageDoesNot() {
        let article = ParsedArticle(page: PageRef(number: "9", name: "旅游报09版"), title: "一篇报道", paragraphs: ["今天天气很好。"])
        let sure = Topic(slug: "economy", p: 0.81, runnerUp: TopicAlternative(slug: "tech", p: 0.1), model: "m")
        #expect(taxonomy.section(for: article, topic: sure, topicThreshold: 0.25)
            == Section(slug: "economy", name: "旅游报09版", source: .content, evidence: [SectionEvidence(field: "topic", term: "economy", count: 1, p: 0.81)]))
        let unsure = Topic(slug: "economy", p: 0.2, runnerUp: TopicAlternative(slug: "tech", p: 0.19), model: "m")
        #expect(taxonomy.section(for: article, topic: unsure, topicThreshold: 0.25) == Section(slug: "other", name: "旅游报09版", source: .none))
        var byline = article
        byline.authors = ["本报评论员"]
        let opinion = taxonomy.section(for: byline, topic: sure, topicThreshold: 0.25)
        #expect(opinion.slug == "opinion")
        #expect(opinion.evidence == [SectionEvidence(field: "authors", term: "本报评论员", count: 1), SectionEvidence(field: "topic", term: "economy", count: 1, p: 0.81)])
        // A page rule still decides first.
        byline.page = PageRef(number: "5", name: "体育")
        #expect(taxonomy.section(for: byline, topic: sure, topicThreshold: 0.25).source == .page)
    }
}

/// The topics `articles.<slug>` are created up front by the local broker (a list of its own) and by
/// Compose (`pagepipe topics apply`, which plans them from the taxonomy); a slug missing there would
/// leave its articles to topic auto-creation, or fail where that is off.
@Suite struct SectionTopicListTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theLocalBrokerCreatesATopicForEverySlug() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Tools/broker"), encoding: .utf8)
        // `for slug in front news …; do`
        let brokerSlugs = text.split(separator: "\n").first { $0.hasPrefix("for slug in ") }
            .map { $0.dropFirst("for slug in ".count).split(separator: ";")[0].split(separator: " ").map(String.init) } ?? []
        for slug in try SectionTaxonomy.bundled().slugs {
            #expect(brokerSlugs.contains(slug), "Tools/broker creates no topic articles.\(slug)")
        }
    }

    @Test func composeCreatesTopicsFromTheTaxonomy() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Deploy/compose.yaml"), encoding: .utf8)
        #expect(text.contains(#"command: ["topics", "apply""#), "Deploy/compose.yaml should create topics with pagepipe topics apply")
    }
}
