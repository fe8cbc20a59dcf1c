/// Versioned event kinds published by pagepipe. The wire form is documented in
/// `Protocols/article-event.v1.schema.json` and `Protocols/page-event.v1.schema.json`.
public enum EventSchema {
    public static let article = "pagepipe.article/v1"
    public static let page = "pagepipe.page/v1"
}

/// One article, parsed and classified: `pagepipe.article/v1`.
public struct ArticleEvent: Sendable, Equatable {
    /// See `EventID` for the rule.
    public var id: String
    /// The article's own id (`content_548643`) from the page or its `source-url`; nil when neither names one.
    public var contentID: String?
    /// See `ContentHash`: equal for a redelivery, different for a corrected re-crawl.
    public var contentHash: String
    public var paper: String?
    public var date: String?
    public var page: PageRef?
    public var section: Section
    /// What the article is about, from its own text; nil only when no topic model was given.
    public var topic: Topic?
    public var kicker: String?
    public var title: String
    public var subtitle: String?
    public var authors: [String]
    public var paragraphs: [String]
    public var subheadings: [String]
    /// Every division the article is about, any level, best first.
    public var districts: [DistrictScore]
    /// The primary county-level division's name (`杨浦区`), or nil.
    public var district: String?
    /// Its statistics code (`310110`), for `{district_code}` topic templates.
    public var districtCode: String?
    /// The primary town-level division's name inside `district` (`五角场镇`), or nil.
    public var locality: String?
    /// The province of the article's place (`上海市`), by `ArticleProvince`'s rule; for counting by
    /// province, not part of the wire form (each `districts` entry has its own).
    public var province: String? { ArticleProvince.of(district: district, districts: districts) }
    public var edition: [PageRef]
    public var pageArticles: [String]
    public var source: EventSource
    public var parserVersion: String

    public init(
        article: ParsedArticle, section: Section, topic: Topic? = nil, places: PlaceClassification, source: EventSource,
        parserVersion: String
    ) {
        let url = article.url ?? source.sourceURL
        let contentID = article.contentID ?? url.flatMap(ContentID.inLink)
        let contentHash = ContentHash.of(title: article.title, paragraphs: article.paragraphs, subheadings: article.subheadings)
        self.id = EventID.article(
            publisher: article.paper ?? url.flatMap(ContentID.host(ofURL:)), date: article.date, contentID: contentID,
            page: article.page?.number, title: article.title, contentHash: contentHash)
        self.contentID = contentID
        self.contentHash = contentHash
        self.paper = article.paper
        self.date = article.date
        self.page = article.page
        self.section = section
        self.topic = topic
        self.kicker = article.kicker
        self.title = article.title
        self.subtitle = article.subtitle
        self.authors = article.authors
        self.paragraphs = article.paragraphs
        self.subheadings = article.subheadings
        self.districts = places.districts
        self.district = places.district?.name
        self.districtCode = places.district?.code
        self.locality = places.locality?.name
        self.edition = article.edition
        self.pageArticles = article.pageArticles
        self.source = source
        self.parserVersion = parserVersion
    }
}

/// One printed page and its article list: `pagepipe.page/v1`.
public struct PageEvent: Sendable, Equatable {
    public var id: String
    public var paper: String?
    public var date: String?
    public var page: PageRef
    public var section: Section
    public var articles: [ArticleLink]
    public var edition: [PageRef]
    public var source: EventSource
    public var parserVersion: String

    public init(node: ParsedNodePage, section: Section, source: EventSource, parserVersion: String) {
        self.id = EventID.page(
            publisher: node.paper ?? source.sourceURL.flatMap(ContentID.host(ofURL:)), date: node.date,
            page: node.page.number ?? "", articles: node.articles.map { $0.contentID ?? $0.href })
        self.paper = node.paper
        self.date = node.date
        self.page = node.page
        self.section = section
        self.articles = node.articles
        self.edition = node.edition
        self.source = source
        self.parserVersion = parserVersion
    }
}

/// Either kind of event, as the page core hands them to a sink.
public enum PagepipeEvent: Sendable, Equatable {
    case article(ArticleEvent)
    case page(PageEvent)

    public var id: String {
        switch self {
        case .article(let event): event.id
        case .page(let event): event.id
        }
    }

    public var schema: String {
        switch self {
        case .article: EventSchema.article
        case .page: EventSchema.page
        }
    }
}
