import Foundation
import PageClassify
import PageCorpus
import PageModel
import Testing
@testable import PageCore

/// A newsroom's own pages label its articles for free: where a page name decided the section, the
/// editors filed the article. A model trained on those events (what `pagepipe topic-model train
/// --events` does) must name the topics of the same papers' head-less article regions, which print
/// no page name, better than the bundled model trained on other publishers' news.
@Suite struct OwnArchiveTopicModelTests {
    static let generator = CorpusGenerator(options: CorpusOptions(count: 900, seed: 4242, brokenFraction: 0))

    @Test func eventsFromNamedPagesTrainAModelThatNamesTheRegionsTopics() throws {
        let bundled = try PageProcessor()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pagepipe-own-archive-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var archive: [UInt8] = []
        var regions: [(article: ArticleEvent, page: CorpusPage, section: String)] = []
        for index in 0..<Self.generator.options.count {
            let page = Self.generator.page(at: index)
            guard page.expected.kind == .article else { continue }
            let source = EventSource.kafka(topic: "pages.raw", partition: 0, offset: Int64(index), timestampMs: nil, sourceURL: "corpus://own/\(page.fileName)")
            guard case .article(let event) = try bundled.process(page.blob, hints: page.hints, source: source).first else { continue }
            if page.expected.format == .articleRegion {
                // The section its editors gave it, from the page it was planned for but does not print.
                let planned = bundled.sections.section(forPageName: page.expected.plannedPageName, pageNumber: nil)
                regions.append((event, page, planned.slug))
            } else {
                archive += event.jsonBytes() + [0x0A]
            }
        }
        let archivePath = folder.appendingPathComponent("events.jsonl").path
        try Data(archive).write(to: URL(fileURLWithPath: archivePath))

        let examples = try TopicDataSet.read(path: archivePath)
        #expect(examples.format == .events)
        #expect(!examples.examples.isEmpty && examples.examples.allSatisfy { !TopicDataSet.placementSlugs.contains($0.topic) })
        var trainer = TopicTrainer()
        trainer.bucketBits = 16
        trainer.epochs = 4
        let own = trainer.train(examples.examples, name: "own-archive-test",
                                training: [TopicTrainingFile(path: "events.jsonl", sha256: examples.sha256, rows: examples.examples.count, heldOut: 0)])
        let modelPath = folder.appendingPathComponent("own.bin").path
        try Data(own.fileBytes()).write(to: URL(fileURLWithPath: modelPath))

        // Regions whose planned section is a topic the archive teaches (not front, special, …).
        let scored = regions.filter { own.topics.contains($0.section) }
        try #require(scored.count >= 40, "\(scored.count) regions")
        let withOwn = try PageProcessor(configuration: PageCoreConfiguration(topicModelFile: modelPath))
        var ownRight = 0, bundledRight = 0
        var bySection: [String: (own: Int, bundled: Int, total: Int)] = [:]
        for region in scored {
            let source = EventSource.kafka(topic: "pages.raw", partition: 0, offset: 0, timestampMs: nil, sourceURL: "corpus://own/\(region.page.fileName)")
            guard case .article(let event) = try withOwn.process(region.page.blob, hints: region.page.hints, source: source).first else {
                Issue.record("\(region.page.fileName) is no article")
                continue
            }
            #expect(event.topic?.model == "own-archive-test")
            #expect(event.section.source != .page || event.page?.number == "1", "a region prints no page name")
            let ownHit = event.topic?.slug == region.section, bundledHit = region.article.topic?.slug == region.section
            ownRight += ownHit ? 1 : 0
            bundledRight += bundledHit ? 1 : 0
            bySection[region.section, default: (0, 0, 0)].own += ownHit ? 1 : 0
            bySection[region.section, default: (0, 0, 0)].bundled += bundledHit ? 1 : 0
            bySection[region.section, default: (0, 0, 0)].total += 1
        }
        let ownShare = Double(ownRight) / Double(scored.count), bundledShare = Double(bundledRight) / Double(scored.count)
        print("own-archive topics on head-less regions: own model \(ownRight)/\(scored.count), bundled \(bundledRight)/\(scored.count); "
            + bySection.sorted { $0.key < $1.key }.map { "\($0.key) own \($0.value.own) bundled \($0.value.bundled) of \($0.value.total)" }.joined(separator: ", "))
        #expect(ownShare >= bundledShare + 0.2)
        // The sections whose pages carry their own vocabulary (体育, 文化, 经济) are learnt, not guessed.
        for section in ["sports", "culture", "economy"] {
            guard let counts = bySection[section], counts.total >= 3 else { continue }
            #expect(Double(counts.own) / Double(counts.total) >= 0.8, "\(section): \(counts)")
        }
    }
}
