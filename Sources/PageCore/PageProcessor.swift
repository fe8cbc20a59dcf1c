#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    public static let parserVersion = "1.2.0"

    public let decoder: BlobDecoder
    public let parser: PageParser
    public let sections: SectionTaxonomy
    public let districts: DistrictClassifier
    public let topics: TopicModel
    /// Shared by every copy of this processor, so by every lane that uses it.
    public let largePages: LargePageGate
    /// `PageCoreConfiguration.maxPageDuration`: each `process` call's deadline is this long after
    /// its work starts.
    public let maxPageDuration: Duration

    public init(configuration: PageCoreConfiguration = PageCoreConfiguration()) throws(ClassifierDataError) {
        var sections = try SectionTaxonomy.bundled()
        if let file = configuration.sectionsFile { sections = try sections.extended(withFile: file) }
        var gazetteer = try Gazetteer.bundled()
        if let file = configuration.gazetteerFile { gazetteer = try gazetteer.extended(withFile: file) }
        self.decoder = BlobDecoder(limits: configuration.limits)
        self.parser = PageParser(limits: configuration.parseLimits)
        self.sections = sections
        self.districts = DistrictClassifier(gazetteer: gazetteer)
        self.largePages = LargePageGate(
            smallPageBytes: configuration.smallPageBytes, largePages: configuration.largePages, afterLargePage: configuration.afterLargePage)
        self.maxPageDuration = configuration.maxPageDuration
        if let file = configuration.topicModelFile {
            self.topics = try TopicModel(contentsOfFile: file)
        } else {
            self.topics = try TopicModel.bundled()
        }
    }

    /// Turns one raw page into its events (one article event, or one page event for a node page).
    public func process(_ blob: UnsafeRawBufferPointer, hints: BlobHints, source: EventSource) throws(PageError) -> [PagepipeEvent] {
        var timings = StageTimings()
        return try process(blob, hints: hints, source: source, timings: &timings)
    }

    public func process(_ blob: [UInt8], hints: BlobHints, source: EventSource) throws(PageError) -> [PagepipeEvent] {
        var timings = StageTimings()
        return try process(blob, hints: hints, source: source, timings: &timings)
    }

    /// The same, also saying how long each stage took (for the worker's metrics).
    public func process(
        _ blob: [UInt8], hints: BlobHints, source: EventSource, timings: inout StageTimings
    ) throws(PageError) -> [PagepipeEvent] {
        let result: Result<[PagepipeEvent], PageError> = blob.withUnsafeBytes { bytes in
            Result { () throws(PageError) in try process(bytes, hints: hints, source: source, timings: &timings) }
        }
        return try result.get()
    }

    public func process(
        _ blob: UnsafeRawBufferPointer, hints: BlobHints, source: EventSource, timings: inout StageTimings
    ) throws(PageError) -> [PagepipeEvent] {
        let clock = ContinuousClock()
        let started = clock.now
        // The budget is for the page's own work: a large page's starts once it holds its permit,
        // so waiting behind another large page does not spend it.
        var deadline = PageDeadline(instant: started.advanced(by: maxPageDuration))
        // A large page keeps its permit until its events are built (see `LargePageGate`).
        var holdsPermit = blob.count > largePages.smallPageBytes
        if holdsPermit {
            largePages.acquire()
            deadline = PageDeadline(after: maxPageDuration)
        }
        defer { if holdsPermit { largePages.release() } }
        var decoded: DecodedPage
        do {
            if holdsPermit {
                decoded = try decoder.decode(blob, hints: hints)
            } else {
                var small = decoder
                small.limits.maxInflatedBytes = min(decoder.limits.maxInflatedBytes, largePages.smallPageBytes)
                do {
                    decoded = try small.decode(blob, hints: hints)
                } catch where error.reason == .inflateTooLarge && decoder.limits.maxInflatedBytes > largePages.smallPageBytes {
                    largePages.acquire()
                    holdsPermit = true
                    deadline = PageDeadline(after: maxPageDuration)
                    decoded = try decoder.decode(blob, hints: hints)
                }
            }
        } catch { throw PageError(error) }
        timings.decode = started.duration(to: clock.now)
        return try process(text: decoded.text, source: source, deadline: deadline, timings: &timings)
    }

    /// How many pages to process at once when the user does not say: one per online core.
    /// `pagepipe parse` and the worker's lanes both start from it.
    public static var defaultConcurrency: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Parses and classifies an already decoded page.
    public func process(text: String, source: EventSource) throws(PageError) -> [PagepipeEvent] {
        var timings = StageTimings()
        return try process(text: text, source: source, timings: &timings)
    }

    public func process(text: String, source: EventSource, timings: inout StageTimings) throws(PageError) -> [PagepipeEvent] {
        try process(text: text, source: source, deadline: PageDeadline(after: maxPageDuration), timings: &timings)
    }

    /// Parses and classifies, failing as `parse/tooSlow` once `deadline` passes (checked inside
    /// the long loops and between the stages).
    private func process(text: String, source: EventSource, deadline: PageDeadline, timings: inout StageTimings) throws(PageError) -> [PagepipeEvent] {
        let clock = ContinuousClock()
        let started = clock.now
        let page: ParsedPage
        do { try deadline.check("decoding the blob") } catch { throw PageError(ParseError(error)) }
        do { page = try parser.parse(text, deadline: deadline) } catch { throw PageError(error) }
        let parsed = clock.now
        timings.parse = started.duration(to: parsed)
        defer { timings.classify = parsed.duration(to: clock.now) }
        do { return try classified(page, source: source, deadline: deadline) } catch { throw PageError(ParseError(error)) }
    }

    private func classified(_ page: ParsedPage, source: EventSource, deadline: PageDeadline) throws(PageDeadline.Passed) -> [PagepipeEvent] {
        switch page {
        case .article(var article):
            if article.paper == nil { article.paper = Self.paper(servedAt: source) }
            let topic = topics.topic(of: article)
            let section = sections.section(for: article, topic: topic, topicThreshold: topics.header.sectionThreshold)
            let places = try districts.classify(article, deadline: deadline)
            return [.article(ArticleEvent(article: article, section: section, topic: topic, places: places, source: source, parserVersion: Self.parserVersion))]
        case .node(var node):
            if node.paper == nil { node.paper = Self.paper(servedAt: source) }
            let section = sections.section(forPageName: node.page.name, pageNumber: node.page.number)
            return [.page(PageEvent(node: node, section: section, source: source, parserVersion: Self.parserVersion))]
        }
    }

    /// A page that names its paper nowhere (an article region kept without head or footer) is
    /// still known by the address the crawler fetched it from: the `source-url` header's host.
    private static func paper(servedAt source: EventSource) -> String? {
        guard case .kafka(_, _, _, _, let sourceURL?) = source else { return nil }
        return PaperHosts.paper(forURL: sourceURL)
    }
}

/// How long each stage of one `PageProcessor.process` call took; zero for a stage not reached.
public struct StageTimings: Sendable {
    public var decode: Duration = .zero
    public var parse: Duration = .zero
    public var classify: Duration = .zero

    public init() {}
}
