import PageDecode
import PageModel

/// Ground truth for one generated page: what a correct decoder, parser and classifier should find.
public struct CorpusExpectation: Sendable, Equatable {
    public enum Kind: String, Sendable { case article, node, broken }

    public enum BrokenReason: String, Sendable, CaseIterable {
        /// A gzip blob cut short: decoding must fail with `.truncated`.
        case truncatedGzip = "truncated_gzip"
        /// Random bytes: decoding must fail with `.binary` (or `.undecodable`).
        case binaryGarbage = "binary_garbage"
        /// An article page whose title is empty everywhere: parsing must reject it.
        case missingTitle = "missing_title"
        /// A page declaring the wrong charset: decoding must still recover the text from the bytes.
        case wrongCharset = "wrong_charset"
    }

    public var index: Int
    public var fileName: String
    public var kind: Kind
    public var format: CorpusFormat
    public var brokenReason: BrokenReason?
    public var compression: BlobCompression
    /// The charset the bytes are really in (not what they declare).
    public var charset: PageCharset
    /// The charset label the page or its header declares; nil when none.
    public var declaredCharset: String?
    public var paper: String
    public var paperSlug: String
    /// `YYYY-MM-DD`
    public var date: String
    /// The page number normalised like `PageRef.number` (`7`); nil when the format does not show it.
    public var pageNumber: String?
    public var pageName: String?
    /// The article's title; nil for node pages, binary garbage and the no-title page.
    public var title: String?
    public var kicker: String?
    public var subtitle: String?
    public var authors: [String]
    public var paragraphCount: Int
    public var subheadings: [String]
    /// The division the article is about (`五角场镇`, `杨浦区`); nil for node pages.
    public var primaryDistrict: String?
    public var primaryDistrictLevel: DivisionLevel?
    /// The district containing `primaryDistrict` (itself when it is a district).
    public var primaryDistrictParent: String?
    /// Divisions named once in passing; a classifier must not prefer them.
    public var passingDistricts: [String]
    /// Titles of this printed page's articles, in page order.
    public var pageArticleTitles: [String]
    /// `content_N` of each of this printed page's articles, parallel to `pageArticleTitles`.
    public var pageArticleContentIDs: [String]
    /// The article's own `content_N` (its file name, and `<articleid>` on web-CMS pages); nil for node pages.
    public var contentID: String?
    /// The edition's page list when the page shows it.
    public var edition: [PageRef]
    /// How much of the title list a node page's image map covers; nil for other pages.
    public var imageMap: ImageMapCoverage? = nil
    /// The name of the page the article was planned for, even when the format does not show it (an
    /// article region): its editors' section, to measure what text alone can tell. Not in the manifest.
    public var plannedPageName: String? = nil

    public enum ImageMapCoverage: String, Sendable {
        /// One area per article.
        case full
        /// Areas for some articles only: the title list has the rest.
        case partial
        /// Every article, one of them twice.
        case repeated

        init(_ mapped: [Int], articles: Int) {
            self = Set(mapped).count < articles ? .partial : mapped.count > articles ? .repeated : .full
        }
    }
}
