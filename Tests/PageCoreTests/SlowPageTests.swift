import PageCore
import PageCorpus
import PageDecode
import PageModel
import PageParse
import Testing

/// The small pages of issue 18 that kept a lane busy for 7 to 69 s: each must now give its event
/// or fail as `tooSlow` within the per-page budget, and its event must keep to `EventCaps`.
@Suite struct SlowPageTests {
    static let pages = SlowPageShape.allCases.map { SlowPage($0, size: $0.issueSize) }

    static func process(_ page: SlowPage, budget: Duration) throws(PageError) -> [PagepipeEvent] {
        let processor: PageProcessor
        do { processor = try PageProcessor(configuration: PageCoreConfiguration(maxPageDuration: budget)) } catch {
            preconditionFailure("the bundled classifier data does not load: \(error)")
        }
        return try processor.process(page.blob, hints: BlobHints(), source: .file(path: page.fileName))
    }

    @Test(arguments: pages)
    func finishesOrFailsAsTooSlowWithinTheDefaultBudget(page: SlowPage) {
        do {
            let events = try Self.process(page, budget: PageCoreConfiguration.defaultMaxPageDuration)
            #expect(events.count == 1, "\(page.fileName)")
        } catch {
            #expect(error.stage == .parse && error.reason == "tooSlow", "\(page.fileName): \(error)")
        }
    }

    /// No page of this size can be decoded, parsed and classified in a millisecond, so each must
    /// be stopped: a page that overruns its budget is a `parse/tooSlow` failure, whatever stage
    /// it was in.
    @Test(arguments: pages)
    func aBudgetTooSmallForThePageGivesTooSlow(page: SlowPage) {
        let error = #expect(throws: PageError.self) { try Self.process(page, budget: .milliseconds(1)) }
        #expect(error?.stage == .parse, "\(page.fileName)")
        #expect(error?.reason == "tooSlow", "\(page.fileName)")
    }

    /// The same shapes, just big enough to pass each cap.
    static let pagesOverTheCaps = [
        SlowPage(.unlistedAreas, size: EventCaps.articlesPerPage + 500), SlowPage(.titledAreas, size: EventCaps.articlesPerPage + 500),
        SlowPage(.editionLinks, size: EventCaps.editionPages + 500), SlowPage(.placeNames, size: 10 * EventCaps.districtsPerArticle),
    ]

    /// Without a deadline to stop them, the pages give events whose lists are cut at the caps,
    /// keeping the first entries in page or score order.
    @Test(arguments: pagesOverTheCaps)
    func eventsKeepToTheCaps(page: SlowPage) throws {
        let events = try Self.process(page, budget: .seconds(3600))
        try #require(events.count == 1)
        switch (page.shape, events[0]) {
        case (.unlistedAreas, .page(let event)), (.titledAreas, .page(let event)):
            // Tens of thousands of articles on the page: the title list first, then the map's.
            #expect(event.articles.count == EventCaps.articlesPerPage)
            #expect(event.articles.first?.href == "content_1.htm")
            #expect(Set(event.articles.map(\.href)).count == event.articles.count)
            #expect(event.edition.count == 8)
        case (.editionLinks, .page(let event)):
            #expect(event.edition.count == EventCaps.editionPages)
            #expect(event.edition.map(\.number) == (1...EventCaps.editionPages).map { "\($0)" })
            #expect(event.articles.count == 4)
        case (.placeNames, .article(let event)):
            #expect(event.districts.count == EventCaps.districtsPerArticle)
            #expect(event.districts.allSatisfy { $0.evidence.count <= EventCaps.evidencePerDivision })
            // `district` and `locality` are chosen among the entries kept, so each has its entry.
            let district = try #require(event.district)
            #expect(event.districts.contains { $0.name == district })
            if let locality = event.locality { #expect(event.districts.contains { $0.name == locality }) }
            #expect(zip(event.districts, event.districts.dropFirst()).allSatisfy { $0.score >= $1.score })
        default:
            Issue.record("\(page.fileName) gave an event of the other kind")
        }
    }
}

extension SlowPage: CustomTestStringConvertible {
    public var testDescription: String { fileName }
}
