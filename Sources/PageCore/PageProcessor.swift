import Glibc
import PageClassify
import PageDecode
import PageModel
import PageParse

/// The page core in one call: raw blob → decode → parse → classify → events.
///
/// Immutable and `Sendable`: one instance serves every pipeline thread. It knows nothing of Kafka;
/// the caller says where the blob came from through `EventSource`.
public struct PageProcessor: Sendable {
    /// Stamped on every event. Bump it when parsing or classification output changes, so replayed
    /// events can be told from the ones they supersede.
    public static let parserVersion = "1.1.0"

    public let decoder: BlobDecoder
    public let parser: PageParser
    public let sections: SectionTaxonomy
    public let districts: DistrictClassifier

    public init(configuration: PageCoreConfiguration = PageCoreConfiguration()) throws(ClassifierDataError) {
        var sections = try SectionTaxonomy.bundled()
        if let file = configuration.sectionsFile { sections = try sections.extended(withFile: file) }
        var gazetteer = try Gazetteer.bundled()
        if let file = configuration.gazetteerFile { gazetteer = try gazetteer.extended(withFile: file) }
        self.decoder = BlobDecoder(limits: configuration.limits)
        self.parser = PageParser(limits: configuration.parseLimits)
        self.sections = sections
        self.districts = DistrictClassifier(gazetteer: gazetteer)
    }

    /// Turns one raw page into its events (one article event, or one page event for a node page).
    public func process(_ blob: UnsafeRawBufferPointer, hints: BlobHints, source: EventSource) throws(PageError) -> [PagepipeEvent] {
        let decoded: DecodedPage
        do { decoded = try decoder.decode(blob, hints: hints) } catch { throw PageError(error) }
        return try process(text: decoded.text, source: source)
    }

    public func process(_ blob: [UInt8], hints: BlobHints, source: EventSource) throws(PageError) -> [PagepipeEvent] {
        let decoded: DecodedPage
        do { decoded = try decoder.decode(blob, hints: hints) } catch { throw PageError(error) }
        return try process(text: decoded.text, source: source)
    }

    /// How many pages to process at once when the user does not say: one per online core.
    /// `pagepipe parse` and the worker's lanes both start from it.
    public static var defaultConcurrency: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Parses and classifies an already decoded page.
    public func process(text: String, source: EventSource) throws(PageError) -> [PagepipeEvent] {
        let page: ParsedPage
        do { page = try parser.parse(text) } catch { throw PageError(error) }
        switch page {
        case .article(let article):
            let section = sections.section(forPageName: article.page?.name, pageNumber: article.page?.number)
            let places = districts.classify(article)
            return [.article(ArticleEvent(article: article, section: section, places: places, source: source, parserVersion: Self.parserVersion))]
        case .node(let node):
            let section = sections.section(forPageName: node.page.name, pageNumber: node.page.number)
            return [.page(PageEvent(node: node, section: section, source: source, parserVersion: Self.parserVersion))]
        }
    }
}
