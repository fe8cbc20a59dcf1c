import PageCorpus
import PageDecode
import PageModel
import Testing
@testable import PageCore

/// The whole page core against the generator's ground truth: every format (article regions
/// without head and with their bylines in the body among them), compression and charset the
/// corpus mixes, and every kind of broken blob.
@Suite struct CorpusAccuracyTests {
    static let processor = try! PageProcessor()
    static let generator = CorpusGenerator(options: CorpusOptions(count: 400, seed: 2024, brokenFraction: 0.08))

    @Test func intactPagesParseToTheirGroundTruth() throws {
        var articles = 0, titles = 0, nodes = 0, regions = 0, regionBylineStyles: Set<String> = []
        var articleIDs = Set<String>()
        var shapes: [String: Int] = [:]
        for index in 0..<Self.generator.options.count {
            let page = Self.generator.page(at: index)
            let expected = page.expected
            guard expected.kind != .broken else { continue }
            // As `pagepipe produce` sends it: the file name in the source-url header.
            let source = EventSource.kafka(topic: "pages.raw", partition: 0, offset: Int64(index), timestampMs: nil, sourceURL: "corpus://2024/\(page.fileName)")
            let events = try Self.processor.process(page.blob, hints: page.hints, source: source)
            if Set(expected.pageArticleTitles).count < expected.pageArticleTitles.count { shapes["repeated titles (\(expected.kind))", default: 0] += 1 }
            if let map = expected.imageMap { shapes["\(map) map", default: 0] += 1 }
            try #require(events.count == 1, "\(page.fileName)")
            switch events[0] {
            case .article(let event):
                articles += 1
                #expect(expected.kind == .article, "\(page.fileName)")
                #expect(event.paper == expected.paper, "\(page.fileName)")
                #expect(event.date == expected.date, "\(page.fileName)")
                #expect(event.page?.number == expected.pageNumber, "\(page.fileName)")
                #expect(event.page?.name == expected.pageName, "\(page.fileName)")
                #expect(event.authors == expected.authors, "\(page.fileName)")
                #expect(event.paragraphs.count == expected.paragraphCount, "\(page.fileName)")
                #expect(event.subheadings == expected.subheadings, "\(page.fileName)")
                #expect(event.pageArticles == expected.pageArticleTitles, "\(page.fileName)")
                #expect(event.contentID == expected.contentID, "\(page.fileName)")
                #expect(articleIDs.insert(event.id).inserted, "\(page.fileName): every page is another article, so another id")
                #expect(event.edition == expected.edition, "\(page.fileName)")
                let expectedLocality = expected.primaryDistrictLevel?.isTownLevel == true ? expected.primaryDistrict : nil
                #expect(event.district == expected.primaryDistrictParent, "\(page.fileName): \(event.districts.map(\.name))")
                #expect(event.locality == expectedLocality, "\(page.fileName): \(event.districts.map(\.name))")
                #expect(!event.districts.contains { expected.passingDistricts.contains($0.name) && $0.score > event.districts[0].score })
                // A plain-text rendering cannot tell "kicker + title" from "title + subtitle" when
                // the subtitle has no dash; the three lines together must still be right.
                let heading = [event.kicker, event.title, event.subtitle].compactMap { $0 }
                #expect(heading == [expected.kicker, expected.title, expected.subtitle].compactMap { $0 }, "\(page.fileName)")
                if event.title == expected.title { titles += 1 }
                if expected.format == .articleRegion {
                    regions += 1
                    #expect(event.kicker == expected.kicker && event.subtitle == expected.subtitle, "\(page.fileName)")
                    #expect(!event.paragraphs.contains { $0.hasPrefix("（记者") || $0.hasSuffix("评论员") }, "\(page.fileName)")
                    regionBylineStyles.insert(expected.authors.first?.hasSuffix("评论员") == true ? "collective" : "\(expected.authors.count)")
                }
            case .page(let event):
                nodes += 1
                #expect(expected.kind == .node, "\(page.fileName)")
                #expect(event.paper == expected.paper && event.date == expected.date, "\(page.fileName)")
                #expect(event.page.number == expected.pageNumber, "\(page.fileName)")
                #expect(event.articles.map(\.title) == expected.pageArticleTitles, "\(page.fileName) (\(expected.imageMap?.rawValue ?? "no") map)")
                #expect(event.articles.map(\.contentID) == expected.pageArticleContentIDs, "\(page.fileName)")
            }
        }
        #expect(articles > 200 && nodes > 40)
        // The shapes real pages have must be in the sample, or the checks above prove nothing about them.
        for shape in ["repeated titles (node)", "repeated titles (article)", "partial map", "repeated map", "full map"] {
            #expect(shapes[shape, default: 0] >= 3, "\(shape): \(shapes)")
        }
        #expect(regions > 40 && regionBylineStyles == ["collective", "1", "2"], "\(regions) regions, bylines \(regionBylineStyles)")
        #expect(Double(titles) >= 0.97 * Double(articles), "titles right: \(titles) of \(articles)")
    }

    @Test func brokenPagesFailAtTheRightStageWithTheRightReason() {
        var seen: Set<CorpusExpectation.BrokenReason> = []
        for index in 0..<Self.generator.options.count {
            let page = Self.generator.page(at: index)
            guard let reason = page.expected.brokenReason else { continue }
            seen.insert(reason)
            let result = Result { () throws(PageError) in try Self.processor.process(page.blob, hints: page.hints, source: .file(path: page.fileName)) }
            switch (reason, result) {
            case (.wrongCharset, .success(let events)):
                #expect(events.count == 1, "a mislabelled charset is recovered: \(page.fileName)")
            case (.truncatedGzip, .failure(let error)):
                #expect(error.stage == .decode && error.reason == "truncated", "\(error)")
            case (.binaryGarbage, .failure(let error)):
                #expect(error.stage == .decode && ["binary", "undecodable"].contains(error.reason), "\(error)")
            case (.missingTitle, .failure(let error)):
                #expect(error.stage == .parse && error.reason == "noTitle", "\(error)")
            default:
                Issue.record("\(page.fileName) (\(reason)) gave \(result)")
            }
        }
        #expect(seen == Set(CorpusExpectation.BrokenReason.allCases))
    }

    @Test func eventsAreByteIdenticalAcrossRuns() throws {
        for index in 0..<40 {
            let page = Self.generator.page(at: index)
            guard page.expected.kind != .broken else { continue }
            let source = EventSource.kafka(topic: "pages.raw", partition: 1, offset: Int64(index), timestampMs: 1, sourceURL: nil)
            let first = try Self.processor.process(page.blob, hints: page.hints, source: source).map { $0.jsonBytes() }
            let second = try PageProcessor().process(page.blob, hints: page.hints, source: source).map { $0.jsonBytes() }
            #expect(first == second)
        }
    }
}
