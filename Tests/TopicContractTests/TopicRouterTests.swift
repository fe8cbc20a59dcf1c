import PageModel
@testable import PageWorker
import Testing
import TopicContract

@Suite struct TopicRouterTests {
    func article(section: String, district: DistrictScore?) -> PagepipeEvent {
        let parsed = ParsedArticle(paper: "杨浦时报", date: "2013-06-27", page: PageRef(number: "7", name: "城事·三区"), title: "t")
        // The town scores best, but topics route by the county-level division.
        let places = PlaceClassification(districts: district.map { [town, $0] } ?? [], district: district, locality: district.map { _ in town })
        return .article(ArticleEvent(
            article: parsed, section: Section(slug: section, name: "城事·三区", source: .page), places: places,
            source: .file(path: "x"), parserVersion: "1"))
    }

    let town = DistrictScore(name: "五角场镇", level: .town, parent: "杨浦区", code: "310110101", mentions: 3, score: 9, evidence: [])
    let county = DistrictScore(name: "杨浦区", level: .district, parent: "上海市", prefecture: "上海市", province: "上海市", code: "310110", mentions: 1, score: 6, evidence: [])

    @Test func defaultRoutesArticlesToAllAndPerSectionTopics() {
        #expect(TopicRouter().topics(for: article(section: "city", district: county)) == ["articles", "articles.city"])
    }

    @Test func templatesAndSuffix() {
        let router = TopicRouter(articleTopics: ["by-district.{district_code}", "daily.{paper_date}"], topicSuffix: ".v2")
        #expect(router.topics(for: article(section: "city", district: county)) == ["by-district.310110.v2", "daily.20130627.v2"])
        #expect(router.topics(for: article(section: "city", district: nil)) == ["by-district.none.v2", "daily.20130627.v2"])
        #expect(router.resolvedDeadLetterTopic == "pages.dlq.v2")
    }

    @Test func pageEventsGoToThePageTopics() {
        let node = ParsedNodePage(paper: "p", date: nil, page: PageRef(number: "1", name: "要闻"), articles: [])
        let event = PagepipeEvent.page(PageEvent(node: node, section: Section(slug: "news", name: "要闻", source: .page), source: .file(path: "x"), parserVersion: "1"))
        #expect(TopicRouter().topics(for: event) == ["pages.index"])
    }

    @Test func allTopicsExpandsSections() {
        #expect(TopicRouter().allTopics(sectionSlugs: ["city", "news"]) == ["articles", "articles.city", "articles.news", "pages.index", "pages.dlq"])
    }

    @Test func unknownPlaceholdersAndLoneBracesStayLiteral() {
        let router = TopicRouter(articleTopics: ["{sect}.{section}{", "{section}{section}", "{"])
        #expect(router.topics(for: article(section: "city", district: nil)) == ["{sect}.city{", "citycity", "{"])
    }

    @Test func changedTemplatesAndSuffixApplyToTheNextEvent() {
        var router = TopicRouter()
        router.articleTopics = ["by-section.{section}.{paper_date}"]
        router.topicSuffix = ".v3"
        #expect(router.topics(for: article(section: "city", district: town)) == ["by-section.city.20130627.v3"])
        #expect(router.allTopics(sectionSlugs: ["city"]) == ["pages.index.v3", "pages.dlq.v3"])
    }
}
