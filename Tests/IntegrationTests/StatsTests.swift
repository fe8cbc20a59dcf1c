import BrokerTestSupport
import Foundation
import Kafka
import Testing

/// `pagepipe stats` on a topic of real events (made by `pagepipe parse` from the seed and a
/// hand-written page index), a redelivery, an event with a field added by a later version, and a
/// record that is no event: what it counts, as JSON and as tables.
@Suite struct StatsTests {
    /// The events `pagepipe parse` writes for one file, as record values.
    func parsedEvents(_ path: String) throws -> [[UInt8]] {
        let result = try runTool(pagepipeBinary, ["parse", path])
        try #require(result.status == 0, "pagepipe parse \(path): \(result.output)")
        return result.output.split(separator: "\n").map { Array($0.utf8) }
    }

    func object(_ value: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(value)) as? [String: Any])
    }

    @Test func countsEventsOnceByIDAndByPlaceAndReportsWhatIsNoEvent() throws {
        let brokers = try TestBroker.bootstrap()
        let seed = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds/000_725b41050449d912.txt").path
        let article = try #require(try parsedEvents(seed).first)
        let page = try #require(try parsedEvents(packageRoot.appendingPathComponent("Tests/Fixtures/pages/node-map-twice.html").path).first)
        var later = try object(article)
        later["added_by_a_later_version"] = ["anything": [1, 2]]
        let laterArticle = Array(try JSONSerialization.data(withJSONObject: later))
        let values = [article, article, laterArticle, page, Array("<html>不是事件".utf8)]

        let topic = "it.stats.\(UUID().uuidString.prefix(8).lowercased())"
        try KafkaAdmin(cluster: KafkaClusterConfiguration(bootstrapServers: brokers)).createTopics([(name: topic, partitions: 2)], timeoutMs: 10_000)
        let producer = try KafkaProducer(cluster: KafkaClusterConfiguration(bootstrapServers: brokers), logger: .init(label: "test.stats"))
        for value in values { try producer.send(KafkaOutgoingMessage(topic: topic, value: value)) { _ in } }
        try producer.flush(timeoutMs: 30_000)

        let json = try runTool(pagepipeBinary, ["stats", "--brokers", brokers, "--topic", topic, "--json", "--log-level", "warning"])
        try #require(json.status == 0, "\(json.output)")
        let counts = try object(Array(json.output.utf8))
        let articleObject = try object(article), pageObject = try object(page)
        let articleSection = try #require((articleObject["section"] as? [String: Any])?["slug"] as? String)
        let pageSection = try #require((pageObject["section"] as? [String: Any])?["slug"] as? String)
        let articlePaper = try #require(articleObject["paper"] as? String), pagePaper = try #require(pageObject["paper"] as? String)

        #expect(counts["total"] as? Int == values.count)
        #expect(counts["distinct_ids"] as? Int == 2, "a redelivery and a later version of one event are one id")
        #expect(counts["unreadable"] as? Int == 1)
        #expect(counts["schemas"] as? [String: Int] == ["pagepipe.article/v1": 3, "pagepipe.page/v1": 1])
        #expect(counts["sections"] as? [String: Int] == [articleSection: 3].merging([pageSection: 1], uniquingKeysWith: +))
        #expect(counts["papers"] as? [String: Int] == [articlePaper: 3].merging([pagePaper: 1], uniquingKeysWith: +))
        // The seed is about 五角场镇 first, in 杨浦区 (Shanghai); page events have no place.
        #expect(counts["districts"] as? [String: Int] == ["杨浦区": 3])
        #expect(counts["provinces"] as? [String: Int] == ["上海市": 3])

        let text = try runTool(pagepipeBinary, ["stats", "--brokers", brokers, "--topic", topic, "--log-level", "warning"])
        #expect(text.output.hasPrefix("\(topic): 5 events, 2 distinct ids, 1 unreadable"), "\(text.output)")
        #expect(text.output.contains("  by province:\n          3  上海市\n"), "\(text.output)")
    }
}
