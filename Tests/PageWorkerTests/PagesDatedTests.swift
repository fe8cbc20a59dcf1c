import Kafka
import PageCore
import PageCorpus
import PageModel
import PageWorker
import Testing
import TopicContract

/// `reprocess --pages-dated`: a page's events are published only when the page's own date is in
/// the range, ends included (`PageOutput`).
@Suite struct PagesDatedTests {
    static let processor = try! PageProcessor()

    static func output(dated range: ClosedRange<PageDate>?) throws -> PageOutput {
        let page = CorpusGenerator(options: CorpusOptions(count: 1, seed: 7, brokenFraction: 0)).page(at: 0)
        var headers: [KafkaHeader] = []
        if let encoding = page.hints.contentEncoding { headers.append(KafkaHeader(key: PagepipeHeader.contentEncoding, value: Array(encoding.utf8))) }
        if let type = page.hints.contentType { headers.append(KafkaHeader(key: PagepipeHeader.contentType, value: Array(type.utf8))) }
        let record = KafkaRecord(
            topic: "pages.raw", partition: 0, offset: 1, timestampMs: nil, key: Array(page.fileName.utf8), value: page.blob, headers: headers)
        var timings = StageTimings()
        return try PageOutput(record: record, processor: processor, router: TopicRouter(), pagesDated: range, timings: &timings)
    }

    /// The date every event of the corpus page carries.
    static func pageDate() throws -> PageDate {
        let dates = Set(try output(dated: nil).events.map { event -> String? in
            switch event {
            case .article(let article): article.date
            case .page(let page): page.date
            }
        })
        let date = try #require(dates.count == 1 ? dates.first ?? nil : nil, "one date for the page: \(dates)")
        return try PageDate(date)
    }

    @Test func aRangeHoldingThePageDateEndsIncludedKeepsEveryEvent() throws {
        let all = try Self.output(dated: nil)
        #expect(!all.messages.isEmpty)
        let date = try Self.pageDate()
        for range in [date...date, try PageDate(year: date.year, month: 1, day: 1)...date, date...(try PageDate(year: date.year, month: 12, day: 31))] {
            let kept = try Self.output(dated: range)
            #expect(kept.events.map(\.id) == all.events.map(\.id), "\(range)")
            #expect(kept.messages.count == all.messages.count)
        }
    }

    @Test func aRangeWithoutThePageDatePublishesNothing() throws {
        let date = try Self.pageDate()
        let before = try PageDate(year: date.year - 1, month: 1, day: 1)...PageDate(year: date.year - 1, month: 12, day: 31)
        let output = try Self.output(dated: before)
        #expect(output.events.isEmpty)
        #expect(output.messages.isEmpty)
    }
}
