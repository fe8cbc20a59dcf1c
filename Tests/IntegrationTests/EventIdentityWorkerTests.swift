import BrokerTestSupport
import Foundation
import Kafka
import Testing

/// Event ids through a real worker and broker: two different articles with the same title on one
/// page both reach `articles`, and a consumer that deduplicates by id (as `Protocols/topics.md`
/// tells it to) keeps both, while a redelivered page is recognised as the duplicate it is.
extension RealBrokerTests {
@Suite(.serialized) struct EventIdentityWorkerTests {
    @Test func sameTitleArticlesSurviveDeduplicationByID() throws {
        let brokers = try TestBroker.bootstrap()
        let unique = UUID().uuidString.prefix(8).lowercased()
        let input = "it.identity.\(unique)", suffix = ".identity-\(unique)"
        let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures/pages")
        // 图片新闻 twice (different bodies, no id of their own), 广告 twice (same text, own ids).
        let pages = ["same-title-1.html", "same-title-2.html", "ad-1.html", "ad-2.html"].map { fixtures.appendingPathComponent($0).path }
        try KafkaAdmin(cluster: .init(bootstrapServers: brokers)).createTopics([(name: input, partitions: 2)], timeoutMs: 10_000)
        // Each page twice: the second delivery is what a crash before the commit would resend.
        for _ in 0..<2 {
            let produced = try runTool(pagepipeBinary, ["produce", "--brokers", brokers, "--topic", input, "--log-level", "warning"] + pages)
            #expect(produced.status == 0, "\(produced.output)")
        }

        let worker = try WorkerProcess(brokers: brokers, group: "identity-\(unique)", input: input, suffix: suffix, extra: ["--exit-when-idle", "5"])
        let status = worker.waitForExit(seconds: 120)
        #expect(status == 0, "worker: \(worker.log)")

        let records = try TopicReader(brokers: brokers).records("articles\(suffix)")
        #expect(records.count == 8)
        var byID: [String: (title: String, hashes: Set<String>)] = [:]
        for record in records {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(record.value)) as? [String: Any])
            let id = try #require(event["id"] as? String)
            #expect(record.key.map { String(decoding: $0, as: UTF8.self) } == id)
            let title = try #require(event["title"] as? String)
            let hash = try #require(event["content_hash"] as? String)
            byID[id, default: (title, [])].hashes.insert(hash)
        }
        // Deduplicated by id: four articles, two of each title, each id with one text.
        #expect(byID.count == 4)
        #expect(byID.values.map(\.title).sorted() == ["图片新闻", "图片新闻", "广告", "广告"])
        #expect(byID.values.allSatisfy { $0.hashes.count == 1 }, "a redelivery must give the same content_hash under the same id")
    }
}
}
