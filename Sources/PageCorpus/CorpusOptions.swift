/// What to generate. Fractions are shares of all pages and are met closely even for small counts (the
/// generator spreads each decision with a low-discrepancy sequence rather than independent coin flips).
public struct CorpusOptions: Sendable {
    /// How many pages.
    public var count: Int
    /// Same seed, same bytes, on any machine.
    public var seed: UInt64
    /// Share of deliberately broken blobs (truncated gzip, binary garbage, no title, wrong charset).
    /// Default: 0.
    public var brokenFraction: Double
    /// Share of blobs stored compressed (mostly gzip, some zlib, a few raw deflate). Default: 0.7.
    public var compressedFraction: Double
    /// Share of pages encoded in GBK (HTML ones declare gb2312/gbk). Default: 0.5.
    public var gbkFraction: Double
    /// Relative weights of the four page formats. Default: 4 : 2 : 2 : 2.
    public var formats: FormatMix

    public init(
        count: Int, seed: UInt64, brokenFraction: Double = 0, compressedFraction: Double = 0.7,
        gbkFraction: Double = 0.5, formats: FormatMix = FormatMix()
    ) {
        self.count = count
        self.seed = seed
        self.brokenFraction = brokenFraction
        self.compressedFraction = compressedFraction
        self.gbkFraction = gbkFraction
        self.formats = formats
    }
}

/// Relative weights of the page formats; they need not sum to 1. All zero means founder articles only.
public struct FormatMix: Sendable, Equatable {
    public var founderArticle: Double
    public var webCMSArticle: Double
    public var nodePage: Double
    public var plainText: Double
    public var articleRegion: Double

    public init(
        founderArticle: Double = 4, webCMSArticle: Double = 2, nodePage: Double = 2, plainText: Double = 2, articleRegion: Double = 2
    ) {
        self.founderArticle = founderArticle
        self.webCMSArticle = webCMSArticle
        self.nodePage = nodePage
        self.plainText = plainText
        self.articleRegion = articleRegion
    }

    /// The format whose share of the cumulative weights contains `unit` (in `[0, 1)`).
    func format(at unit: Double) -> CorpusFormat {
        let weights = [founderArticle, webCMSArticle, nodePage, plainText, articleRegion].map { max(0, $0) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return .founderArticle }
        var cumulative = 0.0
        for (format, weight) in zip(CorpusFormat.allCases, weights) {
            cumulative += weight / total
            if unit < cumulative { return format }
        }
        return .articleRegion
    }
}

/// The page formats the generator writes: the ones the parsers read (README "What is read from where").
public enum CorpusFormat: String, Sendable, CaseIterable {
    case founderArticle = "founder_article"
    case webCMSArticle = "webcms_article"
    case nodePage = "node_page"
    case plainText = "plain_text"
    /// An article page's `div#scroller` alone, as crawlers keep it: no head, byline in the body.
    case articleRegion = "article_region"
}
