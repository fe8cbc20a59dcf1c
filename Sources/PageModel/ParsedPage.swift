/// What the parser read from one page, before classification. Produced by `PageParse`,
/// consumed by `PageClassify` and `PageCore`.
public enum ParsedPage: Sendable, Equatable {
    /// An article page (`content_N.htm` or its plain-text rendering).
    case article(ParsedArticle)
    /// A node page (`node_N.htm`): one printed page and the list of its articles.
    case node(ParsedNodePage)
}

/// One article as printed on its page.
public struct ParsedArticle: Sendable, Equatable {
    /// The paper's name, e.g. `杨浦时报`; nil when the page does not say.
    public var paper: String?
    /// Publication date as `YYYY-MM-DD`; nil when the page does not say.
    public var date: String?
    /// The printed page the article is on.
    public var page: PageRef?
    /// 引题: the line above the title, nil when absent.
    public var kicker: String?
    public var title: String
    /// 副题: nil when absent.
    public var subtitle: String?
    /// Author names only (`■记者 毛海萍` → `["毛海萍"]`).
    public var authors: [String]
    /// Body paragraphs in order, trimmed, without byline, navigation, page lists or sub-headings.
    public var paragraphs: [String]
    /// In-body headings (`共联:联席会+分会+小组`).
    public var subheadings: [String]
    /// The edition's page list when the page shows it.
    public var edition: [PageRef]
    /// Titles of the articles listed for this printed page.
    public var pageArticles: [String]
    /// The article's own id when the page states it (`<paperarticleid>`, `<articleid>`, the
    /// enpproperty `<url>`), as `ContentID` spells it.
    public var contentID: String?
    /// The article's address when the page states it (enpproperty `<url>`).
    public var url: String?

    public init(
        paper: String? = nil, date: String? = nil, page: PageRef? = nil, kicker: String? = nil,
        title: String, subtitle: String? = nil, authors: [String] = [], paragraphs: [String] = [],
        subheadings: [String] = [], edition: [PageRef] = [], pageArticles: [String] = [],
        contentID: String? = nil, url: String? = nil
    ) {
        self.paper = paper
        self.date = date
        self.page = page
        self.kicker = kicker
        self.title = title
        self.subtitle = subtitle
        self.authors = authors
        self.paragraphs = paragraphs
        self.subheadings = subheadings
        self.edition = edition
        self.pageArticles = pageArticles
        self.contentID = contentID
        self.url = url
    }
}

/// A link from a node page to one of its articles.
public struct ArticleLink: Sendable, Hashable {
    public var title: String
    /// The link as written in the page (`content_401862.htm`, `nw.D110000renmrb_20171016_1-01.htm`).
    public var href: String
    /// The article's id read from `href` (`content_401862`), nil when the link names none.
    public var contentID: String?

    public init(title: String, href: String) {
        self.title = title
        self.href = href
        self.contentID = ContentID.inLink(href)
    }
}

/// One printed page read from its node page.
public struct ParsedNodePage: Sendable, Equatable {
    public var paper: String?
    public var date: String?
    public var page: PageRef
    /// This page's articles in page order, one per content id, without boxes that link other
    /// pages' articles.
    public var articles: [ArticleLink]
    /// The edition's page list when the page shows it.
    public var edition: [PageRef]

    public init(paper: String?, date: String?, page: PageRef, articles: [ArticleLink], edition: [PageRef] = []) {
        self.paper = paper
        self.date = date
        self.page = page
        self.articles = articles
        self.edition = edition
    }
}
