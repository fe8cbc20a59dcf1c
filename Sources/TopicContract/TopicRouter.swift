import PageModel

/// Where each event goes. Topic names are templates so users can route differently without code:
/// `{section}` is the section slug, `{district_code}` the primary county-level division's 6-digit code (or `none`),
/// `{paper_date}` the page's date with dashes removed (or `undated`). Every rendered name is then
/// suffixed with `topicSuffix`, which is how a reprocessing run writes `articles.v2` beside `articles`.
public struct TopicRouter: Sendable, Equatable {
    /// Templates every article event is published to. Default: `articles`, `articles.{section}`.
    public var articleTopics: [String] { didSet { articleTemplates = articleTopics.map(TopicTemplate.init) } }
    /// Templates every page event is published to. Default: `pages.index`.
    public var pageTopics: [String] { didSet { pageTemplates = pageTopics.map(TopicTemplate.init) } }
    /// Where pages that cannot be processed go, unchanged. Default: `pages.dlq`.
    public var deadLetterTopic: String
    /// Appended to every output topic, including the dead-letter topic. Default: empty.
    public var topicSuffix: String
    private var articleTemplates: [TopicTemplate]
    private var pageTemplates: [TopicTemplate]

    public init(
        articleTopics: [String] = ["articles", "articles.{section}"], pageTopics: [String] = ["pages.index"],
        deadLetterTopic: String = "pages.dlq", topicSuffix: String = ""
    ) {
        self.articleTopics = articleTopics
        self.pageTopics = pageTopics
        self.deadLetterTopic = deadLetterTopic
        self.topicSuffix = topicSuffix
        self.articleTemplates = articleTopics.map(TopicTemplate.init)
        self.pageTemplates = pageTopics.map(TopicTemplate.init)
    }

    public var resolvedDeadLetterTopic: String { deadLetterTopic + topicSuffix }

    /// The topics one event goes to, without duplicates, in template order.
    public func topics(for event: PagepipeEvent) -> [String] {
        var result: [String] = []
        switch event {
        case .article(let article):
            let code = article.districtCode ?? "none"
            for template in articleTemplates {
                let topic = render(template, section: article.section.slug, districtCode: code, date: article.date)
                if !result.contains(topic) { result.append(topic) }
            }
        case .page(let page):
            for template in pageTemplates {
                let topic = render(template, section: page.section.slug, districtCode: "none", date: page.date)
                if !result.contains(topic) { result.append(topic) }
            }
        }
        return result
    }

    /// Every topic the router can write for the given section slugs (for creating topics up front).
    public func allTopics(sectionSlugs: [String]) -> [String] {
        var result: [String] = []
        for template in articleTemplates + pageTemplates {
            if template.uses(.districtCode) || template.uses(.paperDate) { continue }
            let slugs = template.uses(.section) ? sectionSlugs : [""]
            for slug in slugs {
                let topic = render(template, section: slug, districtCode: "", date: nil)
                if !result.contains(topic) { result.append(topic) }
            }
        }
        result.append(resolvedDeadLetterTopic)
        return result
    }

    /// Templates whose topics cannot be listed in advance (`{district_code}`, `{paper_date}`), with
    /// the suffix, placeholders kept: `topics plan` names them and provisions none.
    public var unlistedTemplates: [String] {
        (articleTopics + pageTopics).filter { template in
            let parts = TopicTemplate(template)
            return parts.uses(.districtCode) || parts.uses(.paperDate)
        }.map { $0 + topicSuffix }
    }

    private func render(_ template: TopicTemplate, section: String, districtCode: String, date: String?) -> String {
        let topic = template.render(section: section, districtCode: districtCode, date: date)
        return topicSuffix.isEmpty ? topic : topic + topicSuffix
    }
}
